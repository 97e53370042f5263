// The read-only view every panel draws from. Panels never get a mutable run: what they want
// changed goes into the CommandQueue.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/base/ids.h"
#include "gui/fonts.h"
#include "gui/playback.h"
#include "gui/speed_meter.h"
#include "sim/scenario/run.h"

namespace zoolab::gui {

using core::NodeId;

struct PanelContext {
  const sim::Run& run;
  const Playback& playback;
  const SpeedReport& speed;
  const FontSet& fonts;
  std::optional<core::NodeId> selected;  // the machine the inspector shows
  std::optional<uint64_t> branched_at;   // event index where the user last rewrote the future
  std::string_view notice;               // the app's last message (Save session's outcome)
  std::string_view caption_lang = "both";  // captions: "en", "zh" or "both"
};

}  // namespace zoolab::gui
