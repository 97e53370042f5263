// FastLeaderElection (reference §2): several instances wired by a tiny message pump. Messages are
// delivered in send order with no latency; timers fire in time order (ties by sid) when the wire
// is empty, so every run is deterministic.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/zab/fast_leader_election.h"

using namespace zoolab::core::zab;

namespace {

constexpr Zxid zx(int64_t epoch, int64_t counter) { return (epoch << 32) | counter; }

QuorumConfig make_config(const std::vector<int64_t>& voters, const std::vector<int64_t>& observers = {}) {
  std::map<int64_t, PeerAddress> peers;
  for (int64_t s : voters) peers[s] = PeerAddress{s, {}, "zk" + std::to_string(s), 2888, 3888, 2181, false};
  for (int64_t s : observers) peers[s] = PeerAddress{s, {}, "zk" + std::to_string(s), 2888, 3888, 2181, true};
  return QuorumConfig(std::move(peers));
}

Vote initial_vote(int64_t sid, Zxid zxid, int64_t epoch) { return Vote{sid, zxid, 0, epoch}; }
Vote observer_vote() { return Vote{kNoVoteValue, kNoVoteValue, 0, kNoVoteValue}; }

Notification looking(int64_t leader, Zxid zxid, int64_t round, int64_t epoch) {
  Notification n;
  n.state = PeerState::kLooking;
  n.leader = leader;
  n.zxid = zxid;
  n.election_epoch = round;
  n.peer_epoch = epoch;
  return n;
}

bool has_outcome(const FastLeaderElection& fle, const std::string& part) {
  return std::any_of(fle.history().begin(), fle.history().end(),
                     [&](const ElectionStep& s) { return s.outcome.find(part) != std::string::npos; });
}

struct Peer {
  FastLeaderElection fle;
  bool up = false;
  PeerState state = PeerState::kLooking;
  Vote current;
  std::optional<int64_t> timer_at;
  std::optional<Vote> decided;
  int64_t decided_at = -1;
  int decisions = 0;
  std::vector<std::string> notes;
};

struct Msg {
  int64_t from = 0, to = 0;
  Notification n;
};

struct Ensemble {
  QuorumConfig cfg;
  ElectionOptions opts;
  std::map<int64_t, Peer> peers;
  std::deque<Msg> wire;
  std::vector<Msg> delivered;
  int64_t now = 0;

  explicit Ensemble(QuorumConfig c, ElectionOptions o = {}) : cfg(std::move(c)), opts(o) {}

