// `zoolab fuzz --seeds 1..1000`: generated scenarios (ensemble, zkCli workload, swarm faults)
// run with the invariant checkers and a liveness probe; failures are written as replayable .zls
// files, minimised, and summed up with the sweep's speed. --jobs forks worker processes that
// report over pipes; --shard K/N splits a sweep over machines.
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/cli_text.h"
#include "sim/explore/fuzz_run.h"
#include "sim/explore/generate.h"
#include "sim/explore/minimise.h"
#include "sim/explore/seeds.h"
#include "sim/scenario/value_parse.h"

namespace zoolab::cli {
namespace {

namespace fs = std::filesystem;
namespace ex = sim::explore;
using Clock = std::chrono::steady_clock;

struct FuzzArgs {
  std::string seeds = "1..100";
  int servers = 3;
  std::string faults = "all";
  unsigned jobs = 1;
  std::string shard;
  std::string duration = "60s";
  std::string liveness = "30s";
  std::string out = "fuzz-out";
  bool no_minimise = false;
  size_t minimise_runs = 200;
  bool print = false;
  std::vector<std::string> bugs;
};

struct Plan {
  ex::FuzzConfig config;
  std::vector<uint64_t> seeds;  // this shard's
  ex::Shard shard;
  fs::path out;
  bool minimise = true;
  ex::MinimiseOptions minimise_options;
};

// One protocol line from a worker: "S seed" (starting), "P line<TAB>line..." (a block printed
// to stdout in one piece, so workers never interleave inside a report), "R seed events end_ns
// kind minimise_runs minimise_us" (result; kind is ok, liveness, error or a checker name).
using Emit = std::function<void(const std::string&)>;

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

std::string block(const std::vector<std::string>& lines) {
  std::string out = "P ";
  for (size_t i = 0; i < lines.size(); ++i)
    out += (i ? "\t" : "") + one_line(lines[i]);
  return out;
}

std::string seconds_text(core::Duration d) {
  return fmt::format("{:.3f}s", static_cast<double>(d.ns) / 1e9);
}

bool write_file(const fs::path& path, const std::string& text, std::string* why) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream f(path, std::ios::binary);
  f << text;
  f.close();
  if (!f) {
    *why = "cannot write " + path.string();
    return false;
  }
  return true;
}

std::string describe_failure(const ex::GeneratedScenario& g, const ex::SeedOutcome& o) {
  if (!o.error.empty()) return fmt::format("ERROR seed {}: {}", g.seed, one_line(o.error));
  if (o.violation) {
    const sim::check::Violation& v = *o.violation;
    return fmt::format("VIOLATION {} seed {} at {}s (event {}): {}", v.checker, g.seed,
                       core::format_seconds(v.time), v.event, one_line(v.text));
  }
  return fmt::format(
      "LIVENESS seed {}: `{}: create {} x` was not confirmed within {} after the recovery", g.seed,
      g.probe.client, g.probe.path, seconds_text(g.probe.deadline - g.probe.from));
}

// Runs the seeds and reports each over `emit`. Failing scenarios go to plan.out.
void run_worker(const Plan& plan, const std::vector<uint64_t>& seeds, const Emit& emit) {
  for (uint64_t seed : seeds) {
    emit(fmt::format("S {}", seed));
    const ex::GeneratedScenario g = ex::generate_scenario(seed, plan.config);
    const ex::SeedOutcome o = ex::run_seed(g);
    const std::string kind = o.failed() ? o.failure_name() : "ok";
    size_t minimise_runs = 0;
    int64_t minimise_us = 0;
    if (o.failed()) {
      const fs::path file = plan.out / fmt::format("seed-{}.zls", seed);
      std::string why;
      emit(block({describe_failure(g, o), write_file(file, g.text, &why)
                                              ? "  replay: zoolab run " + file.string()
                                              : "  " + why}));
      if (plan.minimise) {
        const auto started = Clock::now();
        const ex::MinimiseResult m = ex::minimise_failure(g, o, plan.minimise_options);
        minimise_us =
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
        minimise_runs = m.runs;
        const fs::path min_file = plan.out / fmt::format("seed-{}-min.zls", seed);
        if (write_file(min_file, m.text, &why)) {
          emit(block(
              {fmt::format("  seed {} minimised ({} fault and {} workload lines dropped in {} "
                           "runs{}): zoolab run {}",
                           seed, m.dropped_faults, m.dropped_workload, m.runs,
                           m.budget_exhausted ? ", run budget spent" : "", min_file.string())}));
        } else {
          emit(block({"  " + why}));
        }
      }
    }
    emit(fmt::format("R {} {} {} {} {} {}", seed, o.events, o.end.ns, kind, minimise_runs,
                     minimise_us));
  }
}

// The parent's view of the sweep: totals, the progress line, the summary.
class Sweep {
 public:
  Sweep(const Plan& plan, unsigned jobs)
      : plan_(plan), jobs_(jobs), tty_(isatty(STDERR_FILENO) != 0) {}

