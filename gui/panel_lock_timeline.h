// Lock timeline panel: one horizontal lane per lock worker (any variant), time on the x axis.
// A bar wherever the worker believed it held its lock; red where another worker of the same
// lock believed so too (what the mutual-exclusion checker reports). The protected resource's
// accesses are markers on the lane of the worker that made them (lost updates red, fenced
// writes orange), and each resource has a lane of its own. Below: each Redis server's keyspace
// with every key's TTL on that server's own clock (and memcached items likewise).
#pragma once

#include <cstdint>

#include "gui/lock_view.h"
#include "gui/panel_context.h"
#include "gui/ui_command.h"

namespace zoolab::gui {

struct LockTimelineState {
  HolderTimeline timeline;  // holder spans, fed incrementally from the trace
  // The visible time range: 0 = from 0 to now, 1 = from 0 to the scenario's end, then the last
  // 60 / 20 / 5 simulated seconds.
  int range = 0;
};

void draw_lock_timeline(LockTimelineState& state, const PanelContext& ctx, CommandQueue& out);

}  // namespace zoolab::gui
