// How `zoolab run` shows a run: trace lines, captions, expectation results, JSON Lines.
#pragma once

#include <string>

#include "sim/kernel/trace.h"
#include "sim/kernel/world.h"
#include "sim/scenario/run.h"
#include "sim/scenario/scenario.h"

namespace zoolab::cli {

// "[   12.004100] zk2 deliver ping(3)": time right-aligned in 12 characters, the node's
// name (or "-" for the world itself), the record kind, the text.
std::string trace_line(const sim::TraceRecord& r, const sim::World& w);
// Which caption languages to show: both (the default), or only English or Chinese (a caption
// with only the other language falls back to it, so no step goes silent).
enum class CaptionLang { kBoth, kEn, kZh };
// "[    5.000000] say: ..." once per language shown.
std::string caption_lines(core::Time at, const sim::SayStep& say, CaptionLang lang = CaptionLang::kBoth);
// The caption text in one language (the other when it has none), for exports.
std::string caption_text(const sim::SayStep& say, CaptionLang lang);
// "[    7.000000] PASS demo.zls:31 expect up zk1 (zk1 is running)".
std::string expect_line(core::Time at, const sim::ExpectResult& result, const sim::Scenario& sc);
// "[    5.000000]"
std::string time_prefix(core::Time t);

}  // namespace zoolab::cli
