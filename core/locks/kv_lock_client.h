// Lock clients over one key-value server: the seeds' Redis progression (SETNX+EXPIRE, SET NX EX,
// GET-compare-DEL, atomic compare-and-delete, watchdog renewal) and memcached `add`, each a named
// state machine. The owner (a lock worker) forwards messages/closes/timers and drains events.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/process.h"
#include "core/locks/lock_variant.h"

namespace zoolab::core::locks {

struct KvLockOptions {
  LockVariant variant = LockVariant::kRedisSetNxEx;
  std::string key = "lock";
  std::string owner;                    // the value written (the worker's name)
  NodeId server = kNoNode;              // the Redis master / memcached server
  NodeId sentinel = kNoNode;            // when set: ask it for the current master after errors
  std::string master_name = "mymaster";
  std::map<std::string, NodeId> nodes;  // machine names, to resolve Sentinel's answers
  int64_t lease_ms = 30000;
  int64_t renew_every_ms = 10000;       // watchdog period (Redisson: lease / 3)
  int64_t retry_ms = 100;               // spin interval while the lock is taken
  bool fencing = false;                 // INCR <key>:fence after acquiring; the result is the token
  int64_t reply_timeout_ms = 2000;      // a silent connection is given up after this (Jedis soTimeout)
  uint32_t timer_kind_base = 200;       // uses base .. base+3
  bool operator==(const KvLockOptions&) const = default;
};

// Named states (the GUI shows them).
enum class KvLockState : uint8_t {
  kIdle,
  kAskingSentinel,  // SENTINEL get-master-addr-by-name
  kTrying,          // SET NX / SETNX / add sent
  kSettingExpiry,   // SETNX won, EXPIRE sent (a crash now leaves a lock without expiry)
  kFencing,         // INCR of the fencing counter sent
  kWaitingToRetry,  // the lock was taken: spin after retry_ms
  kHeld,
  kCheckingOwner,   // GET sent before DEL (redis-get-del)
  kReleasing,       // DEL / compare-and-delete / memcached delete sent
};
std::string_view kv_lock_state_name(KvLockState s);

class KvLockClient {
 public:
  explicit KvLockClient(KvLockOptions o = {});

  void acquire(Env& env);
  void release(Env& env);
  // Return false when the input is not this client's.
  bool on_message(Env& env, ConnId conn, const Message& msg);
  bool on_closed(Env& env, ConnId conn);
  void fail_connection(Env& env);
  bool on_timer(Env& env, TimerId t);
  bool owns_timer(TimerId t) const { return t.kind >= opt_.timer_kind_base && t.kind < opt_.timer_kind_base + 4; }
  std::string timer_name(TimerId t) const;
  std::vector<LockClientEvent> take_events() { return std::exchange(events_, {}); }

  // ---- views ---------------------------------------------------------------------------------
  KvLockState state() const { return state_; }
  NodeId server() const { return server_; }
  uint64_t requests_sent() const { return requests_; }
  uint64_t renewals() const { return renewals_; }
  const KvLockOptions& options() const { return opt_; }
  bool operator==(const KvLockClient&) const = default;

 private:
  enum class Purpose : uint8_t { kSentinel, kTry, kExpire, kFence, kGet, kRelease, kRenew };
  // kStepTimer: the client code between two commands (SETNX→EXPIRE, GET→DEL) runs as its own
  // event, so a crash or a pause can fall between them, as in a real process.
  enum TimerKind : uint32_t { kRetryTimer = 0, kRenewTimer = 1, kStepTimer = 2, kReplyTimer = 3 };
  TimerId timer(TimerKind k) const { return TimerId{opt_.timer_kind_base + k, 0}; }
  bool memcached() const { return opt_.variant == LockVariant::kMemcachedAdd; }

  void send(Env& env, Purpose p, std::vector<std::string> argv);
  void send_memcached(Env& env, Purpose p, std::string text);
  void try_once(Env& env);
  void won(Env& env);
  void held(Env& env, std::optional<int64_t> token);
  void retry_later(Env& env);
  void on_reply(Env& env, Purpose p, const Message& msg);
  void on_failure(Env& env, Purpose p, const std::string& why);
  void send_release(Env& env);
  void released(bool ok, std::string detail);

  KvLockOptions opt_;
  KvLockState state_ = KvLockState::kIdle;
  NodeId server_ = kNoNode;
  ConnId conn_ = kNoConn;
  ConnId sentinel_conn_ = kNoConn;
  uint64_t next_id_ = 1;
  std::map<uint64_t, Purpose> pending_;  // request id -> why it was sent
  uint64_t requests_ = 0, renewals_ = 0;
  std::vector<LockClientEvent> events_;
};

}  // namespace zoolab::core::locks
