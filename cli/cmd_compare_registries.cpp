// `zoolab compare-registries [--seed S] [--duration T] [--faults PLAN]`: a ZooKeeper registry (CP)
// and an Eureka-like registry (AP) under the same seed and fault plan, side by side.
#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

#include "cli/commands.h"
#include "sim/compare/registry_compare.h"
#include "sim/scenario/value_parse.h"

namespace zoolab::cli {
namespace {

struct RegistryCompareArgs {
  uint64_t seed = 1;
  std::string duration;
  std::string faults = "default";
  int providers = 8;
  std::string probe = "100ms";
  int32_t session_timeout_ms = 30000;
  bool checkers = false;
  bool list = false;
  std::string print_scenario;
};

int run_registry_compare(const RegistryCompareArgs& a) {
  namespace cmp = sim::compare;
  if (a.list) {
    std::printf("fault plans (comma-separated; `default` = %s, `all` = every one):\n", cmp::default_plan_text().c_str());
    for (const cmp::FaultSpec& s : cmp::fault_specs()) std::printf("  %-28s %s\n", s.name, s.help);
    return kExitOk;
  }
  cmp::CompareOptions o;
  o.seed = a.seed;
  o.faults = a.faults;
  o.providers = a.providers;
  o.session_timeout_ms = a.session_timeout_ms;
  o.checkers = a.checkers;
  std::string why;
  if (!a.duration.empty()) {
    o.duration = sim::scenario_text::parse_duration(a.duration, &why);
    if (!o.duration) return std::fprintf(stderr, "error: --duration %s: %s\n", a.duration.c_str(), why.c_str()), kExitBrokenInput;
  }
  const auto probe = sim::scenario_text::parse_duration(a.probe, &why);
  if (!probe) return std::fprintf(stderr, "error: --probe-interval %s: %s\n", a.probe.c_str(), why.c_str()), kExitBrokenInput;
  o.probe_interval = *probe;
  try {
    if (!a.print_scenario.empty()) {
      const auto plan = cmp::make_plan(o.faults, core::Time{} + core::seconds(60), core::seconds(30));
      const core::Time end = o.duration ? core::Time{} + *o.duration : (plan.empty() ? core::Time{} + core::seconds(120) : plan.back().until + core::seconds(30));
      std::fputs((a.print_scenario == "eureka" ? cmp::eureka_side_text(o, plan, end) : cmp::zookeeper_side_text(o, plan, end)).c_str(), stdout);
      return kExitOk;
    }
    const auto start = std::chrono::steady_clock::now();
    const cmp::CompareReport r = cmp::compare_registries(o);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fputs(cmp::format_report(r).c_str(), stdout);
    const double sim_s = static_cast<double>((r.end - core::Time{}).ns) / 1e9;
    std::printf("speed: %.2f s wall, %.0f events/s, %.0f simulated-s per wall-s (both worlds)\n", wall,
                static_cast<double>(r.zk.events + r.eureka.events) / wall, 2 * sim_s / wall);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitBrokenInput;
  }
  return kExitOk;
}

}  // namespace

void add_compare_registries_command(CLI::App& app, int* status) {
  auto args = std::make_shared<RegistryCompareArgs>();
  auto* cmd = app.add_subcommand("compare-registries",
                                 "ZooKeeper (CP) vs an Eureka-like registry (AP) under one seed and fault plan: availability, outages, staleness");
  cmd->add_option("--seed", args->seed, "random seed of both worlds")->check(seed_validator());
  cmd->add_option("--duration", args->duration, "simulated time (default: until 30 s after the last fault), e.g. 120s, 10m");
  cmd->add_option("--faults", args->faults, "comma-separated fault plan (see --list-faults); default, all");
  cmd->add_option("--providers", args->providers, "number of providers p1..pN (default 8)");
  cmd->add_option("--probe-interval", args->probe, "how often each consumer probes a registration and a lookup (default 100ms)");
  cmd->add_option("--session-timeout", args->session_timeout_ms, "ZooKeeper clients' session timeout in ms (default 30000)");
  cmd->add_flag("--checkers", args->checkers, "run the invariant checkers too (slower)");
  cmd->add_flag("--list-faults", args->list, "list the fault names and exit");
  cmd->add_option("--print-scenario", args->print_scenario, "print the zookeeper or eureka side's .zls and exit")
      ->check(CLI::IsMember({"zookeeper", "eureka"}));
  cmd->callback([args, status] { *status = run_registry_compare(*args); });
}

}  // namespace zoolab::cli
