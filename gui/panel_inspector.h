// Machine inspector: the selected machine's state, local clock, disk (what is not yet
// durable), pending timers and the process's own view (Process::state_lines()).
#pragma once

#include "gui/panel_context.h"
#include "gui/ui_command.h"

namespace zoolab::gui {

struct InspectorState {};  // the selection lives in the app (the map and the menu set it)

void draw_inspector(InspectorState& state, const PanelContext& ctx, CommandQueue& out);

}  // namespace zoolab::gui
