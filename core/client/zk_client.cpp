// ZkClient state machine (see header; reference §4.5 T1-T9, §6.5, §6.6, §7.4).
#include "core/client/zk_client.h"

#include <algorithm>
#include <utility>

namespace zoolab::core::zk {

std::string_view client_phase_name(ClientPhase p) {
  switch (p) {
    case ClientPhase::kIdle: return "idle";
    case ClientPhase::kSleeping: return "sleeping before reconnect";
    case ClientPhase::kHandshake: return "handshake";
    case ClientPhase::kConnected: return "connected";
    case ClientPhase::kClosed: return "closed";
    case ClientPhase::kAuthFailed: return "auth failed";
  }
  return "?";
}

ZkClient::ZkClient(ZkClientConfig cfg) : cfg_(std::move(cfg)), hosts_(cfg_.servers) {}

std::string ZkClient::timer_name(TimerId t) const {
  switch (t.kind - cfg_.timer_kind_base) {
    case kConnectTimer: return phase_ == ClientPhase::kSleeping ? "reconnect-delay" : "connect-timeout";
    case kReadTimer: return "read-timeout";
    case kPingTimer: return "ping";
    default: return "client";
  }
}

ClientState ZkClient::state() const {
  switch (phase_) {
    case ClientPhase::kIdle: return ClientState::kNotConnected;
    case ClientPhase::kSleeping:
    case ClientPhase::kHandshake: return ClientState::kConnecting;
    case ClientPhase::kConnected: return ClientState::kConnected;
    case ClientPhase::kClosed: return ClientState::kClosed;
    case ClientPhase::kAuthFailed: return ClientState::kAuthFailed;
  }
  return ClientState::kNotConnected;
}

std::optional<ServerAddress> ZkClient::connected_server() const {
  if (phase_ != ClientPhase::kConnected) return std::nullopt;
  return current_server();
}

std::optional<ServerAddress> ZkClient::current_server() const {
  if (current_index_ < 0 || hosts_.empty()) return std::nullopt;
  return hosts_[static_cast<size_t>(current_index_)];
}

int32_t ZkClient::connect_timeout_ms() const {
  const auto n = static_cast<int32_t>(std::max<size_t>(hosts_.size(), 1));
  return timeout_ms() / n;
}

void ZkClient::start(Env& env) {
  if (phase_ != ClientPhase::kIdle) return;
  if (cfg_.shuffle_hosts) {
    for (size_t i = hosts_.size(); i > 1; --i)
      std::swap(hosts_[i - 1], hosts_[env.rng.uniform_u64(0, i - 1)]);
  }
  if (hosts_.empty()) {
    phase_ = ClientPhase::kSleeping;  // nothing to try: stays CONNECTING, like an unresolvable host
    return;
  }
  current_index_ = 0;
  if (last_index_ < 0) last_index_ = 0;  // StaticHostProvider: no sleep on the very first attempt only
  attempt(env);
}

void ZkClient::schedule_attempt(Env& env) {
  phase_ = ClientPhase::kSleeping;
  conn_ = kNoConn;
  int64_t delay_ms = 0;
  current_index_ = (current_index_ + 1) % static_cast<int>(hosts_.size());
  if (current_index_ == last_index_) delay_ms += 1000;  // StaticHostProvider spinDelay after a full cycle
  if (!first_connect_) delay_ms += static_cast<int64_t>(env.rng.uniform_u64(0, 999));
  env.out.set_timer(timer(kConnectTimer), milliseconds(delay_ms));
}

void ZkClient::attempt(Env& env) {
  first_connect_ = false;
  const ServerAddress& host = hosts_[static_cast<size_t>(current_index_)];
  if (host.node == kNoNode) {
    env.out.note("cannot reach " + host.host_port);
    phase_ = ClientPhase::kHandshake;
    drop(env, "connection refused");
    return;
  }
  phase_ = ClientPhase::kHandshake;
  conn_ = env.out.connect(host.node);
  ConnectRequest req;
  req.last_zxid_seen = last_zxid_;
  req.timeout_ms = cfg_.session_timeout_ms;
  req.session_id = session_id_;
  req.passwd = passwd_;
  env.out.send(conn_, req);
  env.out.set_timer(timer(kConnectTimer), milliseconds(connect_timeout_ms()));
  env.out.cancel_timer(timer(kReadTimer));
  env.out.cancel_timer(timer(kPingTimer));
}

void ZkClient::session_event(KeeperState s) {
  // EventThread drops a session event equal to the previous one (so no repeated Disconnected).
  if (s == last_event_state_) return;
  last_event_state_ = s;
  outputs_.emplace_back(ClientSessionEvent{s});
}

void ZkClient::reply_local(Xid xid, Err err, const RequestBody& body) {
  (void)body;
  Response r;
  r.xid = xid;
  r.err = err;
  outputs_.emplace_back(ClientReply{xid, std::move(r)});
}

void ZkClient::fail_all(Err err) {
  // ClientCnxn.cleanup: pending (sent) packets first, then the outgoing queue.
  for (auto* q : {&pending_, &queued_}) {
    for (const auto& o : *q)
      if (o.xid != kXidSetWatches) reply_local(o.xid, err, o.body);
    q->clear();
  }
}

void ZkClient::touch_recv(Env& env) {
  if (phase_ == ClientPhase::kConnected) env.out.set_timer(timer(kReadTimer), milliseconds(read_timeout_ms()));
}

void ZkClient::touch_send(Env& env) {
  if (phase_ != ClientPhase::kConnected) return;
  // SendThread pings when readTimeout/2 - idleSend (- 1000 once idleSend > 1 s) reaches 0, or
  // after 10 s without sending.
  const int64_t half = read_timeout_ms() / 2;
  int64_t after = half <= 1000 ? half : std::max<int64_t>(1001, half - 1000);
  after = std::min<int64_t>(after, 10001);
  env.out.set_timer(timer(kPingTimer), milliseconds(std::max<int64_t>(after, 1)));
}

void ZkClient::send(Env& env, Xid xid, RequestBody body) {
  env.out.send(conn_, Request{xid, body});
  if (xid != kXidPing) pending_.push_back(Outstanding{xid, std::move(body)});
  touch_send(env);
}

void ZkClient::handshake_done(Env& env, const ConnectResponse& r) {
  env.out.cancel_timer(timer(kConnectTimer));
  if (r.timeout_ms <= 0) {
    env.out.note("Unable to reconnect to ZooKeeper service, session " + hex(session_id_) + " has expired");
    phase_ = ClientPhase::kClosed;
    env.out.close(conn_);
    conn_ = kNoConn;
    session_event(KeeperState::kExpired);
    fail_all(Err::kSessionExpired);
    return;
  }
  negotiated_timeout_ms_ = r.timeout_ms;
  session_id_ = r.session_id;
  passwd_ = r.passwd;
  phase_ = ClientPhase::kConnected;
  last_index_ = current_index_;
  env.out.note("session " + hex(session_id_) + " established, timeout " + std::to_string(r.timeout_ms) + "ms");
  touch_recv(env);
  session_event(KeeperState::kSyncConnected);
  // primeConnection pushes auths to the queue front one by one (so the last added goes first),
  // then SetWatches; requests queued while connecting follow.
  for (auto it = auth_.rbegin(); it != auth_.rend(); ++it) {
    env.out.send(conn_, Request{kXidAuth, *it});
    pending_.push_back(Outstanding{kXidAuth, *it});
  }
  if (!watches_.empty()) send(env, kXidSetWatches, watches_.set_watches(last_zxid_));
  std::deque<Outstanding> q;
  q.swap(queued_);
  for (auto& o : q) {
    if (std::holds_alternative<CloseSessionOp>(o.body)) closing_ = true;
    send(env, o.xid, std::move(o.body));
  }
  touch_send(env);
}

void ZkClient::on_response(Env& env, const Response& r) {
  if (r.xid == kXidPing) return;
  if (r.xid == kXidAuth) {
    auto it = std::find_if(pending_.begin(), pending_.end(), [](const Outstanding& o) { return o.xid == kXidAuth; });
    if (it != pending_.end()) pending_.erase(it);
    if (r.err == Err::kAuthFailed) {
      phase_ = ClientPhase::kAuthFailed;
      env.out.cancel_timer(timer(kReadTimer));
      env.out.cancel_timer(timer(kPingTimer));
      session_event(KeeperState::kAuthFailed);
    }
    outputs_.emplace_back(ClientReply{kXidAuth, r});
    return;
  }
  if (r.zxid > 0) last_zxid_ = r.zxid;
  auto it = std::find_if(pending_.begin(), pending_.end(), [&](const Outstanding& o) { return o.xid == r.xid; });
  if (it == pending_.end()) return;
  Outstanding o = std::move(*it);
  pending_.erase(it);
  if (o.xid == kXidSetWatches) return;
  watches_.register_reply(o.body, r.err);
  if (const auto* rw = std::get_if<RemoveWatchesOp>(&o.body); rw && r.err == Err::kOk) {
    const uint8_t removed = watches_.remove(rw->path, rw->type);
    auto emit = [&](uint8_t bits, EventType t) {
      if (removed & bits) outputs_.emplace_back(ClientWatchEvent{WatchEvent{t, KeeperState::kSyncConnected, rw->path, -1}, static_cast<uint8_t>(removed & bits)});
    };
    emit(watch_table::kChild, EventType::kChildWatchRemoved);
    emit(watch_table::kData | watch_table::kExist, EventType::kDataWatchRemoved);
    emit(watch_table::kPersistent | watch_table::kPersistentRecursive, EventType::kPersistentWatchRemoved);
  }
  outputs_.emplace_back(ClientReply{r.xid, r});
  if (std::holds_alternative<CloseSessionOp>(o.body)) finish_close(env);
}

bool ZkClient::on_message(Env& env, ConnId conn, const Message& msg) {
  if (conn == kNoConn || conn != conn_) return false;
  if (phase_ == ClientPhase::kClosed || phase_ == ClientPhase::kAuthFailed) return true;
  if (const auto* cr = std::get_if<ConnectResponse>(&msg)) {
    if (phase_ == ClientPhase::kHandshake) handshake_done(env, *cr);
    return true;
  }
  if (phase_ != ClientPhase::kConnected) return true;
  touch_recv(env);
  if (const auto* r = std::get_if<Response>(&msg)) {
    on_response(env, *r);
  } else if (const auto* ev = std::get_if<WatchEvent>(&msg)) {
    const uint8_t fired = watches_.materialize(*ev);
    outputs_.emplace_back(ClientWatchEvent{*ev, fired});
  }
  return true;
}

void ZkClient::drop(Env& env, std::string why) {
  env.out.note(why);
  env.out.cancel_timer(timer(kConnectTimer));
  env.out.cancel_timer(timer(kReadTimer));
  env.out.cancel_timer(timer(kPingTimer));
  if (conn_ != kNoConn) env.out.close(conn_);
  conn_ = kNoConn;
  if (phase_ == ClientPhase::kAuthFailed) {
    fail_all(Err::kAuthFailed);
    return;
  }
  fail_all(Err::kConnectionLoss);
  if (closing_) {
    finish_close(env);
    return;
  }
  session_event(KeeperState::kDisconnected);
  schedule_attempt(env);
}

bool ZkClient::on_closed(Env& env, ConnId conn) {
  if (conn == kNoConn || conn != conn_) return false;
  conn_ = kNoConn;  // the peer already closed it
  if (phase_ == ClientPhase::kClosed) return true;
  drop(env, "connection to " + current_server()->host_port + " closed by peer");
  return true;
}

bool ZkClient::on_timer(Env& env, TimerId t) {
  if (!owns_timer(t)) return false;
  switch (t.kind - cfg_.timer_kind_base) {
    case kConnectTimer:
      if (phase_ == ClientPhase::kSleeping) {
        if (closing_) finish_close(env);
        else attempt(env);
      } else if (phase_ == ClientPhase::kHandshake) {
        drop(env, "Client session timed out, have not heard from server in " + std::to_string(connect_timeout_ms()) +
                      "ms for session id " + hex(session_id_));
      }
      break;
    case kReadTimer:
      if (phase_ == ClientPhase::kConnected)
        drop(env, "Client session timed out, have not heard from server in " + std::to_string(read_timeout_ms()) +
                      "ms for session id " + hex(session_id_));
      break;
    case kPingTimer:
      if (phase_ == ClientPhase::kConnected) send(env, kXidPing, PingOp{});
      break;
    default: break;
  }
  return true;
}

void ZkClient::finish_close(Env& env) {
  env.out.cancel_timer(timer(kConnectTimer));
  env.out.cancel_timer(timer(kReadTimer));
  env.out.cancel_timer(timer(kPingTimer));
  if (conn_ != kNoConn) env.out.close(conn_);
  conn_ = kNoConn;
  phase_ = ClientPhase::kClosed;
  closing_ = false;
  fail_all(Err::kSessionExpired);
  session_event(KeeperState::kClosed);
}

Xid ZkClient::submit(Env& env, RequestBody body) {
  if (auto* rw = std::get_if<RemoveWatchesOp>(&body)) return remove_watches(env, rw->path, rw->type, false);
  if (const auto* auth = std::get_if<AuthOp>(&body)) {
    if (phase_ == ClientPhase::kClosed || phase_ == ClientPhase::kAuthFailed) {
      reply_local(kXidAuth, phase_ == ClientPhase::kClosed ? Err::kSessionExpired : Err::kAuthFailed, body);
      return kXidAuth;
    }
    auth_.push_back(*auth);
    if (phase_ == ClientPhase::kConnected) send(env, kXidAuth, body);
    else reply_local(kXidAuth, Err::kOk, body);  // re-sent from auth_ once connected
    return kXidAuth;
  }
  const Xid xid = next_xid_++;
  const bool is_close = std::holds_alternative<CloseSessionOp>(body);
  if (phase_ == ClientPhase::kClosed || phase_ == ClientPhase::kAuthFailed) {
    // ZooKeeper.close() on a dead session does nothing; other calls fail at once.
    reply_local(xid, is_close ? Err::kOk : (phase_ == ClientPhase::kClosed ? Err::kSessionExpired : Err::kAuthFailed), body);
    return xid;
  }
  if (is_close) {
    closing_ = true;
    close_xid_ = xid;
    if (phase_ == ClientPhase::kIdle || phase_ == ClientPhase::kSleeping) {
      reply_local(xid, Err::kOk, body);
      finish_close(env);
      return xid;
    }
  }
  if (phase_ == ClientPhase::kConnected) send(env, xid, std::move(body));
  else queued_.push_back(Outstanding{xid, std::move(body)});
  return xid;
}

Xid ZkClient::remove_watches(Env& env, const std::string& path, WatcherType type, bool local) {
  const Xid xid = next_xid_++;
  if (!watches_.contains(path, type)) {
    reply_local(xid, Err::kNoWatcher, RemoveWatchesOp{path, type});
    return xid;
  }
  if (!local) {
    if (phase_ == ClientPhase::kClosed || phase_ == ClientPhase::kAuthFailed) {
      reply_local(xid, phase_ == ClientPhase::kClosed ? Err::kSessionExpired : Err::kAuthFailed, RemoveWatchesOp{path, type});
    } else if (phase_ == ClientPhase::kConnected) {
      send(env, xid, RemoveWatchesOp{path, type});
    } else {
      queued_.push_back(Outstanding{xid, RemoveWatchesOp{path, type}});
    }
    return xid;
  }
  // local=true: the client forgets its watchers whatever the server says (§6.5).
  const uint8_t removed = watches_.remove(path, type);
  const KeeperState st = phase_ == ClientPhase::kConnected ? KeeperState::kSyncConnected : KeeperState::kDisconnected;
  auto emit = [&](uint8_t bits, EventType t) {
    if (removed & bits) outputs_.emplace_back(ClientWatchEvent{WatchEvent{t, st, path, -1}, static_cast<uint8_t>(removed & bits)});
  };
  emit(watch_table::kChild, EventType::kChildWatchRemoved);
  emit(watch_table::kData | watch_table::kExist, EventType::kDataWatchRemoved);
  emit(watch_table::kPersistent | watch_table::kPersistentRecursive, EventType::kPersistentWatchRemoved);
  reply_local(xid, Err::kOk, RemoveWatchesOp{path, type});
  return xid;
}

std::vector<ClientOutput> ZkClient::take_outputs() {
  std::vector<ClientOutput> out;
  out.swap(outputs_);
  return out;
}

}  // namespace zoolab::core::zk
