// Sentinel: a Redis Sentinel model. Pings the master every second, marks it subjectively down
// after down-after ms without a valid reply (+sdown), objectively down when `quorum` sentinels
// agree (+odown), promotes the replica with the highest replication offset, repoints the others
// (+switch-master) and later turns the old master into a replica (+convert-to-slave).
// Simplified: no epochs or leader election among sentinels; the agreeing sentinel with the
// smallest name fails over, the others adopt the replica that reports role:master.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/base/process.h"
#include "core/proto/redis_protocol.h"

namespace zoolab::core::redis {

struct SentinelConfig {
  std::string name = "sentinel";       // this sentinel's machine name
  std::string master_name = "mymaster";
  std::string master;                   // host of the initial master
  std::vector<std::string> replicas;    // hosts of its replicas
  std::vector<std::string> sentinels;   // the other sentinels (for quorum)
  int64_t down_after_ms = 5000;
  int32_t quorum = 1;
  std::map<std::string, NodeId> hosts;
  uint32_t timer_kind_base = 300;
};

// What a sentinel knows of one monitored server.
struct SentinelLink {
  ConnId conn = kNoConn;
  int64_t last_ok_ms = 0;        // local ms of the last valid PING reply (or link start)
  bool ping_pending = false;
  int64_t ping_sent_ms = 0;
  std::string reported_role;     // from INFO replication: "master" / "slave" / ""
  std::string reported_master;   // master_host of a replica
  uint64_t offset = 0;           // slave_repl_offset / master_repl_offset
  bool operator==(const SentinelLink&) const = default;
};

class Sentinel : public Process {
 public:
  explicit Sentinel(SentinelConfig cfg = {});

  std::unique_ptr<Process> clone() const override { return std::make_unique<Sentinel>(*this); }
  std::string kind() const override { return "sentinel"; }
  void on_start(Env& env, const DiskImage& disk) override;
  void on_message(Env& env, ConnId conn, NodeId from, const Message& msg) override;
  void on_closed(Env& env, ConnId conn, NodeId peer) override;
  void on_timer(Env& env, TimerId timer) override;
  std::string timer_name(TimerId t) const override;
  StateLines state_lines() const override;

  // ---- views -----------------------------------------------------------------------------------
  const std::string& current_master() const { return master_; }
  const std::set<std::string>& replicas() const { return replicas_; }
  bool sdown() const { return sdown_; }
  bool odown() const { return odown_; }
  int failovers() const { return failovers_; }
  const std::map<std::string, SentinelLink>& links() const { return links_; }
  // The reply to a command from a client (SENTINEL get-master-addr-by-name NAME, PING, ...).
  RedisReply answer(const std::vector<std::string>& argv) const;

 private:
  enum TimerKind : uint32_t { kTick = 0 };
  TimerId tick_timer() const { return {cfg_.timer_kind_base + kTick, 0}; }
  static int64_t ms(Time now) { return now.ns / 1'000'000; }
  void probe(Env& env, const std::string& host, const std::vector<std::string>& argv, const std::string& what);
  void check_master(Env& env);
  void failover(Env& env);
  void switch_master(Env& env, const std::string& new_master);
  void on_server_reply(Env& env, const std::string& host, const std::string& what, const RedisReply& r);
  std::string addr(const std::string& host) const { return host + " 6379"; }

  SentinelConfig cfg_;
  std::string master_;
  std::set<std::string> replicas_;
  std::map<std::string, SentinelLink> links_;  // by host (servers and other sentinels)
  std::map<uint64_t, std::pair<std::string, std::string>> pending_;  // request id -> (host, what)
  std::set<std::string> agreeing_;  // other sentinels that said the master is down
  uint64_t next_id_ = 0;
  uint64_t ticks_ = 0;
  bool sdown_ = false, odown_ = false, abort_noted_ = false;
  int failovers_ = 0;
};

}  // namespace zoolab::core::redis
