// Runs: scenario steps as events, interventions by event index, time travel and branching by
// replay, saved intervention lists replaying bit for bit.
#include <doctest/doctest.h>

#include <map>

#include "sim/scenario/run.h"
#include "tests/support/test_processes.h"

using namespace zoolab;
using core::milliseconds;
using core::seconds;
using core::Time;

namespace {

std::shared_ptr<const sim::Scenario> three_servers() {
  auto sc = std::make_shared<sim::Scenario>();
  sc->file = "hand-made.zls";
  for (int i = 1; i <= 3; ++i) {
    sim::NodeDecl d;
    d.name = "zk" + std::to_string(i);
    d.kind = "zookeeper";
    d.server_id = i;
    sc->nodes.push_back(d);
  }
  sc->latencies.push_back({sim::kAllNodes, sim::kAllNodes, sim::UniformLatency{milliseconds(1), milliseconds(8)}});
  auto step = [&](int64_t ms, sim::Action a) {
    sc->steps.push_back({Time{0} + milliseconds(ms), {}, "step", a});
  };
  step(2000, sim::CrashNode{1});
  step(3000, sim::PartitionNet{{{0}, {2}}, false});
  step(4000, sim::RestartNode{1});
  step(5000, sim::HealNet{});
  step(6000, sim::PauseNode{2, milliseconds(700)});
  sc->steps.push_back({Time{0} + seconds(7), {}, "say hello", sim::SayStep{"hello", "你好"}});
  sc->until = Time{0} + seconds(10);
  return sc;
}

}  // namespace

TEST_CASE("a run replays bit for bit, and seeking back reproduces every earlier state") {
  sim::Run run(three_servers(), 4, testing::test_processes(), {.checkpoint_every = 50, .until = std::nullopt});
  std::map<uint64_t, uint64_t> hash_at;
  hash_at[0] = run.world().trace_hash();
  while (run.step()) hash_at[run.world().events_fired()] = run.world().trace_hash();
  run.run_to_end();
  const uint64_t total = run.world().events_fired();
  CHECK(total > 200);
  CHECK(run.world().now() == Time{0} + seconds(10));
  CHECK(run.checkpoint_count() > 3);
  REQUIRE(run.current_caption().has_value());

  for (uint64_t target : {total / 2, uint64_t{0}, total - 1, uint64_t{51}, total / 3}) {
    run.seek(target);
    CHECK(run.world().events_fired() == target);
    CHECK(run.world().trace_hash() == hash_at[target]);
    CHECK(run.trace().records.size() == run.world().record_count());
  }
  run.seek(total / 2);
  run.step_back();
  CHECK(run.world().trace_hash() == hash_at[total / 2 - 1]);
  run.run_to_end();
  CHECK(run.world().events_fired() == total);
  CHECK(run.world().trace_hash() == hash_at[total]);

  sim::Run again(three_servers(), 4, testing::test_processes());
  again.run_to_end();
  CHECK(again.world().trace_hash() == run.world().trace_hash());
}

TEST_CASE("interventions are stamped by event index and replay from a saved list") {
  sim::Run run(three_servers(), 1, testing::test_processes(), {.checkpoint_every = 40, .until = std::nullopt});
  run.run_until(Time{0} + milliseconds(1500));
  run.intervene(sim::CrashNode{2});
  CHECK(run.world().node(2).state == sim::NodeState::kCrashed);
  run.run_until(Time{0} + milliseconds(2500));
  // Manual delivery of whatever is pending last.
  auto pending = run.world().pending_events();
  REQUIRE_FALSE(pending.empty());
  const uint64_t before = run.world().events_fired();
  run.intervene(sim::DeliverEvent{pending.back().seq});
  CHECK(run.world().events_fired() == before + 1);
  run.run_to_end();
  const uint64_t hash = run.world().trace_hash();
  REQUIRE(run.interventions().size() == 2);

  sim::Run replay(three_servers(), 1, testing::test_processes());
  replay.set_interventions(run.interventions());
  replay.run_to_end();
  CHECK(replay.world().trace_hash() == hash);

  // Without the interventions the run differs.
  sim::Run plain(three_servers(), 1, testing::test_processes());
  plain.run_to_end();
  CHECK(plain.world().trace_hash() != hash);
}

TEST_CASE("intervening after stepping back starts a branch and drops the old future") {
  sim::Run run(three_servers(), 2, testing::test_processes(), {.checkpoint_every = 25, .until = std::nullopt});
  run.run_until(Time{0} + milliseconds(1000));
  const uint64_t branch_point = run.world().events_fired();
  const uint64_t hash_at_branch = run.world().trace_hash();
  run.run_until(Time{0} + milliseconds(1800));
  run.intervene(sim::PowerOffNode{0});
  run.run_to_end();
  const uint64_t first_future = run.world().trace_hash();

  run.seek(branch_point);
  CHECK(run.world().trace_hash() == hash_at_branch);
  run.intervene(sim::PauseNode{1, seconds(1)});
  REQUIRE(run.interventions().size() == 1);
  CHECK(std::holds_alternative<sim::PauseNode>(run.interventions()[0].action));
  run.run_to_end();
  CHECK(run.world().trace_hash() != first_future);
  const uint64_t second_future = run.world().trace_hash();
  run.seek(branch_point / 2);
  run.run_to_end();
  CHECK(run.world().trace_hash() == second_future);
}

TEST_CASE("an unknown process kind is a clear error naming the file and line") {
  auto sc = std::make_shared<sim::Scenario>();
  sim::NodeDecl d;
  d.name = "r1";
  d.kind = "etcd";
  d.loc = {"lesson.zls", 4, 1};
  sc->nodes.push_back(d);
  CHECK_THROWS_WITH_AS(sim::Run(sc, 1, testing::test_processes()),
                       doctest::Contains("lesson.zls:4:1: error: no program of kind 'etcd'"), std::runtime_error);
}

TEST_CASE("golden trace hash: the same run gives the same bits on every machine and compiler") {
  // If this changes, recorded sessions and published hashes no longer replay: change it only
  // with a deliberate change of simulation semantics, and say so in the commit.
  sim::Run run(three_servers(), 4, testing::test_processes());
  run.run_to_end();
  CHECK(run.world().events_fired() == 226);
  CHECK(sim::format_hash(run.world().trace_hash()) == "0xf5ba3704b6b4b1ce");
}