  // A (re)started process: a fresh FastLeaderElection (logicalclock 0) enters lookForLeader.
  void start(int64_t sid, Zxid zxid = 0, int64_t epoch = 0) {
    Peer& p = peers[sid];
    p = Peer{};
    p.fle = FastLeaderElection(cfg, sid, opts);
    p.up = true;
    look(sid, zxid, epoch);
  }
  // The running process goes back to LOOKING (its logicalclock keeps counting).
  void look(int64_t sid, Zxid zxid = 0, int64_t epoch = 0) {
    Peer& p = peers.at(sid);
    const Vote init = cfg.is_voter(sid) ? initial_vote(sid, zxid, epoch) : observer_vote();
    p.state = PeerState::kLooking;
    p.current = init;
    p.decided.reset();
    ElectionEffects fx;
    p.fle.look_for_leader(init, fx);
    apply(sid, fx);
  }
  void crash(int64_t sid) {
    peers.at(sid).up = false;
    peers.at(sid).timer_at.reset();
  }
  void apply(int64_t sid, ElectionEffects& fx) {
    Peer& p = peers.at(sid);
    for (auto& s : fx.sends) {
      REQUIRE(s.to != sid);  // self-sends never leave the state machine
      wire.push_back(Msg{sid, s.to, s.n});
    }
    if (fx.cancel_timer) p.timer_at.reset();
    if (fx.timer_ms) p.timer_at = now + *fx.timer_ms;
    if (fx.decided) {
      CHECK(!p.fle.looking());
      p.decided = fx.decided;
      p.state = fx.decided->state;
      p.current = *fx.decided;
      p.decided_at = now;
      ++p.decisions;
    }
    p.notes.insert(p.notes.end(), fx.notes.begin(), fx.notes.end());
  }
  void inject(int64_t from, int64_t to, const Notification& n) { wire.push_back(Msg{from, to, n}); }
  bool deliver_one() {
    if (wire.empty()) return false;
    const Msg m = wire.front();
    wire.pop_front();
    auto it = peers.find(m.to);
    if (it == peers.end() || !it->second.up) return true;  // nobody listening: dropped
    delivered.push_back(m);
    ElectionEffects fx;
    it->second.fle.receive(m.from, m.n, it->second.state, it->second.current, fx);
    apply(m.to, fx);
    return true;
  }
  void settle() {
    int guard = 0;
    while (deliver_one()) REQUIRE(++guard < 100000);
  }
  void fire(int64_t sid) {
    Peer& p = peers.at(sid);
    p.timer_at.reset();
    ElectionEffects fx;
    p.fle.on_timer(fx);
    apply(sid, fx);
  }
  // Delivers everything, then fires due timers in time order up to `until`.
  void run_until(int64_t until) {
    settle();
    for (int guard = 0;; ++guard) {
      REQUIRE(guard < 100000);
      int64_t sid = -1, at = INT64_MAX;
      for (auto& [s, p] : peers)
        if (p.up && p.timer_at && *p.timer_at < at) at = *p.timer_at, sid = s;
      if (sid < 0 || at > until) break;
      now = at;
      fire(sid);
      settle();
    }
    now = std::max(now, until);
  }
  Peer& operator[](int64_t sid) { return peers.at(sid); }
  bool any_decided() const {
    return std::any_of(peers.begin(), peers.end(), [](const auto& kv) { return kv.second.decided.has_value(); });
  }
};

void check_decided(const Peer& p, PeerState state, int64_t leader) {
  REQUIRE(p.decided.has_value());
  CHECK(p.decided->state == state);
  CHECK(p.decided->id == leader);
  CHECK(p.decisions == 1);
  CHECK(!p.fle.looking());
}

}  // namespace

TEST_CASE("fresh ensemble started together: all adopt 3, decide after the 200 ms finalize wait (A.1)") {
  Ensemble e(make_config({1, 2, 3}));
  e.start(1);
  e.start(2);
  e.start(3);
  e.settle();
  CHECK(!e.any_decided());
  for (int64_t s : {1, 2, 3}) {
    CHECK(e[s].fle.finalizing());
    CHECK(e[s].fle.proposal().id == 3);
    CHECK(e[s].fle.logicalclock() == 1);
    CHECK(e[s].timer_at == 200);
  }
  e.run_until(199);
  CHECK(!e.any_decided());
  e.run_until(200);
  check_decided(e[1], PeerState::kFollowing, 3);
  check_decided(e[2], PeerState::kFollowing, 3);
  check_decided(e[3], PeerState::kLeading, 3);
  for (int64_t s : {1, 2, 3}) {
    CHECK(e[s].decided_at == 200);
    CHECK(e[s].decided->election_epoch == 1);
    CHECK(e[s].decided->zxid == 0);
    CHECK(!e[s].timer_at.has_value());
  }
  CHECK(std::find(e[3].notes.begin(), e[3].notes.end(), "round 1: vote (3, 0x0, epoch 0)") != e[3].notes.end());
  CHECK(std::find(e[1].notes.begin(), e[1].notes.end(), "adopt (3, 0x0, epoch 0) from 3: higher sid") !=
        e[1].notes.end());
  const auto quorum = std::find_if(e[3].notes.begin(), e[3].notes.end(),
                                   [](const std::string& n) { return n.rfind("quorum for ", 0) == 0; });
  REQUIRE(quorum != e[3].notes.end());
  CHECK(*quorum == "quorum for (3, 0x0, epoch 0) in round 1 (votes of 1, 3): finalize wait 200ms");  // its own and zk1's
  CHECK(e[3].notes.back().rfind("decided LEADING (3, 0x0, epoch 0)", 0) == 0);
  CHECK(has_outcome(e[1].fle, "adopted: higher sid"));
}

