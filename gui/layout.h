// The fixed window layout (ImGui 1.86 has no docking): which panel sits where, by name.
// Panels that share a slot are shown as tabs of one window.
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
  kZnodes,
  kSessions,
  kWatches,
  kEnsemble,
  kLockWaiters,
  kLockTimeline,
  kDuel,
  kRegistry,
  kInspector,
  kConsole,
  kPartition,
  kStatus
};
// In drawing order; panels of a tabbed slot appear as tabs in this order.
constexpr std::array kAllPanels = {
    PanelId::kControls,    PanelId::kCaptions,     PanelId::kClusterMap, PanelId::kEvents,
    PanelId::kZnodes,      PanelId::kSessions,     PanelId::kWatches,    PanelId::kEnsemble,
    PanelId::kLockWaiters, PanelId::kLockTimeline, PanelId::kDuel,       PanelId::kRegistry,
    PanelId::kInspector,   PanelId::kConsole,      PanelId::kPartition,  PanelId::kStatus};

// Where panels go. The two lower slots hold several panels each, as tabs.
enum class SlotId : unsigned char {
  kControls,
  kCaptions,
  kMap,
  kEvents,
  kLowerLeft,
  kLowerRight,
  kStatus
};
inline constexpr std::array kAllSlots = {SlotId::kControls, SlotId::kCaptions,  SlotId::kMap,
                                         SlotId::kEvents,   SlotId::kLowerLeft, SlotId::kLowerRight,
                                         SlotId::kStatus};
SlotId panel_slot(PanelId id);
// More than one panel in the slot: it is drawn as a tab bar.
bool slot_is_tabbed(SlotId slot);

// Short name used by `--panel NAME` and the tests: "controls", "captions", "map", "events",
// "znodes", "sessions", "watches", "ensemble", "locks", "lock-timeline", "duel", "registry",
// "inspector", "console", "partition", "status".
std::string_view panel_name(PanelId id);
std::optional<PanelId> panel_from_name(std::string_view name);
// The window title shown above the panel when it is drawn alone.
const char* panel_title(PanelId id);
// The tab's label in a tabbed slot: the title, shorter where nine tabs must share one slot.
const char* panel_tab_label(PanelId id);

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
};

constexpr float kMinCaptionsHeight = 96;

// Where a slot goes in a window of the given size (the captions band is as tall as the
// current caption needs, between kMinCaptionsHeight and a third of the window):
//   controls (full width)                                  | top
//   captions (full width)                                  |
//   cluster map                   | event list             | body, upper part
//   [Znodes|Sessions|Watches|Ensemble|Lock waiters|Lock timeline|Duel|Registry|Inspector]
//                                 | [zkCli|Partition]      | body, lower part
//   status bar (full width)                                | bottom
Rect slot_rect(SlotId slot, float width, float height, float captions_height = kMinCaptionsHeight);
// The rect of the panel's slot.
Rect panel_rect(PanelId id, float width, float height, float captions_height = kMinCaptionsHeight);

}  // namespace zoolab::gui
