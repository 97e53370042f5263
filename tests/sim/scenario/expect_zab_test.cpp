// Ensemble expectations (leader, no-leader, role, epoch, accepted-epoch, mode), the zxid check
// with a server, and `within` windows: on hand-made PeerViews, on a live standalone server and
// on a live three-server ensemble.
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/server/server_config.h"
#include "sim/scenario/expect_zab.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/placeholder.h"
#include "sim/scenario/run.h"

namespace zoolab::sim {
namespace {

using Args = std::vector<std::string>;
using core::zab::PeerState;
using core::zab::PeerView;
using core::zab::ZabPhase;

PeerView view(PeerState state, ZabPhase phase, int64_t epoch, core::zk::Zxid zxid, int64_t leader = -1) {
  PeerView v;
  v.distributed = true;
  v.state = state;
  v.phase = phase;
  v.current_epoch = v.accepted_epoch = epoch;
  v.last_logged = v.last_committed = v.last_processed = zxid;
  v.leader = leader;
  v.serving = phase == ZabPhase::kBroadcast;
  return v;
}

ServerStatus up(std::string name, PeerView v) { return ServerStatus{std::move(name), "", v}; }
ServerStatus down(std::string name, std::string why) { return ServerStatus{std::move(name), std::move(why), std::nullopt}; }

TEST_CASE("the ensemble checks are registered with usage lines") {
  for (const std::string name : {"leader", "no-leader", "role", "epoch", "accepted-epoch", "mode"}) {
    CAPTURE(name);
    REQUIRE(expect_checks().count(name) == 1);
    CHECK(expect_checks().at(name).usage.rfind(name, 0) == 0);
  }
}

TEST_CASE("leadership from views: one established leader, none, or several") {
  const std::vector<ServerStatus> steady = {
      up("zk1", view(PeerState::kFollowing, ZabPhase::kBroadcast, 1, 0x100000003, 2)),
      up("zk2", view(PeerState::kLeading, ZabPhase::kBroadcast, 1, 0x100000003, 2)),
      down("zk3", "crashed")};
  CHECK(sole_leader(steady) == "zk2");
  CHECK(describe_leadership(steady) == "zk2 leads (epoch 1)");
  CHECK(describe_status(steady[0]) == "zk1 follower epoch 1 zxid 0x100000003");
  CHECK(describe_status(steady[1]) == "zk2 leader epoch 1 zxid 0x100000003");
  CHECK(describe_status(steady[2]) == "zk3 crashed");

  // LEADING but still synchronizing its followers: not established yet.
  const std::vector<ServerStatus> electing = {
      up("zk1", view(PeerState::kLooking, ZabPhase::kElection, 1, 0x100000003)),
      up("zk2", view(PeerState::kLeading, ZabPhase::kSynchronization, 1, 0x100000003, 2)),
      down("zk3", "powered off")};
  CHECK_FALSE(sole_leader(electing));
  CHECK(describe_leadership(electing) == "no leader (zk1 looking, zk2 leader (SYNCHRONIZATION), zk3 powered off)");
  CHECK(describe_status(electing[1]) == "zk2 leader epoch 1 zxid 0x100000003 (SYNCHRONIZATION)");

  // A deposed leader that has not noticed yet, and the new one.
  const std::vector<ServerStatus> two = {
      up("zk1", view(PeerState::kLeading, ZabPhase::kBroadcast, 1, 0x100000005, 1)),
      up("zk2", view(PeerState::kFollowing, ZabPhase::kBroadcast, 2, 0x200000000, 3)),
      up("zk3", view(PeerState::kLeading, ZabPhase::kBroadcast, 2, 0x200000000, 3))};
  CHECK_FALSE(sole_leader(two));
  CHECK(describe_leadership(two) == "2 established leaders: zk1 (epoch 1), zk3 (epoch 2)");

  PeerView standalone;  // what a standalone server reports
  standalone.serving = true;
  standalone.mode = "standalone";
  standalone.phase = ZabPhase::kBroadcast;
  CHECK(role_word(standalone) == "standalone");
  CHECK(describe_status(up("zk1", standalone)) == "zk1 standalone epoch 0 zxid 0x0");
  CHECK(describe_leadership({up("zk1", standalone)}) == "no leader (zk1 standalone)");
  CHECK(role_word(view(PeerState::kObserving, ZabPhase::kBroadcast, 1, 0)) == "observer");
}

TEST_CASE("validation of the ensemble checks") {
  const Scenario sc = parse_scenario(
      "server.1=zk1:2888:3888\nserver.2=zk2:2888:3888\nserver.3=zk3:2888:3888\nprocess c9 heartbeat\n", "t.zls");
  const auto problem = [&](const std::string& name, const Args& a) { return expect_checks().at(name).validate(sc, a); };
  CHECK(problem("leader", {"==", "zk2"}) == "");
  CHECK(problem("leader", {"!=", "zk2"}) == "");
  CHECK(problem("leader", {"==", "c9"}) == "`c9` is not a server (servers: zk1, zk2, zk3)");
  CHECK(problem("leader", {"zk2"}) == "expected == SERVER (like leader == zk2)");
  CHECK(problem("no-leader", {}) == "");
  CHECK(problem("role", {"zk1", "==", "looking"}) == "");
  CHECK(problem("role", {"zk1", ">=", "leader"}) == "unknown comparison `>=` (use == or !=)");
  CHECK(problem("epoch", {"zk3", ">=", "2"}) == "");
  CHECK(problem("epoch", {"zk3", "==", "0x2"}) == "");
  CHECK(problem("accepted-epoch", {"zk3", "<=", "2"}) == "");
  CHECK(problem("epoch", {"zk3", "2"}) == "expected SERVER == N (like epoch zk3 == 2)");
  CHECK(problem("mode", {"zk1", "==", "leader"}) == "");
  CHECK(problem("mode", {"zk1", "==", ""}) == "");
  CHECK(problem("zxid", {"zk1", "==", "0x200000001"}) == "");
  CHECK(problem("zxid", {"==", "0x200000001"}) == "");  // the first running server
}

TEST_CASE("on machines that run no ZooKeeper server the checks say so") {
  const Scenario sc = parse_scenario("server.1=zk1:2888:3888\nserver.2=zk2:2888:3888\n", "t.zls");
  World world{1};
  for (const NodeDecl& n : sc.nodes) world.add_node(n.name, make_zookeeper_placeholder());
  world.apply(StartNode{0});
  const auto eval = [&](const std::string& name, const Args& a) { return expect_checks().at(name).evaluate(world, sc, a); };
  CHECK(eval("leader", {"==", "zk1"}).detail == "no leader (zk1 not a ZooKeeper server, zk2 not started)");
  CHECK_FALSE(eval("leader", {"==", "zk1"}).passed);
  CHECK(eval("leader", {"!=", "zk1"}).passed);
  CHECK(eval("no-leader", {}).passed);
  CHECK_FALSE(eval("role", {"zk2", "==", "looking"}).passed);
  CHECK(eval("role", {"zk2", "==", "looking"}).detail == "zk2 is not started");
  CHECK(eval("mode", {"zk1", "==", "standalone"}).detail == "zk1 is not a ZooKeeper server");
}

// ---- a live standalone server -----------------------------------------------------------------

std::unique_ptr<Run> run_text(const std::string& text, RunOptions options = {}) {
  auto sc = std::make_shared<const Scenario>(parse_scenario(text, "t.zls"));
  auto run = std::make_unique<Run>(sc, 1, product_processes(), options);
  run->run_to_end();
  return run;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

// "PASS line 7: detail" for each result, in the order they were decided.
std::vector<std::string> verdicts(const Run& run) {
  std::vector<std::string> out;
  for (const ExpectResult& r : run.expect_results())
    out.push_back(std::string(r.passed ? "PASS" : "FAIL") + " line " +
                  std::to_string(run.scenario().steps.at(r.step).loc.line) + ": " + r.detail);
  return out;
}

constexpr const char* kStandalone =
    "tickTime=2000\n"
    "server.1=zk1:2888:3888\n"
    "fsync 2ms\n"
    "latency 1ms\n"
    "at 500ms client c1 connect zk1\n"
    "at 1s expect role zk1 == standalone\n"           // line 6
    "+0s expect no-leader\n"                           // 7
    "+0s expect mode zk1 == \"standalone\"\n"          // 8
    "+0s expect epoch zk1 == 0\n"                      // 9
    "+0s expect accepted-epoch zk1 <= 0\n"             // 10
    "+0s expect zxid zk1 == 0x1\n"                     // 11: c1's createSession
    "+0s expect zxid == 0x1\n"                         // 12: the first running server
    "+0s expect leader == zk1\n"                       // 13: fails, a standalone server does not lead
    "+0s expect role zk1 == leader\n"                  // 14: fails
    "at 2s c1: create /a x\n"
    "+0s expect zxid zk1 == 0x2 within 1s\n"           // 16: holds a few ms later
    "+0s expect zxid zk1 >= 0x99 within 500ms\n"       // 17: never holds
    "+0s expect exists /a within 1s\n"                 // 18
    "at 3s crash zk1\n"
    "+0s expect mode zk1 == \"standalone\"\n"          // 20: fails, crashed
    "+0s expect zxid zk1 == 0x2\n"                     // 21: fails, crashed
    "at 4s restart zk1\n"
    "+0s expect up zk1 within 1s\n"                    // 23: at once
    "run until 6s\n";

TEST_CASE("a standalone server: role, mode, epochs and zxid, with windows") {
  const auto run = run_text(kStandalone);
  const std::vector<std::string> want = {
      "PASS line 6: zk1's role is standalone",
      "PASS line 7: no leader (zk1 standalone)",
      "PASS line 8: zk1's srvr says Mode: standalone",
      "PASS line 9: zk1's currentEpoch is 0",
      "PASS line 10: zk1's acceptedEpoch is 0",
      "PASS line 11: lastProcessedZxid is 0x1 on zk1",
      "PASS line 12: lastProcessedZxid is 0x1 on zk1",
      "FAIL line 13: no leader (zk1 standalone)",
      "FAIL line 14: zk1's role is standalone",
      "PASS line 16: lastProcessedZxid is 0x2 on zk1; after 3ms",  // 1 ms to the server, 2 ms fsync
      "PASS line 18: /a exists; after 3ms",
      "FAIL line 17: lastProcessedZxid is 0x2 on zk1; not within 500ms",
      "FAIL line 20: zk1 is crashed",
      "FAIL line 21: zk1 is not running",
      "PASS line 23: zk1 is running",
  };
  CHECK(joined(verdicts(*run)) == joined(want));
}

TEST_CASE("windows are decided at the same events after time travel") {
  const auto run = run_text(kStandalone);
  const std::vector<std::string> first = verdicts(*run);
  const uint64_t events = run->world().events_fired();
  run->seek(events / 3);
  run->run_to_end();
  CHECK(verdicts(*run) == first);
  run->seek(0);
  run->run_to_end();
  CHECK(verdicts(*run) == first);
  CHECK(run->world().events_fired() == events);
}

TEST_CASE("a shorter --until closes the open windows as failures") {
  RunOptions options;
  options.until = core::Time{0} + core::milliseconds(2'200);
  const auto run = run_text(kStandalone, options);
  const std::vector<std::string> got = verdicts(*run);
  REQUIRE(got.size() == 12);
  CHECK(got.back() == "FAIL line 17: lastProcessedZxid is 0x2 on zk1; the run ended before the window closed");
}

TEST_CASE("a window's verdict is one trace record, at the time it was decided") {
  const auto run = run_text(kStandalone);
  std::vector<std::string> lines;
  for (const TraceRecord& r : run->trace().records)
    if (r.kind == RecordKind::kExpect && r.text.find("within") != std::string::npos)
      lines.push_back(core::format_seconds(r.time) + " " + r.text);
  CHECK(joined(lines) == joined({
                     "2.003000 PASS +0s expect zxid zk1 == 0x2 within 1s (lastProcessedZxid is 0x2 on zk1; after 3ms)",
                     "2.003000 PASS +0s expect exists /a within 1s (/a exists; after 3ms)",
                     "2.500000 FAIL +0s expect zxid zk1 >= 0x99 within 500ms (lastProcessedZxid is 0x2 on zk1; not within "
                     "500ms)",
                     "4.000000 PASS +0s expect up zk1 within 1s (zk1 is running)"}));
}

// ---- a live ensemble ---------------------------------------------------------------------------

// Reference §14.11: started one after the other, zk1 and zk2 elect zk2; zk3 joins as a follower.
// After zk2 dies the higher-id survivor zk3 leads epoch 2 and the first write is 0x200000001.
// Without a quorum the survivor stops serving.
constexpr const char* kEnsemble =
    "tickTime=2000\n"
    "initLimit=5\n"
    "syncLimit=2\n"
    "server.1=zk1:2888:3888\n"
    "server.2=zk2:2888:3888\n"
    "server.3=zk3:2888:3888\n"
    "latency uniform 1ms 3ms\n"
    "fsync 2ms\n"
    "at 0s start zk1\n"
    "+0s expect no-leader\n"
    "+100ms expect role zk1 == looking\n"
    "+0s expect mode zk1 == \"\"\n"
    "at 1s start zk2\n"
    "+0s expect leader == zk2 within 5s\n"
    "+0s expect role zk1 == follower within 5s\n"
    "at 7s start zk3\n"
    "+0s expect role zk3 == follower within 5s\n"
    "at 13s expect leader == zk2\n"
    "+0s expect epoch zk2 == 1\n"
    "+0s expect accepted-epoch zk1 == 1\n"
    "+0s expect epoch zk3 == 1\n"
    "+0s expect mode zk2 == \"leader\"\n"
    "+0s expect mode zk1 == \"follower\"\n"
    "+0s expect zxid zk2 == 0x100000000\n"
    "at 14s client c1 connect zk1,zk2,zk3\n"
    "at 16s crash zk2\n"
    "+0s expect no-leader\n"
    "+0s expect leader == zk3 within 5s\n"
    "+0s expect epoch zk3 == 2 within 5s\n"
    "at 22s expect role zk1 == follower\n"
    "+0s c1: create /a x\n"
    "+0s expect stat zk3 /a cZxid == 0x200000001 within 2s\n"
    "+0s expect zxid zk3 == 0x200000001 within 2s\n"
    "+0s expect zxid zk1 == 0x200000001 within 2s\n"
    "at 25s crash zk1\n"
    "+0s expect no-leader within 10s\n"
    "+0s expect role zk3 == looking within 10s\n"
    "+0s expect mode zk3 == \"\" within 10s\n"
    "at 40s restart zk2\n"
    "+0s expect leader == zk3 within 10s\n"
    "+0s expect role zk2 == follower within 10s\n"
    "+0s expect epoch zk3 >= 2\n"
    "run until 60s\n";

TEST_CASE("an ensemble: elect, fail over, lose and regain the quorum") {
  const auto run = run_text(kEnsemble);
  const Scenario& sc = run->scenario();
  size_t expects = 0;
  for (const Step& s : sc.steps) expects += std::holds_alternative<ExpectStep>(s.body);
  CHECK(run->expect_results().size() == expects);
  for (const std::string& v : verdicts(*run)) {
    CAPTURE(v);
    CHECK(v.rfind("PASS", 0) == 0);
  }
  // Leadership as the checks describe it, right after zk2 died (line 27): nobody noticed yet.
  CHECK(verdicts(*run).at(13) == "PASS line 27: no leader (zk1 follower, zk2 crashed, zk3 follower)");
}

TEST_CASE("bug lines reach the servers' config") {
  const Scenario sc = parse_scenario(std::string("bug ack-before-fsync on\nbug commit-without-quorum off\n") + kEnsemble,
                                     "bugs.zls");
  const core::zk::ServerConfig cfg = core::zk::server_config_from(sc.config, 1);
  CHECK(cfg.bug("ack-before-fsync"));
  CHECK_FALSE(cfg.bug("commit-without-quorum"));
  CHECK_FALSE(cfg.bug("election-ignores-peer-epoch"));
}

}  // namespace
}  // namespace zoolab::sim