TEST_CASE("start 1 and 2: 2 leads; 3 starting later follows 2 only once the leader itself says LEADING (R3)") {
  Ensemble e(make_config({1, 2, 3}));
  e.start(1);
  e.start(2);
  e.run_until(1000);
  check_decided(e[1], PeerState::kFollowing, 2);
  check_decided(e[2], PeerState::kLeading, 2);
  CHECK(e[2].decided_at == 200);

  e.start(3);
  // 3's notifications reach 1 and 2, which are not LOOKING: R3 replies.
  REQUIRE(e.wire.size() == 2);
  REQUIRE(e.deliver_one());  // 3 -> 1
  REQUIRE(e.deliver_one());  // 3 -> 2
  REQUIRE(e.wire.size() == 2);
  CHECK(e.wire[0].from == 1);
  CHECK(e.wire[0].n.state == PeerState::kFollowing);
  CHECK(e.wire[0].n.leader == 2);
  CHECK(e.wire[0].n.election_epoch == 1);
  CHECK(e.wire[1].from == 2);
  CHECK(e.wire[1].n.state == PeerState::kLeading);
  REQUIRE(e.deliver_one());  // FOLLOWING(2) from 1: no quorum for 2 yet, and no LEADING vote from 2
  CHECK(!e[3].decided.has_value());
  CHECK(e[3].fle.looking());
  CHECK(e[3].fle.outofelection().count(1) == 1);
  CHECK(e[3].fle.history().back().outcome == "FOLLOWING reply recorded");
  REQUIRE(e.deliver_one());  // LEADING(2) from 2
  check_decided(e[3], PeerState::kFollowing, 2);
  CHECK(e[3].decided_at == 1000);  // no finalize wait when joining
  CHECK(e[3].decided->election_epoch == 1);
  // Same round (1): decided through recvset (§2.9 a), before outofelection is even updated.
  CHECK(e[3].fle.history().back().outcome == "LEADING reply: decided in this round");
  CHECK(e[3].fle.outofelection().size() == 1);
  e.run_until(5000);
  CHECK(e[3].decisions == 1);
  CHECK(e[1].decisions == 1);
  CHECK(e[2].decisions == 1);
}

TEST_CASE("restarted server joins the established leader of a later round through outofelection (A.2)") {
  Ensemble e(make_config({1, 2, 3}));
  e.start(1);
  e.start(2);
  e.start(3);
  e.run_until(1000);
  check_decided(e[3], PeerState::kLeading, 3);
  // Leader 3 dies; 1 and 2 go LOOKING (round 2) with equal (epoch, zxid): 2 wins.
  e.crash(3);
  e.now = 2000;
  e.look(1, zx(1, 5), 1);
  e.look(2, zx(1, 5), 1);
  e.run_until(3000);
  REQUIRE(e[2].decided.has_value());
  CHECK(e[2].decided->state == PeerState::kLeading);
  CHECK(e[1].decided->id == 2);
  CHECK(e[1].decided->election_epoch == 2);
  // 3 restarts: a fresh process in round 1 whose own vote (3, 0x100000005, 1) would beat 2's.
  e.now = 4000;
  e.start(3, zx(1, 5), 1);
  CHECK(e[3].fle.logicalclock() == 1);
  REQUIRE(e.deliver_one());
  REQUIRE(e.deliver_one());
  REQUIRE(e.deliver_one());  // FOLLOWING(2, round 2) from 1
  CHECK(!e[3].decided.has_value());
  CHECK(e[3].fle.recvset().count(1) == 0);  // another round: not in recvset
  CHECK(e[3].fle.outofelection().count(1) == 1);
  REQUIRE(e.deliver_one());  // LEADING(2, round 2) from 2
  REQUIRE(e[3].decided.has_value());
  CHECK(e[3].decided->state == PeerState::kFollowing);
  CHECK(e[3].decided->id == 2);
  CHECK(e[3].decided->zxid == zx(1, 5));
  CHECK(e[3].decided->peer_epoch == 1);
  CHECK(e[3].decided->election_epoch == 2);
  CHECK(e[3].fle.logicalclock() == 2);  // logicalclock = n.electionEpoch
  CHECK(e[3].fle.history().back().outcome == "LEADING reply: joined the established leader");
}

