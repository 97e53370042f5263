// Measures how fast the simulation runs in wall time, the way OMNeT++ reports it:
// events per wall second and simulated seconds per wall second, over a sliding window.
#pragma once

#include <cstdint>
#include <deque>

#include "core/base/time.h"

namespace zoolab::gui {

struct SpeedReport {
  bool valid = false;  // false until two samples span some wall time
  double events_per_wall_s = 0;
  double sim_s_per_wall_s = 0;
};

class SpeedMeter {
 public:
  explicit SpeedMeter(double window_s = 1.0) : window_s_(window_s) {}

  // One observation; wall time comes from the caller (the app's steady clock), which keeps
  // this class testable and the wall clock out of the model. A jump backwards in events or
  // simulated time (step back, jump to start) restarts the window.
  void sample(double wall_s, uint64_t events, core::Time sim);
  SpeedReport report() const;

 private:
  struct Sample {
    double wall_s;
    uint64_t events;
    core::Time sim;
  };
  double window_s_;
  std::deque<Sample> samples_;  // oldest first, spanning about window_s_
};

}  // namespace zoolab::gui
