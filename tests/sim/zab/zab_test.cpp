// ZAB lessons as tests: a minority partition, DIFF / TRUNC / SNAP sync, an observer, losing the
// quorum, and the protocol bug switches - each one caught by a checker (or, for the election
// bug, shown as the livelock it causes), each one harmless when switched off.
#include <string>

#include "tests/sim/zab/zab_script.h"
#include "tests/support/seed_count.h"

namespace zoolab::sim::testing {
namespace {

using core::zab::PeerState;
using core::zab::SyncMode;

// The first successful reply to client `c` after `after` that names `path` (a create's reply).
std::optional<Ensemble::Reply> created(const Ensemble& e, const std::string& c, const std::string& path,
                                       core::Time after = core::Time{0}) {
  for (const auto& r : e.replies(c, after))
    if (r.reply.err.empty() && r.reply.xid > 0 && r.body.ends_with(" " + path)) return r;
  return std::nullopt;
}

TEST_CASE("minority partition: the lone leader steps down after ~syncLimit ticks, the majority elects zk2") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(5); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::file("zab/minority-partition.zls", seed);
    e.until(2900);
    const auto session = e.client("c1").session_id();
    e.to_end();
    e.expects_pass();
    e.no_violations();
    CHECK(e.client("c1").session_id() == session);
    CHECK(e.led_epochs("zk3") == std::vector<int64_t>{1});
    CHECK(e.led_epochs("zk2") == std::vector<int64_t>{2});
    // The leader: no quorum of synced learners for syncLimit ticks -> LOOKING (A.3).
    const auto down = e.notes("zk3", "leaving LEADING: Not sufficient followers synced, only synced with sids: [ 3 ]");
    REQUIRE(down.size() == 1);
    const core::Duration after_cut = down[0]->time - ms(3000);
    CHECK(after_cut >= core::milliseconds(4000));  // syncLimit * tickTime
    CHECK(after_cut <= core::milliseconds(6100));  // + at most one tick of check granularity
    // The followers: no packet from the leader for syncLimit * tickTime (the partition resets nothing).
    for (const char* f : {"zk1", "zk2"}) {
      const auto left = e.notes(f, "leaving FOLLOWING: no packet from leader 3 for 4000 ms");
      REQUIRE(left.size() == 1);
      CHECK(left[0]->time - ms(3000) >= core::milliseconds(3000));
      CHECK(left[0]->time - ms(3000) <= core::milliseconds(4001));
    }
    // The new epoch was established before the old leader stepped down.
    const auto est = e.notes("zk2", "established leader of epoch 2");
    REQUIRE(est.size() == 1);
    CHECK(est[0]->time < down[0]->time);
    // The old leader rejoins by DIFF (it had nothing the majority lacks).
    const auto s3 = e.synced("zk3");
    REQUIRE(s3.size() == 1);
    CHECK(s3[0].leader == 2);
    CHECK(s3[0].epoch == 2);
    CHECK(s3[0].mode == SyncMode::kDiff);
    CHECK(s3[0].at > ms(12000));
  }
}

TEST_CASE("DIFF: a restarted follower gets exactly the three txns it missed") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(5); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::file("zab/diff-sync.zls", seed);
    e.to_end();
    e.expects_pass();
    e.no_violations();
    CHECK(e.led_epochs("zk3") == std::vector<int64_t>{1});  // no new election, no new epoch
    const auto s1 = e.synced("zk1");
    REQUIRE(s1.size() == 2);
    CHECK(s1[1].leader == 3);
    CHECK(s1[1].epoch == 1);
    CHECK(s1[1].mode == SyncMode::kDiff);
    CHECK(s1[1].zxid == 0x100000005);
    CHECK(e.notes("zk3", "sync learner 1 by DIFF (peer 0x100000002, committed log 0x100000001..0x100000005)").size() == 1);
    size_t sent = 0;
    for (const TraceRecord* r : e.records("zk1", RecordKind::kDeliver, "from zk3: PROPOSAL 0x10000000"))
      if (r->time >= ms(5000) && r->time < s1[1].at) ++sent;
    CHECK(sent == 3);
    for (const char* other : {"TRUNC to", "SNAP loaded"})  // (at startup a late follower may get a SNAP)
      for (const TraceRecord* r : e.notes("zk1", other)) CHECK(r->time < ms(5000));
  }
}

