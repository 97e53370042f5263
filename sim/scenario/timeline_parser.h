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

// True for the timeline commands that change the world (start, crash, restart, poweroff, pause,
// partition, heal, latency, clock, slow-disk, not-tcp) - those `parse_action` reads.
bool is_action_command(std::string_view word);
// One such command without a time, as the shell types it (`partition zk1 | zk2,zk3`, `heal`).
// `not-tcp` changes one mode of `not_tcp` (the modes in force). Throws ScenarioError, whose
// location is column-accurate within `text`.
Action parse_action(std::string_view text, const Scenario& sc, const std::string& file,
                    const NotTcpModes& not_tcp = {});

}  // namespace zoolab::sim::scenario_text
