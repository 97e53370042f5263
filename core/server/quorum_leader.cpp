// The leader (Leader.lead + LearnerHandler, reference §1.7, §3.2-§3.6): discovery (new epoch from
// a quorum's acceptedEpochs), synchronization (DIFF / TRUNC / SNAP, NEWLEADER, UPTODATE),
// broadcast (PROPOSAL, ACK, COMMIT, INFORM, SYNC), pings, the quorum check and session revalidation.
#include <algorithm>

#include "core/base/overloaded.h"
#include "core/server/persistence.h"
#include "core/server/prep.h"
#include "core/server/zookeeper_server.h"
#include "core/zab/zab_notes.h"
#include "core/znode/txn_apply.h"

namespace zoolab::core::zk {
namespace {
using zab::PacketType;
using zab::QuorumPacket;

int64_t epoch_of(Zxid z) { return z >> 32; }
bool new_epoch_zxid(Zxid z) { return (z & 0xffffffffLL) == 0; }
}  // namespace

void ZooKeeperServer::send_learner(Env& env, const LearnerHandler& h, QuorumPacket p) {
  env.out.send(h.conn, std::move(p));
}

void ZooKeeperServer::lead(Env& env) {
  ++generation_;
  q_.leader = LeaderState{};
  q_.phase = zab::ZabPhase::kDiscovery;
  LeaderState& L = *q_.leader;
  // getEpochToPropose(self): epoch = acceptedEpoch + 1 so far.
  L.epoch_max = q_.accepted_epoch + 1;
  L.epoch_connecting.insert(my_sid());
  env.out.set_timer(role_timer(kPhaseTimer), milliseconds(int64_t{config_.init_limit} * config_.tick_time_ms));
  env.out.note("LEADING: waiting for FOLLOWERINFO from a quorum (initLimit " +
               std::to_string(config_.init_limit * config_.tick_time_ms) + " ms)");
  if (config_.quorum.is_quorum(L.epoch_connecting)) leader_decide_epoch(env);
}

void ZooKeeperServer::leader_decide_epoch(Env& env) {
  LeaderState& L = *q_.leader;
  L.new_epoch = L.epoch_max;
  write_epoch(env, "acceptedEpoch", L.new_epoch);
  next_zxid_ = L.new_epoch << 32;
  env.out.note("new epoch " + std::to_string(L.new_epoch) + " = 1 + max acceptedEpoch of a quorum");
  env.out.set_timer(role_timer(kPhaseTimer), milliseconds(int64_t{config_.init_limit} * config_.tick_time_ms));
  L.epoch_acked.insert(my_sid());
  for (auto& [conn, h] : L.handlers)
    if (h.step == LearnerHandler::Step::kWaitEpoch) {
      h.step = LearnerHandler::Step::kWaitAckEpoch;
      send_learner(env, h, QuorumPacket{PacketType::kLeaderInfo, L.new_epoch << 32, zab::EpochInfo{0x10000}});
    }
  if (!L.epoch_acked_quorum && config_.quorum.is_quorum(L.epoch_acked)) {
    // A one-voter quorum cannot happen in distributed mode; kept for completeness.
    L.epoch_acked_quorum = true;
  }
}

void ZooKeeperServer::leader_packet(Env& env, ConnId conn, int64_t sid, const QuorumPacket& p) {
  LeaderState& L = *q_.leader;
  auto it = L.handlers.find(conn);
  if (it == L.handlers.end()) {
    if (p.type != PacketType::kFollowerInfo && p.type != PacketType::kObserverInfo) {
      env.out.close(conn);
      return;
    }
    LearnerHandler h;
    h.conn = conn;
    h.sid = sid;
    h.observer = p.type == PacketType::kObserverInfo || !config_.quorum.is_voter(sid);
    h.accepted_epoch = epoch_of(p.zxid);
    h.tick_of_next_ack_deadline = L.tick + config_.init_limit + config_.sync_limit;
    it = L.handlers.emplace(conn, h).first;
    LearnerHandler& hh = it->second;
    if (L.new_epoch < 0) {
      if (!hh.observer) {
        if (hh.accepted_epoch >= L.epoch_max) L.epoch_max = hh.accepted_epoch + 1;
        L.epoch_connecting.insert(sid);
      }
      hh.step = LearnerHandler::Step::kWaitEpoch;
      if (config_.quorum.is_quorum(L.epoch_connecting)) leader_decide_epoch(env);
    } else {
      hh.step = LearnerHandler::Step::kWaitAckEpoch;
      send_learner(env, hh, QuorumPacket{PacketType::kLeaderInfo, L.new_epoch << 32, zab::EpochInfo{0x10000}});
    }
    return;
  }
  LearnerHandler& h = it->second;
  h.tick_of_next_ack_deadline = L.tick + config_.sync_limit;  // every packet refreshes the deadline
  switch (p.type) {
    case PacketType::kAckEpoch:
      if (h.step == LearnerHandler::Step::kWaitAckEpoch) leader_ackepoch(env, h, p);
      break;
    case PacketType::kAck:
      if (new_epoch_zxid(p.zxid)) {
        if (h.step != LearnerHandler::Step::kWaitNewLeaderAck) break;  // the UPTODATE ack
        h.step = LearnerHandler::Step::kWaitUpToDate;
        if (!h.observer) L.newleader_acked.insert(h.sid);
        if (L.established) {
          h.step = LearnerHandler::Step::kBroadcast;
          send_learner(env, h, QuorumPacket{PacketType::kUpToDate, -1, {}});
        } else if (config_.quorum.is_quorum(L.newleader_acked)) {
          leader_start_serving(env);
        }
        break;
      }
      h.last_acked = std::max(h.last_acked, p.zxid);
      leader_ack(env, h.sid, p.zxid);
      break;
    case PacketType::kPing:
      if (const auto* t = std::get_if<zab::SessionTouches>(&p.body))
        for (const auto& [id, to] : t->touches) sessions_.touch(id, now_ms(env));
      sync_expiry_timers(env);
      break;
    case PacketType::kRevalidate: {
      const auto* r = std::get_if<zab::Revalidate>(&p.body);
      if (!r) break;
      const bool valid = sessions_.touch(r->session, now_ms(env));
      sync_expiry_timers(env);
      send_learner(env, h, QuorumPacket{PacketType::kRevalidate, -1, zab::Revalidate{r->session, r->timeout_ms, valid}});
      break;
    }
    case PacketType::kRequest:
      if (const auto* r = std::get_if<zab::ForwardedRequest>(&p.body)) leader_request(env, h, *r);
      break;
    default: break;
  }
}

void ZooKeeperServer::leader_ackepoch(Env& env, LearnerHandler& h, const QuorumPacket& p) {
  LeaderState& L = *q_.leader;
  const auto* e = std::get_if<zab::EpochInfo>(&p.body);
  h.peer_current_epoch = e ? e->value : -1;
  h.peer_last_zxid = p.zxid;
  // StateSummary.isMoreRecentThan: (currentEpoch, lastZxid) of the learner beats ours.
  if (h.peer_current_epoch > q_.current_epoch ||
      (h.peer_current_epoch == q_.current_epoch && h.peer_last_zxid > last_zxid_)) {
    env.out.note("Follower " + std::to_string(h.sid) + " is ahead of the leader (" + hex(h.peer_last_zxid) + ")");
    const ConnId c = h.conn;
    L.handlers.erase(c);
    env.out.close(c);
    return;
  }
  if (h.peer_current_epoch != -1 && !h.observer) L.epoch_acked.insert(h.sid);
  h.step = LearnerHandler::Step::kWaitEpochQuorum;
  if (!L.epoch_acked_quorum && config_.quorum.is_quorum(L.epoch_acked)) {
    L.epoch_acked_quorum = true;
    write_epoch(env, "currentEpoch", L.new_epoch);
    q_.phase = zab::ZabPhase::kSynchronization;
    L.newleader_acked.insert(my_sid());
    env.out.set_timer(role_timer(kPhaseTimer), milliseconds(int64_t{config_.init_limit} * config_.tick_time_ms));
    env.out.note("a quorum ACKed epoch " + std::to_string(L.new_epoch) + ": currentEpoch written, syncing learners");
    for (auto& [conn, other] : L.handlers)
      if (other.step == LearnerHandler::Step::kWaitEpochQuorum) leader_sync(env, other);
    return;
  }
  if (L.epoch_acked_quorum) leader_sync(env, h);
}

void ZooKeeperServer::leader_sync(Env& env, LearnerHandler& h) {
  LeaderState& L = *q_.leader;
  const Zxid peer = h.peer_last_zxid;
  const Zxid last = last_zxid_;
  const auto& log = q_.committed_log;
  const Zxid min_c = log.empty() ? last : log.front().zxid;
  const Zxid max_c = log.empty() ? last : log.back().zxid;
  std::vector<QuorumPacket> out;
  auto send_from = [&](Zxid after) {
    for (const Txn& t : log)
      if (t.zxid > after) {
        out.push_back(QuorumPacket{PacketType::kProposal, t.zxid, t});
        out.push_back(QuorumPacket{PacketType::kCommit, t.zxid, {}});
      }
  };
  bool snap = false;
  Zxid queued_upto = peer;
  if (peer == last) {  // S2
    h.sync = zab::SyncMode::kDiff;
    out.push_back(QuorumPacket{PacketType::kDiff, peer, {}});
  } else if (peer > max_c && !new_epoch_zxid(peer)) {  // S3
    h.sync = zab::SyncMode::kTrunc;
    out.push_back(QuorumPacket{PacketType::kTrunc, max_c, {}});
    queued_upto = max_c;
  } else if (min_c <= peer && peer <= max_c) {  // S4
    Zxid prev = 0;
    bool decided = false;
    for (const Txn& t : log) {
      if (t.zxid < peer) {
        prev = t.zxid;
        continue;
      }
      if (t.zxid == peer || new_epoch_zxid(peer)) {
        h.sync = zab::SyncMode::kDiff;
        out.push_back(QuorumPacket{PacketType::kDiff, max_c, {}});
        send_from(peer);
      } else if (epoch_of(t.zxid) == epoch_of(peer)) {
        h.sync = zab::SyncMode::kTrunc;
        out.push_back(QuorumPacket{PacketType::kTrunc, prev, {}});
        send_from(prev);
      } else {
        snap = true;
      }
      decided = true;
      break;
    }
    if (!decided) snap = true;
  } else {
    snap = true;  // S5 (on-disk log) is folded into the committed log here; S6
  }
  if (snap) {
    h.sync = zab::SyncMode::kSnap;
    out.clear();
    std::map<SessionId, int32_t> table;
    for (const auto& [id, s] : sessions_.sessions()) table[id] = s.timeout_ms;
    auto data = std::make_shared<zab::SnapshotData>();
    data->bytes = encode_snapshot(tree_, table, last);
    data->zxid = last;
    out.push_back(QuorumPacket{PacketType::kSnap, last, zab::Snapshot{std::move(data)}});
    queued_upto = last;
  } else if (h.sync == zab::SyncMode::kDiff || h.sync == zab::SyncMode::kTrunc) {
    queued_upto = std::max(queued_upto, max_c);
  }
  env.out.note("sync learner " + std::to_string(h.sid) + " by " + zab::sync_mode_name(h.sync) + " (peer " + hex(peer) +
               ", committed log " + hex(min_c) + ".." + hex(max_c) + ")");
  for (auto& p : out) send_learner(env, h, std::move(p));
  // startForwarding (§3.5): outstanding proposals go to participants; then live traffic.
  if (!h.observer)
    for (const auto& [z, prop] : L.outstanding)
      if (z > queued_upto) send_learner(env, h, QuorumPacket{PacketType::kProposal, z, prop.txn});
  h.forwarding = true;
  send_learner(env, h, QuorumPacket{PacketType::kNewLeader, L.new_epoch << 32, {}});
  h.step = LearnerHandler::Step::kWaitNewLeaderAck;
}

void ZooKeeperServer::leader_start_serving(Env& env) {
  LeaderState& L = *q_.leader;
  L.established = true;
  L.last_committed = L.new_epoch << 32;
  L.last_proposed = L.new_epoch << 32;
  last_zxid_ = L.new_epoch << 32;
  next_zxid_ = L.new_epoch << 32;
  spec_tree_ = tree_;
  q_.phase = zab::ZabPhase::kBroadcast;
  q_.current_vote.peer_epoch = L.new_epoch;  // updateElectionVote
  serving_ = true;
  env.out.cancel_timer(role_timer(kPhaseTimer));
  env.out.note(zab::note_established(L.new_epoch, last_zxid_));
  // A new leader gives every session a fresh full timeout (§4.4 E4).
  std::vector<std::pair<SessionId, int32_t>> all;
  for (const auto& [id, s] : sessions_.sessions()) all.emplace_back(id, s.timeout_ms);
  for (const auto& [id, to] : all) {
    sessions_.remove(id);
    sessions_.add(id, to, now_ms(env));
  }
  sync_expiry_timers(env);
  for (auto& [conn, h] : L.handlers)
    if (h.step == LearnerHandler::Step::kWaitUpToDate) {
      h.step = LearnerHandler::Step::kBroadcast;
      send_learner(env, h, QuorumPacket{PacketType::kUpToDate, -1, {}});
    }
  L.tick = 0;
  L.half_tick = false;
  env.out.set_timer(role_timer(kLeaderTickTimer), milliseconds(config_.tick_time_ms / 2));
  env.out.set_timer(TimerId{kContainerTimer, 0}, milliseconds(config_.container_check_interval_ms));
}

void ZooKeeperServer::leader_request(Env& env, LearnerHandler& h, const zab::ForwardedRequest& r) {
  LeaderState& L = *q_.leader;
  if (!L.established) return;
  if (r.kind == zab::ForwardedRequest::Kind::kOp && std::holds_alternative<SyncOp>(r.op)) {
    // processSync: answer after everything proposed so far has committed.
    if (L.outstanding.empty()) send_learner(env, h, QuorumPacket{PacketType::kSync, 0, {}});
    else L.pending_syncs[L.last_proposed].push_back(h.conn);
    return;
  }
  PendingWrite w;
  w.session = r.session;
  w.auth = r.auth;
  switch (r.kind) {
    case zab::ForwardedRequest::Kind::kCreateSession:
      w.kind = WriteKind::kCreateSession;
      w.timeout_ms = r.timeout_ms;
      break;
    case zab::ForwardedRequest::Kind::kCloseSession:
      w.kind = WriteKind::kRequest;
      w.req = Request{r.cxid, CloseSessionOp{}};
      break;
    case zab::ForwardedRequest::Kind::kOp:
      w.kind = WriteKind::kRequest;
      w.req = Request{r.cxid, r.op};
      break;
  }
  leader_prep(env, std::move(w));
}

void ZooKeeperServer::leader_prep(Env& env, PendingWrite w) {
  LeaderState& L = *q_.leader;
  if (!L.established) return;
  Txn t;
  t.session = w.session;
  t.zxid = ++next_zxid_;
  t.time_ms = calendar_ms(env);
  std::vector<std::string> notes;
  PrepContext ctx{spec_tree_, config_, w.auth, w.session, t.zxid, t.time_ms, &notes};
  Prep prep(ctx);
  switch (w.kind) {
    case WriteKind::kCreateSession:
      t.body = CreateSessionTxn{w.timeout_ms};
      if (!sessions_.find(w.session)) sessions_.add(w.session, w.timeout_ms, now_ms(env));
      break;
    case WriteKind::kExpire: t.body = prep.prep_close_session(w.session); break;
    case WriteKind::kContainer: t.body = prep.prep_delete_container(w.path); break;
    case WriteKind::kRequest:
      t.cxid = w.req.xid;
      if (std::holds_alternative<CloseSessionOp>(w.req.body)) {
        sessions_.set_closing(w.session);
        t.body = prep.prep_close_session(w.session);
      } else if (const SessionInfo* si = sessions_.find(w.session); si == nullptr || si->closing) {
        // checkSession (§4.4 E6): a request of an unknown or closing session fails, still a txn.
        t.body = ErrorTxn{si == nullptr ? Err::kUnknownSession : Err::kSessionExpired};
      } else if (std::holds_alternative<ReconfigOp>(w.req.body)) {
        t.body = ErrorTxn{Err::kReconfigDisabled};
      } else {
        t.body = prep.prep(w.req.body);
      }
      break;
  }
  for (auto& n : notes) env.out.note(n);
  std::vector<TreeEvent> ignored;
  apply_txn(spec_tree_, t, ignored);
  // Leader.propose: every forwarding participant gets the PROPOSAL; the leader logs and ACKs itself.
  const int64_t size = static_cast<int64_t>(encode_log_record(t).size());
  L.last_proposal_size = size;
  L.min_proposal_size = L.min_proposal_size < 0 ? size : std::min(L.min_proposal_size, size);
  L.max_proposal_size = std::max(L.max_proposal_size, size);
  L.last_proposed = t.zxid;
  env.out.note(zab::note_propose(t));
  for (const auto& [conn, h] : L.handlers)
    if (h.forwarding && !h.observer) send_learner(env, h, QuorumPacket{PacketType::kProposal, t.zxid, t});
  Proposal prop;
  prop.txn = t;
  prop.proposed_at = env.now;
  L.outstanding.emplace(t.zxid, std::move(prop));
  const uint64_t token = log_txn(env, t);
  if (config_.bug("ack-before-fsync")) leader_ack(env, my_sid(), t.zxid);
  else self_ack_tokens_[token] = t.zxid;
}

void ZooKeeperServer::leader_ack(Env& env, int64_t sid, Zxid z) {
  LeaderState& L = *q_.leader;
  if (new_epoch_zxid(z) || z <= L.last_committed) return;
  auto it = L.outstanding.find(z);
  if (it == L.outstanding.end()) return;
  if (config_.quorum.is_voter(sid)) it->second.acks.insert(sid);
  // tryToCommit, strictly in zxid order.
  while (!L.outstanding.empty()) {
    auto head = L.outstanding.begin();
    Proposal& p = head->second;
    const bool quorum = config_.quorum.is_quorum(p.acks) ||
                        (config_.bug("commit-without-quorum") && p.acks.count(my_sid()));
    if (!quorum) break;
    const Txn t = p.txn;
    env.out.note(zab::note_commit(t, p.acks));
    L.outstanding.erase(head);
    L.last_committed = t.zxid;
    for (const auto& [conn, h] : L.handlers) {
      if (!h.forwarding) continue;
      if (h.observer) send_learner(env, h, QuorumPacket{PacketType::kInform, t.zxid, t});
      else send_learner(env, h, QuorumPacket{PacketType::kCommit, t.zxid, {}});
    }
    deliver(env, t);
    if (!q_.leader) return;  // delivering may not end leadership, but stay safe
    while (!L.pending_syncs.empty() && L.pending_syncs.begin()->first <= t.zxid) {
      for (ConnId c : L.pending_syncs.begin()->second) {
        auto h = L.handlers.find(c);
        if (h != L.handlers.end()) send_learner(env, h->second, QuorumPacket{PacketType::kSync, 0, {}});
      }
      L.pending_syncs.erase(L.pending_syncs.begin());
    }
  }
}

void ZooKeeperServer::leader_tick(Env& env) {
  LeaderState& L = *q_.leader;
  env.out.set_timer(role_timer(kLeaderTickTimer), milliseconds(config_.tick_time_ms / 2));
  for (const auto& [conn, h] : L.handlers)
    if (h.step == LearnerHandler::Step::kBroadcast)
      send_learner(env, h, QuorumPacket{PacketType::kPing, L.last_proposed, {}});
  L.half_tick = !L.half_tick;
  if (L.half_tick) return;
  ++L.tick;
  // A learner silent past its deadline: its handler's socket read times out (syncLimit ticks).
  std::vector<ConnId> dead;
  for (const auto& [conn, h] : L.handlers)
    if (L.tick > h.tick_of_next_ack_deadline) dead.push_back(conn);
  for (ConnId c : dead) {
    env.out.note("learner " + std::to_string(L.handlers[c].sid) + " silent for " +
                 std::to_string(config_.sync_limit) + " ticks: closing its connection");
    L.handlers.erase(c);
    q_.peer_conns.erase(c);
    env.out.close(c);
  }
  // Every tick: {self + synced participants} must be a quorum, else step down (L6).
  std::set<int64_t> synced{my_sid()};
  for (const auto& [conn, h] : L.handlers)
    if (!h.observer && L.tick <= h.tick_of_next_ack_deadline) synced.insert(h.sid);
  if (!config_.quorum.is_quorum(synced)) {
    std::string list;
    for (int64_t s : synced) list += (list.empty() ? "" : ", ") + std::to_string(s);
    go_looking(env, "Not sufficient followers synced, only synced with sids: [ " + list + " ]");
  }
}

}  // namespace zoolab::core::zk