TEST_CASE("TRUNC then SNAP: an old leader's unACKed proposal is discarded either way") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(5); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::file("zab/trunc-or-snap.zls", seed);
    e.to_end();
    e.expects_pass();
    e.no_violations();
    CHECK(e.led_epochs("zk3") == std::vector<int64_t>{1, 3});
    CHECK(e.led_epochs("zk2") == std::vector<int64_t>{2});
    // Act 1: zk3 logged 0x100000005, the new epoch committed nothing: TRUNC to 0x100000004.
    CHECK(e.notes("zk3", "PROPOSAL 0x100000005").size() == 1);
    CHECK(e.notes("zk3", "TRUNC to 0x100000004").size() == 1);
    const auto s3 = e.synced("zk3");
    REQUIRE(s3.size() == 1);
    CHECK(s3[0].leader == 2);
    CHECK(s3[0].epoch == 2);
    CHECK(s3[0].mode == SyncMode::kTrunc);
    CHECK(s3[0].zxid == 0x100000004);
    // Act 2: zk2 logged 0x200000001, epoch 3 committed 0x300000001: SNAP.
    CHECK(e.notes("zk2", "PROPOSAL 0x200000001").size() == 1);
    CHECK(e.notes("zk2", "SNAP loaded at 0x300000001").size() == 1);
    const auto s2 = e.synced("zk2");
    REQUIRE(!s2.empty());
    CHECK(s2.back().leader == 3);
    CHECK(s2.back().epoch == 3);
    CHECK(s2.back().mode == SyncMode::kSnap);
    CHECK(s2.back().zxid == 0x300000001);
    // The lost writes were never acknowledged, and are nowhere.
    CHECK_FALSE(created(e, "c1", "/lost-1").has_value());
    CHECK_FALSE(created(e, "c3", "/lost-2").has_value());
    for (const char* s : {"zk1", "zk2", "zk3"}) {
      CHECK(e.server(s).tree().find("/lost-1") == core::zk::DataTree::kNone);
      CHECK(e.server(s).tree().find("/lost-2") == core::zk::DataTree::kNone);
      CHECK(e.server(s).tree().find("/b") != core::zk::DataTree::kNone);
    }
  }
}

TEST_CASE("observer: never votes or leads, gets INFORMs instead of PROPOSAL/COMMIT, serves reads") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(5); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::file("zab/observer.zls", seed);
    e.to_end();
    e.expects_pass();
    e.no_violations();
    CHECK(e.notes("zk4", "state LEADING").empty());
    CHECK(e.notes("zk4", "state FOLLOWING").empty());
    CHECK(e.notes("zk4", "round 1: no vote (not a voter)").size() == 1);
    CHECK(e.led_epochs("zk4").empty());
    CHECK(e.records("zk4", RecordKind::kDeliver, ": PROPOSAL ").empty());
    CHECK(e.records("zk4", RecordKind::kDeliver, ": COMMIT ").empty());
    CHECK(e.records("zk4", RecordKind::kDeliver, ": INFORM 0x100000002 create /a").size() == 1);
    CHECK(e.records("zk4", RecordKind::kDeliver, ": INFORM 0x200000001 setData /a").size() == 1);
    // Its ACKs are only the NEWLEADER/UPTODATE ones (counter 0), and no commit counts it.
    for (const TraceRecord* r : e.records("", RecordKind::kDeliver, "from zk4: ACK 0x"))
      CHECK(r->text.ends_with("00000000"));
    for (const TraceRecord* r : e.notes("", "COMMIT 0x")) CHECK(r->text.find(",4") == std::string::npos);
    // c1 only ever talked to zk4, and its read was answered there.
    CHECK(e.records("c1", RecordKind::kDeliver, "from zk4: reply xid=2 ").size() == 1);
    CHECK(e.view("zk4").mode == "observer");
    CHECK(e.view("zk4").state == PeerState::kObserving);
  }
}

TEST_CASE("no quorum: the survivor stops serving at once; writes resume with the session intact") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(5); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::file("zab/no-quorum.zls", seed);
    e.until(2900);
    const auto session = e.client("c1").session_id();
    e.to_end();
    e.expects_pass();
    e.no_violations();
    const auto left = e.notes("zk1", "leaving FOLLOWING: connection to leader 2 closed");
    REQUIRE(left.size() == 1);
    CHECK(left[0]->time - ms(6000) < core::milliseconds(1));
    // Nobody expired the session in 14 s without a leader (timeout 10 s).
    CHECK(e.notes("", "Expiring session").empty());
    CHECK(e.client("c1").session_id() == session);
    const auto back = created(e, "c1", "/back", ms(20000));
    REQUIRE(back.has_value());
    CHECK(back->reply.zxid == 0x300000001);
    MESSAGE("seed " << seed << ": first write " << seconds(back->at) - 20.0 << " s after the restart of zk2"
                    << " (real 3.8.0: about 2.6 s, JVM start included)");
    CHECK(e.led_epochs("zk2") == std::vector<int64_t>{2, 3});
  }
}

// ---- protocol bug switches --------------------------------------------------------------------

