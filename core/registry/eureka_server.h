// EurekaServer: an Eureka-like AP registry server (kind "eureka"). Leases renewed by clients
// every 30 s and evicted when expired, self-preservation when too few renewals arrive, and
// asynchronous peer replication without quorum or ordering. Everything is in memory: a crash
// loses the registry, which comes back through client renewals (404 -> re-register).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/base/process.h"
#include "core/proto/registry_protocol.h"

namespace zoolab::core::registry {

struct EurekaServerConfig {
  std::vector<NodeId> peers;
  std::vector<std::string> peer_names;     // for views and notes, same order as peers
  int64_t lease_duration_ms = 90000;       // leaseExpirationDurationInSeconds
  int64_t eviction_interval_ms = 60000;    // evictionIntervalTimerInMs
  int64_t expected_renewal_interval_ms = 30000;  // expectedClientRenewalIntervalSeconds
  int32_t renewal_percent_threshold = 85;  // renewalPercentThreshold 0.85, in percent
  int64_t threshold_update_interval_ms = 15 * 60000;  // renewalThresholdUpdateIntervalMs
  bool self_preservation = true;           // enableSelfPreservation
  // Eureka's Lease.renew() sets lastUpdateTimestamp = now + duration and isExpired() adds the
  // duration again, so a renewed lease expires 2 x duration after its last renewal (a known bug
  // Eureka keeps for compatibility). Off: exactly `duration` after the last renewal.
  bool lease_bug = true;
  int64_t replication_timeout_ms = 5000;   // a peer silent this long with work pending is re-dialled
};

// One lease as the GUI and the checks show it (times on the server's own clock, in ms).
struct LeaseView {
  std::string app, instance;
  int64_t registered_ms = 0, last_renew_ms = 0, expires_ms = 0;
  bool operator==(const LeaseView&) const = default;
};
struct PeerLinkView {
  std::string name;
  bool connected = false;
  uint32_t unacked = 0;         // replications sent and not yet answered
  uint64_t replicated = 0, lost = 0;
  bool operator==(const PeerLinkView&) const = default;
};
struct EurekaServerView {
  std::vector<LeaseView> leases;   // sorted by app, instance
  bool self_preservation_on = false;  // eviction suspended
  int64_t expected_clients = 0;    // expectedNumberOfClientsSendingRenews
  int64_t renews_threshold = 0;    // numberOfRenewsPerMinThreshold
  int64_t renews_last_min = 0;     // getNumOfRenewsInLastMin()
  uint64_t evicted_total = 0;
  std::vector<PeerLinkView> peers;
};

class EurekaServer : public Process {
 public:
  explicit EurekaServer(EurekaServerConfig cfg = {});
  std::unique_ptr<Process> clone() const override { return std::make_unique<EurekaServer>(*this); }
  std::string kind() const override { return "eureka"; }
  void on_start(Env& env, const DiskImage& disk) override;
  void on_message(Env& env, ConnId conn, NodeId from, const Message& msg) override;
  void on_closed(Env& env, ConnId conn, NodeId peer) override;
  void on_timer(Env& env, TimerId timer) override;
  std::string timer_name(TimerId t) const override;
  StateLines state_lines() const override;
  void check_invariants() const override;

  EurekaServerView view() const;
  // Instances of `app` this server would return to a fetch right now (sorted).
  std::vector<std::string> instances(const std::string& app) const;
  bool self_preservation_on() const { return self_preservation_on_; }
  const EurekaServerConfig& config() const { return cfg_; }

 private:
  enum TimerKind : uint32_t { kEvictionTimer = 1, kThresholdTimer = 3, kPeerCheckTimer = 4 };
  struct Lease {
    Time registered, last_renew;
    Time last_update;  // Eureka's lastUpdateTimestamp (now + duration after a renewal when lease_bug)
    bool operator==(const Lease&) const = default;
  };
  struct PeerLink {
    ConnId conn = kNoConn;
    uint32_t unacked = 0;
    Time oldest_unacked;
    uint64_t replicated = 0, lost = 0;
    bool operator==(const PeerLink&) const = default;
  };
  using Key = std::pair<std::string, std::string>;  // app, instance

  void handle(Env& env, ConnId conn, NodeId from, const RegistryMessage& m);
  void handle_peer_reply(Env& env, NodeId from, const RegistryMessage& m);
  // The three registry operations; `replication` when a peer copied them to us.
  void do_register(Env& env, const Key& k, bool replication);
  bool do_renew(Env& env, const Key& k);
  bool do_cancel(Env& env, const Key& k);
  void replicate(Env& env, RegistryOp op, const Key& k);
  void send_to_peer(Env& env, size_t i, RegistryMessage m);
  void reply(Env& env, ConnId conn, const RegistryMessage& req, int32_t status, std::vector<RegistryInstance> inst = {});
  void evict(Env& env);
  void update_threshold();
  bool lease_expiration_enabled() const;
  void roll_minute(Time now);  // MeasuredRate: closes the minute buckets that have passed
  Time expiry(const Lease& l) const;

  EurekaServerConfig cfg_;
  std::map<Key, Lease> registry_;
  std::vector<PeerLink> links_;
  int64_t expected_clients_ = 0;
  int64_t renews_threshold_ = 0;
  int64_t renews_this_min_ = 0, renews_last_min_ = 0;
  Time minute_start_;
  uint32_t minutes_measured_ = 0;  // the first (partial) minute after a start is not judged
  bool self_preservation_on_ = false;
  uint64_t evicted_total_ = 0;
  uint64_t next_id_ = 1;
};

}  // namespace zoolab::core::registry
