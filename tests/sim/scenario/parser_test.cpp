// The scenario language on valid input: header, durations, timeline, every command.
#include "sim/scenario/parser.h"

#include <string>

#include <doctest/doctest.h>

#include "sim/scenario/timeline_parser.h"
#include "sim/scenario/value_parse.h"

namespace zoolab::sim {
namespace {

using core::Duration;
using core::Time;
using scenario_text::parse_duration;

constexpr std::string_view kThreeServers =
    "server.1=zk1:2888:3888\n"
    "server.2=zk2:2888:3888\n"
    "server.3=zk3:2888:3888\n";

Scenario parse(std::string_view text) {
  return parse_scenario(text, "t.zls");
}
Scenario with_servers(std::string_view timeline) {
  return parse(std::string(kThreeServers) + std::string(timeline));
}

template <class T>
const T& action_of(const Step& s) {
  const Action* a = std::get_if<Action>(&s.body);
  REQUIRE(a != nullptr);
  const T* t = std::get_if<T>(a);
  REQUIRE(t != nullptr);
  return *t;
}

Duration duration(std::string_view s) {
  std::string why;
  const std::optional<Duration> d = parse_duration(s, &why);
  REQUIRE_MESSAGE(d.has_value(), why);
  return *d;
}

TEST_CASE("durations are exact integers of nanoseconds") {
  CHECK(duration("500ms") == core::milliseconds(500));
  CHECK(duration("1.5s") == core::milliseconds(1500));
  CHECK(duration("2m") == core::seconds(120));
  CHECK(duration("0.25m") == core::seconds(15));
  CHECK(duration("250us") == core::microseconds(250));
  CHECK(duration("7ns") == core::nanoseconds(7));
  CHECK(duration("0") == Duration{0});
  CHECK(duration("0s") == Duration{0});
  CHECK(duration("1.000000001s") == Duration{1'000'000'001});
  CHECK(duration("0.00000000005m") == Duration{3});  // 5e-11 minutes is exactly 3 ns
  CHECK(duration("1.2500ms") == core::microseconds(1250));
  CHECK(duration("007s") == core::seconds(7));
  CHECK(duration("1000000s") == core::seconds(1'000'000));
}

TEST_CASE("malformed durations say why") {
  const auto why = [](std::string_view s) {
    std::string w;
    CHECK_FALSE(parse_duration(s, &w).has_value());
    return w;
  };
  CHECK(why("1.5ns") == "`1.5ns` is not a whole number of nanoseconds");
  CHECK(why("1.0000000001s") == "`1.0000000001s` is not a whole number of nanoseconds");
  CHECK(why("5") == "`5` has no unit");
  CHECK(why("5h") == "`5h` has an unknown unit `h`");
  CHECK(why(".5s") == "`.5s` is not a duration");
  CHECK(why("5.s") == "`5.s` has no digits after the decimal point");
  CHECK(why("-5s") == "`-5s` is not a duration");
  CHECK(why("") == "`` is not a duration");
  CHECK(why("1000001s") == "`1000001s` is longer than a scenario may run (1000000s)");
  CHECK(why("99999999999999999999999s") ==
        "`99999999999999999999999s` is longer than a scenario may run (1000000s)");
}

TEST_CASE("percentages, drift and counts") {
  std::string why;
  CHECK(scenario_text::parse_percent_permille("5%", &why) == 50u);
  CHECK(scenario_text::parse_percent_permille("0.5%", &why) == 5u);
  CHECK(scenario_text::parse_percent_permille("100%", &why) == 1000u);
  CHECK_FALSE(scenario_text::parse_percent_permille("100.1%", &why));
  CHECK_FALSE(scenario_text::parse_percent_permille("0.25%", &why));
  CHECK_FALSE(scenario_text::parse_percent_permille("5", &why));
  CHECK(scenario_text::parse_ppm("+200ppm", &why) == 200);
  CHECK(scenario_text::parse_ppm("-50ppm", &why) == -50);
  CHECK(scenario_text::parse_ppm("0ppm", &why) == 0);
  CHECK_FALSE(scenario_text::parse_ppm("1000000ppm", &why));
  CHECK_FALSE(scenario_text::parse_ppm("+200", &why));
  CHECK(scenario_text::parse_uint("18446744073709551615", UINT64_MAX) == UINT64_MAX);
  CHECK_FALSE(scenario_text::parse_uint("18446744073709551616", UINT64_MAX));
  CHECK_FALSE(scenario_text::parse_uint("", UINT64_MAX));
}

TEST_CASE("the header: zoo.cfg settings, servers by id, processes after them") {
  const Scenario sc = parse(
      "# a comment\n"
      "title \"A tour\"\n"
      "tickTime=2000\n"
      "initLimit = 5\n"
      "syncLimit=2   # trailing comment\n"
      "dataDir=/var/lib/zookeeper\n"
      "process client1 heartbeat interval_ms=250 note=\"two words\"\n"
      "server.3=zk3:2890:3890:observer\n"
      "server.1=zk1:2888:3888;2181\n"
      "server.2=zk2:2888:3888:participant;0.0.0.0:2181\n"
      "process client2 heartbeat\n"
      "seed 42\n");
  CHECK(sc.file == "t.zls");
  CHECK(sc.title == "A tour");
  CHECK(sc.seed == 42u);
  CHECK(sc.config.at("tickTime") == "2000");
  CHECK(sc.config.at("initLimit") == "5");
  CHECK(sc.config.at("syncLimit") == "2");
  CHECK(sc.config.at("dataDir") == "/var/lib/zookeeper");
  CHECK(sc.config.count("server.1") == 0);
  REQUIRE(sc.nodes.size() == 5);
  const char* names[] = {"zk1", "zk2", "zk3", "client1", "client2"};
  for (size_t i = 0; i < 5; ++i)
    CHECK(sc.nodes[i].name == names[i]);
  CHECK(sc.nodes[0].kind == "zookeeper");
  CHECK(sc.nodes[0].server_id == 1);
  CHECK(sc.nodes[2].server_id == 3);
  CHECK(sc.nodes[2].observer);
  CHECK_FALSE(sc.nodes[1].observer);
  CHECK(sc.nodes[2].quorum_port == 2890);
  CHECK(sc.nodes[2].election_port == 3890);
  CHECK(sc.nodes[2].loc.str() == "t.zls:8:10");
  CHECK(sc.nodes[3].kind == "heartbeat");
  CHECK(sc.nodes[3].server_id == 0);
  CHECK(sc.nodes[3].args.at("interval_ms") == "250");
  CHECK(sc.nodes[3].args.at("note") == "two words");
  CHECK(sc.nodes[3].loc.str() == "t.zls:7:9");
  CHECK(sc.nodes[4].args.empty());
  CHECK(sc.find("client2") == NodeId{4});
  CHECK(sc.steps.empty());
  CHECK(sc.until == Time{0} + core::seconds(10));  // no steps: 10 s after time 0
}

TEST_CASE("an unquoted title keeps the rest of the line") {
  CHECK(parse("title Leader election, part 1  # note\n").title == "Leader election, part 1");
}

TEST_CASE("header latency and fsync lines may name machines declared below them") {
  const Scenario sc = parse(
      "latency zk1 zk2 normal 5ms 1ms\n"
      "latency uniform 1ms 5ms\n"
      "latency longtail 2ms 50ms\n"
      "latency fixed 3ms\n"
      "latency 2ms\n"
      "fsync 2ms\n"
      "fsync zk2 7.5ms\n"
      "server.2=zk2:2888:3888\n"
      "server.1=zk1:2888:3888\n");
  REQUIRE(sc.latencies.size() == 5);
  CHECK(sc.latencies[0] ==
        SetLatency{0, 1, NormalLatency{core::milliseconds(5), core::milliseconds(1)}});
  CHECK(sc.latencies[1] ==
        SetLatency{kAllNodes, kAllNodes,
                   UniformLatency{core::milliseconds(1), core::milliseconds(5)}});
  CHECK(sc.latencies[2].model ==
        LatencyModel{LongTailLatency{core::milliseconds(2), core::milliseconds(50)}});
  CHECK(sc.latencies[3].model == LatencyModel{FixedLatency{core::milliseconds(3)}});
  CHECK(sc.latencies[4].model == LatencyModel{FixedLatency{core::milliseconds(2)}});
  CHECK(sc.fsync_latency.at("*") == core::milliseconds(2));
  CHECK(sc.fsync_latency.at("zk2") == core::microseconds(7500));
}

TEST_CASE("times: absolute, relative to the previous step, file order for equal times") {
  const Scenario sc = with_servers(
      "+500ms crash zk1\n"  // the first relative time counts from 0
      "at 2s crash zk2\n"
      "+1.5s crash zk3\n"
      "at 3.5s restart zk1\n"
      "+0s restart zk2\n"
      "at 1m restart zk3\n");
  REQUIRE(sc.steps.size() == 6);
  const int64_t ms[] = {500, 2000, 3500, 3500, 3500, 60000};
  for (size_t i = 0; i < 6; ++i)
    CHECK(sc.steps[i].at == Time{0} + core::milliseconds(ms[i]));
  CHECK(action_of<RestartNode>(sc.steps[3]).node == 0);
  CHECK(action_of<RestartNode>(sc.steps[4]).node == 1);
  CHECK(sc.steps[1].loc.str() == "t.zls:5:1");
  CHECK(sc.steps[1].text == "at 2s crash zk2");
  CHECK(sc.until == Time{0} + core::seconds(70));  // last step + 10 s
}

TEST_CASE("run until ends the timeline") {
  const Scenario sc = with_servers("at 1s crash zk1\nrun until 1m  # the end\n");
  REQUIRE(sc.steps.size() == 2);
  CHECK(std::holds_alternative<RunUntilStep>(sc.steps[1].body));
  CHECK(sc.steps[1].at == Time{0} + core::seconds(60));
  CHECK(sc.until == Time{0} + core::seconds(60));
  CHECK(with_servers("at 5s crash zk1\nrun until 5s\n").until == Time{0} + core::seconds(5));
}

TEST_CASE("machines a start step names do not start on their own") {
  const Scenario sc = with_servers("at 1s start zk2\nat 2s crash zk3\nat 3s restart zk1\n");
  CHECK(sc.nodes[0].auto_start);
  CHECK_FALSE(sc.nodes[1].auto_start);
  CHECK(sc.nodes[2].auto_start);
  CHECK(action_of<StartNode>(sc.steps[0]) == StartNode{1});
}

TEST_CASE("lifecycle commands") {
  const Scenario sc = with_servers(
      "at 1s start zk1\n+1s crash zk2\n+1s restart zk3\n+1s poweroff zk1\n+1s pause zk2 5s\n");
  CHECK(action_of<StartNode>(sc.steps[0]) == StartNode{0});
  CHECK(action_of<CrashNode>(sc.steps[1]) == CrashNode{1});
  CHECK(action_of<RestartNode>(sc.steps[2]) == RestartNode{2});
  CHECK(action_of<PowerOffNode>(sc.steps[3]) == PowerOffNode{0});
  CHECK(action_of<PauseNode>(sc.steps[4]) == PauseNode{1, core::seconds(5)});
}

TEST_CASE("partitions: groups, one-way, heal") {
  const Scenario sc = with_servers(
      "at 1s partition zk1 zk2 | zk3\n"
      "+1s partition zk1|zk2|zk3\n"
      "+1s partition zk1 -> zk2 zk3\n"
      "+1s partition zk3->zk1\n"
      "+1s heal\n");
  CHECK(action_of<PartitionNet>(sc.steps[0]) == PartitionNet{{{0, 1}, {2}}, false});
  CHECK(action_of<PartitionNet>(sc.steps[1]) == PartitionNet{{{0}, {1}, {2}}, false});
  CHECK(action_of<PartitionNet>(sc.steps[2]) == PartitionNet{{{0}, {1, 2}}, true});
  CHECK(action_of<PartitionNet>(sc.steps[3]) == PartitionNet{{{2}, {0}}, true});
  CHECK(action_of<HealNet>(sc.steps[4]) == HealNet{});
}

TEST_CASE("partition groups may be written with commas") {
  const Scenario sc = with_servers(
      "at 1s partition zk1 | zk2,zk3\n"
      "+1s partition zk1,zk2 -> zk3\n"
      "+1s partition zk3 | zk1, zk2\n");
  CHECK(action_of<PartitionNet>(sc.steps[0]) == PartitionNet{{{0}, {1, 2}}, false});
  CHECK(action_of<PartitionNet>(sc.steps[1]) == PartitionNet{{{0, 1}, {2}}, true});
  CHECK(action_of<PartitionNet>(sc.steps[2]) == PartitionNet{{{2}, {0, 1}}, false});  // `zk1, zk2`
}

TEST_CASE("parse_action reads one command without a time, as the shell types it") {
  const Scenario sc = with_servers("");
  using scenario_text::parse_action;
  CHECK(std::get<PartitionNet>(parse_action("partition zk1 | zk2,zk3", sc, "shell")) ==
        PartitionNet{{{0}, {1, 2}}, false});
  CHECK(std::get<HealNet>(parse_action("heal", sc, "shell")) == HealNet{});
  CHECK(std::get<CrashNode>(parse_action("crash zk2", sc, "shell")) == CrashNode{1});
  CHECK(std::get<PauseNode>(parse_action("pause zk3 5s", sc, "shell")) == PauseNode{2, core::seconds(5)});
  // not-tcp changes one mode of those in force
  CHECK(std::get<SetNotTcp>(parse_action("not-tcp duplicate 2%", sc, "shell", NotTcpModes{50, 0, 0})).modes ==
        NotTcpModes{50, 20, 0});
  CHECK(scenario_text::is_action_command("partition"));
  CHECK_FALSE(scenario_text::is_action_command("say"));
  CHECK_FALSE(scenario_text::is_action_command("expect"));
  CHECK_THROWS_WITH_AS(parse_action("partition zk1 | zk9", sc, "shell"),
                       "shell:1:17: error: unknown name `zk9`; expected one of zk1, zk2, zk3", ScenarioError);
  CHECK_THROWS_WITH_AS(parse_action("partition zk1 | zk2,,zk3", sc, "shell"),
                       "shell:1:21: error: an empty name in a comma-separated group; expected names like zk2,zk3",
                       ScenarioError);
  CHECK_THROWS_WITH_AS(parse_action("say en \"x\"", sc, "shell"),
                       "shell:1:1: error: `say` is not a command that changes the world; expected one of start, "
                       "crash, restart, poweroff, pause, partition, heal, latency, clock, slow-disk, not-tcp",
                       ScenarioError);
}

TEST_CASE("bug lines set the bug.NAME keys the servers read") {
  const Scenario sc = parse(
      "bug ack-before-fsync on\n"
      "bug commit-without-quorum off\n"
      "bug.election-ignores-peer-epoch=on\n"
      "server.1=zk1:2888:3888\n");
  CHECK(sc.config.at("bug.ack-before-fsync") == "on");
  CHECK(sc.config.at("bug.commit-without-quorum") == "off");
  CHECK(sc.config.at("bug.election-ignores-peer-epoch") == "on");
}

TEST_CASE("expect ... within T keeps the window apart from the arguments") {
  const Scenario sc = with_servers(
      "at 1s expect leader == zk2 within 5s\n"
      "+0s expect no-leader within 500ms\n"
      "+0s expect get /a == \"within\"\n"
      "+0s expect up zk1\n");
  const auto expect = [&](size_t i) { return std::get<ExpectStep>(sc.steps[i].body); };
  CHECK(expect(0).check == "leader");
  CHECK(expect(0).args == std::vector<std::string>{"==", "zk2"});
  CHECK(expect(0).within == core::seconds(5));
  CHECK(expect(1).args.empty());
  CHECK(expect(1).within == core::milliseconds(500));
  CHECK(expect(2).args == std::vector<std::string>{"/a", "==", "within"});  // quoted: an argument
  CHECK_FALSE(expect(2).within);
  CHECK_FALSE(expect(3).within);
  // Without `run until` the run lasts until the last window has closed (here 10 s after 1s is later).
  CHECK(sc.until == Time{0} + core::seconds(11));
  const Scenario late = with_servers("at 1s expect no-leader within 30s\n");
  CHECK(late.until == Time{0} + core::seconds(31));
  const Scenario fits = with_servers("at 1s expect no-leader within 4s\nrun until 5s\n");
  CHECK(fits.until == Time{0} + core::seconds(5));
}

TEST_CASE("latency in the timeline: one link or every link, any model") {
  const Scenario sc = with_servers(
      "at 1s latency zk1 zk2 20ms\n"
      "+1s latency 5ms\n"
      "+1s latency zk3 zk1 uniform 1ms 2ms\n"
      "+1s latency normal 5ms 1ms\n"
      "+1s latency zk2 zk3 longtail 2ms 50ms\n");
  CHECK(action_of<SetLatency>(sc.steps[0]) ==
        SetLatency{0, 1, FixedLatency{core::milliseconds(20)}});
  CHECK(action_of<SetLatency>(sc.steps[1]) ==
        SetLatency{kAllNodes, kAllNodes, FixedLatency{core::milliseconds(5)}});
  CHECK(action_of<SetLatency>(sc.steps[2]) ==
        SetLatency{2, 0, UniformLatency{core::milliseconds(1), core::milliseconds(2)}});
  CHECK(action_of<SetLatency>(sc.steps[3]).model ==
        LatencyModel{NormalLatency{core::milliseconds(5), core::milliseconds(1)}});
  CHECK(action_of<SetLatency>(sc.steps[4]) ==
        SetLatency{1, 2, LongTailLatency{core::milliseconds(2), core::milliseconds(50)}});
}

TEST_CASE("clocks: shifts and drift") {
  const Scenario sc = with_servers(
      "at 1s clock zk1 +2s\n+1s clock zk2 -500ms\n+1s clock zk3 drift +200ppm\n+1s clock zk3 drift "
      "-5ppm\n");
  CHECK(action_of<ShiftClock>(sc.steps[0]) == ShiftClock{0, core::seconds(2)});
  CHECK(action_of<ShiftClock>(sc.steps[1]) == ShiftClock{1, core::milliseconds(-500)});
  CHECK(action_of<SetClockDrift>(sc.steps[2]) == SetClockDrift{2, 200});
  CHECK(action_of<SetClockDrift>(sc.steps[3]) == SetClockDrift{2, -5});
}

TEST_CASE("slow disk on and off") {
  const Scenario sc = with_servers("at 1s slow-disk zk1 50ms\n+1s slow-disk zk1 off\n");
  CHECK(action_of<SlowDisk>(sc.steps[0]) == SlowDisk{0, core::milliseconds(50)});
  CHECK(action_of<SlowDisk>(sc.steps[1]) == SlowDisk{0, Duration{0}});
}

TEST_CASE("not-tcp modes accumulate until off") {
  const Scenario sc = with_servers(
      "at 1s not-tcp loss 5%\n+1s not-tcp duplicate 2.5%\n+1s not-tcp reorder 10%\n+1s not-tcp "
      "loss 0%\n"
      "+1s not-tcp off\n+1s not-tcp reorder 100%\n");
  const auto modes = [&](size_t i) { return action_of<SetNotTcp>(sc.steps[i]).modes; };
  CHECK(modes(0) == NotTcpModes{50, 0, 0});
  CHECK(modes(1) == NotTcpModes{50, 25, 0});
  CHECK(modes(2) == NotTcpModes{50, 25, 100});
  CHECK(modes(3) == NotTcpModes{0, 25, 100});
  CHECK(modes(4) == NotTcpModes{0, 0, 0});
  CHECK(modes(5) == NotTcpModes{0, 0, 1000});
}

TEST_CASE("say: English, Chinese, either, with escapes") {
  const Scenario sc = with_servers(
      "at 1s say en \"Leader \\\"zk1\\\" wins\" zh \"领导者是 zk1\"\n"
      "+1s say zh \"只有中文\"\n"
      "+1s say en \"back\\\\slash # not a comment\"\n"
      "+1s say zh \"先中文\" en \"then English\"\n");
  const auto say = [&](size_t i) { return std::get<SayStep>(sc.steps[i].body); };
  CHECK(say(0).en == "Leader \"zk1\" wins");
  CHECK(say(0).zh == "领导者是 zk1");
  CHECK(say(1).en.empty());
  CHECK(say(1).zh == "只有中文");
  CHECK(say(2).en == "back\\slash # not a comment");
  CHECK(say(3).en == "then English");
  CHECK(say(3).zh == "先中文");
}

TEST_CASE("expect keeps the check and its arguments") {
  const Scenario sc = with_servers(
      "at 1s expect up zk1\n+0s expect cut zk1 zk2\n+0s expect events >= 3\n+0s expect clock zk1 "
      "<= -2s\n");
  const auto expect = [&](size_t i) { return std::get<ExpectStep>(sc.steps[i].body); };
  CHECK(expect(0).check == "up");
  CHECK(expect(0).args == std::vector<std::string>{"zk1"});
  CHECK(expect(1).args == std::vector<std::string>{"zk1", "zk2"});
  CHECK(expect(2).args == std::vector<std::string>{">=", "3"});
  CHECK(expect(3).args == std::vector<std::string>{"zk1", "<=", "-2s"});
}

TEST_CASE("texture: CRLF, byte order mark, tabs, blank lines, comments") {
  const Scenario sc = parse(
      "\xEF\xBB\xBFserver.1=zk1:2888:3888\r\n"
      "\r\n"
      "   # indented comment\r\n"
      "\tserver.2=zk2:2888:3888\t\r\n"
      "at\t1s\tcrash zk2 # why\r\n"
      "at 2s say en \"x#y\"\r\n");
  REQUIRE(sc.nodes.size() == 2);
  CHECK(sc.nodes[1].name == "zk2");
  CHECK(action_of<CrashNode>(sc.steps[0]) == CrashNode{1});
  CHECK(sc.steps[0].text == "at\t1s\tcrash zk2");
  CHECK(sc.steps[0].loc.str() == "t.zls:5:1");
  CHECK(std::get<SayStep>(sc.steps[1].body).en == "x#y");
}

TEST_CASE("an empty file is an empty scenario") {
  const Scenario sc = parse("");
  CHECK(sc.nodes.empty());
  CHECK(sc.steps.empty());
  CHECK(sc.until == Time{0} + core::seconds(10));
}

TEST_CASE("load_scenario reads the shipped demo") {
  const Scenario sc = load_scenario(ZOOLAB_SOURCE_DIR "/scenarios/foundation/demo.zls");
  CHECK(sc.nodes.size() == 4);
  CHECK(sc.until == Time{0} + core::seconds(30));
}

}  // namespace
}  // namespace zoolab::sim
