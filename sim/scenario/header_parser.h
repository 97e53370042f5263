// The scenario header: zoo.cfg lines, server and process declarations, seed, title, latency, fsync.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/lexer.h"
#include "sim/scenario/scenario.h"

namespace zoolab::sim::scenario_text {

// Fills config, nodes (servers by ascending id, then processes in file order), seed, title,
// latencies and fsync_latency. Declarations are read first, so a latency line may name a
// machine declared further down.
void parse_header(const std::vector<const Line*>& lines, const std::string& file, Scenario& sc);

}  // namespace zoolab::sim::scenario_text