TEST_CASE("start 3 then 2 (1 down): 3 leads") {
  SUBCASE("together") {
    Ensemble e(make_config({1, 2, 3}));
    e.start(3);
    e.start(2);
    e.run_until(1000);
    check_decided(e[3], PeerState::kLeading, 3);
    check_decided(e[2], PeerState::kFollowing, 3);
  }
  SUBCASE("3 s apart: the first server stays LOOKING until the second appears") {
    Ensemble e(make_config({1, 2, 3}));
    e.start(3);
    e.run_until(3000);
    CHECK(e[3].fle.looking());
    CHECK(!e[3].decided.has_value());
    e.start(2);
    e.run_until(200000);
    check_decided(e[3], PeerState::kLeading, 3);
    check_decided(e[2], PeerState::kFollowing, 3);
  }
}

TEST_CASE("five servers: all together elect 5; 1,2,3 first elect 3 and 4,5 join as followers") {
  SUBCASE("together") {
    Ensemble e(make_config({1, 2, 3, 4, 5}));
    for (int64_t s = 1; s <= 5; ++s) e.start(s);
    e.run_until(1000);
    for (int64_t s = 1; s <= 4; ++s) check_decided(e[s], PeerState::kFollowing, 5);
    check_decided(e[5], PeerState::kLeading, 5);
  }
  SUBCASE("staggered") {
    Ensemble e(make_config({1, 2, 3, 4, 5}));
    for (int64_t s = 1; s <= 3; ++s) e.start(s);
    e.run_until(1000);
    check_decided(e[3], PeerState::kLeading, 3);
    e.start(4);
    e.start(5);
    e.run_until(2000);
    check_decided(e[4], PeerState::kFollowing, 3);
    check_decided(e[5], PeerState::kFollowing, 3);
    CHECK(e[3].decisions == 1);
  }
}

TEST_CASE("peerEpoch beats zxid: (1, small zxid, epoch 2) wins over (3, large zxid, epoch 1)") {
  Ensemble e(make_config({1, 2, 3}));
  e.start(1, zx(1, 3), 2);
  e.start(2, zx(1, 3), 1);
  e.start(3, zx(1, 9), 1);
  e.run_until(1000);
  check_decided(e[1], PeerState::kLeading, 1);
  check_decided(e[2], PeerState::kFollowing, 1);
  check_decided(e[3], PeerState::kFollowing, 1);
  CHECK(e[3].decided->zxid == zx(1, 3));
  CHECK(e[3].decided->peer_epoch == 2);
  CHECK(std::find(e[3].notes.begin(), e[3].notes.end(), "adopt (1, 0x100000003, epoch 2) from 1: higher epoch") !=
        e[3].notes.end());
}

TEST_CASE("bug switch ignore_peer_epoch: the epoch-1 server with the larger zxid wins instead") {
  Ensemble e(make_config({1, 2, 3}), ElectionOptions{.ignore_peer_epoch = true});
  e.start(1, zx(1, 3), 2);
  e.start(2, zx(1, 3), 1);
  e.start(3, zx(1, 9), 1);
  e.run_until(1000);
  check_decided(e[3], PeerState::kLeading, 3);
  check_decided(e[1], PeerState::kFollowing, 3);
  check_decided(e[2], PeerState::kFollowing, 3);
  CHECK(e[1].decided->peer_epoch == 1);
}

