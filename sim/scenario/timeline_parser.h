// The scenario timeline: `at TIME COMMAND`, `+DELAY COMMAND` and the closing `run until TIME`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/lexer.h"
#include "sim/scenario/scenario.h"

namespace zoolab::sim::scenario_text {

// Appends the steps (in file order, which is time order), marks machines that a `start`
// step starts as not auto-started, and sets Scenario::until. Needs the header parsed.
void parse_timeline(const std::vector<const Line*>& lines, const std::string& file, Scenario& sc);

// True when a line is a timeline line: `at ...`, `+DELAY ...` or `run ...`.
bool is_timeline_line(const Line& line);
// True when the word names a timeline command (to explain a command written without a time).
bool is_timeline_command(std::string_view word);

}  // namespace zoolab::sim::scenario_text
