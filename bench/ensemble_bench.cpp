// Ensemble benchmarks: whole ZooKeeper runs through sim::Run, as `zoolab run` plays them.
//  BM_EnsembleLoad:      five servers and 100 zkCli clients doing 1000 ops/s in total (70% get,
//                        30% set) for N simulated seconds; reports simulated seconds per wall second.
//  BM_LeaderCrashCommit: three servers, a client writing every 50 ms, the leader crashes; one run
//                        from the start until the new leader's first COMMIT; wall time per run.
// Arg 1 = the full run (invariant checkers + checkpoints, like `zoolab run`), 0 = the bare world.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/base/rng.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/run.h"

namespace {

using namespace zoolab;

sim::RunOptions options_for(int64_t full) {
  sim::RunOptions o;
  if (full == 0) {
    o.checkers = false;
    o.checkpoint_every = UINT64_MAX / 2;
  }
  return o;
}

constexpr int kClients = 100;
constexpr int kLoadSeconds = 10;  // simulated seconds of load after a 3 s warm-up

// Five servers, 100 clients (connect at 1-1.5 s), ten shared keys created at 2 s, then every
// client types one command every 100 ms at a random phase: get (70%) or set (30%) of a random key.
std::shared_ptr<const sim::Scenario> load_scenario() {
  std::string zls =
      "tickTime=2000\ninitLimit=5\nsyncLimit=2\n"
      "latency uniform 0.1ms 0.3ms\nfsync 1ms\n";
  for (int s = 1; s <= 5; ++s) zls += "server." + std::to_string(s) + "=zk" + std::to_string(s) + ":2888:3888\n";
  for (int c = 1; c <= kClients; ++c)
    zls += "at " + std::to_string(1000 + c * 5) + "ms client c" + std::to_string(c) +
           " connect zk1,zk2,zk3,zk4,zk5 timeout 30000\n";
  for (int k = 0; k < 10; ++k) zls += "at 2s c1: create /k" + std::to_string(k) + " 0\n";
  core::Rng rng(42);
  std::vector<int64_t> phase(kClients + 1);
  for (int c = 1; c <= kClients; ++c) phase[c] = rng.uniform_i64(0, 99'999);  // us
  for (int64_t tick = 0; tick < kLoadSeconds * 10; ++tick) {
    // Steps must not go back in time: emit each 100 ms slot's commands in phase order.
    std::vector<std::pair<int64_t, int>> slot;
    for (int c = 1; c <= kClients; ++c) slot.emplace_back(3'000'000 + tick * 100'000 + phase[c], c);
    std::sort(slot.begin(), slot.end());
    for (const auto& [us, c] : slot) {
      const std::string key = "/k" + std::to_string(rng.uniform_i64(0, 9));
      const bool read = rng.uniform_i64(0, 99) < 70;
      zls += "at " + std::to_string(us) + "us c" + std::to_string(c) + ": " +
             (read ? "get " + key : "set " + key + " v" + std::to_string(tick)) + "\n";
    }
  }
  zls += "run until " + std::to_string(3 + kLoadSeconds) + "s\n";
  return std::make_shared<const sim::Scenario>(sim::parse_scenario(zls, "ensemble-load.zls"));
}

void BM_EnsembleLoad(benchmark::State& state) {
  const auto sc = load_scenario();
  double simulated = 0;
  uint64_t events = 0;
  size_t answered = 0;
  for (auto _ : state) {
    sim::Run run(sc, 1, sim::product_processes(), options_for(state.range(0)));
    run.run_to_end();
    simulated += static_cast<double>(run.world().now().ns) / 1e9;
    events += run.world().events_fired();
    state.PauseTiming();  // a sanity count: the clients' commands were answered
    answered = 0;
    for (const sim::TraceRecord& r : run.trace().records)
      if (r.kind == sim::RecordKind::kDeliver && r.text.find(": reply xid=") != std::string::npos &&
          r.text.find(": reply xid=-") == std::string::npos)
        ++answered;
    state.ResumeTiming();
  }
  state.counters["replies/run"] = static_cast<double>(answered);
  state.counters["sim-s/wall-s"] = benchmark::Counter(simulated, benchmark::Counter::kIsRate);
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["events/run"] =
      benchmark::Counter(static_cast<double>(events) / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_EnsembleLoad)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

std::shared_ptr<const sim::Scenario> crash_scenario() {
  std::string zls =
      "tickTime=2000\ninitLimit=5\nsyncLimit=2\n"
      "server.1=zk1:2888:3888\nserver.2=zk2:2888:3888\nserver.3=zk3:2888:3888\n"
      "latency uniform 0.1ms 0.3ms\nfsync 1ms\n"
      "at 1s client c1 connect zk1,zk2,zk3 timeout 30000\n"
      "at 2s c1: create /k 0\n"
      "at 3s crash zk3\n";
  for (int i = 1; i <= 60; ++i) zls += "+50ms c1: set /k " + std::to_string(i) + "\n";
  zls += "run until 10s\n";
  return std::make_shared<const sim::Scenario>(sim::parse_scenario(zls, "leader-crash.zls"));
}

// Steps until the trace holds the first COMMIT of epoch 2; false if the run ended first.
bool run_to_new_commit(sim::Run& run) {
  size_t seen = 0;
  while (run.step()) {
    const auto& records = run.trace().records;
    for (; seen < records.size(); ++seen)
      if (records[seen].kind == sim::RecordKind::kNote && records[seen].text.starts_with("COMMIT 0x2")) return true;
  }
  return false;
}

void BM_LeaderCrashCommit(benchmark::State& state) {
  const auto sc = crash_scenario();
  double simulated = 0;
  for (auto _ : state) {
    sim::Run run(sc, 1, sim::product_processes(), options_for(state.range(0)));
    if (!run_to_new_commit(run)) {
      state.SkipWithError("no commit in epoch 2");
      break;
    }
    simulated = static_cast<double>(run.world().now().ns) / 1e9;
  }
  state.counters["commit-at-sim-s"] = simulated;
}
BENCHMARK(BM_LeaderCrashCommit)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

}  // namespace
