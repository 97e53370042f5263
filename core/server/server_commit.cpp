// The commit half of the standalone pipeline: apply a durable txn, fire watches, reply; plus
// session expiry, the container/TTL reaper, snapshots, timers and self-checks.
#include <stdexcept>

#include "core/base/overloaded.h"
#include "core/server/persistence.h"
#include "core/server/zookeeper_server.h"
#include "core/znode/txn_apply.h"

namespace zoolab::core::zk {

ResponseBody write_reply_body(const RequestBody& req, const TxnResult& r) {
  auto create_result = [](const CreateOp& op, const TxnResult& x) {
    const bool with_stat = op.want_stat || op.mode == CreateMode::kContainer || is_ttl(op.mode);
    return CreateResult{x.path, with_stat ? std::optional<Stat>(x.stat) : std::nullopt};
  };
  return std::visit(Overloaded{
                        [&](const CreateOp& op) -> ResponseBody { return create_result(op, r); },
                        [&](const SetDataOp&) -> ResponseBody { return StatResult{r.stat}; },
                        [&](const SetAclOp&) -> ResponseBody { return StatResult{r.stat}; },
                        [&](const MultiOp& m) -> ResponseBody {
                          MultiResult out;
                          bool failed = false;
                          for (const auto& x : r.multi) failed = failed || x.err != Err::kOk;
                          for (size_t i = 0; i < r.multi.size() && i < m.ops.size(); ++i) {
                            const TxnResult& x = r.multi[i];
                            OpResult o;
                            o.err = x.err;
                            if (!failed) {
                              if (const auto* c = std::get_if<CreateOp>(&m.ops[i])) o.result = create_result(*c, x);
                              if (std::holds_alternative<SetDataOp>(m.ops[i])) o.result = StatResult{x.stat};
                            }
                            out.results.push_back(std::move(o));
                          }
                          return out;
                        },
                        [&](const auto&) -> ResponseBody { return EmptyResult{}; },
                    },
                    req);
}

void ZooKeeperServer::finish_write(Env& env) {
  InFlight f = std::move(*in_flight_);
  in_flight_.reset();
  std::vector<TreeEvent> changes;
  const TxnResult result = apply_txn(tree_, f.txn, changes);
  last_zxid_ = f.txn.zxid;
  const bool closes_session = std::holds_alternative<CloseSessionTxn>(f.txn.body);
  if (closes_session) {
    if (const auto* s = sessions_.find(f.txn.session)) {
      const ConnId held = s->conn;
      sessions_.remove(f.txn.session);
      if (held != kNoConn && held != f.write.conn) close_conn(env, held);
    }
    env.out.note("closed session " + hex(f.txn.session));
  }
  // Watch events go out before the write's own reply (§6.4 D2).
  fire_watches(env, changes);
  const PendingWrite& w = f.write;
  auto it = conns_.find(w.conn);
  if (w.kind == WriteKind::kCreateSession && it != conns_.end()) {
    ClientConn& c = it->second;
    c.established = true;
    const SessionInfo* s = sessions_.find(w.session);
    env.out.send(c.id, ConnectResponse{0, w.timeout_ms, w.session, s ? s->passwd : "", false});
    ++counters_.packets_sent;
    pump(env, c.id);
  } else if (w.kind == WriteKind::kRequest && it != conns_.end()) {
    ClientConn& c = it->second;
    Response r;
    r.xid = w.req.xid;
    const bool is_multi = std::holds_alternative<MultiOp>(w.req.body);
    r.err = is_multi ? Err::kOk : result.err;
    r.body = r.err == Err::kOk ? write_reply_body(w.req.body, result) : ResponseBody{EmptyResult{}};
    reply(env, c, std::move(r));
    if (!c.queue.empty()) c.queue.pop_front();
    if (!c.received_at.empty()) c.received_at.pop_front();
    c.waiting_write = false;
    if (closes_session) {
      close_conn(env, c.id);
    } else {
      pump(env, c.id);
    }
  }
  ++txns_since_snapshot_;
  maybe_snapshot(env);
  sync_expiry_timers(env);
  start_next_write(env);
}

void ZooKeeperServer::fire_watches(Env& env, const std::vector<TreeEvent>& changes) {
  std::vector<WatchDelivery> events;
  for (const auto& ch : changes) {
    switch (ch.change) {
      case TreeChange::kCreated: watches_.node_created(ch.path, events); break;
      case TreeChange::kDeleted: watches_.node_deleted(ch.path, events); break;
      case TreeChange::kDataChanged: watches_.data_changed(ch.path, events); break;
    }
  }
  send_events(env, events);
}

void ZooKeeperServer::maybe_snapshot(Env& env) {
  if (txns_since_snapshot_ < snap_threshold_) return;
  // SyncRequestProcessor: roll the log and write a snapshot of the applied state.
  const std::string dir = (config_.data_log_dir.empty() ? config_.data_dir : config_.data_log_dir) + "/version-2";
  std::map<SessionId, int32_t> table;
  for (const auto& [id, s] : sessions_.sessions()) table[id] = s.timeout_ms;
  env.out.append(snapshot_file_name(dir, last_zxid_), encode_snapshot(tree_, table, last_zxid_));
  env.out.fsync((1ULL << 63) | next_token_++);
  log_file_ = log_file_name(dir, last_zxid_ + 1);
  txns_since_snapshot_ = 0;
  ++counters_.snapshots;
  const int64_t half = config_.snap_count / 2;
  snap_threshold_ = half + static_cast<int64_t>(env.rng.uniform_u64(0, static_cast<uint64_t>(half)));
  env.out.note("snapshot at zxid " + hex(last_zxid_));
}

void ZooKeeperServer::sync_expiry_timers(Env& env) {
  // Only the leader (or a standalone server) expires sessions (§4.4).
  const bool expires = !config_.distributed() || (q_.leader && q_.leader->established);
  const std::set<int64_t> want = expires ? sessions_.bucket_times() : std::set<int64_t>{};
  for (int64_t b : armed_buckets_)
    if (!want.count(b)) env.out.cancel_timer(TimerId{kExpiryTimer, static_cast<uint64_t>(b)});
  for (int64_t b : want)
    if (!armed_buckets_.count(b)) {
      const Duration delay = milliseconds(b) - Duration{env.now.ns};
      env.out.set_timer(TimerId{kExpiryTimer, static_cast<uint64_t>(b)}, delay.ns < 0 ? Duration{0} : delay);
    }
  armed_buckets_ = want;
}

void ZooKeeperServer::on_timer(Env& env, TimerId t) {
  if (t.kind == kExpiryTimer) {
    armed_buckets_.erase(static_cast<int64_t>(t.id));
    expire_bucket(env, static_cast<int64_t>(t.id));
  } else if (t.kind == kContainerTimer) {
    if (config_.distributed() && !(q_.leader && q_.leader->established)) return;
    env.out.set_timer(TimerId{kContainerTimer, 0}, milliseconds(config_.container_check_interval_ms));
    run_container_pass(env);
  } else {
    quorum_timer(env, t);
  }
}

void ZooKeeperServer::expire_bucket(Env& env, int64_t bucket_ms) {
  for (SessionId id : sessions_.take_bucket(bucket_ms)) {
    const SessionInfo* s = sessions_.find(id);
    if (!s) continue;
    env.out.note("Expiring session " + hex(id) + ", timeout of " + std::to_string(s->timeout_ms) + "ms exceeded");
    sessions_.set_closing(id);
    PendingWrite w;
    w.kind = WriteKind::kExpire;
    w.session = id;
    submit_write(env, std::move(w));
  }
  sync_expiry_timers(env);
}

void ZooKeeperServer::run_container_pass(Env& env) {
  // ContainerManager.getCandidates: emptied containers, expired childless TTL nodes.
  std::vector<std::string> candidates;
  const int64_t now = calendar_ms(env);
  for (const auto& p : tree_.containers()) {
    const auto n = tree_.find(p);
    if (n == DataTree::kNone || tree_.num_children(n) != 0) continue;
    const auto& st = tree_.persisted(n);
    if (st.cversion > 0 || (config_.container_max_never_used_interval_ms > 0 &&
                            now - st.mtime_ms > config_.container_max_never_used_interval_ms))
      candidates.push_back(p);
  }
  for (const auto& p : tree_.ttls()) {
    const auto n = tree_.find(p);
    if (n == DataTree::kNone || tree_.num_children(n) != 0) continue;
    const auto& st = tree_.persisted(n);
    if (now - st.mtime_ms > ttl_of(st.ephemeral_owner)) candidates.push_back(p);
  }
  for (auto& p : candidates) {
    PendingWrite w;
    w.kind = WriteKind::kContainer;
    w.path = std::move(p);
    submit_write(env, std::move(w));
  }
}

std::string ZooKeeperServer::timer_name(TimerId t) const {
  if (t.kind == kExpiryTimer) return "session-expiry";
  if (t.kind == kContainerTimer) return "container-check";
  if (t.kind == kElectionTimer) return election_.finalizing() ? "finalizeWait" : "election-notification";
  if (t.kind == kLeaderTickTimer) return "leader-ping";
  if (t.kind == kPhaseTimer) return "initLimit";
  if (t.kind == kLeaderSilentTimer) return "leader-read-timeout";
  if (t.kind == kConnectRetryTimer) return "connect-leader-retry";
  if (t.kind == kObserverDelayTimer) return "observer-election-delay";
  return Process::timer_name(t);
}

void ZooKeeperServer::check_invariants() const {
  tree_.check_invariants();
  auto fail = [](const std::string& w) { throw std::logic_error("ZooKeeperServer: " + w); };
  for (const auto& [owner, paths] : tree_.ephemeral_table())
    if (!paths.empty() && !sessions_.find(owner)) fail("ephemerals of dead session " + hex(owner));
  if (!config_.distributed() && last_zxid_ > next_zxid_) fail("lastProcessedZxid ahead of the zxid counter");
  if (q_.leader && q_.leader->established && next_zxid_ < last_zxid_)
    fail("leader's zxid counter behind its lastProcessedZxid");
  if (in_flight_ && in_flight_->txn.zxid != last_zxid_ + 1) fail("in-flight txn is not the next zxid");
  for (const auto& [id, c] : conns_) {
    if (c.waiting_write && c.queue.empty()) fail("connection waits for a write it does not hold");
    if (c.session != 0 && !sessions_.find(c.session) && !config_.distributed()) {
      // Allowed only while its closeSession is being answered.
      if (!in_flight_ || in_flight_->txn.session != c.session) fail("connection of unknown session " + hex(c.session));
    }
  }
}

StateLines ZooKeeperServer::state_lines() const {
  StateLines l;
  if (config_.distributed()) {
    l.emplace_back("state", zab::peer_state_name(q_.state));
    l.emplace_back("phase", zab::zab_phase_name(q_.phase));
    l.emplace_back("vote", zab::describe(q_.current_vote));
    l.emplace_back("currentEpoch", std::to_string(q_.current_epoch));
    l.emplace_back("acceptedEpoch", std::to_string(q_.accepted_epoch));
    l.emplace_back("logicalclock", std::to_string(election_.logicalclock()));
  } else {
    l.emplace_back("mode", "standalone");
  }
  l.emplace_back("zxid", hex(last_zxid_));
  l.emplace_back("znodes", std::to_string(tree_.zk_node_count()));
  l.emplace_back("sessions", std::to_string(sessions_.sessions().size()));
  l.emplace_back("connections", std::to_string(conns_.size()));
  l.emplace_back("watches", std::to_string(watches_.count()));
  l.emplace_back("pending writes", std::to_string(queued_writes()));
  for (const auto& [id, s] : sessions_.sessions())
    l.emplace_back("session " + hex(id), "timeout " + std::to_string(s.timeout_ms) + "ms, expires at " +
                                             std::to_string(s.expiry_ms) + "ms" + (s.closing ? " (closing)" : ""));
  return l;
}

}  // namespace zoolab::core::zk
