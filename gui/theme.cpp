// Meaningful colours and the ImGui style (see theme.h).
#include "gui/theme.h"

#include <string_view>

namespace zoolab::gui::theme {

ImU32 node_fill(const sim::World& world, core::NodeId id) {
  const sim::Node& n = world.node(id);
  switch (n.state) {
    case sim::NodeState::kNotStarted:
      return kNotStarted;
    case sim::NodeState::kCrashed:
      return kCrashed;
    case sim::NodeState::kPoweredOff:
      return kPoweredOff;
    case sim::NodeState::kRunning:
      return world.paused(id) ? kPaused : kRunning;
  }
  return kNotStarted;
}

ImU32 packet_colour(sim::Packet::Kind kind, bool lost) {
  if (lost) return kPacketLost;
  switch (kind) {
    case sim::Packet::Kind::kData:
      return kPacketData;
    case sim::Packet::Kind::kOpen:
      return kPacketOpen;
    case sim::Packet::Kind::kClose:
    case sim::Packet::Kind::kReset:
      return kPacketClose;
  }
  return kPacketData;
}

ImU32 record_colour(const sim::TraceRecord& r) {
  using sim::RecordKind;
  switch (r.kind) {
    case RecordKind::kCaption:
      return kTextWarn;
    case RecordKind::kIntervention:
      return kTextNote;
    case RecordKind::kCrash:
    case RecordKind::kPowerOff:
    case RecordKind::kViolation:
    case RecordKind::kDrop:
      return kTextBad;
    case RecordKind::kFault:
    case RecordKind::kPause:
      return kPacketClose;
    case RecordKind::kExpect:
      return std::string_view(r.text).starts_with("PASS") ? kTextGood : kTextBad;
    default:
      return kTextPlain;
  }
}

void apply_style() {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 4.0f;
  style.FrameRounding = 3.0f;
  style.WindowPadding = ImVec2(10, 8);
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(8, 6);
  style.WindowBorderSize = 1.0f;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
  style.Colors[ImGuiCol_TitleBg] = ImVec4(0.16f, 0.18f, 0.22f, 1.0f);
  style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.20f, 0.25f, 0.33f, 1.0f);
  // The clock's progress bar carries white text: a dark fill keeps it readable.
  style.Colors[ImGuiCol_PlotHistogram] = ImVec4(0.22f, 0.40f, 0.62f, 1.0f);
}

}  // namespace zoolab::gui::theme
