// Process lifecycle: crash (peers reset after the latency), power-off (silent), restart from
// durable disk, GC pause, clocks; world copies and determinism.
#include <doctest/doctest.h>

#include "tests/sim/kernel/world_fixture.h"
#include "tests/support/test_processes.h"

using namespace zoolab;
using namespace zoolab::testing;
using core::milliseconds;
using sim::RecordKind;

namespace {
sim::World two_probes(std::vector<ProbeSend> a_sends, bool log_b = false) {
  sim::World w(1);
  w.add_node("a", std::make_unique<Probe>(std::move(a_sends)));
  w.add_node("b", std::make_unique<Probe>(std::vector<ProbeSend>{}, log_b));
  w.apply(sim::SetLatency{sim::kAllNodes, sim::kAllNodes, sim::FixedLatency{milliseconds(5)}});
  w.apply(sim::StartNode{0});
  w.apply(sim::StartNode{1});
  return w;
}
}  // namespace

TEST_CASE("a crashed process's peers see a reset one latency later") {
  sim::World w = two_probes({{milliseconds(10), 1, "x", 1}});
  run_until(w, at_ms(100));
  w.apply(sim::CrashNode{1});
  CHECK(w.node(1).state == sim::NodeState::kCrashed);
  run_until(w, at_ms(104));
  CHECK(probe(w, 0).seen.back().what != "closed 1");
  run_until(w, at_ms(105));
  CHECK(probe(w, 0).seen.back().what == "closed 1");
  CHECK(probe(w, 0).seen.back().local == at_ms(105));
}

TEST_CASE("a powered-off machine is silent") {
  sim::World w = two_probes({{milliseconds(10), 1, "x", 1}, {milliseconds(300), 1, "y", 2}});
  run_until(w, at_ms(100));
  w.apply(sim::PowerOffNode{1});
  run_until(w, at_ms(1000));
  for (const auto& s : probe(w, 0).seen) CHECK(s.what.rfind("closed", 0) != 0);
  CHECK(w.node(1).state == sim::NodeState::kPoweredOff);
}

TEST_CASE("connecting to a machine without a process is refused") {
  sim::World w(1);
  w.add_node("a", std::make_unique<Probe>(std::vector<ProbeSend>{{milliseconds(10), 1, "x", 1}}));
  w.add_node("b", std::make_unique<Probe>());
  w.apply(sim::StartNode{0});  // b's machine is up, but b never starts
  run_until(w, at_ms(100));
  CHECK(probe(w, 0).seen.back().what == "closed 1");
}

TEST_CASE("restart recovers only what was fsynced") {
  sim::World w = two_probes({{milliseconds(10), 1, "x", 1}, {milliseconds(20), 1, "y", 2}}, true);
  run_until(w, at_ms(25));  // x synced at 16ms; y arrives at 25ms, its fsync completes at 26ms
  w.apply(sim::CrashNode{1});
  w.apply(sim::StartNode{1});
  CHECK(probe(w, 1).durable_at_start == "x(1)\n");
  CHECK(w.node(1).incarnation == 2);
}

TEST_CASE("a paused process handles nothing until it wakes, then everything in order") {
  sim::World w = two_probes(numbered(5, 1, milliseconds(10)));
  sim::TraceLog log;
  w.set_trace(&log);
  w.apply(sim::PauseNode{1, milliseconds(200)});
  run_until(w, at_ms(199));
  CHECK(probe(w, 1).seen.size() == 1);  // just its start
  CHECK(w.paused(1));
  run_until(w, at_ms(200));
  CHECK_FALSE(w.paused(1));
  CHECK(probe(w, 1).values_from(0) == std::vector<int64_t>{0, 1, 2, 3, 4});
  for (size_t i = 1; i < probe(w, 1).seen.size(); ++i) CHECK(probe(w, 1).seen[i].local == at_ms(200));
  CHECK(trace_has(log, RecordKind::kResume, "wakes up"));
}

TEST_CASE("timers run on the local clock; offsets show in env.now") {
  sim::World w(1);
  w.add_node("a", std::make_unique<Probe>(std::vector<ProbeSend>{{milliseconds(1100), 0, "self", 0}}));
  w.apply(sim::SetClockDrift{0, 100'000});  // 10% fast: 1100ms local = 1000ms global
  w.apply(sim::ShiftClock{0, core::seconds(2)});
  w.apply(sim::StartNode{0});
  CHECK(probe(w, 0).seen[0].local == at_ms(2000));
  run_until(w, at_ms(999));
  CHECK(probe(w, 0).seen.size() == 1);
  run_until(w, at_ms(1000));
  REQUIRE(probe(w, 0).seen.size() >= 2);
  CHECK(probe(w, 0).seen[1].local == at_ms(3100));
}

TEST_CASE("copies of a world evolve independently and identically") {
  sim::World w(5);
  w.add_node("a", make_heartbeat({1, 2}, milliseconds(100)));
  w.add_node("b", make_heartbeat({0, 2}, milliseconds(100)));
  w.add_node("c", make_heartbeat({0, 1}, milliseconds(100)));
  w.apply(sim::SetLatency{sim::kAllNodes, sim::kAllNodes, sim::NormalLatency{milliseconds(5), milliseconds(2)}});
  for (core::NodeId i = 0; i < 3; ++i) w.apply(sim::StartNode{i});
  run_until(w, at_ms(500));
  sim::World copy = w;
  run_until(w, at_ms(3000));
  CHECK(copy.events_fired() < w.events_fired());
  run_until(copy, at_ms(3000));
  CHECK(copy.trace_hash() == w.trace_hash());
  CHECK(copy.events_fired() == w.events_fired());
}

TEST_CASE("the trace hash depends on the seed when latency is random") {
  auto hash_for = [](uint64_t seed) {
    sim::World w(seed);
    w.add_node("a", make_heartbeat({1}, milliseconds(100)));
    w.add_node("b", make_heartbeat({0}, milliseconds(100)));
    w.apply(sim::SetLatency{sim::kAllNodes, sim::kAllNodes, sim::UniformLatency{milliseconds(1), milliseconds(9)}});
    w.apply(sim::StartNode{0});
    w.apply(sim::StartNode{1});
    run_until(w, at_ms(2000));
    return w.trace_hash();
  };
  CHECK(hash_for(1) == hash_for(1));
  CHECK(hash_for(1) != hash_for(2));
}

TEST_CASE("fsyncs that complete during a pause all complete after it, in order") {
  // Two messages 0.5 ms apart make b log twice: fsyncs done at 16 ms and 17 ms. A pause from
  // 15.6 ms to 25.6 ms defers the first completion; the second reaches the queue head while the
  // first is still queued and must be deferred too, not dropped (a stuck disk, fuzz seed 975).
  sim::World w = two_probes({{milliseconds(10), 1, "x", 1}, {core::microseconds(10500), 1, "y", 2}}, true);
  run_until(w, core::Time{0} + core::microseconds(15600));
  w.apply(sim::PauseNode{1, milliseconds(10)});
  run_until(w, at_ms(40));
  std::vector<std::string> disk;
  for (const auto& s : probe(w, 1).seen)
    if (s.what.rfind("disk", 0) == 0) disk.push_back(s.what);
  CHECK(disk == std::vector<std::string>{"disk 1", "disk 2"});
  CHECK(w.node(1).disk.pending_syncs() == 0);
}
