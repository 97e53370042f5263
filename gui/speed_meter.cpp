// Sliding-window speed measurement (see speed_meter.h).
#include "gui/speed_meter.h"

namespace zoolab::gui {

void SpeedMeter::sample(double wall_s, uint64_t events, core::Time sim) {
  if (!samples_.empty()) {
    const Sample& last = samples_.back();
    if (events < last.events || sim < last.sim || wall_s < last.wall_s) samples_.clear();
  }
  samples_.push_back({wall_s, events, sim});
  // Keep one sample older than the window so the window is always fully covered.
  while (samples_.size() > 2 && samples_[1].wall_s <= wall_s - window_s_)
    samples_.pop_front();
}

SpeedReport SpeedMeter::report() const {
  if (samples_.size() < 2) return {};
  const Sample& a = samples_.front();
  const Sample& b = samples_.back();
  const double wall = b.wall_s - a.wall_s;
  if (wall <= 0) return {};
  return {true, static_cast<double>(b.events - a.events) / wall,
          static_cast<double>((b.sim - a.sim).ns) / 1e9 / wall};
}

}  // namespace zoolab::gui
