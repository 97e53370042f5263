// Run printing for `zoolab run` and the demo.
#include "cli/run_printer.h"

#include <chrono>
#include <cstdio>
#include <thread>

#include <fmt/core.h>

#include "sim/export/export_input.h"
#include "sim/export/trace_jsonl.h"

namespace zoolab::cli {
namespace {

size_t code_points(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

RunPrinter::RunPrinter(const sim::Run& run, PrintOptions options) : run_(run), options_(options) {
  jsonl_input_.nodes = sim::export_nodes(run);
  jsonl_input_.records = &run.trace().records;
  if (options_.explain) {
    std::vector<std::string> names;
    for (core::NodeId id = 0; id < run.world().node_count(); ++id) names.push_back(run.world().node(id).name);
    explainer_.emplace(sim::quorum_config_of(run.scenario()), std::move(names), options_.lang == CaptionLang::kZh);
  }
}

void RunPrinter::flush() {
  const std::vector<sim::TraceRecord>& records = run_.trace().records;
  for (; next_record_ < records.size(); ++next_record_) {
    const sim::TraceRecord& r = records[next_record_];
    if (options_.jsonl != nullptr) fmt::print(options_.jsonl, "{}\n", sim::jsonl_record(r, jsonl_input_));
    if (r.kind == sim::RecordKind::kExpect) {
      print_expect(r);
      continue;
    }
    const std::vector<std::string> why = explainer_ ? explainer_->explain(r) : std::vector<std::string>{};
    if (!options_.quiet && (in_story(r) || !why.empty())) print_record(r, why);
  }
  std::fflush(stdout);
}

void RunPrinter::print_expect(const sim::TraceRecord& r) {
  const std::vector<sim::ExpectResult>& results = run_.expect_results();
  if (next_expect_ >= results.size()) return;
  const sim::ExpectResult& result = results[next_expect_++];
  (result.passed ? passed_ : failed_) += 1;
  if (options_.quiet && result.passed) return;
  if (options_.narrate && result.passed) {
    // The story needs the claim and what was seen, not where the line is.
    const sim::Step& step = run_.scenario().steps.at(result.step);
    std::string claim = step.text;
    const int words = claim.rfind("+", 0) == 0 ? 1 : claim.rfind("at ", 0) == 0 ? 2 : 0;  // "+1s" / "at 7s"
    for (int i = 0; i < words && claim.find(' ') != std::string::npos; ++i) claim = claim.substr(claim.find(' ') + 1);
    fmt::print("{} check: {}{}\n", time_prefix(r.time), claim, result.detail.empty() ? "" : " -> " + result.detail);
    return;
  }
  fmt::print("{}\n", expect_line(r.time, result, run_.scenario()));
}

bool RunPrinter::in_story(const sim::TraceRecord& r) const {
  if (!options_.narrate) return true;
  using K = sim::RecordKind;
  switch (r.kind) {
    case K::kNote: return sim::is_milestone_note(r.text) && r.text.rfind("COMMIT ", 0) != 0;
    case K::kStart:
    case K::kCrash:
    case K::kPowerOff:
    case K::kPause:
    case K::kResume:
    case K::kFault:
    case K::kCaption:
    case K::kIntervention:
    case K::kViolation:
    case K::kOutput: return true;
    default: return false;
  }
}

void RunPrinter::print_record(const sim::TraceRecord& r, const std::vector<std::string>& why) {
  // One script step fires per event, so the current caption is the one this record announces.
  const std::optional<uint32_t> caption = run_.current_caption();
  if (r.kind == sim::RecordKind::kCaption && caption) {
    const auto* say = std::get_if<sim::SayStep>(&run_.scenario().steps.at(*caption).body);
    if (say != nullptr) {
      fmt::print("{}{}", options_.narrate ? "\n" : "", caption_lines(r.time, *say, options_.lang));
      std::fflush(stdout);
      wait_after(*say);
      return;
    }
  }
  if (options_.narrate && r.kind == sim::RecordKind::kIntervention && r.text.rfind("types: ", 0) == 0) {
    // A line typed into a console reads best as at its prompt: "c1> create /app config-v1".
    fmt::print("{} {}> {}\n", time_prefix(r.time), run_.world().node(r.node).name, r.text.substr(7));
    return;
  }
  fmt::print("{}\n", trace_line(r, run_.world()));
  for (const std::string& line : why) fmt::print("{:>15}{}\n", "", line);
}

void RunPrinter::wait_after(const sim::SayStep& say) const {
  if (!options_.pace) return;
  double seconds = *options_.pace;
  if (seconds < 0) {
    // About 20 Latin characters or 7 Chinese characters a second, for the languages shown.
    double reading = 1.0;
    if (options_.lang != CaptionLang::kZh) reading += static_cast<double>(code_points(say.en)) / 20.0;
    if (options_.lang != CaptionLang::kEn) reading += static_cast<double>(code_points(say.zh)) / 7.0;
    seconds = std::min(reading, 12.0);
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

}  // namespace zoolab::cli
