// Status bar: simulated time, events fired, speed (events/s and simulated-s per wall-s,
// measured in wall time by the app), seed, trace hash, interventions and expectations.
#pragma once

#include "gui/panel_context.h"
#include "gui/ui_command.h"

namespace zoolab::gui {

struct StatusState {};  // everything shown comes from the run and the app's speed meter

void draw_status(StatusState& state, const PanelContext& ctx, CommandQueue& out);

}  // namespace zoolab::gui
