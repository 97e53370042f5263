// `zoolab export FILE --format svg|chrome-trace|jsonl`: plays a scenario, lesson or saved session
// and writes its trace as a space-time diagram (SVG), a Chrome/Perfetto trace, or JSON Lines,
// optionally only the window --from T --to T.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <fmt/core.h>

#include "cli/cli_text.h"
#include "cli/commands.h"
#include "cli/scenario_files.h"
#include "cli/trace_output.h"
#include "sim/export/chrome_trace.h"
#include "sim/export/svg_diagram.h"
#include "sim/export/trace_jsonl.h"
#include "sim/scenario/session_io.h"
#include "sim/scenario/value_parse.h"

namespace zoolab::cli {
namespace {

struct ExportArgs {
  std::string file;
  std::string format = "svg";
  std::string out;
  std::string from, to, until;
  std::string lang = "en";
  std::optional<uint64_t> seed;
  size_t fold_above = sim::SvgOptions{}.fold_above;
};

std::string default_out(const std::string& input, const std::string& format) {
  const std::string stem = std::filesystem::path(input).stem().string();
  if (format == "svg") return stem + ".svg";
  if (format == "chrome-trace") return stem + ".trace.json";
  return stem + ".jsonl";
}

std::optional<core::Time> time_arg(const std::string& text, const char* option) {
  const std::optional<core::Duration> d = duration_option(option, text);
  return d ? std::optional<core::Time>(core::Time{d->ns}) : std::nullopt;
}

int export_run(const ExportArgs& args) {
  const std::optional<RunSource> src = load_source_or_report(args.file);
  if (!src) return kExitBrokenInput;
  sim::RunOptions options;
  if (!args.until.empty()) {
    const auto until = time_arg(args.until, "--until");
    if (!until) return kExitBrokenInput;
    options.until = *until;
  }
  sim::ExportInput in;
  if (!args.from.empty()) {
    const auto t = time_arg(args.from, "--from");
    if (!t) return kExitBrokenInput;
    in.from = *t;
  }
  if (!args.to.empty()) {
    const auto t = time_arg(args.to, "--to");
    if (!t) return kExitBrokenInput;
    in.to = *t;
  }
  if (in.to.ns < in.from.ns) {
    fmt::print(stderr, "error: --to {} is before --from {}\n", args.to, args.from);
    return kExitBrokenInput;
  }
  const std::shared_ptr<const sim::Scenario>& sc = src->scenario;
  const uint64_t seed = args.seed.value_or(src->seed.value_or(sc->seed.value_or(1)));
  std::unique_ptr<sim::Run> run;
  try {
    run = std::make_unique<sim::Run>(sc, seed, sim::product_processes(), options);
  } catch (const std::runtime_error& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kExitBrokenInput;
  }
  if (!src->interventions.empty()) run->set_interventions(src->interventions);
  // Caption records carry both languages; remember each one's step to print the chosen one.
  const CaptionLang lang = args.lang == "zh" ? CaptionLang::kZh : args.lang == "both" ? CaptionLang::kBoth : CaptionLang::kEn;
  size_t seen = 0;
  auto collect = [&] {
    const auto& records = run->trace().records;
    for (; seen < records.size(); ++seen) {
      if (records[seen].kind != sim::RecordKind::kCaption || !run->current_caption()) continue;
      const auto* say = std::get_if<sim::SayStep>(&sc->steps.at(*run->current_caption()).body);
      if (say != nullptr) in.captions[records[seen].index] = caption_text(*say, lang);
    }
  };
  collect();
  while (run->step()) collect();
  run->run_to_end();
  collect();

  in.title = args.lang == "zh" && !sc->title_zh.empty() ? sc->title_zh : sc->title.empty() ? src->path : sc->title;
  in.scenario = src->path;
  in.seed = seed;
  in.nodes = sim::export_nodes(*run);
  in.records = &run->trace().records;
  std::string data;
  if (args.format == "svg") {
    sim::SvgOptions svg;
    svg.fold_above = args.fold_above;
    data = sim::export_svg(in, svg);
  } else if (args.format == "chrome-trace") {
    data = sim::export_chrome_trace(in);
  } else {
    data = sim::export_jsonl(in);
  }
  const std::string out = args.out.empty() ? default_out(src->path, args.format) : args.out;
  if (out == "-") {
    std::fwrite(data.data(), 1, data.size(), stdout);
    return kExitOk;
  }
  if (const std::string why = sim::write_file_atomically(out, data); !why.empty()) {
    fmt::print(stderr, "error: cannot write {} ({})\n", out, why);
    return kExitBrokenInput;
  }
  fmt::print(stderr, "wrote {} ({} bytes, {} of {} trace records in {}s..{}) from {} seed {}\n", out, data.size(),
             std::count_if(in.records->begin(), in.records->end(), [&](const sim::TraceRecord& r) { return in.in_window(r); }),
             in.records->size(), core::format_seconds(in.from),
             in.to.ns == INT64_MAX ? std::string("end") : core::format_seconds(in.to) + "s", src->path, seed);
  return kExitOk;
}

}  // namespace

void add_export_command(CLI::App& app, int* status) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Run a scenario, lesson or saved session and export its trace (SVG space-time diagram, "
                "Chrome/Perfetto trace, JSON Lines)");
  cmd->add_option("file", args->file, "Scenario file (.zls), lesson name or saved session (.json)")->required();
  cmd->add_option("--format", args->format, "svg (space-time diagram), chrome-trace (ui.perfetto.dev) or jsonl")
      ->check(CLI::IsMember({"svg", "chrome-trace", "jsonl"}));
  cmd->add_option("-o,--out", args->out, "Output file (default: NAME.svg / NAME.trace.json / NAME.jsonl; - for stdout)");
  cmd->add_option("--from", args->from, "Only records at or after this simulated time (e.g. 4s)");
  cmd->add_option("--to", args->to, "Only records at or before this simulated time (e.g. 6.5s)");
  cmd->add_option("--until", args->until, "Stop the run at this simulated time");
  cmd->add_option("--lang", args->lang, "Caption language: en, zh or both")->check(CLI::IsMember({"en", "zh", "both"}));
  cmd->add_option("--fold-above", args->fold_above,
                  "SVG: with more machines than this, clients of one kind share a lane (default 16)");
  CLI::Option* seed = cmd->add_option("--seed", "Seed (default: the session's or scenario's, else 1)")->check(seed_validator());
  cmd->callback([args, seed, status] {
    if (seed->count() > 0) args->seed = seed->as<uint64_t>();
    *status = export_run(*args);
  });
}

}  // namespace zoolab::cli
