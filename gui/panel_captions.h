// Captions panel: the scenario's current `say` narration, English and Chinese, in large type.
#pragma once

#include "gui/panel_context.h"
#include "gui/ui_command.h"

namespace zoolab::gui {

struct CaptionsState {};  // nothing to remember yet: the run knows the current caption

void draw_captions(CaptionsState& state, const PanelContext& ctx, CommandQueue& out);
// How tall the panel must be to show the current caption whole in a window `width` wide.
float captions_height(const PanelContext& ctx, float width);

}  // namespace zoolab::gui
