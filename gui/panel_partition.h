// Partition editor panel: put each machine in group A, B or C, choose symmetric or one-way,
// Apply (a PartitionNet intervention) or Heal (HealNet).
#pragma once

#include <vector>

#include "gui/panel_context.h"
#include "gui/ui_command.h"
#include "sim/kernel/action.h"

namespace zoolab::gui {

constexpr int kPartitionGroups = 3;  // A, B, C

struct PartitionState {
  std::vector<int> group_of;  // by NodeId: 0 = A, 1 = B, 2 = C
  bool one_way = false;
};

// The partition the editor describes: the non-empty groups in A, B, C order. With one_way,
// the first of them cannot send to the others (they can still send to it).
sim::PartitionNet partition_from(const PartitionState& state);

void draw_partition_editor(PartitionState& state, const PanelContext& ctx, CommandQueue& out);

}  // namespace zoolab::gui
