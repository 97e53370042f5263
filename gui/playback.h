// The play/pause clock: turns wall time into simulated time at the chosen speed.
#pragma once

#include "sim/scenario/run.h"

namespace zoolab::gui {

class Playback {
 public:
  static constexpr double kMinSpeed = 0.1;  // simulated seconds per wall second
  static constexpr double kMaxSpeed = 100.0;
  // A slow frame (a window drag, a debugger stop) must not jump the simulation far ahead.
  static constexpr double kMaxFrameSeconds = 0.25;

  bool playing() const { return playing_; }
  void set_playing(bool on) { playing_ = on; }
  double speed() const { return speed_; }
  void set_speed(double factor);  // clamped to [kMinSpeed, kMaxSpeed]

  // While playing, runs every event up to now + wall_seconds * speed (the run advances its
  // clock through idle time too, so messages in flight glide). Stops at the run's end.
  void advance(sim::Run& run, double wall_seconds);

 private:
  bool playing_ = false;
  double speed_ = 1.0;
};

}  // namespace zoolab::gui
