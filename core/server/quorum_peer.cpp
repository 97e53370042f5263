// The quorum peer lifecycle (QuorumPeer.run, reference §1, §2.12): start from disk, elect
// (FastLeaderElection over the election connections), take a role, fall back to LOOKING; plus
// the database steps every role shares: log, deliver committed txns, fast-forward, TRUNC, SNAP.
#include <algorithm>

#include "core/base/overloaded.h"
#include "core/server/persistence.h"
#include "core/server/zookeeper_server.h"
#include "core/zab/zab_notes.h"
#include "core/znode/txn_apply.h"

namespace zoolab::core::zk {
namespace {
constexpr uint64_t kQuietTokenBit = 1ULL << 63;  // fsyncs nobody waits for (epoch files, snapshots)
constexpr size_t kCommitLogCount = 500;          // zookeeper.commitLogCount
constexpr int64_t kUptimeBaseMs = 0x4f673;

std::string dir_of(const ServerConfig& c) {
  return (c.data_log_dir.empty() ? c.data_dir : c.data_log_dir) + "/version-2";
}

int64_t read_epoch(const DiskImage& disk, const std::string& file, int64_t fallback) {
  auto it = disk.find(file);
  if (it == disk.end() || it->second.empty()) return fallback;
  try {
    return std::stoll(it->second);
  } catch (...) {
    return fallback;
  }
}
}  // namespace

bool ZooKeeperServer::serving() const { return config_.distributed() ? serving_ : true; }

void ZooKeeperServer::start_quorum(Env& env, const DiskImage& disk) {
  const std::string dir = dir_of(config_);
  Recovered r = recover(disk, dir);
  tree_ = std::move(r.tree);
  last_zxid_ = next_zxid_ = r.last_zxid;
  reset_sessions(env, r.sessions);
  q_ = QuorumPeerState{};
  for (const auto& [name, bytes] : disk) q_.file_sizes[name] = bytes.size();
  q_.snapshot_file = r.snapshot_file;
  q_.snapshot_bytes = r.snapshot_bytes;
  for (auto& x : r.replayed) {
    q_.committed_log.push_back(x.txn);
    if (q_.committed_log.size() > kCommitLogCount) q_.committed_log.pop_front();
    q_.log.push_back(LoggedTxn{std::move(x.txn), x.file, x.offset, true});
  }
  q_.last_logged = last_zxid_;
  // currentEpoch / acceptedEpoch (§1.6): a missing file is created from the last zxid's epoch.
  const std::string data = config_.data_dir;
  const int64_t zxid_epoch = last_zxid_ >> 32;
  q_.current_epoch = read_epoch(disk, data + "/currentEpoch", zxid_epoch);
  q_.accepted_epoch = read_epoch(disk, data + "/acceptedEpoch", zxid_epoch);
  if (!disk.count(data + "/currentEpoch")) write_epoch(env, "currentEpoch", q_.current_epoch);
  if (!disk.count(data + "/acceptedEpoch")) write_epoch(env, "acceptedEpoch", q_.accepted_epoch);
  log_file_ = log_file_name(dir, last_zxid_ + 1);
  election_ = zab::FastLeaderElection(config_.quorum, my_sid(),
                                      zab::ElectionOptions{config_.bug("election-ignores-peer-epoch")});
  env.out.note("quorum peer " + std::to_string(my_sid()) + " started: zxid " + hex(last_zxid_) + ", currentEpoch " +
               std::to_string(q_.current_epoch) + ", acceptedEpoch " + std::to_string(q_.accepted_epoch) + ", " +
               std::to_string(r.txns_replayed) + " txns replayed");
  env.out.note(zab::note_recovered(last_zxid_));
  start_election(env);
}

void ZooKeeperServer::reset_sessions(Env& env, const std::map<SessionId, int32_t>& table) {
  // This server's own id generator, and every session of the table with a fresh timeout (§4.4 E4).
  sessions_ = SessionTracker{};
  sessions_.init(static_cast<int>(my_sid()), kUptimeBaseMs + now_ms(env), config_.tick_time_ms);
  for (const auto& [id, to] : table) sessions_.add(id, to, now_ms(env));
}

void ZooKeeperServer::write_epoch(Env& env, const char* file, int64_t value) {
  // Written atomically (AtomicFileOutputStream): in the simulated disk a truncate + append made
  // durable by one fsync is all-or-nothing.
  const std::string name = config_.data_dir + "/" + file;
  env.out.truncate(name, 0);
  env.out.append(name, std::to_string(value) + "\n");
  env.out.fsync(kQuietTokenBit | next_token_++);
  if (std::string(file) == "currentEpoch") q_.current_epoch = value;
  else q_.accepted_epoch = value;
}

zab::Vote ZooKeeperServer::initial_vote() const {
  zab::Vote v;
  if (config_.quorum.is_voter(my_sid())) {
    v.id = my_sid();
    v.zxid = last_zxid_;
    v.peer_epoch = q_.current_epoch;
  } else {
    v.id = v.zxid = v.peer_epoch = zab::kNoVoteValue;
  }
  return v;
}

void ZooKeeperServer::start_election(Env& env) {
  ++generation_;
  q_.state = zab::PeerState::kLooking;
  q_.phase = zab::ZabPhase::kElection;
  env.out.note(zab::note_state(q_.state));
  zab::ElectionEffects fx;
  zab::Vote v = initial_vote();
  q_.current_vote = v;
  election_.look_for_leader(v, fx);
  apply_election(env, fx);
}

void ZooKeeperServer::apply_election(Env& env, zab::ElectionEffects& fx, int64_t reply_sid, ConnId reply_conn) {
  for (auto& n : fx.notes) env.out.note(std::move(n));
  for (const auto& s : fx.sends) {
    if (s.to == reply_sid && reply_conn != kNoConn) env.out.send(reply_conn, s.n);
    else send_notification(env, s.to, s.n);
  }
  if (fx.cancel_timer) env.out.cancel_timer(TimerId{kElectionTimer, 0});
  if (fx.timer_ms) env.out.set_timer(TimerId{kElectionTimer, 0}, milliseconds(*fx.timer_ms));
  if (fx.decided) decided(env, *fx.decided);
}

void ZooKeeperServer::send_notification(Env& env, int64_t sid, const zab::Notification& n) {
  const zab::PeerAddress* p = config_.quorum.find(sid);
  if (p == nullptr || sid == my_sid()) return;
  auto it = q_.election_out.find(sid);
  if (it == q_.election_out.end()) {
    const ConnId c = env.out.connect(p->node);
    it = q_.election_out.emplace(sid, c).first;
    q_.peer_conns[c] = sid;
  }
  env.out.send(it->second, n);
}

void ZooKeeperServer::decided(Env& env, const zab::Vote& v) {
  q_.current_vote = v;
  q_.state = v.state;
  env.out.note(zab::note_state(q_.state));
  if (q_.state == zab::PeerState::kLeading) lead(env);
  else follow(env);
}

void ZooKeeperServer::on_peer_message(Env& env, ConnId conn, int64_t sid, const Message& msg) {
  q_.peer_conns[conn] = sid;
  if (const auto* n = std::get_if<zab::Notification>(&msg)) {
    zab::ElectionEffects fx;
    zab::Vote cur = q_.current_vote;
    cur.state = q_.state;
    election_.receive(sid, *n, q_.state, cur, fx);
    // A peer that dialled us afresh (after a restart or a healed partition) is answered on its
    // own connection: ours to it may have died silently (QuorumCnxManager keeps one per pair).
    apply_election(env, fx, sid, conn);
    sort_out_election_conn(env, sid, conn);
    return;
  }
  const auto* p = std::get_if<zab::QuorumPacket>(&msg);
  if (p == nullptr) return;
  if (q_.learner && conn == q_.learner->conn) {
    learner_packet(env, *p);
  } else if (q_.leader) {
    leader_packet(env, conn, sid, *p);
  } else {
    // A learner dialled us while we do not lead: refuse, it retries (F1).
    env.out.close(conn);
    q_.peer_conns.erase(conn);
  }
}

void ZooKeeperServer::sort_out_election_conn(Env& env, int64_t sid, ConnId conn) {
  // QuorumCnxManager keeps one connection per pair and the larger sid's wins. A peer dials only
  // when it has no working connection to us, so a fresh one from it means ours may be dead (a
  // partition kills connections silently): the larger sid's fresh connection is adopted; a
  // smaller peer's makes us drop ours and dial back.
  const zab::PeerAddress* me = config_.quorum.find(my_sid());
  if (me == nullptr || conn_opener(conn) == me->node || !q_.election_in_seen.insert(conn).second) return;
  auto it = q_.election_out.find(sid);
  if (it != q_.election_out.end() && it->second == conn) return;
  if (it == q_.election_out.end() || sid > my_sid()) {
    if (it != q_.election_out.end()) {
      env.out.close(it->second);
      q_.peer_conns.erase(it->second);
    }
    q_.election_out[sid] = conn;
    return;
  }
  env.out.close(it->second);
  q_.peer_conns.erase(it->second);
  q_.election_out.erase(it);
  const zab::PeerAddress* p = config_.quorum.find(sid);
  if (p == nullptr) return;
  const ConnId c = env.out.connect(p->node);
  q_.election_out[sid] = c;
  q_.peer_conns[c] = sid;
}

void ZooKeeperServer::peer_closed(Env& env, ConnId conn) {
  q_.election_in_seen.erase(conn);
  q_.peer_conns.erase(conn);
  for (auto it = q_.election_out.begin(); it != q_.election_out.end(); ++it)
    if (it->second == conn) {
      q_.election_out.erase(it);
      break;
    }
  if (q_.learner && q_.learner->conn == conn) {
    q_.learner->conn = kNoConn;
    if (q_.learner->step == LearnerState::Step::kWaitLeaderInfo && q_.learner->connect_tries < 5) {
      // The leader is not accepting learners yet (still deciding): retry 100 ms later (F1).
      env.out.set_timer(role_timer(kConnectRetryTimer), milliseconds(100));
      return;
    }
    go_looking(env, "connection to leader " + std::to_string(q_.learner->leader) + " closed");
    return;
  }
  if (q_.leader) {
    auto it = q_.leader->handlers.find(conn);
    if (it != q_.leader->handlers.end()) {
      env.out.note("learner " + std::to_string(it->second.sid) + " disconnected");
      q_.leader->handlers.erase(it);
    }
  }
}

void ZooKeeperServer::close_client_connections(Env& env) {
  std::vector<ConnId> ids;
  for (const auto& [id, c] : conns_) ids.push_back(id);
  for (ConnId id : ids) close_conn(env, id);
}

void ZooKeeperServer::go_looking(Env& env, const std::string& why) {
  env.out.note("leaving " + std::string(zab::peer_state_name(q_.state)) + ": " + why);
  if (q_.leader)
    for (const auto& [conn, h] : q_.leader->handlers) {
      env.out.close(conn);
      q_.peer_conns.erase(conn);
    }
  if (q_.learner && q_.learner->conn != kNoConn) {
    env.out.close(q_.learner->conn);
    q_.peer_conns.erase(q_.learner->conn);
  }
  fast_forward(env);
  close_client_connections(env);
  serving_ = false;
  const bool was_observer = q_.state == zab::PeerState::kObserving;
  q_.leader.reset();
  q_.learner.reset();
  spec_tree_ = DataTree{};
  self_ack_tokens_.clear();
  writes_.clear();
  sync_expiry_timers(env);
  for (uint32_t k : {kLeaderTickTimer, kPhaseTimer, kLeaderSilentTimer, kConnectRetryTimer})
    env.out.cancel_timer(role_timer(k));
  ++generation_;
  q_.state = zab::PeerState::kLooking;
  q_.phase = zab::ZabPhase::kElection;
  if (was_observer) {
    // Observers wait a random 0..200 ms before looking again (§2.12); start_election notes LOOKING.
    env.out.set_timer(role_timer(kObserverDelayTimer),
                      milliseconds(static_cast<int64_t>(env.rng.uniform_u64(0, 200))));
    return;
  }
  start_election(env);
}

void ZooKeeperServer::quorum_timer(Env& env, TimerId t) {
  if (t.kind == kElectionTimer) {
    if (!election_.looking()) return;
    if (!election_.finalizing()) {
      // connectAll(): peers not heard from this round get a fresh connection, since a partition
      // may have killed the old one without telling us.
      for (const auto& [sid, peer] : config_.quorum.peers()) {
        if (sid == my_sid() || election_.recvset().count(sid) || election_.outofelection().count(sid)) continue;
        auto it = q_.election_out.find(sid);
        if (it == q_.election_out.end()) continue;
        env.out.close(it->second);
        q_.peer_conns.erase(it->second);
        q_.election_out.erase(it);
      }
    }
    zab::ElectionEffects fx;
    election_.on_timer(fx);
    apply_election(env, fx);
    return;
  }
  if (t.id != generation_) return;  // a timer of an earlier role
  switch (t.kind) {
    case kObserverDelayTimer: start_election(env); break;
    case kLeaderTickTimer: leader_tick(env); break;
    case kConnectRetryTimer:
      if (q_.learner) learner_connect(env);
      break;
    case kLeaderSilentTimer:
      go_looking(env, "no packet from leader " + std::to_string(q_.learner ? q_.learner->leader : -1) + " for " +
                          std::to_string(q_.learner && q_.learner->step >= LearnerState::Step::kWaitUpToDate
                                             ? config_.sync_limit * config_.tick_time_ms
                                             : config_.init_limit * config_.tick_time_ms) +
                          " ms");
      break;
    case kPhaseTimer:
      if (q_.leader && !q_.leader->established) {
        const char* what = q_.leader->new_epoch < 0 ? "Timeout while waiting for epoch from quorum"
                           : !q_.leader->epoch_acked_quorum
                               ? "Timeout while waiting for epoch to be acked by quorum"
                               : "Timeout while waiting for NEWLEADER to be acked by quorum";
        go_looking(env, what);
      }
      break;
    default: break;
  }
}

uint64_t ZooKeeperServer::log_txn(Env& env, const Txn& t) {
  std::string record = encode_log_record(t);
  uint64_t& size = q_.file_sizes[log_file_];
  q_.log.push_back(LoggedTxn{t, log_file_, size, false});
  size += record.size();
  counters_.log_bytes += static_cast<int64_t>(record.size());
  ++counters_.txns_logged;
  env.out.append(log_file_, std::move(record));
  const uint64_t token = next_token_++;
  env.out.fsync(token);
  q_.last_logged = std::max(q_.last_logged, t.zxid);
  return token;
}

void ZooKeeperServer::deliver(Env& env, const Txn& t) {
  std::vector<TreeEvent> changes;
  const TxnResult result = apply_txn(tree_, t, changes);
  last_zxid_ = std::max(last_zxid_, t.zxid);
  env.out.note(zab::note_deliver(t));
  q_.committed_log.push_back(t);
  if (q_.committed_log.size() > kCommitLogCount) q_.committed_log.pop_front();
  // Sessions: the replicated table follows createSession / closeSession on every server.
  std::vector<ConnId> to_close;
  if (const auto* cs = std::get_if<CreateSessionTxn>(&t.body)) {
    if (!sessions_.find(t.session)) sessions_.add(t.session, cs->timeout_ms, now_ms(env));
  }
  const bool closes = std::holds_alternative<CloseSessionTxn>(t.body);
  if (closes) {
    sessions_.remove(t.session);
    for (const auto& [id, c] : conns_)
      if (c.session == t.session) to_close.push_back(id);
  }
  fire_watches(env, changes);
  // The origin server answers its client.
  for (auto& [id, c] : conns_) {
    if (c.session != t.session || t.session == 0) continue;
    if (std::holds_alternative<CreateSessionTxn>(t.body) && !c.established) {
      c.established = true;
      const SessionInfo* s = sessions_.find(t.session);
      env.out.send(c.id, ConnectResponse{0, s ? s->timeout_ms : 0, t.session, SessionTracker::password_for(t.session),
                                         false});
      ++counters_.packets_sent;
      pump(env, c.id);
      break;
    }
    if (c.waiting_write && !c.queue.empty() && c.queue.front().xid == t.cxid) {
      Response r;
      r.xid = t.cxid;
      const RequestBody& body = c.queue.front().body;
      const bool is_multi = std::holds_alternative<MultiOp>(body);
      r.err = is_multi ? Err::kOk : result.err;
      r.body = r.err == Err::kOk ? write_reply_body(body, result) : ResponseBody{EmptyResult{}};
      reply(env, c, std::move(r));
      c.queue.pop_front();
      if (!c.received_at.empty()) c.received_at.pop_front();
      c.waiting_write = false;
      if (!closes) pump(env, c.id);
      break;
    }
  }
  for (ConnId id : to_close) close_conn(env, id);
}

void ZooKeeperServer::fast_forward(Env& env) {
  // ZooKeeperServer.shutdown -> fastForwardDataBase: logged but uncommitted txns are applied (§1.9).
  std::vector<Txn> txns;
  if (q_.leader)
    for (const auto& [z, p] : q_.leader->outstanding) txns.push_back(p.txn);
  if (q_.learner)
    for (const auto& t : q_.learner->pending) txns.push_back(t);
  for (const Txn& t : txns) {
    if (t.zxid <= last_zxid_) continue;
    std::vector<TreeEvent> ignored;
    apply_txn(tree_, t, ignored);
    if (const auto* cs = std::get_if<CreateSessionTxn>(&t.body)) {
      if (!sessions_.find(t.session)) sessions_.add(t.session, cs->timeout_ms, now_ms(env));
    } else if (std::holds_alternative<CloseSessionTxn>(t.body)) {
      sessions_.remove(t.session);
    }
    last_zxid_ = t.zxid;
    q_.committed_log.push_back(t);
    if (q_.committed_log.size() > kCommitLogCount) q_.committed_log.pop_front();
    env.out.note(zab::note_fast_forward(t));
  }
}

void ZooKeeperServer::truncate_to(Env& env, Zxid z) {
  // FileTxnSnapLog.truncateLog + reload: cut the log after z, rebuild the tree from the snapshot.
  const std::string dir = dir_of(config_);
  DiskImage img;
  if (!q_.snapshot_file.empty()) img[q_.snapshot_file] = q_.snapshot_bytes;
  std::vector<LoggedTxn> kept;
  std::string cut_file;
  std::set<std::string> emptied;
  for (auto& e : q_.log) {
    if (e.txn.zxid <= z) {
      img[e.file] += encode_log_record(e.txn);
      kept.push_back(std::move(e));
      continue;
    }
    if (cut_file.empty()) {
      env.out.truncate(e.file, e.offset);
      q_.file_sizes[e.file] = e.offset;
      cut_file = e.file;
    } else if (e.file != cut_file && !emptied.count(e.file)) {
      env.out.truncate(e.file, 0);
      q_.file_sizes[e.file] = 0;
      emptied.insert(e.file);
    }
  }
  q_.log = std::move(kept);
  env.out.fsync(kQuietTokenBit | next_token_++);
  Recovered r = recover(img, dir);
  tree_ = std::move(r.tree);
  last_zxid_ = next_zxid_ = r.last_zxid;
  q_.last_logged = last_zxid_;
  reset_sessions(env, r.sessions);
  while (!q_.committed_log.empty() && q_.committed_log.back().zxid > z) q_.committed_log.pop_back();
  env.out.note(zab::note_trunc(z));
}

void ZooKeeperServer::load_snapshot(Env& env, const zab::SnapshotData& snap) {
  const std::string dir = dir_of(config_);
  DiskImage img;
  img[snapshot_file_name(dir, snap.zxid)] = snap.bytes;
  Recovered r = recover(img, dir);
  tree_ = std::move(r.tree);
  last_zxid_ = next_zxid_ = snap.zxid;
  q_.last_logged = last_zxid_;
  reset_sessions(env, r.sessions);
  // The old history is replaced: drop every log file so a restart cannot replay it.
  for (auto& [name, size] : q_.file_sizes)
    if (name.rfind(dir + "/log.", 0) == 0 && size > 0) {
      env.out.truncate(name, 0);
      size = 0;
    }
  q_.log.clear();
  q_.committed_log.clear();
  q_.snapshot_file = snapshot_file_name(dir, snap.zxid);
  q_.snapshot_bytes = snap.bytes;
  env.out.note(zab::note_snap(snap.zxid));
}

void ZooKeeperServer::write_snapshot(Env& env) {
  const std::string dir = dir_of(config_);
  std::map<SessionId, int32_t> table;
  for (const auto& [id, s] : sessions_.sessions()) table[id] = s.timeout_ms;
  q_.snapshot_file = snapshot_file_name(dir, last_zxid_);
  q_.snapshot_bytes = encode_snapshot(tree_, table, last_zxid_);
  env.out.append(q_.snapshot_file, q_.snapshot_bytes);
  q_.file_sizes[q_.snapshot_file] += q_.snapshot_bytes.size();
  env.out.fsync(kQuietTokenBit | next_token_++);
  ++counters_.snapshots;
  // Txns at or below the snapshot need no log any more; keep the later (pending) ones.
  std::vector<LoggedTxn> kept;
  for (auto& e : q_.log)
    if (e.txn.zxid > last_zxid_) kept.push_back(std::move(e));
  q_.log = std::move(kept);
  log_file_ = log_file_name(dir, last_zxid_ + 1);
}

}  // namespace zoolab::core::zk