  void handle(const std::string& line) {
    if (line.size() < 2) return;
    const std::string body = line.substr(2);
    if (line[0] == 'P') {
      clear_progress();
      size_t start = 0;
      for (size_t tab = body.find('\t'); tab != std::string::npos;
           start = tab + 1, tab = body.find('\t', start))
        fmt::print("{}\n", body.substr(start, tab - start));
      fmt::print("{}\n", body.substr(start));
      std::fflush(stdout);
    } else if (line[0] == 'R') {
      unsigned long long seed = 0, events = 0, min_runs = 0;
      long long end_ns = 0, min_us = 0;
      char kind[128] = {};
      if (std::sscanf(body.c_str(), "%llu %llu %lld %127s %llu %lld", &seed, &events, &end_ns, kind,
                      &min_runs, &min_us) != 6)
        return;
      ++done_;
      events_ += events;
      sim_ns_ += static_cast<double>(end_ns);
      minimise_runs_ += min_runs;
      minimise_s_ += static_cast<double>(min_us) / 1e6;
      const std::string k = kind;
      if (k != "ok") {
        failing_[seed] = k;
        if (k == "liveness")
          ++liveness_;
        else if (k == "error")
          ++errors_;
        else
          ++violations_[k];
      }
      progress(false);
    }
  }

  // A worker died (signal or abort) while it ran `seed`.
  void worker_died(std::optional<uint64_t> seed, int status, size_t lost) {
    clear_progress();
    const std::string how = WIFSIGNALED(status)
                                ? fmt::format("signal {}", WTERMSIG(status))
                                : fmt::format("exit status {}", WEXITSTATUS(status));
    if (seed) {
      ++errors_;
      failing_[*seed] = "crash";
      fmt::print("CRASH seed {}: the worker died ({})\n", *seed, how);
      const ex::GeneratedScenario g = ex::generate_scenario(*seed, plan_.config);
      const fs::path file = plan_.out / fmt::format("seed-{}.zls", *seed);
      std::string why;
      if (write_file(file, g.text, &why)) fmt::print("  replay: zoolab run {}\n", file.string());
    } else {
      fmt::print("a worker died ({})\n", how);
    }
    if (lost > 0) {
      lost_ += lost;
      fmt::print("  {} seed(s) of that worker were not run\n", lost);
    }
    std::fflush(stdout);
  }

  void progress(bool force) {
    const auto now = Clock::now();
    const double since = std::chrono::duration<double>(now - last_progress_).count();
    if (tty_) {
      if (!force && since < 0.2) return;
      fmt::print(stderr, "\r\033[K{}", status_line());
      shown_ = true;
    } else {
      if (!force && since < 10.0) return;
      fmt::print(stderr, "{}\n", status_line());
    }
    std::fflush(stderr);
    last_progress_ = now;
  }

  void clear_progress() {
    if (tty_ && shown_) fmt::print(stderr, "\r\033[K");
    shown_ = false;
  }

  int summary() {
    clear_progress();
    const double wall = wall_s();
    size_t violations = 0;
    std::string by_checker;
    for (const auto& [name, n] : violations_) {
      violations += n;
      by_checker += fmt::format("{}{} {}", by_checker.empty() ? " (" : ", ", n, name);
    }
    if (!by_checker.empty()) by_checker += ")";
    fmt::print(
        "fuzz summary: {} seeds (shard {}/{}, {} voters, faults {}, {} + liveness {}, jobs {}) | "
        "{} violations{} | "
        "{} liveness failures | {} errors\n",
        done_, plan_.shard.index, plan_.shard.count, plan_.config.servers,
        plan_.config.faults.empty() ? std::string("none")
                                    : ex::fault_kind_list(plan_.config.faults),
        core::format_duration(plan_.config.duration), core::format_duration(plan_.config.liveness),
        jobs_, violations, by_checker, liveness_, errors_);
    // Seeds' own runs only; the minimiser's runs are counted apart (they are extra work).
    fmt::print("  {:.1f} sim-s in {:.2f} wall-s | {} sim-s/wall-s | {} events/s | {} seeds/s\n",
               sim_ns_ / 1e9, wall, per_second(sim_ns_ / 1e9, wall),
               per_second(static_cast<double>(events_), wall),
               per_second(static_cast<double>(done_), wall));
    if (minimise_runs_ > 0)
      fmt::print("  (wall time includes the minimiser: {} runs, {:.2f} worker-s)\n", minimise_runs_,
                 minimise_s_);
    if (!failing_.empty()) {
      std::string list;
      for (const auto& [seed, kind] : failing_)
        list += fmt::format("{}{} ({})", list.empty() ? "" : ", ", seed, kind);
      fmt::print("  failing seeds: {}\n", list);
    }
    if (lost_ > 0) fmt::print("  {} seeds were not run (a worker died)\n", lost_);
    return failing_.empty() && lost_ == 0 ? kExitOk : kExitFailed;
  }

