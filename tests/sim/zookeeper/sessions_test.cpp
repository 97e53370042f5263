// Sessions as a script: expiry timing of a killed client, a live idle client never expires,
// watchers hear about the ephemerals of an expired session, a server restart keeps sessions.
#include <string>

#include "tests/sim/zookeeper/zk_script.h"

namespace zoolab::sim::testing {
namespace {

const char* kHeader =
    "tickTime=2000\n"
    "server.1=zk1:2888:3888\n"
    "latency uniform 1ms 3ms\n"
    "fsync 2ms\n";

// The time zk1 last received anything from `client` up to `before`.
core::Time last_heard(const ZkScript& s, const std::string& client, core::Time before) {
  core::Time last{0};
  for (const TraceRecord* r : s.records("zk1", RecordKind::kDeliver, "from " + client + ":"))
    if (r->time <= before) last = r->time;
  return last;
}

// Creates an ephemeral from a client with this timeout, kills the client, and returns how long
// after it was last heard from the ephemeral disappeared (ms), and after the kill.
struct Expiry {
  int64_t after_last_heard_ms = 0;
  int64_t after_kill_ms = 0;
};
Expiry measure_expiry(int timeout_ms) {
  const std::string text = std::string(kHeader) + "at 500ms client c1 connect zk1 timeout " + std::to_string(timeout_ms) +
                           "\n"
                           "at 1s c1: create -e /e x\n"
                           "at 7s crash c1\n"
                           "run until 60s\n";
  ZkScript s(text);
  s.until(6900);
  REQUIRE(s.exists("/e"));
  REQUIRE(s.server().sessions().sessions().size() == 1);
  s.until(7000);
  const core::Time kill = ms(7000);
  const core::Time heard = last_heard(s, "c1", kill);
  while (s.exists("/e") && s.run().step()) {
  }
  REQUIRE_FALSE(s.exists("/e"));
  const core::Time gone = s.world().now();
  CHECK(s.server().sessions().sessions().empty());
  CHECK(s.records("zk1", RecordKind::kNote, "Expiring session").size() == 1);
  s.no_violations();
  return {(gone - heard).ns / 1'000'000, (gone - kill).ns / 1'000'000};
}

TEST_CASE("a killed client's ephemeral goes between timeout and timeout + tickTime after it was last heard from") {
  for (int timeout : {4000, 10000, 30000}) {
    CAPTURE(timeout);
    const Expiry e = measure_expiry(timeout);
    MESSAGE("session timeout " << timeout << " ms: ephemeral gone " << e.after_kill_ms << " ms after the kill, "
                               << e.after_last_heard_ms << " ms after the client was last heard from");
    CHECK(e.after_last_heard_ms >= timeout);
    // + the closeSession txn's fsync (2 ms) before it is applied.
    CHECK(e.after_last_heard_ms <= timeout + 2000 + 10);
    // Real 3.8.0 saw 5.4 s, 11.4 s and 30.8 s after a kill: the same window.
    CHECK(e.after_kill_ms <= timeout + 2000);
  }
}

TEST_CASE("a live idle client keeps its session and ephemeral over many timeouts") {
  ZkScript s(std::string(kHeader) +
             "at 500ms client c1 connect zk1 timeout 4000\n"
             "at 1s c1: create -e /alive x\n"
             "run until 41s\n");
  s.to_end();
  CHECK(s.exists("/alive"));
  CHECK(s.server().sessions().sessions().size() == 1);
  CHECK(s.records("zk1", RecordKind::kNote, "Expiring session").empty());
  // It stayed alive by pinging roughly every timeout/3.
  CHECK(s.records("zk1", RecordKind::kDeliver, "from c1: ping").size() >= 20);
  s.no_violations();
}

TEST_CASE("watchers see NodeDeleted and NodeChildrenChanged when a session expires") {
  ZkScript s(std::string(kHeader) +
             "at 500ms client c1 connect zk1 timeout 4000\n"
             "at 600ms client c2 connect zk1\n"
             "at 1s c2: create /app\n"
             "at 1100ms c1: create -e /app/worker x\n"
             "at 1200ms c2: ls -w /app\n"
             "at 1300ms c2: get -w /app/worker\n"
             "at 2s crash c1\n"
             "run until 10s\n");
  s.to_end();
  CHECK_FALSE(s.exists("/app/worker"));
  const auto events = s.events("c2");
  REQUIRE(events.size() == 2);
  CHECK(events[0] == "type:NodeDeleted path:/app/worker");
  CHECK(events[1] == "type:NodeChildrenChanged path:/app");
  // Both deletions carry the closeSession's zxid: the parent's pzxid is that txn.
  const auto closes = s.records("zk1", RecordKind::kNote, "closeSession (1 ephemerals)");
  REQUIRE(closes.size() == 1);
  const auto& tree = s.server().tree();
  CHECK(core::zk::hex(tree.stat(tree.find("/app")).pzxid) + " closeSession (1 ephemerals)" ==
        closes[0]->text.substr(4));
  s.no_violations();
}

TEST_CASE("a server restart recovers the tree; the client resumes its session and its watches") {
  ZkScript s(std::string(kHeader) +
             "at 500ms client c1 connect zk1 timeout 10000\n"
             "at 600ms client c2 connect zk1 timeout 10000\n"
             "at 1s c1: create /p v1\n"
             "at 1100ms c1: create -e /e mine\n"
             "at 1200ms c1: get -w /p\n"
             "at 1300ms c1: ls -w /\n"
             "at 3s crash zk1\n"
             "at 5s restart zk1\n"
             "at 9s c2: set /p v2\n"
             "run until 12s\n");
  s.until(2900);
  const auto session = s.client("c1").session_id();
  const auto zxid_before = s.server().last_processed_zxid();
  const auto p_czxid = s.server().tree().stat(s.server().tree().find("/p")).czxid;
  CHECK(zxid_before == 0x4);  // two createSessions, two creates
  s.until(8900);
  // Recovered from the txn log: same nodes, same zxids, same session table.
  CHECK(s.server().last_processed_zxid() == zxid_before);
  CHECK(s.exists("/e"));
  CHECK(s.server().tree().stat(s.server().tree().find("/p")).czxid == p_czxid);
  CHECK(s.server().sessions().find(session) != nullptr);
  CHECK(s.client("c1").session_id() == session);
  CHECK(s.client("c1").client_state() == core::zk::ClientState::kConnected);
  // The client sent SetWatches on reconnect and the server holds its watches again.
  CHECK_FALSE(s.records("zk1", RecordKind::kDeliver, "from c1: setWatches").empty());
  s.to_end();
  const auto events = s.events("c1");
  REQUIRE_FALSE(events.empty());
  CHECK(events.back() == "type:NodeDataChanged path:/p");
  CHECK(s.exists("/e"));
  s.no_violations();
}

TEST_CASE("a server down longer than the session timeout: the session expires after the restart") {
  // A restarted standalone server gives every recovered session a fresh full timeout; a client
  // that crashed meanwhile expires one timeout (+ a tick) after the restart.
  ZkScript s(std::string(kHeader) +
             "at 500ms client c1 connect zk1 timeout 4000\n"
             "at 1s c1: create -e /e x\n"
             "at 2s crash zk1\n"
             "at 2100ms crash c1\n"
             "at 10s restart zk1\n"
             "run until 20s\n");
  s.until(10100);
  CHECK(s.exists("/e"));
  while (s.exists("/e") && s.run().step()) {
  }
  const int64_t after_restart_ms = (s.world().now() - ms(10000)).ns / 1'000'000;
  MESSAGE("ephemeral of a client lost during the outage gone " << after_restart_ms << " ms after the restart");
  CHECK(after_restart_ms >= 4000);
  CHECK(after_restart_ms <= 6000 + 10);  // + start-up and the closeSession fsync
  s.no_violations();
}

}  // namespace
}  // namespace zoolab::sim::testing
