// Event list panel: the pending events in firing order (click one to deliver it next — manual
// delivery; events of a paused machine are greyed out) and the trace so far, newest at the
// bottom. Both lists go through ImGuiListClipper, so long runs cost only the visible rows.
#pragma once

#include <cstdint>
#include <vector>

#include "core/base/time.h"
#include "gui/panel_context.h"
#include "gui/ui_command.h"
#include "sim/kernel/world.h"

namespace zoolab::gui {

struct EventListState {
  // World::pending_events() builds labels, so it is rebuilt only when the world moved.
  struct Key {
    uint64_t events = UINT64_MAX;
    uint64_t records = 0;
    uint64_t hash = 0;
    core::Time now;
    bool operator==(const Key&) const = default;
  } pending_key;
  std::vector<sim::PendingEvent> pending;
  size_t trace_rows_seen = 0;  // to follow new trace records while the view is at the bottom
};

void draw_event_list(EventListState& state, const PanelContext& ctx, CommandQueue& out);

}  // namespace zoolab::gui
