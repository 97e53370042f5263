// The fixed window layout (ImGui 1.86 has no docking): which panel sits where, by name.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace zoolab::gui {

enum class PanelId : unsigned char {
  kControls,
  kCaptions,
  kClusterMap,
  kEvents,
  kPartition,
  kInspector,
  kStatus
};
constexpr std::array kAllPanels = {PanelId::kControls, PanelId::kCaptions,  PanelId::kClusterMap,
                                   PanelId::kEvents,   PanelId::kPartition, PanelId::kInspector,
                                   PanelId::kStatus};

// Short name used by `--panel NAME` and the tests: "controls", "captions", "map", "events",
// "partition", "inspector", "status".
std::string_view panel_name(PanelId id);
std::optional<PanelId> panel_from_name(std::string_view name);
// The window title shown above the panel.
const char* panel_title(PanelId id);

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
};

constexpr float kMinCaptionsHeight = 96;

// Where a panel goes in a window of the given size (the captions band is as tall as the
// current caption needs, between kMinCaptionsHeight and a third of the window):
//   controls (full width)            | top
//   captions (full width)            |
//   cluster map      | event list    | body, upper two thirds
//   node inspector   | partitions    | body, lower third
//   status bar (full width)          | bottom
Rect panel_rect(PanelId id, float width, float height, float captions_height = kMinCaptionsHeight);

}  // namespace zoolab::gui
