// The shipped scenarios, run as a learner would: every expectation holds, and the world is in
// the state each step claims (with the product's programs and with the heartbeat test processes).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "sim/scenario/parser.h"
#include "sim/scenario/run.h"
#include "tests/support/test_processes.h"

namespace zoolab::sim {
namespace {

using core::Time;

std::string source_path(const std::string& relative) {
  return std::string(ZOOLAB_SOURCE_DIR) + "/" + relative;
}

std::unique_ptr<Run> open_run(const std::string& relative, const ProcessRegistry& registry) {
  auto sc = std::make_shared<const Scenario>(load_scenario(source_path(relative)));
  return std::make_unique<Run>(sc, sc->seed.value_or(1), registry);
}

Time at_ms(int64_t ms) {
  return Time{0} + core::milliseconds(ms);
}

size_t expect_steps(const Scenario& sc) {
  size_t n = 0;
  for (const Step& s : sc.steps)
    n += std::holds_alternative<ExpectStep>(s.body);
  return n;
}

// Whether `node` noted `needle` at a time in [from, to].
bool noted(const Run& run, NodeId node, const std::string& needle, Time from = Time{0},
           Time to = core::kTimeNever) {
  for (const TraceRecord& r : run.trace().records) {
    if (r.node == node && r.kind == RecordKind::kNote && r.time >= from && r.time <= to &&
        r.text.find(needle) != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(source_path("scenarios"))) {
    if (e.path().extension() == ".zls")
      files.push_back(e.path().lexically_relative(ZOOLAB_SOURCE_DIR).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Foundation scenarios only look at machines and the network, so they must also hold with the
// heartbeat test processes; the others need the real ZooKeeper server.
TEST_CASE("every expectation of every shipped scenario holds, with both registries") {
  const std::vector<std::string> files = shipped_scenarios();
  REQUIRE(files.size() >= 4);
  for (const std::string& file : files) {
    std::vector<const ProcessRegistry*> registries{&product_processes()};
    if (file.starts_with("scenarios/foundation/")) registries.push_back(&testing::test_processes());
    for (const ProcessRegistry* registry : registries) {
      CAPTURE(file);
      CAPTURE((registry == &product_processes() ? "product" : "test"));
      std::unique_ptr<Run> run = open_run(file, *registry);
      run->run_to_end();
      CHECK(run->world().now() == run->until());
      CHECK(run->expect_results().size() == expect_steps(run->scenario()));
      for (const ExpectResult& r : run->expect_results()) {
        CHECK_MESSAGE(r.passed, run->scenario().steps[r.step].loc.str()
                                    << " " << run->scenario().steps[r.step].text << ": "
                                    << r.detail);
      }
    }
  }
}

TEST_CASE("demo: the tour does what its captions say") {
  std::unique_ptr<Run> run = open_run("scenarios/foundation/demo.zls", product_processes());
  const World& w = run->world();
  constexpr NodeId zk1 = 0, zk2 = 1, zk3 = 2, zk4 = 3;
  REQUIRE(run->scenario().nodes[zk4].observer);

  run->run_until(at_ms(1500));  // machines start one by one
  CHECK(w.node(zk1).running());
  CHECK(w.node(zk2).state == NodeState::kNotStarted);
  CHECK(noted(*run, zk1, "quorum peer 1 started"));  // four server lines: an ensemble

  run->run_until(at_ms(4500));
  for (NodeId id : {zk1, zk2, zk3, zk4})
    CHECK(w.node(id).running());

  run->run_until(at_ms(6500));  // crash
  CHECK(w.node(zk2).state == NodeState::kCrashed);
  REQUIRE(run->current_caption());
  CHECK(std::get<SayStep>(run->scenario().steps[*run->current_caption()].body).en.find("crashes") !=
        std::string::npos);

  run->run_until(at_ms(9500));  // partition zk1 zk4 | zk3
  CHECK(w.network().cut_between(zk1, zk3));
  CHECK(w.network().cut_between(zk4, zk3));
  CHECK_FALSE(w.network().cut_between(zk1, zk4));

  run->run_until(at_ms(13500));  // heal
  CHECK(w.network().blocked_pairs().empty());

  run->run_until(at_ms(16000));  // GC pause of 4 s from 15 s
  CHECK(w.paused(zk3));
  run->run_until(at_ms(19500));
  CHECK_FALSE(w.paused(zk3));

  run->run_until(at_ms(21500));  // clock jump
  CHECK(w.node(zk4).clock.offset(w.now()) == core::seconds(2));
  CHECK(w.node(zk1).clock.offset(w.now()) == core::Duration{0});

  run->run_until(at_ms(24500));  // restart
  CHECK(w.node(zk2).running());
  CHECK(w.node(zk2).incarnation == 2);

  run->run_to_end();
  CHECK(w.now() == at_ms(30000));
  CHECK(run->expect_results().size() == 10);
}

TEST_CASE("demo with heartbeat processes: the crash resets its peers' connections") {
  std::unique_ptr<Run> run = open_run("scenarios/foundation/demo.zls", testing::test_processes());
  run->run_until(at_ms(6500));
  CHECK_FALSE(noted(*run, 0, "lost connection to node 1", at_ms(5000), at_ms(5999)));
  CHECK(noted(*run, 0, "lost connection to node 1", at_ms(6000),
              at_ms(6500)));  // zk1 hears zk2's reset
  run->run_to_end();
  CHECK(run->world().events_fired() > 100);
}

TEST_CASE("faults tour: power-off, partitions, latency and not-tcp modes") {
  std::unique_ptr<Run> run =
      open_run("scenarios/foundation/faults-tour.zls", testing::test_processes());
  const World& w = run->world();
  constexpr NodeId zk1 = 0, zk2 = 1, zk3 = 2, zk4 = 3, zk5 = 4;

  run->run_until(at_ms(6100));
  CHECK(w.node(zk2).state == NodeState::kPoweredOff);
  run->run_until(at_ms(8100));
  CHECK(w.node(zk2).running());

  run->run_until(at_ms(10100));  // zk1 zk2 | zk3 | zk4 zk5
  CHECK(w.network().cut_between(zk2, zk3));
  CHECK(w.network().cut_between(zk3, zk5));
  CHECK(w.network().cut_between(zk1, zk4));
  CHECK_FALSE(w.network().cut_between(zk4, zk5));

  run->run_until(at_ms(13100));  // zk1 -> zk2 zk3
  CHECK(w.network().blocked(zk1, zk2));
  CHECK(w.network().blocked(zk1, zk3));
  CHECK_FALSE(w.network().blocked(zk2, zk1));
  CHECK_FALSE(w.network().cut_between(zk2, zk3));

  run->run_until(at_ms(17500));  // a link keeps its own latency when the default changes
  CHECK(w.network().latency(zk1, zk2) == LatencyModel{FixedLatency{core::milliseconds(20)}});
  CHECK(w.network().latency(zk4, zk3) ==
        LatencyModel{UniformLatency{core::milliseconds(5), core::milliseconds(15)}});
  CHECK(w.network().default_latency() == LatencyModel{FixedLatency{core::milliseconds(1)}});

  run->run_until(at_ms(18000));
  CHECK(w.network().modes == NotTcpModes{50, 20, 100});
  run->run_until(at_ms(20000));
  CHECK_FALSE(w.network().modes.any());

  run->run_to_end();
  for (const ExpectResult& r : run->expect_results())
    CHECK(r.passed);
}

TEST_CASE("clocks and disks: offsets, drift and slow fsync") {
  std::unique_ptr<Run> run =
      open_run("scenarios/foundation/clocks-and-disks.zls", product_processes());
  const World& w = run->world();
  constexpr NodeId zk1 = 0, zk2 = 1, zk3 = 2;
  CHECK(w.node(zk3).disk.fsync_latency == core::milliseconds(4));
  CHECK(w.node(zk1).disk.fsync_latency == core::milliseconds(1));

  run->run_until(at_ms(12000));  // +200 ppm for 10 s on zk3; -500 ms then -100 ppm on zk2
  CHECK(w.node(zk3).clock.offset(w.now()) == core::milliseconds(2));
  CHECK(w.node(zk2).clock.offset(w.now()) == core::milliseconds(-501));
  CHECK(w.node(zk1).clock.offset(w.now()) == core::seconds(2));

  run->run_until(at_ms(18100));
  CHECK(w.node(zk1).disk.slow_extra == core::milliseconds(50));
  run->run_until(at_ms(20100));
  CHECK(w.node(zk1).disk.slow_extra == core::Duration{0});
}

}  // namespace
}  // namespace zoolab::sim