 private:
  double wall_s() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  std::string status_line() const {
    const double wall = wall_s();
    size_t violations = 0;
    for (const auto& [name, n] : violations_)
      violations += n;
    return fmt::format(
        "fuzz: {}/{} seeds | {} violations | {} liveness failures | {} errors | {} events/s | {} "
        "sim-s/wall-s",
        done_, plan_.seeds.size(), violations, liveness_, errors_,
        per_second(static_cast<double>(events_), wall), per_second(sim_ns_ / 1e9, wall));
  }

  const Plan& plan_;
  unsigned jobs_;
  bool tty_;
  bool shown_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_progress_ = Clock::now();
  size_t done_ = 0, liveness_ = 0, errors_ = 0, lost_ = 0, minimise_runs_ = 0;
  uint64_t events_ = 0;
  double sim_ns_ = 0, minimise_s_ = 0;
  std::map<std::string, size_t> violations_;
  std::map<uint64_t, std::string> failing_;
};

bool write_all(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    const ssize_t n = ::write(fd, s.data() + off, s.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

struct Worker {
  pid_t pid = -1;
  int fd = -1;
  std::string buffer;
  std::vector<uint64_t> seeds;
  size_t finished = 0;
  std::optional<uint64_t> current;
};

// Forks `jobs` workers, each with every jobs-th seed of the shard, and feeds their lines to
// the sweep as they arrive.
void run_parallel(const Plan& plan, unsigned jobs, Sweep& sweep) {
  std::fflush(stdout);
  std::fflush(stderr);
  std::vector<Worker> workers(jobs);
  for (unsigned j = 0; j < jobs; ++j) {
    Worker& w = workers[j];
    w.seeds = ex::worker_seeds(plan.seeds, j, jobs);
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      ::close(fds[0]);
      for (unsigned k = 0; k < j; ++k)
        ::close(workers[k].fd);
      run_worker(plan, w.seeds, [fd = fds[1]](const std::string& line) {
        if (!write_all(fd, line + "\n")) ::_exit(3);
      });
      ::_exit(0);
    }
    ::close(fds[1]);
    w.pid = pid;
    w.fd = fds[0];
  }
  const auto handle = [&](Worker& w, const std::string& line) {
    if (line.starts_with("S ")) w.current = std::stoull(line.substr(2));
    if (line.starts_with("R ")) {
      w.current.reset();
      ++w.finished;
    }
    sweep.handle(line);
  };
  for (;;) {
    std::vector<pollfd> fds;
    std::vector<Worker*> owners;
    for (Worker& w : workers) {
      if (w.fd < 0) continue;
      fds.push_back({w.fd, POLLIN, 0});
      owners.push_back(&w);
    }
    if (fds.empty()) break;
    const int ready = ::poll(fds.data(), fds.size(), 250);
    if (ready < 0 && errno != EINTR) break;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents == 0) continue;
      Worker& w = *owners[i];
      char buf[4096];
      const ssize_t n = ::read(w.fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ::close(w.fd);
        w.fd = -1;
        continue;
      }
      w.buffer.append(buf, static_cast<size_t>(n));
      for (size_t nl = w.buffer.find('\n'); nl != std::string::npos; nl = w.buffer.find('\n')) {
        handle(w, w.buffer.substr(0, nl));
        w.buffer.erase(0, nl + 1);
      }
    }
    sweep.progress(false);
  }
  for (Worker& w : workers) {
    int status = 0;
    while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) continue;
    const size_t lost = w.seeds.size() - w.finished - (w.current ? 1 : 0);
    sweep.worker_died(w.current, status, lost);
  }
}

