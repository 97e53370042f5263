// The fixed window layout (see layout.h).
#include "gui/layout.h"

#include <algorithm>
#include <cmath>

namespace zoolab::gui {
namespace {

constexpr float kControlsHeight = 44;
constexpr float kStatusHeight = 30;
constexpr float kLeftShare = 0.56f;   // the map gets the larger column
constexpr float kUpperShare = 0.55f;  // map and event list above, the tabbed panels below

}  // namespace

SlotId panel_slot(PanelId id) {
  switch (id) {
    case PanelId::kControls:
      return SlotId::kControls;
    case PanelId::kCaptions:
      return SlotId::kCaptions;
    case PanelId::kClusterMap:
      return SlotId::kMap;
    case PanelId::kEvents:
      return SlotId::kEvents;
    case PanelId::kZnodes:
    case PanelId::kSessions:
    case PanelId::kWatches:
    case PanelId::kEnsemble:
    case PanelId::kLockWaiters:
    case PanelId::kLockTimeline:
    case PanelId::kDuel:
    case PanelId::kRegistry:
    case PanelId::kInspector:
      return SlotId::kLowerLeft;
    case PanelId::kConsole:
    case PanelId::kPartition:
      return SlotId::kLowerRight;
    case PanelId::kStatus:
      return SlotId::kStatus;
  }
  return SlotId::kStatus;
}

bool slot_is_tabbed(SlotId slot) {
  return std::count_if(kAllPanels.begin(), kAllPanels.end(),
                       [&](PanelId id) { return panel_slot(id) == slot; }) > 1;
}

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
    case PanelId::kZnodes:
      return "znodes";
    case PanelId::kSessions:
      return "sessions";
    case PanelId::kWatches:
      return "watches";
    case PanelId::kEnsemble:
      return "ensemble";
    case PanelId::kLockWaiters:
      return "locks";
    case PanelId::kLockTimeline:
      return "lock-timeline";
    case PanelId::kDuel:
      return "duel";
    case PanelId::kRegistry:
      return "registry";
    case PanelId::kInspector:
      return "inspector";
    case PanelId::kConsole:
      return "console";
    case PanelId::kPartition:
      return "partition";
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
    case PanelId::kZnodes:
      return "Znode tree";
    case PanelId::kSessions:
      return "Sessions";
    case PanelId::kWatches:
      return "Watches";
    case PanelId::kEnsemble:
      return "Ensemble";
    case PanelId::kLockWaiters:
      return "Lock waiters";
    case PanelId::kLockTimeline:
      return "Lock timeline";
    case PanelId::kDuel:
      return "Duel summary";
    case PanelId::kRegistry:
      return "Registry";
    case PanelId::kInspector:
      return "Machine inspector";
    case PanelId::kConsole:
      return "zkCli console";
    case PanelId::kPartition:
      return "Partition editor";
    case PanelId::kStatus:
      return "Status";
  }
  return "?";
}

const char* panel_tab_label(PanelId id) {
  switch (id) {
    case PanelId::kInspector:
      return "Inspector";
    case PanelId::kDuel:
      return "Duel";
    default:
      return panel_title(id);
  }
}

Rect slot_rect(SlotId slot, float width, float height, float captions_height) {
  captions_height = std::clamp(captions_height, kMinCaptionsHeight,
                               std::max(kMinCaptionsHeight, std::round(height / 3)));
  const float body_top = kControlsHeight + captions_height;
  const float body_h = std::max(0.0f, height - body_top - kStatusHeight);
  const float left_w = std::round(width * kLeftShare);
  const float right_w = width - left_w;
  const float upper_h = std::round(body_h * kUpperShare);
  const float lower_h = body_h - upper_h;
  switch (slot) {
    case SlotId::kControls:
      return {0, 0, width, kControlsHeight};
    case SlotId::kCaptions:
      return {0, kControlsHeight, width, captions_height};
    case SlotId::kMap:
      return {0, body_top, left_w, upper_h};
    case SlotId::kEvents:
      return {left_w, body_top, right_w, upper_h};
    case SlotId::kLowerLeft:
      return {0, body_top + upper_h, left_w, lower_h};
    case SlotId::kLowerRight:
      return {left_w, body_top + upper_h, right_w, lower_h};
    case SlotId::kStatus:
      return {0, height - kStatusHeight, width, kStatusHeight};
  }
  return {};
}

Rect panel_rect(PanelId id, float width, float height, float captions_height) {
  return slot_rect(panel_slot(id), width, height, captions_height);
}

}  // namespace zoolab::gui
