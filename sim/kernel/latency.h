// Link latency models: fixed, uniform, normal and long-tail (log-normal), sampled portably.
#pragma once

#include <string>
#include <variant>

#include "core/base/rng.h"
#include "core/base/time.h"

namespace zoolab::sim {

using core::Duration;

struct FixedLatency { Duration value; bool operator==(const FixedLatency&) const = default; };
struct UniformLatency { Duration lo, hi; bool operator==(const UniformLatency&) const = default; };
struct NormalLatency { Duration mean, stddev; bool operator==(const NormalLatency&) const = default; };
struct LongTailLatency { Duration median, p99; bool operator==(const LongTailLatency&) const = default; };

using LatencyModel = std::variant<FixedLatency, UniformLatency, NormalLatency, LongTailLatency>;

// Never negative; a normal sample below zero is clamped to zero.
Duration sample(const LatencyModel& m, core::Rng& rng);
// "2ms", "uniform 1ms..5ms", "normal 5ms±1ms", "longtail median 2ms p99 50ms".
std::string describe(const LatencyModel& m);
// The typical value, for drawing and for the reset of a crashed peer's connections.
Duration typical(const LatencyModel& m);

}  // namespace zoolab::sim
