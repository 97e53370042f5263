// Pieces of scenario lines that header and timeline share: machine names, durations and
// latency models.
#pragma once

#include <string>
#include <string_view>

#include "sim/kernel/latency.h"
#include "sim/scenario/lexer.h"
#include "sim/scenario/scenario.h"

namespace zoolab::sim::scenario_text {

// Machine names start with a letter and hold letters, digits, '-', '_' and '.'; the latency
// model keywords are reserved so that `latency uniform ...` is never read as a link.
bool is_valid_name(std::string_view name);
constexpr std::string_view kNameHint =
    "a name like zk1 (a letter, then letters, digits, '-', '_' or '.')";

// "zk1, zk2, zk3" — the names a scenario declares, for error messages.
std::string known_names(const Scenario& sc);

// The next word as a declared machine; fails listing the known names.
NodeId read_node(Cursor& c, const Scenario& sc);
// A word already read (or a part of one) as a declared machine; fails like read_node.
NodeId node_of(const Cursor& c, const Word& w, const Scenario& sc);
// The next word as a duration; `what` names its role in messages ("a pause length").
core::Duration read_duration(Cursor& c, std::string_view what);

// True when the word begins a latency model rather than a link's first machine name.
bool starts_latency_model(const Word& w);
// `2ms`, `fixed 2ms`, `uniform 1ms 5ms`, `normal 5ms 1ms` (mean, stddev),
// `longtail 2ms 50ms` (median, p99). Consumes the model's words only.
LatencyModel read_latency_model(Cursor& c);
// `MODEL` (every link) or `A B MODEL` (one link, both directions), then the end of the line.
SetLatency read_latency_setting(Cursor& c, const Scenario& sc);

}  // namespace zoolab::sim::scenario_text
