// Kernel throughput: the hold model (pop the earliest event, push one a random delay later)
// at 1k and 10k pending events, and a whole world of processes exchanging messages.
#include <benchmark/benchmark.h>

#include <memory>

#include "core/base/process.h"
#include "core/base/rng.h"
#include "sim/kernel/event_queue.h"
#include "sim/kernel/world.h"

namespace {

using namespace zoolab;

void BM_HoldModel(benchmark::State& state) {
  const auto pending = static_cast<size_t>(state.range(0));
  sim::EventQueue q;
  core::Rng rng(1);
  for (size_t i = 0; i < pending; ++i)
    q.push(core::Time{rng.uniform_i64(0, 1'000'000)}, sim::EventKind::kTimer, 0, i);
  for (auto _ : state) {
    const sim::Event e = q.pop();
    // Exponential-ish increments from a cheap uniform keep the heap shape realistic.
    q.push(e.time + core::Duration{static_cast<int64_t>(rng.next_u64() >> 44)}, e.kind, e.a, e.b);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HoldModel)->Arg(1000)->Arg(10000);

// A process that keeps `fanout` timers cycling: the world's own dispatch path (timers, handler,
// outbox) without the network.
class Ticker final : public core::Process {
 public:
  explicit Ticker(int fanout) : fanout_(fanout) {}
  std::unique_ptr<core::Process> clone() const override { return std::make_unique<Ticker>(*this); }
  std::string kind() const override { return "ticker"; }
  void on_start(core::Env& env, const core::DiskImage&) override {
    for (int i = 0; i < fanout_; ++i)
      env.out.set_timer({0, static_cast<uint64_t>(i)}, core::Duration{env.rng.uniform_i64(1, 1'000'000)});
  }
  void on_message(core::Env&, core::ConnId, core::NodeId, const core::Message&) override {}
  void on_timer(core::Env& env, core::TimerId t) override {
    env.out.set_timer(t, core::Duration{env.rng.uniform_i64(1, 1'000'000)});
  }

 private:
  int fanout_;
};

void BM_WorldTimers(benchmark::State& state) {
  sim::World w(1);
  for (int i = 0; i < 10; ++i) w.add_node("n" + std::to_string(i), std::make_unique<Ticker>(static_cast<int>(state.range(0)) / 10));
  for (core::NodeId i = 0; i < 10; ++i) w.apply(sim::StartNode{i});
  for (auto _ : state) w.step();
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_WorldTimers)->Arg(1000);

// Ping-pong over connections: the full network path (latency sampling, channels, delivery).
class Pinger final : public core::Process {
 public:
  explicit Pinger(core::NodeId peer) : peer_(peer) {}
  std::unique_ptr<core::Process> clone() const override { return std::make_unique<Pinger>(*this); }
  std::string kind() const override { return "pinger"; }
  void on_start(core::Env& env, const core::DiskImage&) override {
    if (peer_ == core::kNoNode) return;
    const core::ConnId c = env.out.connect(peer_);
    for (int i = 0; i < 8; ++i) env.out.send(c, core::RawMessage{"ping", {i}});
  }
  void on_message(core::Env& env, core::ConnId conn, core::NodeId, const core::Message& m) override {
    env.out.send(conn, m);
  }

 private:
  core::NodeId peer_;
};

void BM_WorldPingPong(benchmark::State& state) {
  sim::World w(1);
  for (core::NodeId i = 0; i < 10; ++i) w.add_node("n" + std::to_string(i), std::make_unique<Pinger>(i % 2 == 0 ? i + 1 : core::kNoNode));
  w.apply(sim::SetLatency{sim::kAllNodes, sim::kAllNodes, sim::UniformLatency{core::microseconds(100), core::milliseconds(2)}});
  for (core::NodeId i = 0; i < 10; ++i) w.apply(sim::StartNode{i});
  for (auto _ : state) w.step();
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_WorldPingPong);

}  // namespace

BENCHMARK_MAIN();
