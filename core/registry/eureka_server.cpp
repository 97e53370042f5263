// EurekaServer (see header). Names follow Eureka's AbstractInstanceRegistry / PeerAwareInstanceRegistryImpl.
#include "core/registry/eureka_server.h"

#include <algorithm>
#include <stdexcept>

namespace zoolab::core::registry {
namespace {
int64_t ms_of(Time t) { return t.ns / 1'000'000; }
}  // namespace

EurekaServer::EurekaServer(EurekaServerConfig cfg) : cfg_(std::move(cfg)) {}

void EurekaServer::on_start(Env& env, const DiskImage& disk) {
  (void)disk;  // the registry lives in memory only
  registry_.clear();
  links_.assign(cfg_.peers.size(), PeerLink{});
  expected_clients_ = 0;
  renews_threshold_ = 0;
  renews_this_min_ = renews_last_min_ = 0;
  minute_start_ = env.now;
  minutes_measured_ = 0;
  self_preservation_on_ = false;
  evicted_total_ = 0;
  env.out.set_timer(TimerId{kEvictionTimer, 0}, milliseconds(cfg_.eviction_interval_ms));
  env.out.set_timer(TimerId{kThresholdTimer, 0}, milliseconds(cfg_.threshold_update_interval_ms));
  env.out.set_timer(TimerId{kPeerCheckTimer, 0}, milliseconds(cfg_.replication_timeout_ms));
}

void EurekaServer::on_message(Env& env, ConnId conn, NodeId from, const Message& msg) {
  const auto* m = std::get_if<RegistryMessage>(&msg);
  if (m == nullptr) return;
  handle(env, conn, from, *m);
}

void EurekaServer::handle(Env& env, ConnId conn, NodeId from, const RegistryMessage& m) {
  const Key k{m.app, m.instance};
  switch (m.op) {
    case RegistryOp::kRegister:
      do_register(env, k, false);
      reply(env, conn, m, 204);
      replicate(env, RegistryOp::kRegister, k);
      return;
    case RegistryOp::kRenew:
      if (!do_renew(env, k)) return reply(env, conn, m, 404);
      reply(env, conn, m, 200);
      replicate(env, RegistryOp::kRenew, k);
      return;
    case RegistryOp::kCancel:
      if (!do_cancel(env, k)) return reply(env, conn, m, 404);
      reply(env, conn, m, 200);
      replicate(env, RegistryOp::kCancel, k);
      return;
    case RegistryOp::kFetch: {
      std::vector<RegistryInstance> out;
      for (const auto& [key, lease] : registry_)
        if (m.app.empty() || key.first == m.app) out.push_back({key.first, key.second, ms_of(lease.last_renew)});
      reply(env, conn, m, 200, std::move(out));
      return;
    }
    case RegistryOp::kReplicate: {
      // isReplication=true: applied locally, never replicated further.
      RegistryMessage r = m;
      r.op = RegistryOp::kReply;
      if (m.replicated_op == RegistryOp::kRegister) {
        do_register(env, k, true);
        r.status = 204;
      } else if (m.replicated_op == RegistryOp::kRenew) {
        r.status = do_renew(env, k) ? 200 : 404;
      } else if (m.replicated_op == RegistryOp::kCancel) {
        r.status = do_cancel(env, k) ? 200 : 404;
      }
      r.ok = r.status < 300;
      env.out.send(conn, r);
      return;
    }
    case RegistryOp::kReply:
      handle_peer_reply(env, from, m);
      return;
  }
}

// A peer answered one of our replications. A 404 to a renew means the peer lost (or never got)
// the registration: PeerEurekaNode.heartbeat then registers the instance there.
void EurekaServer::handle_peer_reply(Env& env, NodeId from, const RegistryMessage& m) {
  for (size_t i = 0; i < cfg_.peers.size(); ++i) {
    if (cfg_.peers[i] != from) continue;
    PeerLink& l = links_[i];
    if (l.unacked > 0) --l.unacked;
    l.oldest_unacked = env.now;  // the link answers: restart the silence clock
    if (m.status == 404 && m.replicated_op == RegistryOp::kRenew && registry_.count({m.app, m.instance})) {
      env.out.note("peer " + cfg_.peer_names[i] + " does not know " + m.app + "/" + m.instance + " (404): registering it there");
      RegistryMessage reg;
      reg.op = RegistryOp::kReplicate;
      reg.replicated_op = RegistryOp::kRegister;
      reg.app = m.app;
      reg.instance = m.instance;
      send_to_peer(env, i, std::move(reg));
    }
    return;
  }
}

void EurekaServer::do_register(Env& env, const Key& k, bool replication) {
  auto it = registry_.find(k);
  if (it == registry_.end()) {
    registry_.emplace(k, Lease{env.now, env.now, env.now});
    ++expected_clients_;  // a new client will be sending renewals
    update_threshold();
    env.out.note(std::string(replication ? "replicated " : "") + "register " + k.first + "/" + k.second);
  } else {
    it->second.last_renew = it->second.last_update = env.now;  // re-registration keeps the registration time
  }
}

bool EurekaServer::do_renew(Env& env, const Key& k) {
  auto it = registry_.find(k);
  if (it == registry_.end()) return false;
  roll_minute(env.now);
  ++renews_this_min_;  // replicated renewals count too (AbstractInstanceRegistry.renew)
  it->second.last_renew = env.now;
  it->second.last_update = cfg_.lease_bug ? env.now + milliseconds(cfg_.lease_duration_ms) : env.now;
  return true;
}

bool EurekaServer::do_cancel(Env& env, const Key& k) {
  if (registry_.erase(k) == 0) return false;
  if (expected_clients_ > 0) --expected_clients_;
  update_threshold();
  env.out.note("cancel " + k.first + "/" + k.second);
  return true;
}

void EurekaServer::replicate(Env& env, RegistryOp op, const Key& k) {
  for (size_t i = 0; i < cfg_.peers.size(); ++i) {
    RegistryMessage m;
    m.op = RegistryOp::kReplicate;
    m.replicated_op = op;
    m.app = k.first;
    m.instance = k.second;
    send_to_peer(env, i, std::move(m));
  }
}

void EurekaServer::send_to_peer(Env& env, size_t i, RegistryMessage m) {
  PeerLink& l = links_[i];
  if (l.conn == kNoConn) l.conn = env.out.connect(cfg_.peers[i]);
  m.id = next_id_++;
  if (l.unacked == 0) l.oldest_unacked = env.now;
  ++l.unacked;
  ++l.replicated;
  env.out.send(l.conn, std::move(m));
}

void EurekaServer::reply(Env& env, ConnId conn, const RegistryMessage& req, int32_t status,
                         std::vector<RegistryInstance> inst) {
  RegistryMessage r;
  r.id = req.id;
  r.op = RegistryOp::kReply;
  r.replicated_op = req.op;
  r.app = req.app;
  r.instance = req.instance;
  r.status = status;
  r.ok = status < 300;
  r.instances = std::move(inst);
  env.out.send(conn, std::move(r));
}

void EurekaServer::on_closed(Env& env, ConnId conn, NodeId peer) {
  (void)env, (void)peer;
  for (PeerLink& l : links_) {
    if (l.conn != conn) continue;
    // The replications in flight are lost: Eureka's batcher gives up on them, and the next
    // renewal's 404 repairs what is missing.
    l.lost += l.unacked;
    l.unacked = 0;
    l.conn = kNoConn;
  }
}

void EurekaServer::on_timer(Env& env, TimerId timer) {
  switch (timer.kind) {
    case kEvictionTimer:
      evict(env);
      env.out.set_timer(timer, milliseconds(cfg_.eviction_interval_ms));
      return;
    case kThresholdTimer: {
      // updateRenewalThreshold: adopt the registry's size unless that would lower the
      // expectation below 85% (a mass disappearance must not be taken as the new normal).
      const auto count = static_cast<int64_t>(registry_.size());
      if (count * 100 > cfg_.renewal_percent_threshold * expected_clients_ || !cfg_.self_preservation) {
        expected_clients_ = count;
        update_threshold();
      }
      env.out.set_timer(timer, milliseconds(cfg_.threshold_update_interval_ms));
      return;
    }
    case kPeerCheckTimer:
      // HTTP replication has a read timeout; a link silenced by a partition is noticed here.
      for (PeerLink& l : links_) {
        if (l.conn == kNoConn || l.unacked == 0) continue;
        if (env.now - l.oldest_unacked < milliseconds(cfg_.replication_timeout_ms)) continue;
        env.out.close(l.conn);
        l.lost += l.unacked;
        l.unacked = 0;
        l.conn = kNoConn;
      }
      env.out.set_timer(timer, milliseconds(cfg_.replication_timeout_ms));
      return;
    default:
      return;
  }
}

void EurekaServer::update_threshold() {
  // numberOfRenewsPerMinThreshold = expected * (60 / renewal interval) * 0.85, truncated.
  const int64_t per_min = 60000 / cfg_.expected_renewal_interval_ms;
  renews_threshold_ = expected_clients_ * per_min * cfg_.renewal_percent_threshold / 100;
}

void EurekaServer::roll_minute(Time now) {
  while (now - minute_start_ >= milliseconds(60000)) {
    renews_last_min_ = renews_this_min_;
    renews_this_min_ = 0;
    minute_start_ = minute_start_ + milliseconds(60000);
    ++minutes_measured_;
  }
}

bool EurekaServer::lease_expiration_enabled() const {
  if (!cfg_.self_preservation || minutes_measured_ < 2) return true;
  return renews_last_min_ >= renews_threshold_;
}

Time EurekaServer::expiry(const Lease& l) const { return l.last_update + milliseconds(cfg_.lease_duration_ms); }

void EurekaServer::evict(Env& env) {
  roll_minute(env.now);
  const bool enabled = lease_expiration_enabled();
  if (!enabled) {
    if (!self_preservation_on_)
      env.out.note("EMERGENCY! EUREKA MAY BE INCORRECTLY CLAIMING INSTANCES ARE UP WHEN THEY'RE NOT. RENEWALS ARE "
                   "LESSER THAN THRESHOLD AND HENCE THE INSTANCES ARE NOT BEING EXPIRED JUST TO BE SAFE. (renewals " +
                   std::to_string(renews_last_min_) + "/min < threshold " + std::to_string(renews_threshold_) + ")");
    self_preservation_on_ = true;
    return;
  }
  if (self_preservation_on_) env.out.note("self-preservation off: renewals " + std::to_string(renews_last_min_) + "/min");
  self_preservation_on_ = false;
  std::vector<Key> expired;
  for (const auto& [k, l] : registry_)
    if (env.now > expiry(l)) expired.push_back(k);
  if (expired.empty()) return;
  // At most 15% of the registry per run, chosen at random (Eureka's evictionLimit).
  const auto size = static_cast<int64_t>(registry_.size());
  const int64_t limit = size - size * cfg_.renewal_percent_threshold / 100;
  const int64_t to_evict = std::min<int64_t>(static_cast<int64_t>(expired.size()), limit);
  for (int64_t i = 0; i < to_evict; ++i) {
    const auto j = static_cast<size_t>(env.rng.uniform_u64(static_cast<uint64_t>(i), expired.size() - 1));
    std::swap(expired[static_cast<size_t>(i)], expired[j]);
    const Key& k = expired[static_cast<size_t>(i)];
    registry_.erase(k);
    ++evicted_total_;
    env.out.note("evict " + k.first + "/" + k.second + " (lease expired)");
    // Eviction is an internal cancel: not replicated; each peer evicts on its own.
    if (expected_clients_ > 0) --expected_clients_;
  }
  update_threshold();
}

std::string EurekaServer::timer_name(TimerId t) const {
  switch (t.kind) {
    case kEvictionTimer: return "eviction";
    case kThresholdTimer: return "renewal-threshold-update";
    case kPeerCheckTimer: return "replication-timeout";
    default: return Process::timer_name(t);
  }
}

std::vector<std::string> EurekaServer::instances(const std::string& app) const {
  std::vector<std::string> out;
  for (const auto& [k, l] : registry_)
    if (k.first == app) out.push_back(k.second);
  return out;
}

EurekaServerView EurekaServer::view() const {
  EurekaServerView v;
  for (const auto& [k, l] : registry_)
    v.leases.push_back({k.first, k.second, ms_of(l.registered), ms_of(l.last_renew), ms_of(expiry(l))});
  v.self_preservation_on = self_preservation_on_;
  v.expected_clients = expected_clients_;
  v.renews_threshold = renews_threshold_;
  v.renews_last_min = renews_last_min_;
  v.evicted_total = evicted_total_;
  for (size_t i = 0; i < links_.size(); ++i)
    v.peers.push_back({cfg_.peer_names.size() > i ? cfg_.peer_names[i] : std::to_string(cfg_.peers[i]),
                       links_[i].conn != kNoConn, links_[i].unacked, links_[i].replicated, links_[i].lost});
  return v;
}

StateLines EurekaServer::state_lines() const {
  StateLines l;
  const EurekaServerView v = view();
  l.emplace_back("instances", std::to_string(v.leases.size()));
  for (const LeaseView& lv : v.leases)
    l.emplace_back(lv.app + "/" + lv.instance, "renewed " + std::to_string(lv.last_renew_ms) + "ms, expires " + std::to_string(lv.expires_ms) + "ms");
  l.emplace_back("selfPreservation", v.self_preservation_on ? "ON (eviction suspended)" : "off");
  l.emplace_back("renewsLastMin", std::to_string(v.renews_last_min) + " (threshold " + std::to_string(v.renews_threshold) + ")");
  l.emplace_back("expectedClients", std::to_string(v.expected_clients));
  for (const PeerLinkView& p : v.peers)
    l.emplace_back("peer " + p.name, std::string(p.connected ? "connected" : "idle") + ", unacked " + std::to_string(p.unacked) +
                                         ", lost " + std::to_string(p.lost));
  return l;
}

void EurekaServer::check_invariants() const {
  if (links_.size() != cfg_.peers.size() && !links_.empty()) throw std::logic_error("eureka: peer link table out of step");
  if (renews_threshold_ < 0 || expected_clients_ < 0) throw std::logic_error("eureka: negative renewal threshold");
}

}  // namespace zoolab::core::registry