TEST_CASE("bug ack-before-fsync: a power failure loses a committed write; zab-agreement reports it") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(5); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::file("zab/bug-ack-before-fsync.zls", seed);
    e.to_end();
    e.expects_pass();
    e.no_unexpected_violations();
    CHECK(e.violated("zab-agreement"));
    CHECK(created(e, "c1", "/b").has_value());  // the client was told it succeeded
    for (const char* s : {"zk1", "zk2", "zk3"}) CHECK(e.server(s).tree().find("/b") == core::zk::DataTree::kNone);
  }
}

TEST_CASE("bug ack-before-fsync off: the same power failure loses only an unacknowledged write") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(5); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::text(lesson_text("zab/bug-ack-before-fsync.zls", "bug ack-before-fsync on", "bug ack-before-fsync off"),
                            seed);
    e.to_end();
    e.no_violations();
    CHECK_FALSE(created(e, "c1", "/b").has_value());
    CHECK(e.notes("zk3", "COMMIT 0x100000003").empty());
    CHECK(e.led_epochs("zk3") == std::vector<int64_t>{1, 2});
  }
}

TEST_CASE("bug commit-without-quorum: the cut-off leader commits alone, the majority loses it; zab-agreement") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(5); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::file("zab/bug-commit-without-quorum.zls", seed);
    e.to_end();
    e.expects_pass();
    e.no_unexpected_violations();
    CHECK(e.violated("zab-agreement"));
    CHECK(e.notes("zk3", "COMMIT 0x100000004 ").size() == 1);
    CHECK(e.notes("zk3", "acks 3").size() >= 1);
    CHECK(created(e, "c1", "/b").has_value());
    CHECK(e.notes("zk3", "TRUNC to 0x100000003").size() == 1);
  }
}

TEST_CASE("bug commit-without-quorum off: the cut-off leader cannot commit; nothing acknowledged is lost") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(5); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::text(
        lesson_text("zab/bug-commit-without-quorum.zls", "bug commit-without-quorum on", "bug commit-without-quorum off"),
        seed);
    e.to_end();
    e.no_violations();
    CHECK(e.notes("zk3", "COMMIT 0x100000004 ").empty());
    CHECK_FALSE(created(e, "c1", "/b").has_value());
    CHECK(e.synced("zk3").back().mode == SyncMode::kTrunc);  // the unACKed proposal is cut off
  }
}

TEST_CASE("bug election-ignores-peer-epoch: the stale zk3 is elected again and again, no leader ever") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(5); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::file("zab/bug-election-ignores-peer-epoch.zls", seed);
    e.to_end();
    e.expects_pass();
    // zk3 (epoch 1, zxid 0x100000004) beat zk1 (epoch 2, zxid 0x100000003) on the zxid ...
    CHECK(e.notes("zk1", "decided FOLLOWING (3, 0x100000004, epoch 1)").size() >= 2);
    // ... and had to refuse zk1 every time: no epoch after 2 was ever established.
    CHECK(e.notes("zk3", "Follower 1 is ahead of the leader (0x100000003)").size() >= 2);
    CHECK(e.led_epochs("zk3") == std::vector<int64_t>{1});
    CHECK(e.led_epochs("zk1").empty());
    // Nothing committed is lost (the ZAB safety checkers stay quiet); the election-order checker
    // reports the election itself: zk1 settled on a vote older than its own.
    bool election_order = false;
    for (const auto& v : e.run().violations()) {
      if (v.checker == "election-order") election_order = true;
      else FAIL_CHECK(v.checker << ": " << v.text);
    }
    CHECK(election_order);
  }
}

TEST_CASE("bug election-ignores-peer-epoch off: zk1 (epoch 2) wins, zk3's proposal is truncated") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(5); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::text(lesson_text("zab/bug-election-ignores-peer-epoch.zls", "bug election-ignores-peer-epoch on",
                                        "bug election-ignores-peer-epoch off"),
                            seed);
    e.to_end();
    e.no_violations();
    CHECK(e.led_epochs("zk1") == std::vector<int64_t>{3});
    CHECK(e.notes("zk3", "decided FOLLOWING (1, 0x100000003, epoch 2)").size() == 1);
    CHECK(e.notes("zk3", "TRUNC to 0x100000003").size() == 1);
    CHECK(e.notes("zk3", "ahead of the leader").empty());
  }
}

// The wrong winner is never established (every quorum holds a voter of the newer epoch, which it
// must refuse), so nothing committed is lost; the election-order checker sees the decision itself.
TEST_CASE("the election-order checker reports what election-ignores-peer-epoch breaks") {
  auto e = Ensemble::file("zab/bug-election-ignores-peer-epoch.zls");
  e.to_end();
  REQUIRE_FALSE(e.run().violations().empty());
  CHECK(e.run().violations().front().checker == "election-order");
  CHECK(e.run().violations().front().text.find("zk1 settled on (3, 0x100000004, epoch 1), older than its own vote "
                                               "(1, 0x100000003, epoch 2)") != std::string::npos);
}

}  // namespace
}  // namespace zoolab::sim::testing
