// Sampling and printing of latency models.
#include "sim/kernel/latency.h"
#include "core/base/overloaded.h"

namespace zoolab::sim {
namespace {
using core::Overloaded;
}  // namespace

Duration sample(const LatencyModel& m, core::Rng& rng) {
  const int64_t ns = std::visit(
      Overloaded{
          [](const FixedLatency& f) { return f.value.ns; },
          [&](const UniformLatency& u) { return rng.uniform_i64(u.lo.ns, u.hi.ns); },
          [&](const NormalLatency& n) { return rng.normal_i64(n.mean.ns, n.stddev.ns); },
          [&](const LongTailLatency& l) { return rng.long_tail_i64(l.median.ns, l.p99.ns); },
      },
      m);
  return Duration{ns < 0 ? 0 : ns};
}

std::string describe(const LatencyModel& m) {
  using core::format_duration;
  return std::visit(
      Overloaded{
          [](const FixedLatency& f) { return format_duration(f.value); },
          [](const UniformLatency& u) {
            return "uniform " + format_duration(u.lo) + ".." + format_duration(u.hi);
          },
          [](const NormalLatency& n) {
            return "normal " + format_duration(n.mean) + " sd " + format_duration(n.stddev);
          },
          [](const LongTailLatency& l) {
            return "longtail median " + format_duration(l.median) + " p99 " + format_duration(l.p99);
          },
      },
      m);
}

Duration typical(const LatencyModel& m) {
  return std::visit(Overloaded{
                        [](const FixedLatency& f) { return f.value; },
                        [](const UniformLatency& u) { return Duration{(u.lo.ns + u.hi.ns) / 2}; },
                        [](const NormalLatency& n) { return n.mean; },
                        [](const LongTailLatency& l) { return l.median; },
                    },
                    m);
}

}  // namespace zoolab::sim
