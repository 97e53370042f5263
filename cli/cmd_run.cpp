// `zoolab run FILE`: plays a scenario headless, printing its trace, captions and expectations,
// then a summary with the trace hash and the speed (OMNeT++'s events/s and simulated-s/wall-s).
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/scenario_files.h"
#include "cli/trace_output.h"
#include "sim/scenario/run.h"
#include "sim/scenario/value_parse.h"

namespace zoolab::cli {
namespace {

struct RunArgs {
  std::string file;
  std::optional<uint64_t> seed;
  std::string until;
  std::string trace_path;
  bool quiet = false;
};

// Prints what a run wrote since the last call: trace records (captions and expectation
// results in their own form) and, with --trace, the same records as JSON Lines.
class RunPrinter {
 public:
  RunPrinter(const sim::Run& run, bool quiet, std::FILE* json)
      : run_(run), quiet_(quiet), json_(json) {}

  void flush() {
    const std::vector<sim::TraceRecord>& records = run_.trace().records;
    for (; next_record_ < records.size(); ++next_record_) {
      const sim::TraceRecord& r = records[next_record_];
      if (json_ != nullptr) fmt::print(json_, "{}\n", json_record(r, run_.world()));
      if (r.kind == sim::RecordKind::kExpect) {
        print_expect(r);
      } else if (!quiet_) {
        print_record(r);
      }
    }
  }

  size_t failed() const { return failed_; }
  size_t passed() const { return passed_; }

 private:
  void print_expect(const sim::TraceRecord& r) {
    const std::vector<sim::ExpectResult>& results = run_.expect_results();
    if (next_expect_ >= results.size()) return;
    const sim::ExpectResult& result = results[next_expect_++];
    (result.passed ? passed_ : failed_) += 1;
    if (!quiet_ || !result.passed) fmt::print("{}\n", expect_line(r.time, result, run_.scenario()));
  }

  void print_record(const sim::TraceRecord& r) {
    // One script step fires per event, so the current caption is the one this record announces.
    const std::optional<uint32_t> caption = run_.current_caption();
    if (r.kind == sim::RecordKind::kCaption && caption) {
      const auto* say = std::get_if<sim::SayStep>(&run_.scenario().steps.at(*caption).body);
      if (say != nullptr) {
        fmt::print("{}", caption_lines(r.time, *say));
        return;
      }
    }
    fmt::print("{}\n", trace_line(r, run_.world()));
  }

  const sim::Run& run_;
  bool quiet_;
  std::FILE* json_;
  size_t next_record_ = 0;
  size_t next_expect_ = 0;
  size_t passed_ = 0, failed_ = 0;
};

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

std::string per_second(double count, double wall_seconds) {
  const double rate = count / (wall_seconds > 1e-9 ? wall_seconds : 1e-9);
  if (rate >= 1e6) return fmt::format("{:.2f}M", rate / 1e6);
  if (rate >= 1e3) return fmt::format("{:.1f}k", rate / 1e3);
  return fmt::format("{:.0f}", rate);
}

int run_scenario(const RunArgs& args) {
  const std::shared_ptr<const sim::Scenario> sc = load_or_report(args.file);
  if (!sc) return kExitBrokenInput;
  sim::RunOptions options;
  if (!args.until.empty()) {
    std::string why;
    const std::optional<core::Duration> until =
        sim::scenario_text::parse_duration(args.until, &why);
    if (!until) {
      fmt::print(stderr, "error: --until: {}; expected {}\n", why,
                 sim::scenario_text::kDurationHint);
      return kExitBrokenInput;
    }
    options.until = core::Time{until->ns};
  }
  const uint64_t seed = args.seed.value_or(sc->seed.value_or(1));

  std::unique_ptr<std::FILE, FileCloser> json;
  if (!args.trace_path.empty()) {
    json.reset(std::fopen(args.trace_path.c_str(), "w"));
    if (!json) {
      fmt::print(stderr, "error: cannot write the trace file {}\n", args.trace_path);
      return kExitBrokenInput;
    }
  }

  const auto wall_start = std::chrono::steady_clock::now();
  std::unique_ptr<sim::Run> run;
  try {
    run = std::make_unique<sim::Run>(sc, seed, sim::product_processes(), options);
  } catch (const std::runtime_error& e) {  // a process kind no program implements
    fmt::print(stderr, "{}\n", e.what());
    return kExitBrokenInput;
  }
  RunPrinter printer(*run, args.quiet, json.get());
  printer.flush();
  while (run->step())
    printer.flush();
  run->run_to_end();
  printer.flush();
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  const sim::World& w = run->world();
  const double simulated_s = static_cast<double>(w.now().ns) / 1e9;
  const std::string wall =
      wall_s < 1 ? fmt::format("{:.1f}ms", wall_s * 1e3) : fmt::format("{:.2f}s", wall_s);
  fmt::print(
      "summary: {} passed, {} failed | seed {} | {} events | {}s simulated in {} | {} events/s | "
      "{} simulated-s/wall-s | trace-hash: {}\n",
      printer.passed(), printer.failed(), seed, w.events_fired(), core::format_seconds(w.now()),
      wall, per_second(static_cast<double>(w.events_fired()), wall_s),
      per_second(simulated_s, wall_s), sim::format_hash(w.trace_hash()));
  // A violation fails the run unless the scenario names its checker (`expect violation NAME`).
  const size_t unexpected = run->unexpected_violations().size();
  if (unexpected > 0)
    fmt::print("{} unexpected invariant violation(s); a lesson that shows one says `expect violation NAME`\n",
               unexpected);
  return printer.failed() == 0 && unexpected == 0 ? kExitOk : kExitFailed;
}

}  // namespace

void add_run_command(CLI::App& app, int* status) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario headless and print its trace");
  cmd->add_option("file", args->file, "Scenario file (.zls)")->required();
  CLI::Option* seed = cmd->add_option("--seed", "Seed (default: the scenario's seed line, else 1)")
                          ->check(seed_validator());
  cmd->add_option("--until", args->until, "Stop at this simulated time (e.g. 30s)");
  cmd->add_option("--trace", args->trace_path,
                  "Also write every trace record as JSON Lines to this file");
  cmd->add_flag("--quiet", args->quiet, "Print only failed expectations and the summary");
  cmd->callback([args, seed, status] {
    if (seed->count() > 0) args->seed = seed->as<uint64_t>();
    *status = run_scenario(*args);
  });
}

}  // namespace zoolab::cli
