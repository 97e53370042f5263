// `zoolab run FILE|LESSON|SESSION`: plays a scenario headless, printing its trace (or, with
// --narrate, only its story), captions in the chosen language, expectations and, with --explain,
// why each decision was taken; then a summary with the trace hash and the speed (OMNeT++'s
// events/s and simulated-s/wall-s).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/cli_text.h"
#include "cli/run_printer.h"
#include "cli/scenario_files.h"
#include "sim/scenario/session_io.h"
#include "sim/scenario/value_parse.h"

namespace zoolab::cli {
namespace {

struct RunArgs {
  std::string file;
  std::optional<uint64_t> seed;
  std::string until;
  std::string trace_path;
  std::string save_path;
  std::string lang = "both";
  std::string pace;  // "", "read", "none" or seconds
  bool quiet = false;
  bool narrate = false;
  bool explain = false;
};

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

CaptionLang lang_of(const std::string& s) {
  return s == "en" ? CaptionLang::kEn : s == "zh" ? CaptionLang::kZh : CaptionLang::kBoth;
}

// --pace: "read" (the captions' reading time), "none", or seconds; by default narration on a
// terminal reads at a person's pace and anything else runs straight through.
std::optional<std::optional<double>> pace_of(const RunArgs& args) {
  if (args.pace.empty()) return args.narrate && ::isatty(STDOUT_FILENO) ? std::optional<double>(-1.0) : std::nullopt;
  if (args.pace == "read") return std::optional<double>(-1.0);
  if (args.pace == "none") return std::optional<std::optional<double>>(std::in_place, std::nullopt);
  std::string why;
  const auto d = sim::scenario_text::parse_duration(args.pace, &why);
  if (!d) {
    fmt::print(stderr, "error: --pace: expected read, none or a duration such as 2s ({})\n", why);
    return std::nullopt;
  }
  return std::optional<double>(static_cast<double>(d->ns) / 1e9);
}

int run_scenario(const RunArgs& args) {
  const std::optional<RunSource> src = load_source_or_report(args.file);
  if (!src) return kExitBrokenInput;
  const std::shared_ptr<const sim::Scenario>& sc = src->scenario;
  sim::RunOptions options;
  if (!args.until.empty()) {
    const std::optional<core::Duration> until = duration_option("--until", args.until);
    if (!until) return kExitBrokenInput;
    options.until = core::Time{until->ns};
  }
  const auto pace = pace_of(args);
  if (!pace) return kExitBrokenInput;
  const uint64_t seed = args.seed.value_or(src->seed.value_or(sc->seed.value_or(1)));

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
  if (!src->interventions.empty()) run->set_interventions(src->interventions);
  if (args.narrate) {
    const std::string& title = args.lang == "zh" && !sc->title_zh.empty() ? sc->title_zh : sc->title;
    fmt::print("== {}{}(seed {})\n", title, title.empty() ? "" : " ", seed);
  }
  PrintOptions print;
  print.quiet = args.quiet;
  print.narrate = args.narrate;
  print.explain = args.explain;
  print.lang = lang_of(args.lang);
  print.pace = *pace;
  print.jsonl = json.get();
  RunPrinter printer(*run, print);
  printer.flush();
  while (run->step()) printer.flush();
  run->run_to_end();
  printer.flush();
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  const sim::World& w = run->world();
  const double simulated_s = static_cast<double>(w.now().ns) / 1e9;
  const std::string wall = wall_s < 1 ? fmt::format("{:.1f}ms", wall_s * 1e3) : fmt::format("{:.2f}s", wall_s);
  if (args.narrate) fmt::print("\n");
  fmt::print(
      "summary: {} passed, {} failed | seed {} | {} events | {}s simulated in {} | {} events/s | "
      "{} simulated-s/wall-s | trace-hash: {}\n",
      printer.passed(), printer.failed(), seed, w.events_fired(), core::format_seconds(w.now()), wall,
      per_second(static_cast<double>(w.events_fired()), wall_s), per_second(simulated_s, wall_s),
      sim::format_hash(w.trace_hash()));
  // A violation fails the run unless the scenario names its checker (`expect violation NAME`).
  const size_t unexpected = run->unexpected_violations().size();
  if (unexpected > 0)
    fmt::print("{} unexpected invariant violation(s); a lesson that shows one says `expect violation NAME`\n",
               unexpected);
  if (!args.save_path.empty()) {
    try {
      sim::save_session_file(args.save_path, {src->path, sc->source, seed, run->interventions()}, *sc);
      fmt::print("saved the session (scenario, seed {}, {} interventions) to {}\n", seed, run->interventions().size(),
                 args.save_path);
    } catch (const sim::SessionError& e) {
      fmt::print(stderr, "{}\n", e.what());
      return kExitBrokenInput;
    }
  }
  return printer.failed() == 0 && unexpected == 0 ? kExitOk : kExitFailed;
}

}  // namespace

void add_run_command(CLI::App& app, int* status) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario, a lesson or a saved session headless");
  cmd->add_option("file", args->file,
                  "Scenario file (.zls), lesson name (`zoolab lessons`) or saved session (.json)")
      ->required();
  CLI::Option* seed =
      cmd->add_option("--seed", "Seed (default: the session's, else the scenario's seed line, else 1)")
          ->check(seed_validator());
  cmd->add_option("--until", args->until, "Stop at this simulated time (e.g. 30s)");
  cmd->add_option("--lang", args->lang, "Caption language: en, zh or both (default both)")
      ->check(CLI::IsMember({"en", "zh", "both"}));
  cmd->add_flag("--narrate", args->narrate,
                "Tell the story: captions, faults, crashes, role changes and results, not every record");
  cmd->add_option("--pace", args->pace,
                  "Wait after each caption: read (its reading time; the default when narrating to a terminal), "
                  "none, or a duration such as 3s");
  cmd->add_flag("--explain", args->explain,
                "Add why-lines: vote comparisons of each election decision, the ACK quorum of each commit, "
                "the watch behind each lock hand-over");
  cmd->add_option("--trace", args->trace_path, "Also write every trace record as JSON Lines to this file");
  cmd->add_option("--save", args->save_path,
                  "Save the session (scenario, seed, interventions) to this JSON file, atomically");
  cmd->add_flag("--quiet", args->quiet, "Print only failed expectations and the summary");
  cmd->callback([args, seed, status] {
    if (seed->count() > 0) args->seed = seed->as<uint64_t>();
    *status = run_scenario(*args);
  });
}

}  // namespace zoolab::cli
