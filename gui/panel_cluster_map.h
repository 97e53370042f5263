// Cluster map panel: machines on a circle with their state, the links between them (cut ones
// red and dashed), messages in flight gliding from sender to receiver, a legend, and a
// right-click menu of faults per machine.
#pragma once

#include <vector>

#include <imgui.h>

#include "gui/panel_context.h"
#include "gui/ui_command.h"

namespace zoolab::gui {

struct ClusterMapState {
  float node_radius = 24.0f;
  float lane_offset = 6.0f;             // packets keep to the left of their direction of travel
  std::vector<ImVec2> machine_centres;  // where each machine was drawn last (screen pixels)
};

void draw_cluster_map(ClusterMapState& state, const PanelContext& ctx, CommandQueue& out);

}  // namespace zoolab::gui
