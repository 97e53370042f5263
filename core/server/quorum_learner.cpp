// Followers and observers (Learner / Follower / Observer, reference §3.2 F1-F5, §4.3-§4.4):
// register with the leader, sync (DIFF / TRUNC / SNAP until NEWLEADER, then UPTODATE), log and
// ACK proposals, apply COMMITs and INFORMs, answer PINGs with session touches, forward writes.
#include "core/server/persistence.h"
#include "core/server/zookeeper_server.h"
#include "core/zab/zab_notes.h"

namespace zoolab::core::zk {
namespace {
using zab::PacketType;
using zab::QuorumPacket;
}  // namespace

void ZooKeeperServer::follow(Env& env) {
  ++generation_;
  q_.learner = LearnerState{};
  LearnerState& l = *q_.learner;
  l.leader = q_.current_vote.id;
  const zab::PeerAddress* p = config_.quorum.find(l.leader);
  l.leader_node = p ? p->node : kNoNode;
  q_.phase = zab::ZabPhase::kDiscovery;
  learner_connect(env);
}

void ZooKeeperServer::learner_connect(Env& env) {
  LearnerState& l = *q_.learner;
  ++l.connect_tries;
  l.step = LearnerState::Step::kWaitLeaderInfo;
  l.conn = env.out.connect(l.leader_node);
  q_.peer_conns[l.conn] = l.leader;
  const bool observer = q_.state == zab::PeerState::kObserving;
  learner_send(env, QuorumPacket{observer ? PacketType::kObserverInfo : PacketType::kFollowerInfo,
                                 q_.accepted_epoch << 32, zab::LearnerInfo{my_sid(), 0x10000}});
  arm_leader_silence(env);
}

void ZooKeeperServer::learner_send(Env& env, QuorumPacket p) {
  if (q_.learner && q_.learner->conn != kNoConn) env.out.send(q_.learner->conn, std::move(p));
}

void ZooKeeperServer::arm_leader_silence(Env& env) {
  const bool synced = q_.learner->step >= LearnerState::Step::kWaitUpToDate;
  const int64_t ms = int64_t{synced ? config_.sync_limit : config_.init_limit} * config_.tick_time_ms;
  env.out.set_timer(role_timer(kLeaderSilentTimer), milliseconds(ms));
}

void ZooKeeperServer::learner_forward(Env& env, zab::ForwardedRequest r) {
  learner_send(env, QuorumPacket{PacketType::kRequest, -1, std::move(r)});
}

void ZooKeeperServer::learner_packet(Env& env, const QuorumPacket& p) {
  LearnerState& l = *q_.learner;
  arm_leader_silence(env);
  switch (p.type) {
    case PacketType::kLeaderInfo: {
      if (l.step != LearnerState::Step::kWaitLeaderInfo) break;
      const int64_t e = p.zxid >> 32;
      int64_t ack = -1;
      if (e > q_.accepted_epoch) {
        ack = q_.current_epoch;
        write_epoch(env, "acceptedEpoch", e);
      } else if (e < q_.accepted_epoch) {
        go_looking(env, "Leaders epoch, " + std::to_string(e) + " is less than accepted epoch, " +
                            std::to_string(q_.accepted_epoch));
        return;
      }
      l.new_epoch = e;
      l.step = LearnerState::Step::kSyncing;
      q_.phase = zab::ZabPhase::kSynchronization;
      learner_send(env, QuorumPacket{PacketType::kAckEpoch, last_zxid_, zab::EpochInfo{ack}});
      break;
    }
    case PacketType::kDiff: l.sync = zab::SyncMode::kDiff; break;
    case PacketType::kTrunc:
      l.sync = zab::SyncMode::kTrunc;
      truncate_to(env, p.zxid);
      break;
    case PacketType::kSnap:
      if (const auto* s = std::get_if<zab::Snapshot>(&p.body); s && s->data) {
        l.sync = zab::SyncMode::kSnap;
        load_snapshot(env, *s->data);
      }
      break;
    case PacketType::kProposal: {
      const auto* t = std::get_if<Txn>(&p.body);
      if (!t) break;
      if (q_.state == zab::PeerState::kObserving) break;  // observers ignore PROPOSAL (F4)
      l.pending.push_back(*t);
      const uint64_t token = log_txn(env, *t);
      // During sync (before NEWLEADER) proposals are logged only; the NEWLEADER ACK covers them.
      if (l.step >= LearnerState::Step::kWaitUpToDate) {
        if (config_.bug("ack-before-fsync")) learner_send(env, QuorumPacket{PacketType::kAck, t->zxid, {}});
        else l.ack_tokens[token] = t->zxid;
      }
      break;
    }
    case PacketType::kCommit: {
      if (l.pending.empty() || l.pending.front().zxid != p.zxid) {
        go_looking(env, "Committing zxid " + hex(p.zxid) + " but next pending txn " +
                            (l.pending.empty() ? std::string("none") : hex(l.pending.front().zxid)));
        return;
      }
      const Txn t = l.pending.front();
      l.pending.pop_front();
      deliver(env, t);
      break;
    }
    case PacketType::kInform: {
      const auto* t = std::get_if<Txn>(&p.body);
      if (!t || t->zxid <= last_zxid_) break;
      log_txn(env, *t);
      deliver(env, *t);
      break;
    }
    case PacketType::kNewLeader: {
      if (l.step != LearnerState::Step::kSyncing) break;
      if (l.sync == zab::SyncMode::kSnap || l.sync == zab::SyncMode::kTrunc) write_snapshot(env);
      // currentEpoch is written once the synced txns are persisted, then NEWLEADER is ACKed (F3).
      write_epoch(env, "currentEpoch", l.new_epoch);
      l.newleader_token = next_token_++;
      env.out.fsync(l.newleader_token);
      break;
    }
    case PacketType::kUpToDate: {
      if (l.step != LearnerState::Step::kWaitUpToDate) break;
      l.step = LearnerState::Step::kBroadcast;
      q_.phase = zab::ZabPhase::kBroadcast;
      q_.current_vote.peer_epoch = l.new_epoch;  // updateElectionVote
      serving_ = true;
      env.out.note(zab::note_synced(l.leader, l.new_epoch, l.sync, last_zxid_));
      learner_send(env, QuorumPacket{PacketType::kAck, l.new_epoch << 32, {}});
      break;
    }
    case PacketType::kPing: {
      zab::SessionTouches touches;
      for (const auto& [id, to] : l.touches) touches.touches.emplace_back(id, to);
      l.touches.clear();
      learner_send(env, QuorumPacket{PacketType::kPing, p.zxid, std::move(touches)});
      break;
    }
    case PacketType::kSync: {
      if (l.pending_syncs.empty()) break;
      const ConnId c = l.pending_syncs.front();
      l.pending_syncs.pop_front();
      auto it = conns_.find(c);
      if (it == conns_.end() || it->second.queue.empty()) break;
      ClientConn& cc = it->second;
      const Request req = cc.queue.front();
      cc.waiting_write = false;
      answer_read(env, cc, req);
      cc.queue.pop_front();
      if (!cc.received_at.empty()) cc.received_at.pop_front();
      pump(env, c);
      break;
    }
    case PacketType::kRevalidate: {
      const auto* r = std::get_if<zab::Revalidate>(&p.body);
      if (!r) break;
      auto rv = l.revalidating.find(r->session);
      if (rv == l.revalidating.end()) break;
      const ConnId c = rv->second;
      l.revalidating.erase(rv);
      auto it = conns_.find(c);
      if (it == conns_.end()) break;
      ClientConn& cc = it->second;
      if (!r->valid) {
        env.out.note("Invalid session " + hex(r->session) + " for client, probably expired");
        env.out.send(c, ConnectResponse{0, 0, 0, "", false});
        ++counters_.packets_sent;
        close_conn(env, c);
        break;
      }
      if (SessionInfo* s = sessions_.find(r->session)) s->conn = c;
      cc.session = r->session;
      cc.established = true;
      env.out.send(c, ConnectResponse{0, r->timeout_ms, r->session, SessionTracker::password_for(r->session), false});
      ++counters_.packets_sent;
      pump(env, c);
      break;
    }
    default: break;
  }
}

}  // namespace zoolab::core::zk
