// RedisServer: a Redis 7 server model (strings with expiry, lock scripts, master/replica
// replication) as a sans-I/O process. Expiry uses the machine's own clock, so clock faults matter.
// No persistence (no RDB, no AOF): a restarted server starts empty.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/base/process.h"
#include "core/proto/redis_protocol.h"

namespace zoolab::core::redis {

struct RedisValue {
  std::string value;
  int64_t expire_at_ms = -1;  // absolute, on the server's calendar (local_ms); -1 = no expiry
  bool operator==(const RedisValue&) const = default;
};

struct RedisServerConfig {
  std::string name = "redis";              // this machine's host name (INFO, replica hello)
  int32_t port = 6379;
  std::string replicaof;                   // host name of the master to replicate at start ("" = master)
  std::map<std::string, NodeId> hosts;     // host name -> node, to resolve REPLICAOF host port
  int32_t hz = 10;                         // active expire cycles per second (Redis `hz`)
  uint32_t timer_kind_base = 200;
};

enum class RedisRole : uint8_t { kMaster, kReplica };

// A replica as its master sees it.
struct ReplicaLink {
  NodeId node = kNoNode;
  std::string name;
  uint64_t acked_offset = 0;  // last REPLCONF ACK
  bool operator==(const ReplicaLink&) const = default;
};

class RedisServer : public Process {
 public:
  explicit RedisServer(RedisServerConfig cfg = {});

  std::unique_ptr<Process> clone() const override { return std::make_unique<RedisServer>(*this); }
  std::string kind() const override { return "redis"; }
  void on_start(Env& env, const DiskImage& disk) override;
  void on_message(Env& env, ConnId conn, NodeId from, const Message& msg) override;
  void on_closed(Env& env, ConnId conn, NodeId peer) override;
  void on_timer(Env& env, TimerId timer) override;
  std::string timer_name(TimerId t) const override;
  StateLines state_lines() const override;
  void check_invariants() const override;

  // Runs one command as a client on `conn` would (tests, the shell's `!redis`). The reply's id is 0.
  RedisReply execute(Env& env, const std::vector<std::string>& argv, ConnId conn = kNoConn);

  // ---- views for the GUI, checkers and lock clients ---------------------------------------
  // Every stored key, including keys whose expiry has passed but which no access or active
  // cycle has removed yet (what DBSIZE counts).
  const std::map<std::string, RedisValue>& keyspace() const { return keys_; }
  // The server's calendar in ms for a local clock reading: zk::kCalendarStartMs + now.
  static int64_t local_ms(Time now);
  // PTTL as the server would answer at local time `now` without touching anything:
  // -2 missing or logically expired, -1 no expiry, else ms left.
  int64_t ttl_ms(const std::string& key, Time now) const;
  bool is_master() const { return role_ == RedisRole::kMaster; }
  RedisRole role() const { return role_; }
  const std::string& master_host() const { return master_host_; }  // "" when master
  std::optional<NodeId> master_node() const;
  bool master_link_up() const { return master_synced_; }
  uint64_t repl_offset() const { return offset_; }
  const std::map<ConnId, ReplicaLink>& replicas() const { return replicas_; }
  uint64_t commands_processed() const { return commands_; }
  uint64_t expired_keys() const { return expired_lazy_ + expired_active_; }
  uint64_t expired_lazy() const { return expired_lazy_; }
  uint64_t expired_active() const { return expired_active_; }
  const RedisServerConfig& config() const { return cfg_; }

 private:
  enum TimerKind : uint32_t { kActiveExpire = 0, kReconnect = 1, kReplAck = 2 };
  TimerId timer(TimerKind k) const { return {cfg_.timer_kind_base + k, 0}; }

  // Keyspace access with Redis' lazy expiry (expireIfNeeded): a master deletes an expired key
  // and propagates DEL; a replica only hides it.
  RedisValue* lookup(Env& env, const std::string& key);
  bool logically_expired(const RedisValue& v, int64_t now_ms) const;
  void delete_expired(Env& env, std::map<std::string, RedisValue>::iterator it, bool active);
  void active_expire_cycle(Env& env);
  void propagate(Env& env, std::vector<std::string> argv);
  void apply_stream(Env& env, const std::vector<std::string>& argv);

  // Replication roles.
  void become_replica_of(Env& env, const std::string& host);
  void become_master(Env& env, const std::string& why);
  void connect_to_master(Env& env);
  void on_replica_hello(Env& env, ConnId conn, NodeId from, const ReplicaHello& hello);

  // Commands (redis_commands.cpp).
  RedisReply dispatch(Env& env, const std::vector<std::string>& argv, ConnId conn);
  RedisReply cmd_set(Env& env, const std::vector<std::string>& argv);
  RedisReply cmd_setex(Env& env, const std::vector<std::string>& argv, int64_t unit_ms, const std::string& name);
  RedisReply cmd_expire(Env& env, const std::vector<std::string>& argv, int64_t unit_ms, bool absolute,
                        const std::string& name);
  RedisReply cmd_ttl(Env& env, const std::string& key, bool ms);
  RedisReply cmd_incr(Env& env, const std::string& key, std::optional<int64_t> by);
  RedisReply cmd_eval(Env& env, const std::vector<std::string>& argv, bool by_sha);
  RedisReply cmd_script(Env& env, const std::vector<std::string>& argv);
  RedisReply cmd_replicaof(Env& env, const std::vector<std::string>& argv);
  RedisReply cmd_info(Env& env, const std::vector<std::string>& argv);
  RedisReply cmd_role() const;
  // Sets a key's expiry to `when_ms` (absolute); deletes it when already past (EXPIRE semantics).
  RedisReply expire_at(Env& env, const std::string& key, int64_t when_ms);
  std::string replication_info() const;

  RedisServerConfig cfg_;
  RedisRole role_ = RedisRole::kMaster;
  std::map<std::string, RedisValue> keys_;
  std::map<std::string, std::string> scripts_;  // sha1 -> script (EVAL and SCRIPT LOAD fill it)
  std::string expire_cursor_;                   // where the next active cycle resumes (map order)
  uint64_t offset_ = 0;                         // replication offset (bytes of RESP propagated)
  uint64_t commands_ = 0;
  uint64_t expired_lazy_ = 0, expired_active_ = 0;
  // Master side.
  std::map<ConnId, ReplicaLink> replicas_;
  // Replica side.
  std::string master_host_;
  ConnId master_conn_ = kNoConn;
  bool master_synced_ = false;
};

}  // namespace zoolab::core::redis
