// Colours with a meaning, shared by the map, its legend, the event list and the inspector,
// so "red" means the same thing in every panel.
#pragma once

#include <imgui.h>

#include "sim/kernel/network.h"
#include "sim/kernel/trace.h"
#include "sim/kernel/world.h"

namespace zoolab::gui::theme {

// Machine states.
constexpr ImU32 kRunning = IM_COL32(76, 175, 80, 255);
constexpr ImU32 kPaused = IM_COL32(240, 200, 40, 255);
constexpr ImU32 kCrashed = IM_COL32(220, 60, 50, 255);
constexpr ImU32 kPoweredOff = IM_COL32(110, 110, 110, 255);
constexpr ImU32 kNotStarted = IM_COL32(60, 64, 72, 255);
constexpr ImU32 kNodeOutline = IM_COL32(230, 230, 230, 255);
constexpr ImU32 kSelection = IM_COL32(90, 170, 255, 255);

// Links.
constexpr ImU32 kLinkIdle = IM_COL32(90, 95, 105, 255);      // no open connection
constexpr ImU32 kLinkActive = IM_COL32(150, 165, 190, 255);  // at least one open connection
constexpr ImU32 kLinkCut = IM_COL32(230, 70, 60, 255);       // partitioned

// Packets in flight.
constexpr ImU32 kPacketData = IM_COL32(80, 170, 255, 255);
constexpr ImU32 kPacketOpen = IM_COL32(120, 230, 210, 255);
constexpr ImU32 kPacketClose = IM_COL32(255, 160, 60, 255);  // close and reset
constexpr ImU32 kPacketLost = IM_COL32(150, 150, 150, 255);  // on a broken connection

// Text.
constexpr ImU32 kTextDim = IM_COL32(150, 150, 150, 255);
constexpr ImU32 kTextWarn = IM_COL32(255, 200, 80, 255);
constexpr ImU32 kTextGood = IM_COL32(120, 220, 120, 255);
constexpr ImU32 kTextBad = IM_COL32(255, 110, 100, 255);
constexpr ImU32 kTextNote = IM_COL32(140, 200, 255, 255);
constexpr ImU32 kTextPlain = IM_COL32(220, 220, 220, 255);
constexpr ImU32 kScriptRow = IM_COL32(200, 180, 120, 255);  // scenario steps in the event list

ImU32 node_fill(const sim::World& world, core::NodeId id);
ImU32 packet_colour(sim::Packet::Kind kind, bool lost);
// Colour for a trace line: captions, faults, interventions and failures stand out.
ImU32 record_colour(const sim::TraceRecord& r);
inline ImVec4 vec4(ImU32 c) {
  return ImGui::ColorConvertU32ToFloat4(c);
}

// The ImGui style every ZooLab window uses (dark, slightly rounded, roomier padding).
void apply_style();

}  // namespace zoolab::gui::theme
