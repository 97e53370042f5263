// The play/pause clock (see playback.h).
#include "gui/playback.h"

#include <algorithm>
#include <cmath>

namespace zoolab::gui {

void Playback::set_speed(double factor) {
  speed_ = std::clamp(std::isfinite(factor) ? factor : 1.0, kMinSpeed, kMaxSpeed);
}

void Playback::advance(sim::Run& run, double wall_seconds) {
  if (!playing_) return;
  const core::Time now = run.world().now();
  if (now >= run.until()) {
    playing_ = false;
    return;
  }
  const double wall = std::clamp(wall_seconds, 0.0, kMaxFrameSeconds);
  const auto delta_ns = static_cast<int64_t>(std::llround(wall * speed_ * 1e9));
  const core::Time target = std::min(now + core::nanoseconds(delta_ns), run.until());
  run.run_until(target);
  if (run.world().now() >= run.until()) playing_ = false;
}

}  // namespace zoolab::gui
