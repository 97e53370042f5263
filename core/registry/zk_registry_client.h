// ZkRegistryClient: the ZooKeeper service-registry recipe as a program (kind
// "zk-registry-client"). A provider holds an ephemeral node /services/APP/INSTANCE (data: its
// address) for as long as its session lives; a consumer keeps a cached child list of
// /services/APP, re-read with a fresh watch after every child event. On session expiry it
// opens a new session (like Curator's new ZooKeeper handle) and registers again.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/base/process.h"
#include "core/client/zk_client.h"
#include "core/registry/registry_stats.h"

namespace zoolab::core::registry {

struct ZkRegistryClientConfig {
  std::vector<zk::ServerAddress> servers;  // connect string order
  std::string app = "orders", instance = "orders-1";
  bool provider = true, consumer = true;
  int32_t session_timeout_ms = 30000;
  bool shuffle_hosts = true;
  int64_t probe_interval_ms = 0;   // > 0: a register probe and a lookup probe this often
  int64_t probe_timeout_ms = 3000;
};

// Where the recipe is (the GUI names it).
enum class ZkRegistrationState : uint8_t { kNotProvider, kConnecting, kRegistering, kRegistered, kSessionLost };
enum class ZkWatchState : uint8_t { kNotConsumer, kConnecting, kReading, kWatching, kSessionLost };
const char* zk_registration_state_name(ZkRegistrationState s);
const char* zk_watch_state_name(ZkWatchState s);

class ZkRegistryClient : public Process {
 public:
  explicit ZkRegistryClient(ZkRegistryClientConfig cfg = {});
  std::unique_ptr<Process> clone() const override { return std::make_unique<ZkRegistryClient>(*this); }
  std::string kind() const override { return "zk-registry-client"; }
  void on_start(Env& env, const DiskImage& disk) override;
  void on_message(Env& env, ConnId conn, NodeId from, const Message& msg) override;
  void on_closed(Env& env, ConnId conn, NodeId peer) override;
  void on_timer(Env& env, TimerId timer) override;
  std::string timer_name(TimerId t) const override;
  StateLines state_lines() const override;

  // ---- views ---------------------------------------------------------------------------------
  ZkRegistrationState registration() const { return reg_; }
  ZkWatchState watch_state() const { return watch_; }
  const zk::ZkClient& client() const { return client_; }
  const ZkRegistryClientConfig& config() const { return cfg_; }
  std::vector<std::string> cached() const;  // the consumer's list (empty before the first read)
  bool read_once() const { return !stats_.cache_history.empty(); }
  uint32_t sessions_opened() const { return generation_; }
  const ClientStats& stats() const { return stats_; }
  std::string instance_path() const { return "/services/" + cfg_.app + "/" + cfg_.instance; }

 private:
  enum TimerKind : uint32_t { kProbeTimer = 1, kProbeDeadline = 2 };
  enum class Purpose : uint8_t { kParent, kCreate, kCheckOwner, kDeleteStale, kRead, kProbeRegister, kProbeLookup, kProbeCleanup };

  zk::ZkClient make_client() const;
  void drain(Env& env);
  void on_connected(Env& env);
  void on_reply(Env& env, Purpose p, const zk::ClientReply& r);
  void submit(Env& env, Purpose p, zk::RequestBody body);
  void create_instance(Env& env);
  void read_children(Env& env);
  void new_session(Env& env);
  void probe(Env& env);
  void finish_probe(Env& env, zk::Xid xid, ProbeOutcome outcome, std::string detail);

  ZkRegistryClientConfig cfg_;
  zk::ZkClient client_;
  uint32_t generation_ = 0;              // sessions opened (client handles made)
  zk::SessionId setup_session_ = 0;      // the session the parents were created in
  ZkRegistrationState reg_ = ZkRegistrationState::kNotProvider;
  ZkWatchState watch_ = ZkWatchState::kNotConsumer;
  bool read_in_flight_ = false;
  std::map<zk::Xid, Purpose> purposes_;
  std::map<zk::Xid, PendingProbe> probes_;  // register/lookup probes awaiting an answer
  uint64_t probe_seq_ = 0;
  ClientStats stats_;
};

}  // namespace zoolab::core::registry
