// Standalone server lifecycle, connections, sessions/expiry and the ordered request pipeline.
#include "core/server/zookeeper_server.h"

#include <algorithm>
#include <stdexcept>

#include "core/base/overloaded.h"
#include "core/server/persistence.h"
#include "core/server/prep.h"
#include "core/znode/acl.h"
#include "core/znode/txn_apply.h"

namespace zoolab::core::zk {
namespace {
// Monotonic ms the real tracker would read at start (observed ids look like 0x1000004f673xxxx).
constexpr int64_t kUptimeBaseMs = 0x4f673;
constexpr uint64_t kSnapshotTokenBit = 1ULL << 63;
}  // namespace

ZooKeeperServer::ZooKeeperServer(ServerConfig config) : config_(std::move(config)) {}

std::unique_ptr<Process> make_zookeeper_server(ServerConfig config) {
  return std::make_unique<ZooKeeperServer>(std::move(config));
}

static std::string data_subdir(const ServerConfig& c) {
  return (c.data_log_dir.empty() ? c.data_dir : c.data_log_dir) + "/version-2";
}

void ZooKeeperServer::on_start(Env& env, const DiskImage& disk) {
  conns_.clear();
  writes_.clear();
  in_flight_.reset();
  watches_ = WatchManager{};
  armed_buckets_.clear();
  started_at_ = env.now;
  counters_ = ServerCounters{};
  serving_ = false;
  self_ack_tokens_.clear();
  spec_tree_ = DataTree{};
  if (config_.distributed()) {
    start_quorum(env, disk);
    return;
  }
  const std::string dir = data_subdir(config_);
  Recovered r = recover(disk, dir);
  tree_ = std::move(r.tree);
  last_zxid_ = next_zxid_ = r.last_zxid;
  sessions_ = SessionTracker{};
  sessions_.init(1, kUptimeBaseMs + now_ms(env), config_.tick_time_ms);
  // Restored sessions get a fresh full timeout from now (§4.4 E4).
  for (const auto& [id, to] : r.sessions) sessions_.add(id, to, now_ms(env));
  log_file_ = log_file_name(dir, last_zxid_ + 1);
  // Snapshot right after loading, as ZooKeeperServer.loadData does.
  env.out.append(snapshot_file_name(dir, last_zxid_), encode_snapshot(tree_, r.sessions, last_zxid_));
  env.out.fsync(kSnapshotTokenBit | next_token_++);
  txns_since_snapshot_ = 0;
  const int64_t half = config_.snap_count / 2;
  snap_threshold_ = half + static_cast<int64_t>(env.rng.uniform_u64(0, static_cast<uint64_t>(half)));
  env.out.set_timer(TimerId{kContainerTimer, 0}, milliseconds(config_.container_check_interval_ms));
  sync_expiry_timers(env);
  env.out.note("standalone server started: zxid " + hex(last_zxid_) + ", " + std::to_string(r.sessions.size()) +
               " sessions, " + std::to_string(r.txns_replayed) + " txns replayed");
}

void ZooKeeperServer::on_accept(Env&, ConnId conn, NodeId from) {
  if (config_.distributed()) {
    // Peer servers dial us on the election and quorum ports; clients on the client port.
    if (const zab::PeerAddress* p = config_.quorum.find_node(from)) {
      q_.peer_conns[conn] = p->sid;
      return;
    }
  }
  ClientConn c;
  c.id = conn;
  c.peer = from;
  conns_[conn] = c;
}

void ZooKeeperServer::on_message(Env& env, ConnId conn, NodeId from, const Message& msg) {
  if (config_.distributed() &&
      (std::holds_alternative<zab::Notification>(msg) || std::holds_alternative<zab::QuorumPacket>(msg))) {
    const zab::PeerAddress* p = config_.quorum.find_node(from);
    if (p != nullptr) on_peer_message(env, conn, p->sid, msg);
    return;
  }
  if (!conns_.count(conn)) on_accept(env, conn, from);
  if (!conns_.count(conn)) return;
  ClientConn& c = conns_[conn];
  std::visit(Overloaded{
                 [&](const ConnectRequest& m) { handle_connect(env, c, m); },
                 [&](const Request& m) { handle_request(env, c, m); },
                 [&](const FourLetterWord& m) {
                   ++counters_.packets_received;
                   env.out.send(conn, FourLetterReply{four_letter_reply(m.cmd, conn)});
                   close_conn(env, conn);
                 },
                 [&](const auto&) {},
             },
             msg);
}

void ZooKeeperServer::on_closed(Env& env, ConnId conn, NodeId) {
  if (q_.peer_conns.count(conn) || (q_.learner && q_.learner->conn == conn) ||
      (q_.leader && q_.leader->handlers.count(conn))) {
    peer_closed(env, conn);
    return;
  }
  auto it = conns_.find(conn);
  if (it == conns_.end()) return;
  if (q_.learner)
    for (auto& pending : q_.learner->pending_syncs)
      if (pending == conn) pending = kNoConn;
  watches_.remove_conn(conn);
  if (auto* s = sessions_.find(it->second.session); s && s->conn == conn) s->conn = kNoConn;
  conns_.erase(it);
}

void ZooKeeperServer::close_conn(Env& env, ConnId conn) {
  if (!conns_.count(conn)) return;
  env.out.commands().emplace_back(std::in_place_type<CloseCmd>, CloseCmd{conn});
  on_closed(env, conn, kNoNode);
}

void ZooKeeperServer::handle_connect(Env& env, ClientConn& c, const ConnectRequest& req) {
  ++counters_.packets_received;
  if (c.session != 0) return;
  if (!serving()) {
    // C2: a server that is electing or syncing closes client connections.
    close_conn(env, c.id);
    return;
  }
  if (req.last_zxid_seen > last_zxid_) {
    env.out.note("Refusing session request as it has seen zxid " + hex(req.last_zxid_seen) + " our last zxid is " +
                 hex(last_zxid_) + " client must try another server");
    close_conn(env, c.id);
    return;
  }
  const int32_t to = std::clamp(req.timeout_ms, config_.min_timeout(), config_.max_timeout());
  if (req.session_id == 0 && config_.distributed()) {
    // C3 in a quorum: the session becomes real when its createSession txn commits.
    const SessionId id = sessions_.next_id();
    c.session = id;
    env.out.note("createSession " + hex(id) + " timeout " + std::to_string(to));
    PendingWrite w;
    w.kind = WriteKind::kCreateSession;
    w.conn = c.id;
    w.session = id;
    w.timeout_ms = to;
    submit_write(env, std::move(w));
    return;
  }
  if (req.session_id != 0 && q_.learner) {
    // C4 on a learner: the leader revalidates (and touches) the session.
    if (SessionInfo* s = sessions_.find(req.session_id); s && s->conn != kNoConn && s->conn != c.id)
      close_conn(env, s->conn);
    if (conns_.find(c.id) == conns_.end()) return;
    q_.learner->revalidating[req.session_id] = c.id;
    learner_send(env, zab::QuorumPacket{zab::PacketType::kRevalidate, -1, zab::Revalidate{req.session_id, to, false}});
    return;
  }
  if (req.session_id == 0) {
    const SessionId id = sessions_.next_id();
    sessions_.add(id, to, now_ms(env));
    sessions_.find(id)->conn = c.id;
    c.session = id;
    env.out.note("createSession " + hex(id) + " timeout " + std::to_string(to));
    PendingWrite w;
    w.kind = WriteKind::kCreateSession;
    w.conn = c.id;
    w.session = id;
    w.timeout_ms = to;
    writes_.push_back(std::move(w));
    sync_expiry_timers(env);
    start_next_write(env);
    return;
  }
  SessionInfo* s = sessions_.find(req.session_id);
  if (!s || s->closing || s->passwd != req.passwd) {
    env.out.note("Invalid session " + hex(req.session_id) + " for client, probably expired");
    env.out.send(c.id, ConnectResponse{0, 0, 0, "", false});
    ++counters_.packets_sent;
    close_conn(env, c.id);
    return;
  }
  if (s->conn != kNoConn && s->conn != c.id) close_conn(env, s->conn);
  s = sessions_.find(req.session_id);
  sessions_.touch(s->id, now_ms(env));
  s->conn = c.id;
  c.session = s->id;
  c.established = true;
  env.out.note("reconnected session " + hex(s->id) + " timeout " + std::to_string(to));
  env.out.send(c.id, ConnectResponse{0, to, s->id, s->passwd, false});
  ++counters_.packets_sent;
  sync_expiry_timers(env);
  pump(env, c.id);
}

void ZooKeeperServer::handle_request(Env& env, ClientConn& c, const Request& req) {
  ++counters_.packets_received;
  ++c.received;
  if (wire_size(req) > kJuteMaxBuffer) {
    env.out.note("Len error. A message with advertised length of " + std::to_string(wire_size(req)) +
                 " is either a malformed message or too large to process (length is greater than jute.maxbuffer=" +
                 std::to_string(kJuteMaxBuffer) + ")");
    close_conn(env, c.id);
    return;
  }
  if (const auto* a = std::get_if<AuthOp>(&req.body)) {
    // Handled on arrival, outside the pipeline (NIOServerCnxn auth packet); reply zxid 0.
    // ProviderRegistry has ip and digest. IPAuthenticationProvider ignores the auth bytes and adds
    // the connection's own address (already held); digest of a null buffer throws, which the
    // server turns into AuthFailed like an unknown scheme.
    if (a->scheme == "ip") {
      reply(env, c, Response{kXidAuth, 0, Err::kOk, EmptyResult{}});
      return;
    }
    if (a->scheme != "digest" || !a->auth) {
      env.out.note("Authentication failed for scheme: " + a->scheme);
      reply(env, c, Response{kXidAuth, 0, Err::kAuthFailed, EmptyResult{}});
      close_conn(env, c.id);
      return;
    }
    const std::string id = digest_id(*a->auth);
    auto add = [&](Id x) {
      if (std::find(c.auth.begin(), c.auth.end(), x) == c.auth.end()) c.auth.push_back(std::move(x));
    };
    if (!config_.super_digest.empty() && id == config_.super_digest) add(Id{"super", ""});
    add(Id{"digest", id});
    reply(env, c, Response{kXidAuth, 0, Err::kOk, EmptyResult{}});
    return;
  }
  if (c.session != 0 && q_.learner) {
    if (const SessionInfo* s = sessions_.find(c.session)) q_.learner->touches[c.session] = s->timeout_ms;
  } else if (c.session != 0 && !sessions_.touch(c.session, now_ms(env))) {
    return;  // closing: dropped
  }
  sync_expiry_timers(env);
  c.queue.push_back(req);
  c.received_at.push_back(env.now);
  if (c.established) pump(env, c.id);
}

void ZooKeeperServer::pump(Env& env, ConnId conn) {
  while (true) {
    auto it = conns_.find(conn);
    if (it == conns_.end()) return;
    ClientConn& c = it->second;
    if (c.queue.empty() || c.waiting_write || !c.established) return;
    const Request& req = c.queue.front();
    if (q_.learner && std::holds_alternative<SyncOp>(req.body)) {
      // A learner's sync goes through the leader (SYNC comes back after earlier commits).
      c.waiting_write = true;
      q_.learner->pending_syncs.push_back(conn);
      learner_forward(env, zab::ForwardedRequest{zab::ForwardedRequest::Kind::kOp, c.session, req.xid, req.body, 0, {}});
      return;
    }
    if (is_write(req.body)) {
      PendingWrite w;
      w.kind = WriteKind::kRequest;
      w.conn = conn;
      w.session = c.session;
      w.req = req;
      w.auth = auth_ids(c);
      c.waiting_write = true;
      submit_write(env, std::move(w));
      return;
    }
    const Request r = req;
    answer_read(env, c, r);
    auto again = conns_.find(conn);
    if (again == conns_.end()) return;
    if (!again->second.queue.empty()) again->second.queue.pop_front();
    if (!again->second.received_at.empty()) again->second.received_at.pop_front();
  }
}

std::vector<Id> ZooKeeperServer::auth_ids(const ClientConn& c) const {
  std::vector<Id> ids = c.auth;
  ids.push_back(Id{"ip", config_.client_ip});
  return ids;
}

void ZooKeeperServer::submit_write(Env& env, PendingWrite w) {
  if (!config_.distributed()) {
    writes_.push_back(std::move(w));
    start_next_write(env);
    return;
  }
  if (q_.leader) {
    leader_prep(env, std::move(w));
    return;
  }
  if (!q_.learner) return;
  zab::ForwardedRequest r;
  r.session = w.session;
  r.auth = w.auth;
  if (w.kind == WriteKind::kCreateSession) {
    r.kind = zab::ForwardedRequest::Kind::kCreateSession;
    r.timeout_ms = w.timeout_ms;
  } else if (w.kind == WriteKind::kRequest) {
    r.cxid = w.req.xid;
    if (std::holds_alternative<CloseSessionOp>(w.req.body)) r.kind = zab::ForwardedRequest::Kind::kCloseSession;
    else r.op = w.req.body;
  } else {
    return;  // expiry and container deletes are the leader's job
  }
  learner_forward(env, std::move(r));
}

void ZooKeeperServer::start_next_write(Env& env) {
  if (in_flight_ || writes_.empty()) return;
  PendingWrite w = std::move(writes_.front());
  writes_.pop_front();
  Txn t;
  t.session = w.session;
  t.zxid = ++next_zxid_;
  t.time_ms = calendar_ms(env);
  std::vector<std::string> notes;
  PrepContext ctx{tree_, config_, w.auth, w.session, t.zxid, t.time_ms, &notes};
  Prep prep(ctx);
  switch (w.kind) {
    case WriteKind::kCreateSession: t.body = CreateSessionTxn{w.timeout_ms}; break;
    case WriteKind::kExpire: t.body = prep.prep_close_session(w.session); break;
    case WriteKind::kContainer: t.body = prep.prep_delete_container(w.path); break;
    case WriteKind::kRequest:
      t.cxid = w.req.xid;
      if (std::holds_alternative<CloseSessionOp>(w.req.body)) {
        sessions_.set_closing(w.session);
        t.body = prep.prep_close_session(w.session);
      } else if (std::holds_alternative<ReconfigOp>(w.req.body)) {
        t.body = ErrorTxn{Err::kReconfigDisabled};
      } else {
        t.body = prep.prep(w.req.body);
      }
      break;
  }
  for (auto& n : notes) env.out.note(n);
  env.out.note("txn " + hex(t.zxid) + " " + describe_txn(t));
  std::string record = encode_log_record(t);
  counters_.log_bytes += static_cast<int64_t>(record.size());
  env.out.append(log_file_, std::move(record));
  const uint64_t token = next_token_++;
  env.out.fsync(token);
  ++counters_.txns_logged;
  in_flight_ = InFlight{std::move(w), std::move(t), token};
}

void ZooKeeperServer::on_disk_done(Env& env, uint64_t token) {
  if (token & kSnapshotTokenBit) return;
  if (q_.leader) {
    auto it = self_ack_tokens_.find(token);
    if (it != self_ack_tokens_.end()) {
      const Zxid z = it->second;
      self_ack_tokens_.erase(it);
      leader_ack(env, my_sid(), z);
    }
    return;
  }
  if (q_.learner) {
    LearnerState& l = *q_.learner;
    if (token == l.newleader_token && l.step == LearnerState::Step::kSyncing) {
      l.step = LearnerState::Step::kWaitUpToDate;
      learner_send(env, zab::QuorumPacket{zab::PacketType::kAck, l.new_epoch << 32, {}});
      // The proposals received during sync are logged now (logRequest -> SendAckRequestProcessor):
      // each is ACKed, so the leader can commit what was outstanding when this learner joined.
      for (const Txn& t : l.pending) learner_send(env, zab::QuorumPacket{zab::PacketType::kAck, t.zxid, {}});
      arm_leader_silence(env);
      return;
    }
    auto it = l.ack_tokens.find(token);
    if (it != l.ack_tokens.end()) {
      learner_send(env, zab::QuorumPacket{zab::PacketType::kAck, it->second, {}});
      l.ack_tokens.erase(it);
    }
    return;
  }
  if (in_flight_ && in_flight_->token == token) finish_write(env);
}

void ZooKeeperServer::send_events(Env& env, const std::vector<WatchDelivery>& events) {
  for (const auto& e : events) {
    if (!conns_.count(e.conn)) continue;
    env.out.send(e.conn, WatchEvent{e.type, KeeperState::kSyncConnected, e.path, -1});
    ++counters_.packets_sent;
    ++conns_[e.conn].sent;
  }
}

void ZooKeeperServer::reply(Env& env, ClientConn& c, Response r) {
  r.zxid = r.xid == kXidAuth ? 0 : last_zxid_;
  c.last_cxid = r.xid;
  c.last_zxid = r.zxid;
  ++c.sent;
  ++counters_.packets_sent;
  if (r.xid >= 0 && !c.received_at.empty()) {
    const int64_t lat = (env.now - c.received_at.front()).ns / 1'000'000;
    counters_.min_latency_ms = counters_.latency_samples == 0 ? lat : std::min(counters_.min_latency_ms, lat);
    counters_.max_latency_ms = std::max(counters_.max_latency_ms, lat);
    counters_.total_latency_ms += lat;
    ++counters_.latency_samples;
  }
  env.out.send(c.id, std::move(r));
}

}  // namespace zoolab::core::zk
