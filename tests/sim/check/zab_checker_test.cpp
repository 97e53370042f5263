// The ZAB safety checkers on hand-made traces: a clean election + broadcast + failover + DIFF,
// TRUNC and SNAP resync stays silent; each broken property is caught with a readable text.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/client/zkcli_process.h"
#include "core/server/zookeeper_server.h"
#include "sim/check/checker.h"
#include "sim/check/election_checker.h"
#include "sim/check/zab_checkers.h"

namespace zoolab::sim::check {
namespace {

constexpr NodeId kZk1 = 0, kZk2 = 1, kZk3 = 2, kC1 = 3, kZkSolo = 4;

// zk1..zk3 form an ensemble (sids 1..3 on nodes 0..2), c1 is a client, solo a standalone server.
// Nothing runs: the checkers only need names and which nodes are quorum peers.
World ensemble_world() {
  std::map<int64_t, core::zab::PeerAddress> peers;
  for (int64_t sid = 1; sid <= 3; ++sid) {
    core::zab::PeerAddress a;
    a.sid = sid;
    a.node = static_cast<NodeId>(sid - 1);
    a.host = "zk" + std::to_string(sid);
    peers[sid] = a;
  }
  World w;
  for (int64_t sid = 1; sid <= 3; ++sid) {
    core::zk::ServerConfig cfg;
    cfg.quorum = core::zab::QuorumConfig(peers);
    w.add_node("zk" + std::to_string(sid), core::zk::make_zookeeper_server(cfg));
  }
  w.add_node("c1", std::make_unique<core::zk::ZkCliProcess>());
  w.add_node("solo", core::zk::make_zookeeper_server(core::zk::ServerConfig{}));
  return w;
}

TraceRecord rec(NodeId node, RecordKind kind, std::string text) {
  TraceRecord r;
  r.node = node;
  r.kind = kind;
  r.text = std::move(text);
  return r;
}
TraceRecord note(NodeId node, std::string text) { return rec(node, RecordKind::kNote, std::move(text)); }

// "#00000000000000a1"
std::string h(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "#%016llx", static_cast<unsigned long long>(v));
  return buf;
}
std::string propose(const std::string& z, uint64_t hash) { return "PROPOSAL " + z + " " + h(hash) + " setData /a"; }
std::string commit(const std::string& z, uint64_t hash) { return "COMMIT " + z + " " + h(hash) + " acks 1,2,3"; }
std::string deliver(const std::string& z, uint64_t hash) { return "deliver " + z + " " + h(hash); }
std::string ff(const std::string& z, uint64_t hash) { return "fast-forward " + z + " " + h(hash); }

// A leader's propose + commit + deliveries on the given servers.
void broadcast(std::vector<TraceRecord>& t, NodeId leader, const std::string& z, uint64_t hash,
               const std::vector<NodeId>& deliverers) {
  t.push_back(note(leader, propose(z, hash)));
  t.push_back(note(leader, commit(z, hash)));
  for (NodeId n : deliverers) t.push_back(note(n, deliver(z, hash)));
}

// Every checker of the set, fed one record at a time.
struct Harness {
  World w = ensemble_world();
  std::vector<std::unique_ptr<Checker>> checkers;
  Harness() {
    checkers.push_back(make_one_leader_per_epoch_checker());
    checkers.push_back(make_zab_integrity_checker());
    checkers.push_back(make_zab_agreement_checker());
    checkers.push_back(make_primary_order_checker());
    checkers.push_back(make_monotonic_reads_checker());
    checkers.push_back(make_election_order_checker());
  }
  // Findings as "checker: text".
  std::vector<std::string> feed(const std::vector<TraceRecord>& records) {
    std::vector<std::string> found;
    for (const TraceRecord& r : records)
      for (auto& c : checkers) {
        std::vector<Finding> out;
        c->observe(w, std::span<const TraceRecord>(&r, 1), out);
        for (const Finding& f : out) found.push_back(std::string(c->name()) + ": " + f.text);
      }
    return found;
  }
};

size_t count_of(const std::vector<std::string>& found, const std::string& checker) {
  return static_cast<size_t>(std::count_if(found.begin(), found.end(),
                                           [&](const std::string& s) { return s.starts_with(checker + ": "); }));
}

// Three fresh servers elect zk3 for epoch 1 and commit three txns; zk1 misses the third COMMIT;
// zk3 proposes two more (the fourth logged by zk2 too), then crashes.
std::vector<TraceRecord> epoch_one() {
  std::vector<TraceRecord> t;
  for (NodeId n : {kZk1, kZk2, kZk3}) {
    t.push_back(rec(n, RecordKind::kStart, "starts"));
    t.push_back(note(n, "recovered 0x0"));
    t.push_back(note(n, "state LOOKING"));
  }
  t.push_back(note(kZk3, "state LEADING"));
  t.push_back(note(kZk1, "state FOLLOWING"));
  t.push_back(note(kZk2, "state FOLLOWING"));
  t.push_back(note(kZk1, "synced with leader 3 in epoch 1 by DIFF at 0x0"));
  t.push_back(note(kZk3, "established leader of epoch 1 at 0x100000000"));
  t.push_back(note(kZk2, "synced with leader 3 in epoch 1 by DIFF at 0x0"));
  broadcast(t, kZk3, "0x100000001", 0xa1, {kZk3, kZk1, kZk2});
  broadcast(t, kZk3, "0x100000002", 0xa2, {kZk3, kZk2, kZk1});
  broadcast(t, kZk3, "0x100000003", 0xa3, {kZk3, kZk2});
  t.push_back(note(kZk3, propose("0x100000004", 0xa4)));  // logged by zk3 and zk2, never committed
  t.push_back(note(kZk3, propose("0x100000005", 0xa5)));  // logged by zk3 only
  t.push_back(rec(kZk3, RecordKind::kCrash, "crashes"));
  return t;
}

// zk2 becomes leader of epoch 2 with zk1 (DIFF); zk3 comes back ahead (TRUNC); zk1 loses its
// disk and comes back empty (SNAP).
std::vector<TraceRecord> failover() {
  std::vector<TraceRecord> t;
  t.push_back(note(kZk1, "state LOOKING"));
  t.push_back(note(kZk1, ff("0x100000003", 0xa3)));  // logged, its COMMIT never arrived
  t.push_back(note(kZk2, "state LOOKING"));
  t.push_back(note(kZk2, ff("0x100000004", 0xa4)));
  t.push_back(note(kZk2, "state LEADING"));
  t.push_back(note(kZk1, "state FOLLOWING"));
  t.push_back(note(kZk1, deliver("0x100000004", 0xa4)));  // the DIFF carries zk2's history
  t.push_back(note(kZk1, "synced with leader 2 in epoch 2 by DIFF at 0x100000004"));
  t.push_back(note(kZk2, "established leader of epoch 2 at 0x200000000"));
  broadcast(t, kZk2, "0x200000001", 0xb1, {kZk2, kZk1});
  // zk3 restarts with 0x100000005 in its log: ahead of the leader in epoch 1.
  t.push_back(rec(kZk3, RecordKind::kStart, "starts"));
  t.push_back(note(kZk3, "recovered 0x100000005"));
  t.push_back(note(kZk3, "state LOOKING"));
  t.push_back(note(kZk3, "state FOLLOWING"));
  t.push_back(note(kZk3, "TRUNC to 0x100000004"));
  t.push_back(note(kZk3, deliver("0x200000001", 0xb1)));
  t.push_back(note(kZk3, "synced with leader 2 in epoch 2 by TRUNC at 0x100000004"));
  broadcast(t, kZk2, "0x200000002", 0xb2, {kZk2, kZk1, kZk3});
  // zk1 loses its disk: back empty, synced by SNAP.
  t.push_back(rec(kZk1, RecordKind::kPowerOff, "powered off"));
  t.push_back(rec(kZk1, RecordKind::kStart, "starts"));
  t.push_back(note(kZk1, "recovered 0x0"));
  t.push_back(note(kZk1, "state LOOKING"));
  t.push_back(note(kZk1, "state FOLLOWING"));
  t.push_back(note(kZk1, "SNAP loaded at 0x200000002"));
  t.push_back(note(kZk1, "synced with leader 2 in epoch 2 by SNAP at 0x200000002"));
  broadcast(t, kZk2, "0x200000003", 0xb3, {kZk2, kZk3, kZk1});
  // A standalone server's deliveries are not ZAB's business.
  t.push_back(note(kZkSolo, "recovered 0x0"));
  t.push_back(note(kZkSolo, deliver("0x1", 0x51)));
  t.push_back(note(kZkSolo, deliver("0x2", 0x52)));
  return t;
}

// c1 reads from zk3, which crashes; the session reconnects to zk1 and reads on; then it starts a
// new session (zxids may start lower again).
std::vector<TraceRecord> client_reads() {
  return {
      rec(kC1, RecordKind::kDeliver, "from zk3: ConnectResponse(session=0x300000000000, timeout=30000ms)"),
      rec(kC1, RecordKind::kDeliver, "from zk3: reply xid=1 zxid=0x100000001 /a"),
      rec(kC1, RecordKind::kDeliver, "from zk3: reply xid=-4 zxid=0x0"),
      rec(kC1, RecordKind::kDeliver, "from zk3: event NodeDataChanged /a (SyncConnected)"),
      rec(kC1, RecordKind::kDeliver, "from zk3: reply xid=2 zxid=0x100000003"),
      rec(kC1, RecordKind::kDeliver, "from zk3: reply xid=-2 zxid=0x100000003"),
      rec(kC1, RecordKind::kDeliver, "from zk1: ConnectResponse(session=0x300000000000, timeout=30000ms)"),
      rec(kC1, RecordKind::kDeliver, "from zk1: reply xid=-8 zxid=0x100000003"),
      rec(kC1, RecordKind::kDeliver, "from zk1: reply xid=3 zxid=0x200000001"),
      rec(kC1, RecordKind::kDeliver, "from zk1: ConnectResponse(session=0x200000000001, timeout=30000ms)"),
      rec(kC1, RecordKind::kDeliver, "from zk1: reply xid=1 zxid=0x100000004"),
  };
}

TEST_CASE("a normal election, broadcast, failover and DIFF/TRUNC/SNAP resync is clean") {
  Harness hs;
  auto t = epoch_one();
  const auto more = failover();
  t.insert(t.end(), more.begin(), more.end());
  const auto reads = client_reads();
  t.insert(t.end(), reads.begin(), reads.end());
  const auto found = hs.feed(t);
  for (const std::string& f : found) FAIL_CHECK(f);
  CHECK(found.empty());
}

TEST_CASE("the standard checkers include the ZAB checkers") {
  const auto names = standard_checkers().names();
  for (const char* n : {"one-leader-per-epoch", "zab-integrity", "zab-agreement", "primary-order", "monotonic-reads"})
    CHECK_MESSAGE(std::find(names.begin(), names.end(), n) != names.end(), n);
}

TEST_CASE("one-leader-per-epoch: two leaders established for epoch 2") {
  Harness hs;
  CHECK(hs.feed({note(kZk1, "established leader of epoch 1 at 0x100000000"),
                 note(kZk2, "established leader of epoch 2 at 0x200000000")})
            .empty());
  const auto found = hs.feed({note(kZk3, "established leader of epoch 2 at 0x200000000")});
  REQUIRE(found.size() == 1);
  CHECK(found[0] ==
        "one-leader-per-epoch: zk3 was established as leader of epoch 2 at 0x200000000, but zk2 already leads epoch 2 "
        "(at most one leader per epoch)");
}

TEST_CASE("zab-agreement: a delivery that skips a committed txn") {
  Harness hs;
  auto t = epoch_one();
  // zk1 missed COMMIT 0x100000003; in epoch 2 it is handed 0x200000001 without it.
  t.push_back(note(kZk2, "state LEADING"));
  t.push_back(note(kZk2, "established leader of epoch 2 at 0x200000000"));
  t.push_back(note(kZk2, propose("0x200000001", 0xb1)));
  t.push_back(note(kZk2, commit("0x200000001", 0xb1)));
  t.push_back(note(kZk1, deliver("0x200000001", 0xb1)));
  const auto found = hs.feed(t);
  REQUIRE(found.size() == 1);
  CHECK(found[0] ==
        "zab-agreement: zk1 delivered 0x200000001 without committed txn 0x100000003 (its last applied txn was "
        "0x100000002; a server must not skip a committed txn)");
}

TEST_CASE("zab-agreement: deliveries out of zxid order") {
  Harness hs;
  auto t = epoch_one();
  t.push_back(note(kZk1, deliver("0x100000001", 0xa1)));
  const auto found = hs.feed(t);
  REQUIRE(found.size() == 1);
  CHECK(found[0] == "zab-agreement: zk1 delivered 0x100000001 after 0x100000002 (deliveries must follow zxid order)");
}

TEST_CASE("zab-agreement + zab-integrity: a delivery with a different hash") {
  Harness hs;
  auto t = epoch_one();
  t.push_back(note(kZk1, deliver("0x100000003", 0xee)));
  const auto found = hs.feed(t);
  REQUIRE(found.size() == 2);
  CHECK(found[0] == "zab-integrity: zk1 delivered 0x100000003 #00000000000000ee, which no leader proposed (the "
                    "proposal of 0x100000003 is #00000000000000a3)");
  CHECK(found[1] == "zab-agreement: zk1 delivered 0x100000003 #00000000000000ee, but the txn committed at "
                    "0x100000003 is #00000000000000a3 (servers must agree on every committed txn)");
}

TEST_CASE("zab-integrity: a commit and a fast-forward nobody proposed") {
  Harness hs;
  auto t = epoch_one();
  t.push_back(note(kZk3, commit("0x100000009", 0x99)));
  t.push_back(note(kZk2, ff("0x100000008", 0x98)));
  const auto found = hs.feed(t);
  CHECK(count_of(found, "zab-integrity") == 2);
  CHECK(std::find(found.begin(), found.end(),
                  "zab-integrity: zk3 committed 0x100000009 #0000000000000099, which no leader proposed") != found.end());
}

TEST_CASE("zab-agreement: a TRUNC whose cut committed txn comes back different") {
  Harness hs;
  auto t = epoch_one();
  t.push_back(note(kZk2, "TRUNC to 0x100000002"));
  t.push_back(note(kZk2, deliver("0x100000003", 0xbad)));
  const auto found = hs.feed(t);
  REQUIRE(count_of(found, "zab-agreement") == 1);
  CHECK(found[0].find("0x100000003") != std::string::npos);
}

TEST_CASE("zab-agreement: a TRUNC in the same epoch whose cut txn is re-sent is clean") {
  // Seen by the fuzzer (seed 798): a learner rejoins its leader with a fast-forwarded proposal
  // the leader still has outstanding; S3 truncates it, startForwarding re-sends it, it commits.
  Harness hs;
  auto t = epoch_one();
  t.push_back(note(kZk2, "TRUNC to 0x100000002"));
  t.push_back(note(kZk2, deliver("0x100000003", 0xa3)));
  CHECK(hs.feed(t).empty());
}

TEST_CASE("zab-agreement: after a SNAP the learner skips a committed txn") {
  Harness hs;
  auto t = epoch_one();
  t.push_back(note(kZk2, "SNAP loaded at 0x100000001"));
  t.push_back(note(kZk2, deliver("0x100000003", 0xa3)));
  const auto found = hs.feed(t);
  REQUIRE(count_of(found, "zab-agreement") == 1);
  CHECK(found[0].find("0x100000002") != std::string::npos);
}

TEST_CASE("zab-agreement: a leader established without a committed txn loses it") {
  Harness hs;
  auto t = epoch_one();
  // zk1 never saw COMMIT 0x100000003 and did not log it: its history ends at 0x100000002.
  t.push_back(note(kZk1, "state LEADING"));
  t.push_back(note(kZk1, "established leader of epoch 2 at 0x200000000"));
  const auto found = hs.feed(t);
  REQUIRE(found.size() == 1);
  CHECK(found[0] == "zab-agreement: zk1 was established as leader of epoch 2 without committed txn 0x100000003 (its "
                    "history ends at 0x100000002), so the new epoch loses a committed txn");
}

TEST_CASE("zab-agreement: a restarted leader whose disk lost committed txns") {
  Harness hs;
  auto t = epoch_one();
  t.push_back(rec(kZk2, RecordKind::kStart, "starts"));
  t.push_back(note(kZk2, "recovered 0x100000001"));  // ack-before-fsync: the rest never reached the disk
  t.push_back(note(kZk2, "established leader of epoch 2 at 0x200000000"));
  const auto found = hs.feed(t);
  REQUIRE(found.size() == 1);
  CHECK(found[0].find("zk2 was established as leader of epoch 2 without committed txn 0x100000002") != std::string::npos);
}

TEST_CASE("zab-agreement: an adopted history makes its txns committed") {
  Harness hs;
  auto t = epoch_one();
  // zk2 leads epoch 2 with 0x100000004 (fast-forwarded): epoch 2 commits it. A later leader of
  // epoch 3 without it loses it (a learner truncating it is told to re-fetch it).
  t.push_back(note(kZk2, ff("0x100000004", 0xa4)));
  t.push_back(note(kZk2, "established leader of epoch 2 at 0x200000000"));
  CHECK(hs.feed(t).empty());
  const auto found = hs.feed({note(kZk1, ff("0x100000003", 0xa3)),
                              note(kZk1, "established leader of epoch 3 at 0x300000000"),
                              note(kZk2, "TRUNC to 0x100000003")});
  REQUIRE(found.size() == 1);
  CHECK(found[0] == "zab-agreement: zk1 was established as leader of epoch 3 without committed txn 0x100000004 (its "
                    "history ends at 0x100000003), so the new epoch loses a committed txn");
}

TEST_CASE("zab-agreement: a fast-forward conflicting with a committed txn") {
  Harness hs;
  auto t = epoch_one();
  t.push_back(note(kZk3, propose("0x100000003", 0xcc)));  // a second proposal of the same zxid
  t.push_back(note(kZk1, ff("0x100000003", 0xcc)));
  const auto found = hs.feed(t);
  CHECK(count_of(found, "zab-agreement") == 1);
  CHECK(std::find(found.begin(), found.end(),
                  "zab-agreement: zk1 fast-forwarded 0x100000003 #00000000000000cc, but the txn committed at "
                  "0x100000003 is #00000000000000a3 (servers must agree on every committed txn)") != found.end());
}

TEST_CASE("zab-agreement: an old leader committing after a newer epoch was established without the txn") {
  Harness hs;
  auto t = epoch_one();
  t.push_back(note(kZk1, "established leader of epoch 2 at 0x200000000"));  // lacks 0x100000003: flagged
  t.push_back(note(kZk3, "COMMIT 0x100000004 " + h(0xa4) + " acks 3"));     // commit-without-quorum
  const auto found = hs.feed(t);
  REQUIRE(found.size() == 2);
  CHECK(found[1] == "zab-agreement: zk3 committed 0x100000004 after zk1 was established as leader of epoch 2 without "
                    "it, so a committed txn is lost");
}

TEST_CASE("zab-agreement: two servers deliver different txns at the same uncommitted zxid") {
  Harness hs;
  auto t = epoch_one();
  t.push_back(note(kZk1, deliver("0x100000004", 0xa4)));
  t.push_back(note(kZk3, propose("0x100000004", 0xdd)));
  t.push_back(note(kZk2, deliver("0x100000004", 0xdd)));
  const auto found = hs.feed(t);
  REQUIRE(count_of(found, "zab-agreement") >= 1);
  CHECK(std::find(found.begin(), found.end(),
                  "zab-agreement: zk2 delivered 0x100000004 #00000000000000dd, but zk1 delivered 0x100000004 "
                  "#00000000000000a4 (servers must agree on every delivered txn)") != found.end());
}

TEST_CASE("primary-order: proposals must be consecutive and only by the established leader") {
  SUBCASE("a gap") {
    Harness hs;
    auto t = epoch_one();
    t.push_back(note(kZk3, propose("0x100000007", 0xa7)));
    const auto found = hs.feed(t);
    REQUIRE(found.size() == 1);
    CHECK(found[0] == "primary-order: zk3 proposed 0x100000007 after 0x100000005 in epoch 1 (a leader's proposals "
                      "must have consecutive zxids)");
  }
  SUBCASE("a second proposer") {
    Harness hs;
    auto t = epoch_one();
    t.push_back(note(kZk1, propose("0x100000006", 0xa6)));
    const auto found = hs.feed(t);
    REQUIRE(found.size() == 1);
    CHECK(found[0] == "primary-order: zk1 proposed 0x100000006 without being the established leader of epoch 1 (zk3 is)");
  }
  SUBCASE("a first proposal that is not counter 1") {
    Harness hs;
    const auto found = hs.feed({note(kZk1, "established leader of epoch 4 at 0x400000000"),
                                note(kZk1, propose("0x400000002", 0xd2))});
    REQUIRE(found.size() == 1);
    CHECK(found[0] == "primary-order: zk1 proposed 0x400000002 as the first proposal of epoch 4 (it must be 0x400000001)");
  }
}

TEST_CASE("primary-order: a new epoch broadcasting before applying a delivered txn of the old one") {
  Harness hs;
  auto t = epoch_one();
  t.push_back(note(kZk1, "established leader of epoch 2 at 0x200000000"));
  t.push_back(note(kZk1, propose("0x200000001", 0xb1)));
  const auto found = hs.feed(t);
  REQUIRE(count_of(found, "primary-order") == 1);
  CHECK(std::find(found.begin(), found.end(),
                  "primary-order: zk1 began broadcasting epoch 2 with 0x200000001 before applying 0x100000003, which "
                  "zk3 had delivered (its last applied txn is 0x100000002)") != found.end());
}

TEST_CASE("primary-order: a txn of an older epoch delivered after a newer one") {
  Harness hs;
  auto t = epoch_one();
  t.push_back(note(kZk2, ff("0x100000004", 0xa4)));
  t.push_back(note(kZk2, "established leader of epoch 2 at 0x200000000"));
  broadcast(t, kZk2, "0x200000001", 0xb1, {kZk2, kZk1});
  t.push_back(note(kZk1, deliver("0x100000004", 0xa4)));
  const auto found = hs.feed(t);
  REQUIRE(count_of(found, "primary-order") == 1);
  CHECK(std::find(found.begin(), found.end(),
                  "primary-order: zk1 delivered 0x100000004 of epoch 1 after 0x200000001 of epoch 2 (txns of an "
                  "older epoch come first)") != found.end());
}

TEST_CASE("monotonic-reads: a session's reply zxids go back after a reconnect") {
  Harness hs;
  CHECK(hs.feed({rec(kC1, RecordKind::kDeliver, "from zk1: ConnectResponse(session=0x100000000000, timeout=30000ms)"),
                 rec(kC1, RecordKind::kDeliver, "from zk1: reply xid=1 zxid=0x100000005")})
            .empty());
  SUBCASE("same session on another server") {
    const auto found =
        hs.feed({rec(kC1, RecordKind::kDeliver, "from zk2: ConnectResponse(session=0x100000000000, timeout=30000ms)"),
                 rec(kC1, RecordKind::kDeliver, "from zk2: reply xid=-4 zxid=0x0"),
                 rec(kC1, RecordKind::kDeliver, "from zk2: reply xid=2 zxid=0x100000003")});
    REQUIRE(found.size() == 1);
    CHECK(found[0] == "monotonic-reads: c1 (session 0x100000000000) received zxid 0x100000003 from zk2 (reply xid=2) "
                      "after zxid 0x100000005 from zk1 (a session's reads must not go back in time)");
  }
  SUBCASE("same server, same connection") {
    const auto found = hs.feed({rec(kC1, RecordKind::kDeliver, "from zk1: reply xid=2 zxid=0x100000004")});
    CHECK(found.size() == 1);
  }
  SUBCASE("ping replies do not count: the client does not track their zxid") {
    CHECK(hs.feed({rec(kC1, RecordKind::kDeliver, "from zk1: reply xid=-2 zxid=0x100000009"),
                   rec(kC1, RecordKind::kDeliver, "from zk2: ConnectResponse(session=0x100000000000, timeout=30000ms)"),
                   rec(kC1, RecordKind::kDeliver, "from zk2: reply xid=-2 zxid=0x100000005"),
                   rec(kC1, RecordKind::kDeliver, "from zk2: reply xid=2 zxid=0x100000006")})
              .empty());
  }
  SUBCASE("a new session or a restarted client starts over") {
    CHECK(hs.feed({rec(kC1, RecordKind::kDeliver, "from zk2: ConnectResponse(session=0x200000000000, timeout=30000ms)"),
                   rec(kC1, RecordKind::kDeliver, "from zk2: reply xid=1 zxid=0x100000003"),
                   rec(kC1, RecordKind::kStart, "starts"),
                   rec(kC1, RecordKind::kDeliver, "from zk3: ConnectResponse(session=0x200000000000, timeout=30000ms)"),
                   rec(kC1, RecordKind::kDeliver, "from zk3: reply xid=1 zxid=0x100000001")})
              .empty());
  }
}

TEST_CASE("the ZAB checkers ignore a standalone server and records that are not notes") {
  Harness hs;
  CHECK(hs.feed({note(kZkSolo, deliver("0x5", 0x1)), note(kZkSolo, deliver("0x3", 0x2)),
                 note(kZkSolo, "established leader of epoch 1 at 0x100000000"),
                 note(kZkSolo, "established leader of epoch 1 at 0x100000000"),
                 rec(kZk1, RecordKind::kOutput, "deliver 0x100000001 #0000000000000001"),
                 note(kZk1, "delivered 0x100000001 #0000000000000001")})
            .empty());
}

TEST_CASE("a checker copy carries its state") {
  Harness hs;
  hs.feed({note(kZk1, "established leader of epoch 2 at 0x200000000")});
  std::vector<Finding> out;
  for (auto& c : hs.checkers) {
    auto copy = c->clone();
    const TraceRecord r = note(kZk2, "established leader of epoch 2 at 0x200000000");
    copy->observe(hs.w, std::span<const TraceRecord>(&r, 1), out);
  }
  CHECK(out.size() == 1);
}

TEST_CASE("election-order: settling on a vote older than one's own") {
  Harness hs;
  // A correct round: zk1 starts with (1, 0x3, epoch 2) and settles on a better vote.
  CHECK(hs.feed({note(kZk1, "round 2: vote (1, 0x100000003, epoch 2)"),
                 note(kZk1, "decided FOLLOWING (3, 0x200000001, epoch 2): no better vote for 200ms")})
            .empty());
  // Joining an established leader is not a finalize decision: not compared.
  CHECK(hs.feed({note(kZk1, "round 3: vote (1, 0x200000001, epoch 2)"),
                 note(kZk1, "decided FOLLOWING (2, 0x100000009, epoch 2): established leader (round 2)")})
            .empty());
  // election-ignores-peer-epoch: a larger zxid of an older epoch wins.
  const auto found = hs.feed({note(kZk1, "round 4: vote (1, 0x100000003, epoch 2)"),
                              note(kZk1, "decided FOLLOWING (3, 0x100000004, epoch 1): no better vote for 200ms")});
  REQUIRE(found.size() == 1);
  CHECK(found[0] == "election-order: zk1 settled on (3, 0x100000004, epoch 1), older than its own vote "
                    "(1, 0x100000003, epoch 2): the elected leader lacks epoch or txns a voter has");
}

}  // namespace
}  // namespace zoolab::sim::check
