// Lock duel benchmarks: one compare-locks row (3 workers, 60 s simulated, gc-pause plan) per
// variant family, as `zoolab compare-locks` runs it (checkers on, no checkpoints); reports
// simulated seconds per wall second and events per second.
#include <benchmark/benchmark.h>

#include "sim/duel/lock_duel.h"

namespace {

using namespace zoolab;

void BM_DuelRow(benchmark::State& state) {
  const auto variant = static_cast<core::locks::LockVariant>(state.range(0));
  sim::duel::DuelOptions o;
  o.plan = sim::duel::FaultPlan::kGcPause;
  o.duration = core::seconds(60);
  o.fault_at = core::seconds(10);
  uint64_t events = 0;
  for (auto _ : state) {
    const sim::duel::DuelRow row = sim::duel::run_duel(o, variant);
    events += row.events;
    benchmark::DoNotOptimize(row.acquisitions);
  }
  state.SetLabel(std::string(core::locks::variant_name(variant)));
  state.counters["sim_s_per_wall_s"] = benchmark::Counter(60.0 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DuelRow)
    ->Arg(static_cast<int>(core::locks::LockVariant::kRedisCad))
    ->Arg(static_cast<int>(core::locks::LockVariant::kRedlock))
    ->Arg(static_cast<int>(core::locks::LockVariant::kZkSequential))
    ->Unit(benchmark::kMillisecond);

}  // namespace
