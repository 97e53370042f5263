// What `zoolab run` (and the headless demo) prints while a run plays: every trace record, or in
// narration only the story (captions, faults, lifecycle, milestones, console output, results),
// captions in the chosen language, "why" lines with --explain, JSON Lines with --trace, and a
// readable pace between captions for a terminal audience.
#pragma once

#include <cstdio>
#include <optional>
#include <string>

#include "cli/trace_output.h"
#include "sim/export/export_input.h"
#include "sim/scenario/explain.h"
#include "sim/scenario/run.h"

namespace zoolab::cli {

struct PrintOptions {
  bool quiet = false;    // only failed expectations
  bool narrate = false;  // only the story, not every record
  bool explain = false;  // why-lines after decisions
  CaptionLang lang = CaptionLang::kBoth;
  // Seconds to wait after a caption (narration for people watching): nullopt = no waiting,
  // a negative value = the caption's reading time.
  std::optional<double> pace;
  std::FILE* jsonl = nullptr;
};

class RunPrinter {
 public:
  RunPrinter(const sim::Run& run, PrintOptions options);

  // Prints what the run wrote since the last call.
  void flush();
  size_t failed() const { return failed_; }
  size_t passed() const { return passed_; }

 private:
  void print_expect(const sim::TraceRecord& r);
  void print_record(const sim::TraceRecord& r, const std::vector<std::string>& why);
  bool in_story(const sim::TraceRecord& r) const;
  void wait_after(const sim::SayStep& say) const;

  const sim::Run& run_;
  PrintOptions options_;
  std::optional<sim::Explainer> explainer_;
  sim::ExportInput jsonl_input_;  // node names for --trace lines
  size_t next_record_ = 0;
  size_t next_expect_ = 0;
  size_t passed_ = 0, failed_ = 0;
};

}  // namespace zoolab::cli
