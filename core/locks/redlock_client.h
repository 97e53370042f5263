// Redlock (redis.io/docs/manual/patterns/distributed-locks): SET NX PX on N independent masters;
// the lock is held when a majority answered OK within the validity time. No fencing token exists.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/process.h"
#include "core/locks/lock_variant.h"

namespace zoolab::core::locks {

struct RedlockOptions {
  std::string key = "lock";
  std::string owner;
  std::vector<NodeId> masters;
  int64_t lease_ms = 30000;
  int64_t retry_ms = 200;            // plus a random 0..retry_ms, as the algorithm asks
  int64_t request_timeout_ms = 50;   // per attempt: silent masters count as refusals
  int64_t clock_drift_permille = 10; // drift allowance: lease * 1% + 2 ms
  uint32_t timer_kind_base = 200;    // uses base .. base+1
  bool operator==(const RedlockOptions&) const = default;
};

enum class RedlockState : uint8_t { kIdle, kTrying, kUnlockingFailed, kWaitingToRetry, kHeld, kReleasing };
std::string_view redlock_state_name(RedlockState s);

class RedlockClient {
 public:
  explicit RedlockClient(RedlockOptions o = {});
  void acquire(Env& env);
  void release(Env& env);
  bool on_message(Env& env, ConnId conn, const Message& msg);
  bool on_closed(Env& env, ConnId conn);
  bool on_timer(Env& env, TimerId t);
  bool owns_timer(TimerId t) const { return t.kind >= opt_.timer_kind_base && t.kind < opt_.timer_kind_base + 2; }
  std::string timer_name(TimerId t) const { return t.kind == opt_.timer_kind_base ? "redlock-retry" : "redlock-attempt"; }
  std::vector<LockClientEvent> take_events() { return std::exchange(events_, {}); }

  RedlockState state() const { return state_; }
  size_t votes() const { return oks_; }
  uint64_t requests_sent() const { return requests_; }
  const RedlockOptions& options() const { return opt_; }
  bool operator==(const RedlockClient&) const = default;

 private:
  enum class Purpose : uint8_t { kSet, kUnlock };
  struct Link {
    ConnId conn = kNoConn;
    std::map<uint64_t, Purpose> pending;
    bool operator==(const Link&) const = default;
  };
  void send(Env& env, size_t i, Purpose p, std::vector<std::string> argv);
  void answer(Env& env, Purpose p, bool ok);
  void decide(Env& env);
  void unlock_all(Env& env);
  void retry_later(Env& env);

  RedlockOptions opt_;
  RedlockState state_ = RedlockState::kIdle;
  std::vector<Link> links_;
  uint64_t next_id_ = 1;
  size_t answers_ = 0, oks_ = 0, unlocks_left_ = 0;
  Time started_{0};
  uint64_t requests_ = 0;
  std::vector<LockClientEvent> events_;
};

}  // namespace zoolab::core::locks
