// The `expect` checks against worlds put into known states by hand.
#include "sim/scenario/expect.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "sim/scenario/parser.h"
#include "sim/scenario/placeholder.h"

namespace zoolab::sim {
namespace {

using Args = std::vector<std::string>;

// Three placeholder machines named like the scenario's servers, all running.
struct Fixture {
  Scenario sc = parse_scenario(
      "server.1=zk1:2888:3888\nserver.2=zk2:2888:3888\nserver.3=zk3:2888:3888\n", "t.zls");
  World world{1};

  Fixture() {
    for (const NodeDecl& n : sc.nodes)
      world.add_node(n.name, make_zookeeper_placeholder());
    for (NodeId id = 0; id < 3; ++id)
      world.apply(StartNode{id});
  }

  ExpectOutcome check(const std::string& name, const Args& args) const {
    const ExpectCheck& c = expect_checks().at(name);
    REQUIRE_MESSAGE(c.validate(sc, args) == "", name);
    return c.evaluate(world, sc, args);
  }
  std::string problem(const std::string& name, const Args& args) const {
    return expect_checks().at(name).validate(sc, args);
  }
  void advance(int64_t ms) { world.advance_to(world.now() + core::milliseconds(ms)); }
};

TEST_CASE("every check has a usage line that starts with its name") {
  const std::vector<std::string> wanted = {"up",        "down",   "paused", "state", "cut",
                                           "reachable", "events", "clock",  "fsync", "time"};
  for (const std::string& name : wanted) {
    CAPTURE(name);
    REQUIRE(expect_checks().count(name) == 1);
    const ExpectCheck& c = expect_checks().at(name);
    CHECK(c.usage.rfind(name + " ", 0) == 0);
    CHECK(c.validate);
    CHECK(c.evaluate);
  }
}

TEST_CASE("machine states: up, down, paused, state") {
  Fixture f;
  CHECK(f.check("up", {"zk1"}).passed);
  CHECK(f.check("up", {"zk1"}).detail == "zk1 is running");
  CHECK_FALSE(f.check("down", {"zk1"}).passed);
  CHECK(f.check("state", {"zk1", "running"}).passed);

  f.world.apply(CrashNode{1});
  CHECK_FALSE(f.check("up", {"zk2"}).passed);
  CHECK(f.check("down", {"zk2"}).passed);
  CHECK(f.check("down", {"zk2"}).detail == "zk2 is crashed");
  CHECK(f.check("state", {"zk2", "crashed"}).passed);

  f.world.apply(PowerOffNode{2});
  CHECK(f.check("down", {"zk3"}).passed);
  CHECK(f.check("state", {"zk3", "powered-off"}).passed);
  CHECK_FALSE(f.check("state", {"zk3", "crashed"}).passed);

  f.world.apply(PauseNode{0, core::seconds(5)});
  CHECK(f.check("paused", {"zk1"}).passed);
  CHECK(f.check("paused", {"zk1"}).detail == "zk1 is running (paused until 5.000000s)");
  CHECK(f.check("up", {"zk1"}).passed);  // a paused process is still up
  CHECK_FALSE(f.check("paused", {"zk2"}).passed);
  f.advance(5000);
  CHECK_FALSE(f.check("paused", {"zk1"}).passed);
}

TEST_CASE("a machine never started is down") {
  Fixture f;
  World fresh{1};
  fresh.add_node("zk1", make_zookeeper_placeholder());
  const ExpectOutcome out = expect_checks().at("down").evaluate(fresh, f.sc, {"zk1"});
  CHECK(out.passed);
  CHECK(out.detail == "zk1 is not started");
  CHECK(expect_checks().at("state").evaluate(fresh, f.sc, {"zk1", "not-started"}).passed);
}

TEST_CASE("network: cut and reachable, both ways and one way") {
  Fixture f;
  CHECK(f.check("reachable", {"zk1", "zk2"}).passed);
  CHECK(f.check("reachable", {"zk1", "zk2"}).detail == "zk1 and zk2 reach each other");
  CHECK_FALSE(f.check("cut", {"zk1", "zk2"}).passed);

  f.world.apply(PartitionNet{{{0}, {1, 2}}, false});
  CHECK(f.check("cut", {"zk1", "zk3"}).passed);
  CHECK(f.check("cut", {"zk1", "zk3"}).detail == "zk1 and zk3 are cut in both directions");
  CHECK(f.check("reachable", {"zk2", "zk3"}).passed);

  f.world.apply(PartitionNet{{{0}, {1}}, true});
  CHECK(f.check("cut", {"zk1", "zk2"}).passed);
  CHECK(f.check("cut", {"zk2", "zk1"}).passed);  // either direction counts
  CHECK(f.check("cut", {"zk2", "zk1"}).detail == "zk1 -> zk2 is cut (zk2 -> zk1 flows)");
  CHECK(f.check("reachable", {"zk1", "zk3"}).passed);

  f.world.apply(HealNet{});
  CHECK(f.check("reachable", {"zk1", "zk2"}).passed);
}

TEST_CASE("clock offsets, shifted and drifting") {
  Fixture f;
  CHECK(f.check("clock", {"zk1", ">=", "0s"}).passed);
  CHECK(f.check("clock", {"zk1", "<=", "0s"}).passed);
  f.world.apply(ShiftClock{0, core::seconds(2)});
  CHECK(f.check("clock", {"zk1", ">=", "+2s"}).passed);
  CHECK_FALSE(f.check("clock", {"zk1", "<=", "+1s"}).passed);
  CHECK(f.check("clock", {"zk1", ">=", "+2s"}).detail == "zk1's clock is +2s from global time");
  f.world.apply(SetClockDrift{1, -100});
  f.advance(10'000);  // -100 ppm over 10 s: 1 ms behind
  CHECK(f.check("clock", {"zk2", "<=", "-1ms"}).passed);
  CHECK(f.check("clock", {"zk2", ">=", "-1ms"}).passed);
  CHECK(f.check("clock", {"zk2", "<=", "-1ms"}).detail == "zk2's clock is -1ms from global time");
}

TEST_CASE("fsync latency includes the slow-disk extra") {
  Fixture f;
  f.world.set_fsync_latency(0, core::milliseconds(2));
  CHECK(f.check("fsync", {"zk1", "<=", "2ms"}).passed);
  f.world.apply(SlowDisk{0, core::milliseconds(50)});
  CHECK(f.check("fsync", {"zk1", ">=", "52ms"}).passed);
  CHECK(f.check("fsync", {"zk1", ">=", "52ms"}).detail ==
        "zk1's fsync takes 52ms (slow disk: +50ms)");
  f.world.apply(SlowDisk{0, core::Duration{0}});
  CHECK(f.check("fsync", {"zk1", "<=", "2ms"}).passed);
}

TEST_CASE("events and time") {
  Fixture f;
  CHECK(f.check("events", {">=", "0"}).passed);
  CHECK(f.check("events", {"<=", "0"}).passed);
  CHECK_FALSE(f.check("events", {">=", "1"}).passed);
  CHECK(f.check("events", {">=", "0"}).detail == "0 events so far");
  f.advance(1500);
  CHECK(f.check("time", {">=", "1.5s"}).passed);
  CHECK_FALSE(f.check("time", {"<=", "1s"}).passed);
  CHECK(f.check("time", {">=", "1.5s"}).detail == "the time is 1.500000s");
}

TEST_CASE("validation names the problem") {
  Fixture f;
  CHECK(f.problem("up", {}) == "takes 1 argument, got 0");
  CHECK(f.problem("cut", {"zk1"}) == "takes 2 arguments, got 1");
  CHECK(f.problem("up", {"zk9"}) == "unknown name `zk9` (known: zk1, zk2, zk3)");
  CHECK(f.problem("events", {"==", "1"}) == "unknown comparison `==` (use >= or <=)");
  CHECK(f.problem("events", {">=", "-1"}) == "`-1` is not a count");
  CHECK(f.problem("clock", {"zk1", ">=", "2"}) == "`2` has no unit");
  CHECK(f.problem("time", {">=", "soon"}) == "`soon` is not a duration");
  CHECK(f.problem("state", {"zk1", "asleep"}) == "unknown state `asleep`");
  CHECK(f.problem("fsync", {"zk1", ">=", "fast"}) == "`fast` is not a duration");
}

TEST_CASE("unvalidated arguments fail instead of crashing") {
  Fixture f;
  const Args nonsense[] = {{}, {"x"}, {"x", "y"}, {"x", "y", "z", "w"}};
  for (const auto& entry : expect_checks()) {  // no structured binding: clang 14 cannot capture it
    const std::string& name = entry.first;
    for (const Args& args : nonsense) {
      CAPTURE(name);
      if (entry.second.validate(f.sc, args).empty()) continue;  // valid after all (`no-leader`)
      CHECK_FALSE(entry.second.evaluate(f.world, f.sc, args).passed);
    }
  }
}

}  // namespace
}  // namespace zoolab::sim

// ---- output: what a console program printed for its last typed line ---------------------------

#include "sim/scenario/run.h"

TEST_CASE("expect output NAME contains|lacks TEXT reads the last command's console output") {
  using namespace zoolab::sim;
  const std::string text = R"(tickTime=2000
server.1=zk1:2888:3888
at 1s client c1 connect zk1
at 2s c1: create /test "hello zookeeper"
+100ms expect output c1 contains "Created /test"
+0s c1: get -s /test
+100ms expect output c1 contains "hello zookeeper"
+0s expect output c1 contains "dataLength = 15"
+0s expect output c1 lacks "Created /test"
+0s expect output c1 contains "no such text"
+0s c1: get /missing
+100ms expect output c1 contains "Node does not exist: /missing"
run until 3s
)";
  auto sc = std::make_shared<const Scenario>(parse_scenario(text, "out.zls"));
  Run run(sc, 1, product_processes());
  run.run_to_end();
  const auto& r = run.expect_results();
  REQUIRE(r.size() == 6);
  CHECK(r[0].passed);
  CHECK(r[1].passed);
  CHECK(r[2].passed);
  CHECK(r[3].passed);  // the create's output is no longer the last command's
  CHECK_FALSE(r[4].passed);
  CHECK(r[4].detail.find("c1 printed ") == 0);
  CHECK(r[4].detail.find("hello zookeeper") != std::string::npos);
  CHECK(r[4].detail.find("since `get -s /test`") != std::string::npos);
  CHECK(r[5].passed);
  CHECK_THROWS_WITH_AS(parse_scenario("server.1=zk1:2888:3888\nat 1s client c1 connect zk1\n+1s expect output c1 has \"x\"\n",
                                      "bad.zls"),
                       doctest::Contains("bad.zls:3:"), ScenarioError);
}
