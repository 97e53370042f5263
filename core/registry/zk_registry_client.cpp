// ZkRegistryClient (see header).
#include "core/registry/zk_registry_client.h"

#include <algorithm>

namespace zoolab::core::registry {

using namespace zk;

const char* zk_registration_state_name(ZkRegistrationState s) {
  switch (s) {
    case ZkRegistrationState::kNotProvider: return "not-provider";
    case ZkRegistrationState::kConnecting: return "connecting";
    case ZkRegistrationState::kRegistering: return "registering";
    case ZkRegistrationState::kRegistered: return "registered";
    case ZkRegistrationState::kSessionLost: return "session-lost";
  }
  return "?";
}
const char* zk_watch_state_name(ZkWatchState s) {
  switch (s) {
    case ZkWatchState::kNotConsumer: return "not-consumer";
    case ZkWatchState::kConnecting: return "connecting";
    case ZkWatchState::kReading: return "reading";
    case ZkWatchState::kWatching: return "watching";
    case ZkWatchState::kSessionLost: return "session-lost";
  }
  return "?";
}

ZkRegistryClient::ZkRegistryClient(ZkRegistryClientConfig cfg) : cfg_(std::move(cfg)) {}

ZkClient ZkRegistryClient::make_client() const {
  ZkClientConfig c;
  c.servers = cfg_.servers;
  c.session_timeout_ms = cfg_.session_timeout_ms;
  c.shuffle_hosts = cfg_.shuffle_hosts;
  // Alternate the timer kinds per handle so a dead handle's timers are never taken as ours.
  c.timer_kind_base = 100 + 10 * (generation_ % 2);
  return ZkClient(c);
}

void ZkRegistryClient::on_start(Env& env, const DiskImage& disk) {
  (void)disk;
  generation_ = 0;
  setup_session_ = 0;
  reg_ = cfg_.provider ? ZkRegistrationState::kConnecting : ZkRegistrationState::kNotProvider;
  watch_ = cfg_.consumer ? ZkWatchState::kConnecting : ZkWatchState::kNotConsumer;
  read_in_flight_ = false;
  purposes_.clear();
  probes_.clear();
  new_session(env);
  if (cfg_.probe_interval_ms > 0) env.out.set_timer(TimerId{kProbeTimer, 0}, milliseconds(cfg_.probe_interval_ms));
}

void ZkRegistryClient::new_session(Env& env) {
  // Probes the old handle never answered fail now: the new handle's xids start again at 1.
  while (!probes_.empty()) finish_probe(env, probes_.begin()->first, ProbeOutcome::kError, "SessionExpired");
  ++generation_;
  client_ = make_client();
  purposes_.clear();
  read_in_flight_ = false;
  client_.start(env);
  drain(env);
}

void ZkRegistryClient::submit(Env& env, Purpose p, RequestBody body) {
  const Xid xid = client_.submit(env, std::move(body));
  purposes_[xid] = p;
}

void ZkRegistryClient::on_message(Env& env, ConnId conn, NodeId from, const Message& msg) {
  (void)from;
  if (client_.on_message(env, conn, msg)) drain(env);
}

void ZkRegistryClient::on_closed(Env& env, ConnId conn, NodeId peer) {
  (void)peer;
  if (client_.on_closed(env, conn)) drain(env);
}

void ZkRegistryClient::on_timer(Env& env, TimerId timer) {
  if (timer.kind == kProbeTimer) {
    probe(env);
    env.out.set_timer(timer, milliseconds(cfg_.probe_interval_ms));
    return;
  }
  if (timer.kind == kProbeDeadline) {
    if (probes_.count(static_cast<Xid>(timer.id))) finish_probe(env, static_cast<Xid>(timer.id), ProbeOutcome::kTimeout, "timeout");
    return;
  }
  if (client_.owns_timer(timer) && client_.on_timer(env, timer)) drain(env);
}

// Takes the client library's outputs: replies, watch events and session events.
void ZkRegistryClient::drain(Env& env) {
  while (client_.has_outputs()) {
    for (ClientOutput& o : client_.take_outputs()) {
      if (auto* r = std::get_if<ClientReply>(&o)) {
        auto it = purposes_.find(r->xid);
        if (it == purposes_.end()) continue;
        const Purpose p = it->second;
        purposes_.erase(it);
        on_reply(env, p, *r);
      } else if (auto* w = std::get_if<ClientWatchEvent>(&o)) {
        if (w->event.type == EventType::kNodeChildrenChanged && cfg_.consumer) {
          watch_ = ZkWatchState::kReading;  // the one-shot watch is spent: read again with a new one
          read_children(env);
        }
      } else if (auto* s = std::get_if<ClientSessionEvent>(&o)) {
        if (s->state == KeeperState::kSyncConnected) {
          on_connected(env);
        } else if (s->state == KeeperState::kExpired) {
          env.out.note("session expired: opening a new session");
          if (cfg_.provider) reg_ = ZkRegistrationState::kSessionLost;
          if (cfg_.consumer) watch_ = ZkWatchState::kSessionLost;
          // Pending probes were failed by the old handle; a new handle starts clean.
          new_session(env);
          return;
        }
      }
    }
  }
}

void ZkRegistryClient::on_connected(Env& env) {
  const SessionId sid = client_.session_id();
  if (sid != setup_session_) {
    setup_session_ = sid;
    // Parents are persistent; NodeExists is the normal answer after the first client.
    for (const std::string& p : {std::string("/services"), "/services/" + cfg_.app, std::string("/services/_probe")})
      submit(env, Purpose::kParent, CreateOp{p, std::string(), open_acl_unsafe(), CreateMode::kPersistent});
    if (cfg_.provider) reg_ = ZkRegistrationState::kRegistering;
    if (cfg_.consumer) watch_ = ZkWatchState::kReading;
  }
  if (cfg_.provider && reg_ != ZkRegistrationState::kRegistered) create_instance(env);
  if (cfg_.consumer && watch_ != ZkWatchState::kWatching && !read_in_flight_) read_children(env);
}

void ZkRegistryClient::create_instance(Env& env) {
  reg_ = ZkRegistrationState::kRegistering;
  submit(env, Purpose::kCreate,
         CreateOp{instance_path(), cfg_.instance + ":8080", open_acl_unsafe(), CreateMode::kEphemeral});
}

void ZkRegistryClient::read_children(Env& env) {
  read_in_flight_ = true;
  submit(env, Purpose::kRead, GetChildrenOp{"/services/" + cfg_.app, true, false});
}

void ZkRegistryClient::on_reply(Env& env, Purpose p, const ClientReply& r) {
  const Err err = r.response.err;
  switch (p) {
    case Purpose::kParent:
    case Purpose::kProbeCleanup:
      return;
    case Purpose::kCreate:
      if (err == Err::kOk) {
        reg_ = ZkRegistrationState::kRegistered;
        env.out.note("registered " + instance_path() + " in session " + hex(client_.session_id()));
      } else if (err == Err::kNodeExists) {
        // Ours from this session (a retried create), or left over from our expired session.
        submit(env, Purpose::kCheckOwner, ExistsOp{instance_path(), false});
      }  // ConnectionLoss: on_connected tries again
      return;
    case Purpose::kCheckOwner: {
      const auto* st = std::get_if<StatResult>(&r.response.body);
      if (err == Err::kOk && st && st->stat.ephemeral_owner == client_.session_id()) {
        reg_ = ZkRegistrationState::kRegistered;
      } else if (err == Err::kOk) {
        env.out.note(instance_path() + " belongs to an old session: deleting and creating it again");
        submit(env, Purpose::kDeleteStale, DeleteOp{instance_path(), -1});
        create_instance(env);
      } else if (err == Err::kNoNode) {
        create_instance(env);
      }
      return;
    }
    case Purpose::kDeleteStale:
      return;
    case Purpose::kRead: {
      read_in_flight_ = false;
      const auto* c = std::get_if<ChildrenResult>(&r.response.body);
      if (err == Err::kOk && c) {
        watch_ = ZkWatchState::kWatching;
        stats_.record_cache(env.now, c->children);
      }  // ConnectionLoss: on_connected reads again; the cache keeps the last list meanwhile
      return;
    }
    case Purpose::kProbeRegister:
    case Purpose::kProbeLookup: {
      if (!probes_.count(r.xid)) return;  // decided by its deadline already
      const std::string path = probes_.at(r.xid).name;
      finish_probe(env, r.xid, err == Err::kOk ? ProbeOutcome::kOk : ProbeOutcome::kError,
                   err == Err::kOk ? "" : std::string(err_name(err)));
      if (p == Purpose::kProbeRegister && err == Err::kOk) submit(env, Purpose::kProbeCleanup, DeleteOp{path, -1});
      return;
    }
  }
}

void ZkRegistryClient::probe(Env& env) {
  ++probe_seq_;
  const std::string name = "/services/_probe/" + cfg_.instance + "-" + std::to_string(probe_seq_);
  const Duration timeout = milliseconds(cfg_.probe_timeout_ms);
  const Xid reg = client_.submit(env, CreateOp{name, std::string(), open_acl_unsafe(), CreateMode::kEphemeral});
  purposes_[reg] = Purpose::kProbeRegister;
  probes_[reg] = PendingProbe{static_cast<uint64_t>(reg), ProbeKind::kRegister, env.now, env.now + timeout, name};
  env.out.set_timer(TimerId{kProbeDeadline, static_cast<uint64_t>(reg)}, timeout);
  const Xid look = client_.submit(env, GetChildrenOp{"/services/" + cfg_.app, false, false});
  purposes_[look] = Purpose::kProbeLookup;
  probes_[look] = PendingProbe{static_cast<uint64_t>(look), ProbeKind::kLookup, env.now, env.now + timeout, ""};
  env.out.set_timer(TimerId{kProbeDeadline, static_cast<uint64_t>(look)}, timeout);
  drain(env);  // a closed handle answers at once
}

void ZkRegistryClient::finish_probe(Env& env, Xid xid, ProbeOutcome outcome, std::string detail) {
  const PendingProbe p = probes_.at(xid);
  probes_.erase(xid);
  env.out.cancel_timer(TimerId{kProbeDeadline, static_cast<uint64_t>(xid)});
  stats_.record_probe(ProbeResult{p.kind, p.sent, env.now, outcome, std::move(detail)});
}

std::vector<std::string> ZkRegistryClient::cached() const {
  const auto* c = stats_.current_cache();
  return c ? *c : std::vector<std::string>{};
}

std::string ZkRegistryClient::timer_name(TimerId t) const {
  if (t.kind == kProbeTimer) return "probe";
  if (t.kind == kProbeDeadline) return "probe-deadline";
  return client_.timer_name(t);
}

StateLines ZkRegistryClient::state_lines() const {
  StateLines l;
  l.emplace_back("registration", zk_registration_state_name(reg_));
  l.emplace_back("watch", zk_watch_state_name(watch_));
  l.emplace_back("client", std::string(client_state_name(client_.state())));
  l.emplace_back("session", hex(client_.session_id()) + " (#" + std::to_string(generation_) + ")");
  if (auto s = client_.connected_server()) l.emplace_back("server", s->host_port);
  if (cfg_.consumer) {
    std::string cache;
    for (const std::string& i : cached()) cache += (cache.empty() ? "" : " ") + i;
    l.emplace_back("cache " + cfg_.app, read_once() ? "[" + cache + "]" : "(not read)");
  }
  l.emplace_back("probes", "register " + std::to_string(stats_.register_ok) + " ok / " + std::to_string(stats_.register_failed) +
                               " failed, lookup " + std::to_string(stats_.lookup_ok) + " ok / " + std::to_string(stats_.lookup_failed) + " failed");
  return l;
}

}  // namespace zoolab::core::registry
