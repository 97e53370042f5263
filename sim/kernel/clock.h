// A machine's local clock: the global clock shifted by an offset and scaled by a drift.
#pragma once

#include <cstdint>

#include "core/base/time.h"
#include "core/base/wide_int.h"

namespace zoolab::sim {

using core::Duration;
using core::Time;

class LocalClock {
 public:
  Time local(Time global) const {
    const core::Int128 elapsed = global.ns - anchor_global_.ns;
    return Time{anchor_local_.ns + static_cast<int64_t>(elapsed * (kMillion + drift_ppm_) / kMillion)};
  }
  // A timer of `local_delay` on this clock fires after this much global time.
  Duration to_global(Duration local_delay) const {
    const core::Int128 d = local_delay.ns;
    return Duration{static_cast<int64_t>(d * kMillion / (kMillion + drift_ppm_))};
  }
  void shift(Time global_now, Duration delta) { rebase(global_now, local(global_now) + delta); }
  void set_drift_ppm(Time global_now, int64_t ppm) {
    rebase(global_now, local(global_now));
    drift_ppm_ = ppm;
  }
  int64_t drift_ppm() const { return drift_ppm_; }
  Duration offset(Time global_now) const { return local(global_now) - global_now; }

 private:
  static constexpr int64_t kMillion = 1'000'000;
  void rebase(Time global_now, Time local_now) {
    anchor_global_ = global_now;
    anchor_local_ = local_now;
  }
  Time anchor_global_{0};
  Time anchor_local_{0};
  int64_t drift_ppm_ = 0;  // > -1'000'000 (a clock never runs backwards)
};

}  // namespace zoolab::sim