TEST_CASE("re-election after leader 2 died: zk1 (zxid 66) beats zk3 (zxid 28) at the same epoch") {
  Ensemble e(make_config({1, 2, 3}));
  e.start(1);
  e.start(2);
  e.run_until(1000);
  e.start(3);
  e.run_until(2000);
  check_decided(e[2], PeerState::kLeading, 2);
  check_decided(e[3], PeerState::kFollowing, 2);
  e.crash(2);
  e.now = 3000;
  e.look(1, zx(1, 66), 1);
  e.look(3, zx(1, 28), 1);
  e.settle();
  // 3 adopts the vote (1, 66): the zxid in a vote is the proposed leader's, not the voter's.
  CHECK(e[3].fle.proposal().id == 1);
  CHECK(e[3].fle.proposal().zxid == zx(1, 66));
  CHECK(has_outcome(e[3].fle, "adopted: higher zxid"));
  e.run_until(4000);
  REQUIRE(e[1].decided.has_value());
  CHECK(e[1].decided->state == PeerState::kLeading);
  CHECK(e[1].decided->id == 1);
  CHECK(e[1].decided->election_epoch == 2);
  REQUIRE(e[3].decided.has_value());
  CHECK(e[3].decided->state == PeerState::kFollowing);
  CHECK(e[3].decided->id == 1);
  CHECK(e[3].decided->zxid == zx(1, 66));
  CHECK(e[3].decided_at == 3200);
}

TEST_CASE("zxid beats sid, sid breaks a zxid tie") {
  Ensemble e(make_config({1, 2, 3}));
  e.start(1, zx(0, 7), 0);
  e.start(2, zx(0, 7), 0);
  e.start(3, zx(0, 3), 0);
  e.run_until(1000);
  check_decided(e[2], PeerState::kLeading, 2);
  check_decided(e[1], PeerState::kFollowing, 2);
  check_decided(e[3], PeerState::kFollowing, 2);
  CHECK(has_outcome(e[3].fle, "adopted: higher zxid"));
  CHECK(has_outcome(e[1].fle, "adopted: higher sid"));
}

TEST_CASE("observer never wins and decides OBSERVING once it hears a voter quorum") {
  SUBCASE("observer first, voters later (LOOKING voters answer it through R1)") {
    Ensemble e(make_config({1, 2, 3}, {4}));
    e.start(4);
    e.run_until(1000);
    CHECK(e[4].fle.looking());
    e.start(1);
    e.run_until(3000);
    CHECK(e[4].fle.looking());  // one voter is no quorum
    CHECK(!e[1].decided.has_value());
    e.start(2);
    e.start(3);
    e.run_until(200000);
    check_decided(e[3], PeerState::kLeading, 3);
    check_decided(e[1], PeerState::kFollowing, 3);
    check_decided(e[2], PeerState::kFollowing, 3);
    check_decided(e[4], PeerState::kObserving, 3);
    for (int64_t s : {1, 2, 3}) {
      CHECK(e[s].fle.recvset().count(4) == 0);
      CHECK(e[s].fle.outofelection().count(4) == 0);
    }
    for (const Msg& m : e.delivered) {
      if (m.from == 4) CHECK(m.n.leader != 4);  // an observer never proposes itself
      if (m.to == 4) CHECK(m.n.leader != kNoVoteValue);
      if (m.from == 4) CHECK(m.to != 4);
    }
  }
  SUBCASE("observer joins an established ensemble (R1 replies FOLLOWING/LEADING, outofelection)") {
    Ensemble e(make_config({1, 2, 3}, {4}));
    e.start(1);
    e.start(2);
    e.start(3);
    e.run_until(1000);
    e.start(4);
    e.settle();
    check_decided(e[4], PeerState::kObserving, 3);
    CHECK(e[4].decided_at == 1000);
  }
  SUBCASE("observer's own vote never counts") {
    FastLeaderElection obs(make_config({1, 2, 3}, {4}), 4);
    ElectionEffects fx;
    obs.look_for_leader(observer_vote(), fx);
    REQUIRE(fx.sends.size() == 3);  // voters only, never itself
    for (auto& s : fx.sends) CHECK(s.n.leader == kNoVoteValue);
    CHECK(obs.recvset().empty());
  }
}

