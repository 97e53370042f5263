// EurekaClient (see header). Modelled on DiscoveryClient + RetryableEurekaHttpClient.
#include "core/registry/eureka_client.h"

namespace zoolab::core::registry {

const char* eureka_client_state_name(EurekaClientState s) {
  switch (s) {
    case EurekaClientState::kStarting: return "STARTING";
    case EurekaClientState::kRegistering: return "REGISTERING";
    case EurekaClientState::kUp: return "UP";
    case EurekaClientState::kNotRegistered: return "NOT_REGISTERED";
    case EurekaClientState::kShutDown: return "SHUT_DOWN";
  }
  return "?";
}

EurekaClient::EurekaClient(EurekaClientConfig cfg) : cfg_(std::move(cfg)) {}

void EurekaClient::on_start(Env& env, const DiskImage& disk) {
  (void)disk;
  state_ = EurekaClientState::kStarting;
  current_ = 0;
  conn_ = kNoConn;
  outstanding_.clear();
  if (cfg_.servers.empty()) return;
  if (cfg_.register_instance) {
    state_ = EurekaClientState::kRegistering;
    request(env, Purpose::kRegister, RegistryOp::kRegister, cfg_.app, cfg_.instance);
    env.out.set_timer(TimerId{kRenewTimer, 0}, milliseconds(cfg_.renew_interval_ms));
  }
  if (cfg_.fetch) {
    request(env, Purpose::kFetch, RegistryOp::kFetch, "", "");
    env.out.set_timer(TimerId{kFetchTimer, 0}, milliseconds(cfg_.fetch_interval_ms));
  }
  if (cfg_.probe_interval_ms > 0) env.out.set_timer(TimerId{kProbeTimer, 0}, milliseconds(cfg_.probe_interval_ms));
}

Duration EurekaClient::timeout_of(Purpose p) const {
  const bool probe = p == Purpose::kProbeRegister || p == Purpose::kProbeLookup;
  return milliseconds(probe ? cfg_.probe_timeout_ms : cfg_.request_timeout_ms);
}

void EurekaClient::request(Env& env, Purpose p, RegistryOp op, std::string app, std::string instance) {
  const uint64_t id = next_id_++;
  Outstanding o;
  o.msg.id = id;
  o.msg.op = op;
  o.msg.app = std::move(app);
  o.msg.instance = std::move(instance);
  o.purpose = p;
  o.sent = env.now;
  outstanding_.emplace(id, std::move(o));
  env.out.set_timer(TimerId{kRequestTimer, id}, timeout_of(p));
  transmit(env, id);
}

void EurekaClient::transmit(Env& env, uint64_t id) {
  if (conn_ == kNoConn) conn_ = env.out.connect(cfg_.servers[current_]);
  env.out.send(conn_, outstanding_.at(id).msg);
}

void EurekaClient::on_message(Env& env, ConnId conn, NodeId from, const Message& msg) {
  (void)from;
  const auto* m = std::get_if<RegistryMessage>(&msg);
  if (m == nullptr || conn != conn_ || m->op != RegistryOp::kReply) return;
  if (!outstanding_.count(m->id)) return;  // answered after its timeout
  done(env, m->id, m, "");
}

// A request finished: a reply (any status) or a failure text when no server answered.
void EurekaClient::done(Env& env, uint64_t id, const RegistryMessage* reply, const std::string& failure) {
  Outstanding o = std::move(outstanding_.at(id));
  outstanding_.erase(id);
  env.out.cancel_timer(TimerId{kRequestTimer, id});
  const bool ok = reply != nullptr && reply->status < 300;
  const std::string detail = reply ? std::to_string(reply->status) : failure;
  switch (o.purpose) {
    case Purpose::kRegister:
      if (state_ == EurekaClientState::kShutDown) return;
      state_ = ok ? EurekaClientState::kUp : EurekaClientState::kNotRegistered;
      env.out.note(ok ? "registered " + cfg_.app + "/" + cfg_.instance + " at " + current_server()
                      : "registration failed (" + detail + "), retried at the next heartbeat");
      return;
    case Purpose::kRenew:
      if (reply != nullptr && reply->status == 404 && state_ != EurekaClientState::kShutDown) {
        // DiscoveryClient.renew: the server does not know us (restarted, or evicted us): register.
        env.out.note("renew got 404: re-registering");
        state_ = EurekaClientState::kRegistering;
        request(env, Purpose::kRegister, RegistryOp::kRegister, cfg_.app, cfg_.instance);
      }
      return;
    case Purpose::kCancel:
    case Purpose::kProbeCancel:
      return;
    case Purpose::kFetch:
      if (ok) {
        std::vector<std::string> mine;
        for (const RegistryInstance& i : reply->instances)
          if (i.app == cfg_.app) mine.push_back(i.instance);
        stats_.record_cache(env.now, std::move(mine));
      }
      return;
    case Purpose::kProbeRegister:
    case Purpose::kProbeLookup: {
      const ProbeKind kind = o.purpose == Purpose::kProbeRegister ? ProbeKind::kRegister : ProbeKind::kLookup;
      const ProbeOutcome outcome = ok ? ProbeOutcome::kOk : (reply ? ProbeOutcome::kError : ProbeOutcome::kTimeout);
      stats_.record_probe(ProbeResult{kind, o.sent, env.now, outcome, ok ? std::string() : detail});
      if (ok && kind == ProbeKind::kRegister)  // leave nothing behind: cancel the probe instance
        request(env, Purpose::kProbeCancel, RegistryOp::kCancel, o.msg.app, o.msg.instance);
      return;
    }
  }
}

// The current server failed: try the next one for everything still outstanding; requests that
// have been tried on every server fail.
void EurekaClient::switch_server(Env& env, const std::string& why, uint64_t failed_id) {
  if (conn_ != kNoConn) env.out.close(conn_);
  conn_ = kNoConn;
  const std::string old = current_server();
  current_ = (current_ + 1) % cfg_.servers.size();
  env.out.note("server " + old + " failed (" + why + "): switching to " + current_server());
  std::vector<uint64_t> ids;
  for (const auto& [id, o] : outstanding_) ids.push_back(id);
  for (uint64_t id : ids) {
    if (id == failed_id) continue;
    Outstanding& o = outstanding_.at(id);
    if (o.attempts >= cfg_.servers.size()) {
      done(env, id, nullptr, why);
      continue;
    }
    ++o.attempts;
    transmit(env, id);
  }
}

void EurekaClient::on_closed(Env& env, ConnId conn, NodeId peer) {
  (void)peer;
  if (conn != conn_) return;
  conn_ = kNoConn;
  switch_server(env, "connection refused or reset", 0);
}

void EurekaClient::on_timer(Env& env, TimerId timer) {
  if (state_ == EurekaClientState::kShutDown && timer.kind != kRequestTimer) return;
  switch (timer.kind) {
    case kRenewTimer: {
      bool registering = false;
      for (const auto& [id, o] : outstanding_) registering = registering || o.purpose == Purpose::kRegister;
      if (state_ == EurekaClientState::kUp) request(env, Purpose::kRenew, RegistryOp::kRenew, cfg_.app, cfg_.instance);
      else if (!registering) {
        state_ = EurekaClientState::kRegistering;
        request(env, Purpose::kRegister, RegistryOp::kRegister, cfg_.app, cfg_.instance);
      }
      env.out.set_timer(timer, milliseconds(cfg_.renew_interval_ms));
      return;
    }
    case kFetchTimer:
      request(env, Purpose::kFetch, RegistryOp::kFetch, "", "");
      env.out.set_timer(timer, milliseconds(cfg_.fetch_interval_ms));
      return;
    case kProbeTimer:
      probe(env);
      env.out.set_timer(timer, milliseconds(cfg_.probe_interval_ms));
      return;
    case kRequestTimer: {
      auto it = outstanding_.find(timer.id);
      if (it == outstanding_.end()) return;
      const Purpose p = it->second.purpose;
      // A probe is judged at its deadline; other calls try the next server, as
      // RetryableEurekaHttpClient does, until every server has been tried.
      if (p == Purpose::kProbeRegister || p == Purpose::kProbeLookup || it->second.attempts >= cfg_.servers.size()) {
        done(env, timer.id, nullptr, "timeout");
        switch_server(env, "timeout", timer.id);
      } else {
        env.out.set_timer(timer, timeout_of(p));
        switch_server(env, "timeout", 0);  // re-sends this request too
      }
      return;
    }
    default:
      return;
  }
}

void EurekaClient::probe(Env& env) {
  ++probe_seq_;
  request(env, Purpose::kProbeRegister, RegistryOp::kRegister, "_probe", cfg_.instance + "-" + std::to_string(probe_seq_));
  request(env, Purpose::kProbeLookup, RegistryOp::kFetch, cfg_.app, "");
}

void EurekaClient::on_input(Env& env, const std::string& line) {
  if (line == "shutdown" && state_ != EurekaClientState::kShutDown) {
    if (state_ == EurekaClientState::kUp) request(env, Purpose::kCancel, RegistryOp::kCancel, cfg_.app, cfg_.instance);
    state_ = EurekaClientState::kShutDown;
    env.out.note("shutdown: cancel " + cfg_.app + "/" + cfg_.instance);
  } else if (line == "register") {
    state_ = EurekaClientState::kRegistering;
    request(env, Purpose::kRegister, RegistryOp::kRegister, cfg_.app, cfg_.instance);
    env.out.set_timer(TimerId{kRenewTimer, 0}, milliseconds(cfg_.renew_interval_ms));
  } else {
    env.out.print(OutStream::kErr, "eureka-client: unknown command '" + line + "' (shutdown, register)\n");
  }
}

std::string EurekaClient::current_server() const {
  if (cfg_.servers.empty()) return "";
  return current_ < cfg_.server_names.size() ? cfg_.server_names[current_] : std::to_string(cfg_.servers[current_]);
}

std::vector<std::string> EurekaClient::cached() const {
  const auto* c = stats_.current_cache();
  return c ? *c : std::vector<std::string>{};
}

std::string EurekaClient::timer_name(TimerId t) const {
  switch (t.kind) {
    case kRenewTimer: return "heartbeat";
    case kFetchTimer: return "cache-refresh";
    case kProbeTimer: return "probe";
    case kRequestTimer: return "request-timeout";
    default: return Process::timer_name(t);
  }
}

StateLines EurekaClient::state_lines() const {
  StateLines l;
  l.emplace_back("state", eureka_client_state_name(state_));
  l.emplace_back("instance", cfg_.app + "/" + cfg_.instance);
  l.emplace_back("server", current_server());
  std::string cache;
  for (const std::string& i : cached()) cache += (cache.empty() ? "" : " ") + i;
  l.emplace_back("cache " + cfg_.app, fetched_once() ? "[" + cache + "]" : "(not fetched)");
  l.emplace_back("outstanding", std::to_string(outstanding_.size()));
  l.emplace_back("probes", "register " + std::to_string(stats_.register_ok) + " ok / " + std::to_string(stats_.register_failed) +
                               " failed, lookup " + std::to_string(stats_.lookup_ok) + " ok / " + std::to_string(stats_.lookup_failed) + " failed");
  return l;
}

}  // namespace zoolab::core::registry
