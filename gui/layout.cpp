// The fixed window layout (see layout.h).
#include "gui/layout.h"

#include <algorithm>
#include <cmath>

namespace zoolab::gui {
namespace {

constexpr float kControlsHeight = 44;
constexpr float kStatusHeight = 30;
constexpr float kLeftShare = 0.56f;   // the map gets the larger column
constexpr float kUpperShare = 0.66f;  // map and event list get the larger rows

}  // namespace

std::string_view panel_name(PanelId id) {
  switch (id) {
    case PanelId::kControls:
      return "controls";
    case PanelId::kCaptions:
      return "captions";
    case PanelId::kClusterMap:
      return "map";
    case PanelId::kEvents:
      return "events";
    case PanelId::kPartition:
      return "partition";
    case PanelId::kInspector:
      return "inspector";
    case PanelId::kStatus:
      return "status";
  }
  return "?";
}

std::optional<PanelId> panel_from_name(std::string_view name) {
  for (PanelId id : kAllPanels)
    if (panel_name(id) == name) return id;
  return std::nullopt;
}

const char* panel_title(PanelId id) {
  switch (id) {
    case PanelId::kControls:
      return "Controls";
    case PanelId::kCaptions:
      return "Narration";
    case PanelId::kClusterMap:
      return "Cluster map  (right-click a machine for faults)";
    case PanelId::kEvents:
      return "Events";
    case PanelId::kPartition:
      return "Partition editor";
    case PanelId::kInspector:
      return "Machine inspector";
    case PanelId::kStatus:
      return "Status";
  }
  return "?";
}

Rect panel_rect(PanelId id, float width, float height, float captions_height) {
  captions_height = std::clamp(captions_height, kMinCaptionsHeight,
                               std::max(kMinCaptionsHeight, std::round(height / 3)));
  const float body_top = kControlsHeight + captions_height;
  const float body_h = std::max(0.0f, height - body_top - kStatusHeight);
  const float left_w = std::round(width * kLeftShare);
  const float right_w = width - left_w;
  const float upper_h = std::round(body_h * kUpperShare);
  const float lower_h = body_h - upper_h;
  switch (id) {
    case PanelId::kControls:
      return {0, 0, width, kControlsHeight};
    case PanelId::kCaptions:
      return {0, kControlsHeight, width, captions_height};
    case PanelId::kClusterMap:
      return {0, body_top, left_w, upper_h};
    case PanelId::kEvents:
      return {left_w, body_top, right_w, upper_h};
    case PanelId::kInspector:
      return {0, body_top + upper_h, left_w, lower_h};
    case PanelId::kPartition:
      return {left_w, body_top + upper_h, right_w, lower_h};
    case PanelId::kStatus:
      return {0, height - kStatusHeight, width, kStatusHeight};
  }
  return {};
}

}  // namespace zoolab::gui
