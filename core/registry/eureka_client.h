// EurekaClient: an Eureka DiscoveryClient (kind "eureka-client"). Registers its instance,
// renews every 30 s (re-registering on 404), fetches the registry every 30 s into a local
// cache (what a caller of the service sees), fails over to the next server on connection
// errors and timeouts, and optionally probes register/lookup availability for measurements.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/base/process.h"
#include "core/proto/registry_protocol.h"
#include "core/registry/registry_stats.h"

namespace zoolab::core::registry {

struct EurekaClientConfig {
  std::vector<NodeId> servers;            // serviceUrl.defaultZone, in order
  std::vector<std::string> server_names;  // same order, for views
  std::string app = "orders", instance = "orders-1";
  bool register_instance = true;          // registerWithEureka
  bool fetch = true;                      // fetchRegistry
  int64_t renew_interval_ms = 30000;      // leaseRenewalIntervalInSeconds
  int64_t fetch_interval_ms = 30000;      // registryFetchIntervalSeconds
  int64_t request_timeout_ms = 5000;      // HTTP read timeout, then the next server
  int64_t probe_interval_ms = 0;          // > 0: a register probe and a lookup probe this often
  int64_t probe_timeout_ms = 3000;        // a probe not answered by then counts as failed
};

enum class EurekaClientState : uint8_t { kStarting, kRegistering, kUp, kNotRegistered, kShutDown };
const char* eureka_client_state_name(EurekaClientState s);

class EurekaClient : public Process {
 public:
  explicit EurekaClient(EurekaClientConfig cfg = {});
  std::unique_ptr<Process> clone() const override { return std::make_unique<EurekaClient>(*this); }
  std::string kind() const override { return "eureka-client"; }
  void on_start(Env& env, const DiskImage& disk) override;
  void on_message(Env& env, ConnId conn, NodeId from, const Message& msg) override;
  void on_closed(Env& env, ConnId conn, NodeId peer) override;
  void on_timer(Env& env, TimerId timer) override;
  // `shutdown` cancels the registration (a graceful stop); `register` registers again.
  void on_input(Env& env, const std::string& line) override;
  std::string timer_name(TimerId t) const override;
  StateLines state_lines() const override;

  // ---- views ---------------------------------------------------------------------------------
  EurekaClientState state() const { return state_; }
  const EurekaClientConfig& config() const { return cfg_; }
  std::string current_server() const;
  // The cached instances of the configured app (empty before the first fetch).
  std::vector<std::string> cached() const;
  bool fetched_once() const { return !stats_.cache_history.empty(); }
  const ClientStats& stats() const { return stats_; }

 private:
  enum TimerKind : uint32_t { kRenewTimer = 1, kFetchTimer = 2, kProbeTimer = 3, kRequestTimer = 4 };
  enum class Purpose : uint8_t { kRegister, kRenew, kCancel, kFetch, kProbeRegister, kProbeCancel, kProbeLookup };
  struct Outstanding {
    RegistryMessage msg;
    Purpose purpose = Purpose::kRegister;
    Time sent;
    size_t attempts = 1;  // servers tried (RetryableEurekaHttpClient tries each once)
    bool operator==(const Outstanding&) const = default;
  };

  void request(Env& env, Purpose p, RegistryOp op, std::string app, std::string instance);
  void transmit(Env& env, uint64_t id);
  void done(Env& env, uint64_t id, const RegistryMessage* reply, const std::string& failure);
  void switch_server(Env& env, const std::string& why, uint64_t failed_id);
  void probe(Env& env);
  Duration timeout_of(Purpose p) const;

  EurekaClientConfig cfg_;
  EurekaClientState state_ = EurekaClientState::kStarting;
  size_t current_ = 0;
  ConnId conn_ = kNoConn;
  uint64_t next_id_ = 1;
  uint64_t probe_seq_ = 0;
  std::map<uint64_t, Outstanding> outstanding_;
  ClientStats stats_;
};

}  // namespace zoolab::core::registry