TEST_CASE("a better vote arriving during the finalize wait cancels the decision") {
  Ensemble e(make_config({1, 2, 3}));
  e.start(1);
  e.start(2);
  e.settle();
  CHECK(e[1].fle.finalizing());
  CHECK(e[2].fle.finalizing());
  CHECK(e[2].fle.proposal().id == 2);
  e.run_until(100);
  CHECK(!e.any_decided());
  e.start(3);                // (3, 0x0, epoch 0) is better than 2
  REQUIRE(e.deliver_one());  // 3 -> 1
  CHECK(e[1].fle.proposal().id == 3);
  CHECK(has_outcome(e[1].fle, "during finalize: adopted: higher sid"));
  // 1's own new vote and 3's now agree on 3: a new finalize wait for 3, from t=100.
  CHECK(e[1].fle.finalizing());
  CHECK(e[1].timer_at == 300);
  CHECK(e[2].fle.finalizing());  // 2 has not heard of 3 yet
  CHECK(e[2].fle.proposal().id == 2);
  e.run_until(1000);
  check_decided(e[1], PeerState::kFollowing, 3);
  check_decided(e[2], PeerState::kFollowing, 3);
  check_decided(e[3], PeerState::kLeading, 3);
  CHECK(e[2].decided_at == 300);  // a new 200 ms finalize from t=100
  bool noted = false;
  for (auto& n : e[2].notes) noted |= n.find("during finalize wait: not deciding (2, 0x0, epoch 0)") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("a not-better notification during the finalize wait is consumed, not recorded, and restarts the wait") {
  Ensemble e(make_config({1, 2, 3}));
  e.start(1);
  e.start(2);
  e.settle();
  REQUIRE(e[2].fle.finalizing());
  e.run_until(100);
  e.inject(3, 2, looking(1, 0, 1, 0));  // 3 votes for 1 in round 1: not better than (2, 0x0, 0)
  e.settle();
  CHECK(e[2].fle.finalizing());
  CHECK(e[2].fle.recvset().count(3) == 0);
  CHECK(e[2].fle.history().back().outcome == "discarded during finalize");
  CHECK(e[2].timer_at == 300);
  e.run_until(299);
  check_decided(e[1], PeerState::kFollowing, 2);
  CHECK(!e[2].decided.has_value());
  e.run_until(300);
  check_decided(e[2], PeerState::kLeading, 2);
}

TEST_CASE("notification timeout doubles 200, 400, 800, ... up to 60000 while nothing arrives") {
  FastLeaderElection fle(make_config({1, 2, 3}), 1);
  ElectionEffects fx;
  fle.look_for_leader(initial_vote(1, 5, 0), fx);
  REQUIRE(fx.timer_ms == 200);
  REQUIRE(fx.sends.size() == 2);
  CHECK(fx.sends[0].to == 2);
  CHECK(fx.sends[1].to == 3);
  CHECK(fx.sends[0].n.election_epoch == 1);
  CHECK(fx.sends[0].n.config == fle.config().text());
  CHECK(fle.recvset().count(1) == 1);  // own vote came back through the own queue
  std::vector<int64_t> armed;
  for (int i = 0; i < 11; ++i) {
    ElectionEffects t;
    fle.on_timer(t);
    REQUIRE(t.timer_ms.has_value());
    armed.push_back(*t.timer_ms);
    CHECK(t.sends.size() == 2);  // resent to both other voters
    CHECK(fle.notification_timeout_ms() == *t.timer_ms);
  }
  CHECK(armed == std::vector<int64_t>{400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000, 60000});
  // A handled notification (here a worse vote) restarts poll() with the current timeout, not 200.
  ElectionEffects r;
  fle.receive(2, looking(2, 0, 1, 0), PeerState::kLooking, Vote{}, r);
  CHECK(r.timer_ms == 60000);
  CHECK(fle.history().back().outcome == "not better");
  CHECK(fle.proposal().id == 1);
  // Only a new lookForLeader starts again at 200.
  ElectionEffects again;
  fle.look_for_leader(initial_vote(1, 0, 0), again);
  CHECK(again.timer_ms == 200);
  CHECK(fle.logicalclock() == 2);
  CHECK(fle.proposal().id == 1);
}

TEST_CASE("R2: a LOOKING notification of an older round is ignored but answered with our round") {
  FastLeaderElection fle(make_config({1, 2, 3}), 1);
  for (int i = 0; i < 3; ++i) {
    ElectionEffects fx;
    fle.look_for_leader(initial_vote(1, zx(1, 4), 1), fx);
  }
  REQUIRE(fle.logicalclock() == 3);
  ElectionEffects fx;
  fle.receive(2, looking(2, zx(1, 9), 1, 1), PeerState::kLooking, Vote{}, fx);
  REQUIRE(fx.sends.size() == 1);
  CHECK(fx.sends[0].to == 2);
  CHECK(fx.sends[0].n.state == PeerState::kLooking);
  CHECK(fx.sends[0].n.leader == 1);
  CHECK(fx.sends[0].n.zxid == zx(1, 4));
  CHECK(fx.sends[0].n.election_epoch == 3);
  CHECK(fx.sends[0].n.peer_epoch == 1);
  CHECK(fle.proposal().id == 1);  // the better vote of an old round is not adopted
  CHECK(fle.recvset().count(2) == 0);
  CHECK(fle.history().back().outcome == "older round: ignored");
  // Same round: no reply (nothing changes either, the vote is not better).
  ElectionEffects same;
  fle.receive(3, looking(1, zx(1, 4), 3, 1), PeerState::kLooking, Vote{}, same);
  CHECK(same.sends.empty());
  CHECK(fle.recvset().count(3) == 1);
  // A FOLLOWING notification of an older round gets no R2 reply.
  ElectionEffects fol;
  Notification f = looking(2, zx(1, 9), 1, 1);
  f.state = PeerState::kFollowing;
  fle.receive(2, f, PeerState::kLooking, Vote{}, fol);
  CHECK(fol.sends.empty());
}

TEST_CASE("newer round: proposal = better of the sender's vote and our INITIAL vote") {
  FastLeaderElection fle(make_config({1, 2, 3, 4, 5}), 1);  // 5 voters: two agreeing votes are no quorum
  ElectionEffects fx;
  fle.look_for_leader(initial_vote(1, zx(0, 1), 0), fx);
  ElectionEffects a;
  fle.receive(3, looking(3, zx(0, 9), 1, 0), PeerState::kLooking, Vote{}, a);
  REQUIRE(fle.proposal().id == 3);
  ElectionEffects b;
  fle.receive(2, looking(2, zx(0, 5), 2, 0), PeerState::kLooking, Vote{}, b);
  CHECK(fle.logicalclock() == 2);
  CHECK(fle.proposal().id == 2);  // not 3: the current proposal is forgotten
  CHECK(fle.proposal().zxid == zx(0, 5));
  CHECK(has_outcome(fle, "newer round: adopted round 2"));
  CHECK(fle.recvset().count(3) == 0);  // cleared
  CHECK(fle.recvset().count(2) == 1);
  CHECK(fle.recvset().count(1) == 1);  // own new-round vote
  REQUIRE(b.sends.size() == 4);
  CHECK(b.sends[0].n.election_epoch == 2);
  CHECK(b.sends[0].n.leader == 2);
  // Our initial vote wins when it is better than the sender's.
  ElectionEffects c;
  fle.receive(2, looking(2, zx(0, 0), 3, 0), PeerState::kLooking, Vote{}, c);
  CHECK(fle.logicalclock() == 3);
  CHECK(fle.proposal().id == 1);
}

TEST_CASE("R1/R3/R4 when not LOOKING, R1 while LOOKING") {
  const QuorumConfig cfg = make_config({1, 2, 3}, {4});
  const Vote leading{2, zx(1, 0), 1, 1, PeerState::kLeading};
  FastLeaderElection fle(cfg, 2);
  ElectionEffects r1;
  fle.receive(4, looking(kNoVoteValue, kNoVoteValue, 1, kNoVoteValue), PeerState::kLeading, leading, r1);
  REQUIRE(r1.sends.size() == 1);
  CHECK(r1.sends[0].to == 4);
  CHECK(r1.sends[0].n.state == PeerState::kLeading);
  CHECK(r1.sends[0].n.leader == 2);
  CHECK(r1.sends[0].n.peer_epoch == 1);
  CHECK(r1.sends[0].n.election_epoch == 1);
  Notification fol = looking(2, zx(1, 0), 1, 1);
  fol.state = PeerState::kFollowing;
  ElectionEffects r1b;
  fle.receive(4, fol, PeerState::kLeading, leading, r1b);  // R1 does not care about the sender's state
  CHECK(r1b.sends.size() == 1);
  ElectionEffects r3;
  fle.receive(3, looking(3, zx(1, 7), 5, 1), PeerState::kLeading, leading, r3);
  REQUIRE(r3.sends.size() == 1);
  CHECK(r3.sends[0].to == 3);
  CHECK(r3.sends[0].n.state == PeerState::kLeading);
  CHECK(r3.sends[0].n.leader == 2);
  CHECK(r3.sends[0].n.zxid == zx(1, 0));
  CHECK(r3.sends[0].n.election_epoch == 1);
  ElectionEffects r4;
  fle.receive(3, fol, PeerState::kLeading, leading, r4);
  CHECK(r4.sends.empty());
  CHECK(!r4.timer_ms.has_value());
  CHECK(fle.history().empty());

  // While LOOKING, an observer gets our proposal and our round; its message is not counted.
  ElectionEffects s;
  fle.look_for_leader(initial_vote(2, zx(1, 0), 1), s);
  fle.look_for_leader(initial_vote(2, zx(1, 0), 1), s);
  ElectionEffects r1l;
  fle.receive(4, looking(kNoVoteValue, kNoVoteValue, 1, kNoVoteValue), PeerState::kLooking, leading, r1l);
  REQUIRE(r1l.sends.size() == 1);
  CHECK(r1l.sends[0].n.state == PeerState::kLooking);
  CHECK(r1l.sends[0].n.leader == 2);
  CHECK(r1l.sends[0].n.election_epoch == 2);
  CHECK(fle.recvset().count(4) == 0);
}

TEST_CASE("checkLeader: a quorum of FOLLOWING votes without the leader's own LEADING vote decides nothing") {
  FastLeaderElection fle(make_config({1, 2, 3, 4, 5}), 5);
  ElectionEffects fx;
  fle.look_for_leader(initial_vote(5, 0, 0), fx);
  for (int64_t s : {1, 2, 3}) {  // 3 of 5 voters follow 4 (round 7)
    Notification f = looking(4, zx(1, 0), 7, 1);
    f.state = PeerState::kFollowing;
    ElectionEffects r;
    fle.receive(s, f, PeerState::kLooking, Vote{}, r);
    CHECK(!r.decided.has_value());
  }
  CHECK(fle.looking());
  CHECK(fle.outofelection().size() == 3);
  Notification l = looking(4, zx(1, 0), 7, 1);
  l.state = PeerState::kLeading;
  ElectionEffects r;
  fle.receive(4, l, PeerState::kLooking, Vote{}, r);
  REQUIRE(r.decided.has_value());
  CHECK(r.decided->id == 4);
  CHECK(r.decided->state == PeerState::kFollowing);
  CHECK(r.decided->election_epoch == 7);
  CHECK(r.cancel_timer);
  CHECK(!r.timer_ms.has_value());
  CHECK(fle.logicalclock() == 7);
}

TEST_CASE("history keeps the last kHistory handled notifications") {
  FastLeaderElection fle(make_config({1, 2, 3}), 1);
  ElectionEffects fx;
  fle.look_for_leader(initial_vote(1, zx(0, 100), 0), fx);
  for (int i = 0; i < 100; ++i) {
    ElectionEffects r;
    fle.receive(2, looking(2, zx(0, i), 1, 0), PeerState::kLooking, Vote{}, r);
  }
  REQUIRE(fle.history().size() == FastLeaderElection::kHistory);
  CHECK(fle.history().back().vote.zxid == zx(0, 99));
  CHECK(fle.history().front().vote.zxid == zx(0, 100 - static_cast<int64_t>(FastLeaderElection::kHistory)));
  CHECK(fle.history().back().outcome == "not better");
}
