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
// "[    5.000000] say: ..." once per language the caption has.
std::string caption_lines(core::Time at, const sim::SayStep& say);
// "[    7.000000] PASS demo.zls:31 expect up zk1 (zk1 is running)".
std::string expect_line(core::Time at, const sim::ExpectResult& result, const sim::Scenario& sc);
// {"index":0,"event":0,"time_ns":0,"node":"zk1","kind":"start","text":"..."}; node is null
// for the world's own records.
std::string json_record(const sim::TraceRecord& r, const sim::World& w);

}  // namespace zoolab::cli
