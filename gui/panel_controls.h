// Controls panel: jump to start, step back (time travel by replay), play/pause, step, speed,
// the simulated clock and the seed; warns when an action rewrote the future (a branch).
// Keys: space play/pause, right arrow step, left arrow step back.
#pragma once

#include "gui/panel_context.h"
#include "gui/ui_command.h"

namespace zoolab::gui {

struct ControlsState {
  float speed_slider = 1.0f;  // the slider's copy of Playback::speed (ImGui edits a float)
};

void draw_controls(ControlsState& state, const PanelContext& ctx, CommandQueue& out);

}  // namespace zoolab::gui
