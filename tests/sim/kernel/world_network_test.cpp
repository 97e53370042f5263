// Network semantics: FIFO per connection, latency models, partitions, one-way cuts, not-TCP modes.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/sim/kernel/world_fixture.h"

using namespace zoolab;
using namespace zoolab::testing;
using core::milliseconds;
using sim::RecordKind;

TEST_CASE("messages on one connection arrive in order even with random latency") {
  sim::World w(7);
  sim::TraceLog log;
  w.set_trace(&log);
  w.add_node("a", std::make_unique<Probe>(numbered(200, 1, core::microseconds(100))));
  w.add_node("b", std::make_unique<Probe>());
  w.apply(sim::SetLatency{sim::kAllNodes, sim::kAllNodes, sim::UniformLatency{milliseconds(1), milliseconds(30)}});
  w.apply(sim::StartNode{0});
  w.apply(sim::StartNode{1});
  run_until(w, at_ms(1000));
  const auto got = probe(w, 1).values_from(0);
  REQUIRE(got.size() == 200);
  CHECK(std::is_sorted(got.begin(), got.end()));
  CHECK(probe(w, 1).seen[1].what == "accept 0");  // the handshake arrives before data
}

TEST_CASE("latency models are used per link") {
  sim::World w(1);
  w.add_node("a", std::make_unique<Probe>(std::vector<ProbeSend>{{milliseconds(10), 1, "x", 1}}));
  w.add_node("b", std::make_unique<Probe>());
  w.apply(sim::SetLatency{0, 1, sim::FixedLatency{milliseconds(20)}});
  w.apply(sim::StartNode{0});
  w.apply(sim::StartNode{1});
  run_until(w, at_ms(100));
  const auto& seen = probe(w, 1).seen;
  REQUIRE(seen.size() == 3);
  CHECK(seen[2].what == "msg 0 x(1)");
  CHECK(seen[2].local == at_ms(30));
}

TEST_CASE("a partition drops traffic silently and kills crossing connections") {
  sim::World w(1);
  sim::TraceLog log;
  w.set_trace(&log);
  w.add_node("a", std::make_unique<Probe>(numbered(10, 1, milliseconds(100))));
  w.add_node("b", std::make_unique<Probe>());
  w.apply(sim::StartNode{0});
  w.apply(sim::StartNode{1});
  run_until(w, at_ms(350));  // m(0)..m(2) delivered
  w.apply(sim::PartitionNet{{{0}, {1}}, false});
  run_until(w, at_ms(2000));
  CHECK(probe(w, 1).values_from(0) == std::vector<int64_t>{0, 1, 2});
  // Neither side was told: no "closed" event anywhere.
  for (core::NodeId n : {0u, 1u})
    for (const auto& s : probe(w, n).seen) CHECK(s.what.rfind("closed", 0) != 0);
  CHECK(trace_has(log, RecordKind::kDrop, "broken silently by the partition"));
  CHECK(trace_has(log, RecordKind::kDrop, "lost (connection broken)"));
  // Healing does not resurrect the broken connection.
  w.apply(sim::HealNet{});
  run_until(w, at_ms(3000));
  CHECK(probe(w, 1).values_from(0).size() == 3);
}

TEST_CASE("a one-way cut blocks one direction only for new traffic checks") {
  sim::World w(1);
  w.add_node("a", std::make_unique<Probe>());
  w.add_node("b", std::make_unique<Probe>());
  w.add_node("c", std::make_unique<Probe>());
  w.apply(sim::PartitionNet{{{0}, {1, 2}}, true});
  CHECK(w.network().blocked(0, 1));
  CHECK(w.network().blocked(0, 2));
  CHECK_FALSE(w.network().blocked(1, 0));
  CHECK_FALSE(w.network().blocked(1, 2));
  w.apply(sim::PartitionNet{{{0, 1}, {2}}, false});  // replaces the previous cut
  CHECK_FALSE(w.network().blocked(0, 1));
  CHECK(w.network().blocked(2, 0));
  CHECK(w.network().blocked(1, 2));
}

TEST_CASE("connecting across a partition fails silently; the opener hears nothing") {
  sim::World w(1);
  sim::TraceLog log;
  w.set_trace(&log);
  w.add_node("a", std::make_unique<Probe>(std::vector<ProbeSend>{{milliseconds(10), 1, "x", 1}}));
  w.add_node("b", std::make_unique<Probe>());
  w.apply(sim::PartitionNet{{{0}, {1}}, false});
  w.apply(sim::StartNode{0});
  w.apply(sim::StartNode{1});
  run_until(w, at_ms(1000));
  CHECK(probe(w, 1).seen.size() == 1);  // only its own start
  CHECK(probe(w, 0).seen.size() == 2);  // start, timer; no "closed"
  CHECK(trace_has(log, RecordKind::kDrop, "connection to b lost: partition"));
}

TEST_CASE("not-TCP lesson modes lose, duplicate and reorder, and say so") {
  sim::World w(3);
  sim::TraceLog log;
  w.set_trace(&log);
  w.add_node("a", std::make_unique<Probe>(numbered(300, 1, core::microseconds(10))));
  w.add_node("b", std::make_unique<Probe>());
  w.apply(sim::SetNotTcp{{100, 100, 200}});
  w.apply(sim::StartNode{0});
  w.apply(sim::StartNode{1});
  run_until(w, at_ms(1000));
  const auto got = probe(w, 1).values_from(0);
  CHECK(got.size() != 300);
  CHECK_FALSE(std::is_sorted(got.begin(), got.end()));
  CHECK(trace_has(log, RecordKind::kDrop, "NOT TCP: lost"));
  CHECK(trace_has(log, RecordKind::kNote, "NOT TCP: duplicated"));
  CHECK(trace_has(log, RecordKind::kFault, "NOT TCP lesson mode"));
}
