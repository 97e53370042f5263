// `zoolab compare-locks [--clients N] [--duration T] [--faults PLAN] [--seed S] [--fencing]`:
// every lock variant under the same seed, workload and fault plan, one table row each.
// `--print VARIANT` shows the generated scenario instead (replay it with `zoolab run` or the GUI).
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/cli_text.h"
#include "sim/duel/lock_duel.h"
#include "sim/scenario/value_parse.h"

namespace zoolab::cli {
namespace {

struct LockCompareArgs {
  int clients = 3;
  std::string duration = "120s";
  std::string faults = "gc-pause";
  std::string at = "20s";
  std::string lease = "30s";
  std::string session_timeout = "10s";
  std::string seed = "1";
  bool fencing = false;
  std::vector<std::string> variants;
  std::string print;
};

int run_lock_compare(const LockCompareArgs& a) {
  namespace duel = sim::duel;
  duel::DuelOptions o;
  o.clients = a.clients;
  const auto plan = duel::parse_plan(a.faults);
  if (!plan) {
    std::fprintf(stderr, "compare-locks: unknown fault plan `%s`; expected one of %s\n", a.faults.c_str(),
                 duel::plan_names_joined().c_str());
    return kExitBrokenInput;
  }
  o.plan = *plan;
  const auto dur = duration_option("--duration", a.duration), at = duration_option("--at", a.at),
             lease = duration_option("--lease", a.lease), st = duration_option("--session-timeout", a.session_timeout);
  if (!dur || !at || !lease || !st) return kExitBrokenInput;
  o.duration = *dur;
  o.fault_at = *at;
  o.lease = *lease;
  o.session_timeout = *st;
  o.seed = *sim::scenario_text::parse_uint(a.seed, UINT64_MAX);
  o.fencing = a.fencing;
  if (o.lease < core::seconds(1)) {
    std::fprintf(stderr, "compare-locks: --lease must be at least 1s (memcached counts whole seconds)\n");
    return kExitBrokenInput;
  }
  const core::Duration needed = o.fault_at + std::max(o.lease, o.session_timeout) + core::seconds(15);
  if (o.plan != duel::FaultPlan::kNone && o.duration < needed) {
    std::fprintf(stderr, "compare-locks: --duration %s is too short for plan %s at %s; use at least %s\n",
                 a.duration.c_str(), a.faults.c_str(), a.at.c_str(), core::format_duration(needed).c_str());
    return kExitBrokenInput;
  }
  for (const std::string& name : a.variants) {
    const auto v = core::locks::parse_variant(name);
    if (!v) {
      std::fprintf(stderr, "compare-locks: unknown lock variant `%s`; expected one of %s\n", name.c_str(),
                   core::locks::variant_names_joined().c_str());
      return kExitBrokenInput;
    }
    o.variants.push_back(*v);
  }
  if (!a.print.empty()) {
    const auto v = core::locks::parse_variant(a.print);
    if (!v) {
      std::fprintf(stderr, "compare-locks: unknown lock variant `%s`; expected one of %s\n", a.print.c_str(),
                   core::locks::variant_names_joined().c_str());
      return kExitBrokenInput;
    }
    std::fputs(duel::duel_scenario(o, *v).c_str(), stdout);
    return kExitOk;
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<duel::DuelRow> rows;
  uint64_t events = 0;
  for (core::locks::LockVariant v : o.variants.empty() ? core::locks::all_variants() : o.variants) {
    rows.push_back(duel::run_duel(o, v));
    events += rows.back().events;
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fputs(duel::format_table(o, rows).c_str(), stdout);
  fmt::print("{} runs, {} events in {:.2f}s wall ({:.0f}k events/s); replay a row: zoolab compare-locks --print VARIANT ... > row.zls\n",
             rows.size(), events, wall, wall > 0 ? static_cast<double>(events) / wall / 1000 : 0.0);
  return kExitOk;
}

}  // namespace

void add_compare_locks_command(CLI::App& app, int* status) {
  auto args = std::make_shared<LockCompareArgs>();
  CLI::App* cmd = app.add_subcommand("compare-locks", "run every lock variant under the same seed and fault plan and compare them");
  cmd->add_option("--clients", args->clients, "lock workers per variant")->check(CLI::Range(1, 50));
  cmd->add_option("--duration", args->duration, "simulated time per variant (default 120s)");
  cmd->add_option("--faults", args->faults, "fault plan: " + sim::duel::plan_names_joined());
  cmd->add_option("--at", args->at, "when the fault plan arms (default 20s)");
  cmd->add_option("--lease", args->lease, "Redis/memcached lock lease (default 30s)");
  cmd->add_option("--session-timeout", args->session_timeout, "ZooKeeper session timeout (default 10s)");
  cmd->add_option("--seed", args->seed, "seed")->check(seed_validator());
  cmd->add_flag("--fencing", args->fencing, "the resource checks fencing tokens (Redis INCR counter, lock node czxid)");
  cmd->add_option("--variant", args->variants, "only these variants (repeatable): " + core::locks::variant_names_joined());
  cmd->add_option("--print", args->print, "print the scenario of one variant's row instead of running");
  cmd->callback([args, status] { *status = run_lock_compare(*args); });
}

}  // namespace zoolab::cli
