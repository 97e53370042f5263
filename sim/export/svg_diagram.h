// A run as a Lamport space-time diagram in SVG: one vertical lane per machine (servers and
// clients), time flowing down, every delivered message an arrow from its sender's lane at its send
// time to its receiver's lane at its arrival, crashes / restarts / pauses on the lanes, partitions
// and heals as red lines across the whole diagram, captions as bands. Rows follow the trace order
// (logical time), with the simulated time in the left column, so a burst of sub-millisecond
// messages and a quiet minute both stay readable. With many machines, clients of one kind fold
// into a single lane ("c1..c48 (48 zk-client)") so 50+ processes still fit a screen.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/export/export_input.h"

namespace zoolab::sim {

struct SvgOptions {
  size_t fold_above = 16;  // more machines than this: every kind but zookeeper with 3+ members folds
  size_t max_rows = 6000;  // rows after this are left out (the diagram says so)
};

struct SvgLane {
  std::string label;            // "zk1", or "c1..c48" for a fold
  std::string kind;             // "zookeeper", "zk-client", ...
  std::vector<NodeId> members;  // more than one: a folded lane
};
// The lanes the diagram draws, and which lane each NodeId is on.
std::vector<SvgLane> plan_lanes(const std::vector<ExportNode>& nodes, size_t fold_above,
                                std::vector<size_t>* lane_of);

std::string export_svg(const ExportInput& in, const SvgOptions& options = {});

}  // namespace zoolab::sim