int fuzz(const FuzzArgs& args) {
  Plan plan;
  std::string why;
  const std::optional<std::vector<uint64_t>> seeds = ex::parse_seed_set(args.seeds, &why);
  if (!seeds) {
    fmt::print(stderr, "error: --seeds: {}\n", why);
    return kExitBrokenInput;
  }
  if (!args.shard.empty()) {
    const std::optional<ex::Shard> shard = ex::parse_shard(args.shard, &why);
    if (!shard) {
      fmt::print(stderr, "error: --shard: {}\n", why);
      return kExitBrokenInput;
    }
    plan.shard = *shard;
  }
  const std::optional<std::vector<ex::FaultKind>> faults = ex::parse_fault_kinds(args.faults, &why);
  if (!faults) {
    fmt::print(stderr, "error: --faults: {}\n", why);
    return kExitBrokenInput;
  }
  const std::optional<core::Duration> duration = duration_option("--duration", args.duration, true);
  const std::optional<core::Duration> liveness = duration_option("--liveness", args.liveness, true);
  if (!duration || !liveness) return kExitBrokenInput;
  plan.config.servers = args.servers;
  plan.config.faults = *faults;
  plan.config.duration = *duration;
  plan.config.liveness = *liveness;
  for (const std::string& bug : args.bugs) {
    if (bug.empty() ||
        bug.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
      fmt::print(stderr,
                 "error: --bug: `{}` is not a bug name; expected lower-case words joined by -, "
                 "like ack-before-fsync\n",
                 bug);
      return kExitBrokenInput;
    }
  }
  plan.config.bugs = args.bugs;
  plan.seeds = ex::shard_seeds(*seeds, plan.shard);
  plan.out = args.out;
  plan.minimise = !args.no_minimise;
  plan.minimise_options.max_runs = args.minimise_runs;

  if (args.print) {
    for (uint64_t seed : plan.seeds)
      fmt::print("{}", ex::generate_scenario(seed, plan.config).text);
    return kExitOk;
  }
  const unsigned jobs = static_cast<unsigned>(
      std::min<size_t>(std::max(1u, args.jobs), std::max<size_t>(1, plan.seeds.size())));
  Sweep sweep(plan, jobs);
  if (jobs == 1) {
    run_worker(plan, plan.seeds, [&](const std::string& line) { sweep.handle(line); });
  } else {
    try {
      run_parallel(plan, jobs, sweep);
    } catch (const std::runtime_error& e) {
      fmt::print(stderr, "error: {}\n", e.what());
      return kExitBrokenInput;
    }
  }
  return sweep.summary();
}

}  // namespace

void add_fuzz_command(CLI::App& app, int* status) {
  auto args = std::make_shared<FuzzArgs>();
  CLI::App* cmd = app.add_subcommand(
      "fuzz",
      "Run generated scenarios (ensemble, zkCli workload, random faults) with the checkers");
  cmd->add_option("--seeds", args->seeds,
                  "Seeds: N, A..B or a comma-separated mix (default 1..100)");
  cmd->add_option("--servers", args->servers, "Voters in the ensemble (default 3)")
      ->check(CLI::Range(1, 15));
  cmd->add_option("--faults", args->faults,
                  "Fault kinds a seed may enable (swarm: each seed picks a subset): " +
                      ex::fault_kind_list(ex::all_fault_kinds()) + ", all (default) or none");
  cmd->add_option("--jobs,-j", args->jobs, "Worker processes (default 1)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--shard", args->shard,
                  "Only this share of the seeds: K/N takes every N-th seed from the K-th");
  cmd->add_option("--duration", args->duration, "Length of the fault phase (default 60s)");
  cmd->add_option("--liveness", args->liveness,
                  "After the recovery a write must be confirmed within this (default 30s)");
  cmd->add_option("--out", args->out, "Folder for failing scenarios (default fuzz-out)");
  cmd->add_flag("--no-minimise,--no-minimize", args->no_minimise,
                "Do not minimise failing scenarios");
  cmd->add_option("--minimise-runs", args->minimise_runs,
                  "Runs the minimiser may spend per failure (default 200)");
  cmd->add_flag("--print", args->print, "Print the generated scenarios instead of running them");
  cmd->add_option(
         "--bug", args->bugs,
         "Switch a protocol bug on in every server (header key bug.NAME=on), to check that the "
         "fuzzer finds it; repeatable or comma-separated")
      ->delimiter(',');
  cmd->callback([args, status] { *status = fuzz(*args); });
}

}  // namespace zoolab::cli
