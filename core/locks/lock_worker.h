// A lock worker: the seeds' "thread" that loops acquire → read A → compute (the critical section)
// → write A+1 → release, through one lock variant, against the protected resource. Its views say
// whether it believes it holds the lock (what the mutual-exclusion checker compares) and what
// each acquisition cost (latency, requests, wake-ups).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/process.h"
#include "core/locks/kv_lock_client.h"
#include "core/locks/redlock_client.h"
#include "core/locks/zk_lock_client.h"

namespace zoolab::core::locks {

struct LockWorkerConfig {
  LockVariant variant = LockVariant::kRedisSetNxEx;
  std::string name;                     // owner value / node data
  NodeId resource = kNoNode;
  int64_t hold_min_ms = 100, hold_max_ms = 100;  // critical-section length (uniform)
  int64_t think_ms = 0;                 // pause between a release and the next attempt
  int64_t start_ms = 0;                 // first attempt after this long
  int64_t iterations = 0;               // 0 = forever
  bool fencing = false;                 // present the lock's token to the resource
  int64_t slow_at_ms = -1;              // the first critical section from this local time on ...
  int64_t slow_hold_ms = 0;             // ... takes this long (a slow holder, not a paused one)
  std::variant<KvLockOptions, RedlockOptions, ZkLockClientOptions> lock;
  bool operator==(const LockWorkerConfig&) const = default;
};

enum class WorkerState : uint8_t {
  kStarting, kThinking, kAcquiring, kReading, kWorking, kWriting, kReleasing, kDone,
};
std::string_view worker_state_name(WorkerState s);

class LockWorker : public Process {
 public:
  explicit LockWorker(LockWorkerConfig cfg);

  std::unique_ptr<Process> clone() const override { return std::make_unique<LockWorker>(*this); }
  std::string kind() const override { return "lock-worker"; }
  void on_start(Env& env, const DiskImage& disk) override;
  void on_message(Env& env, ConnId conn, NodeId from, const Message& msg) override;
  void on_closed(Env& env, ConnId conn, NodeId peer) override;
  void on_timer(Env& env, TimerId timer) override;
  void on_input(Env& env, const std::string& line) override;
  std::string timer_name(TimerId t) const override;
  StateLines state_lines() const override;

  // ---- views ---------------------------------------------------------------------------------
  const LockWorkerConfig& config() const { return cfg_; }
  LockVariant variant() const { return cfg_.variant; }
  // Which lock this is: workers with the same id contend ("redis-cad lock", "zk-seq-lock /locks/job").
  std::string lock_id() const;
  WorkerState state() const { return state_; }
  // Between the lock's "acquired" and the release: what a mutual-exclusion check compares.
  bool believes_held() const {
    return state_ == WorkerState::kReading || state_ == WorkerState::kWorking || state_ == WorkerState::kWriting;
  }
  std::optional<Time> waiting_since() const { return state_ == WorkerState::kAcquiring ? std::optional(wait_start_) : std::nullopt; }
  std::optional<int64_t> token() const { return token_; }
  uint64_t acquisitions() const { return acquisitions_; }
  uint64_t lost() const { return lost_; }                    // the lock told us it was lost
  uint64_t failed_releases() const { return failed_releases_; }
  uint64_t rejected_writes() const { return rejected_; }
  uint64_t requests_sent() const;                            // to the lock service
  uint64_t wakeups() const;                                  // ZooKeeper watch wake-ups
  const std::vector<int64_t>& acquire_latencies_us() const { return latencies_us_; }
  std::string lock_state_text() const;                       // the lock client's named state
  const ZkLockClient* zk() const { return std::get_if<ZkLockClient>(&client_); }

 private:
  enum TimerKind : uint32_t { kThinkTimer = 1, kWorkTimer = 2 };
  void begin_acquire(Env& env);
  void after_events(Env& env);
  void send_resource(Env& env, ResourceOp op, int64_t value);
  void finish_iteration(Env& env);
  Duration hold_time(Env& env);

  LockWorkerConfig cfg_;
  std::variant<KvLockClient, RedlockClient, ZkLockClient> client_;
  WorkerState state_ = WorkerState::kStarting;
  ConnId resource_conn_ = kNoConn;
  uint64_t next_id_ = 1, pending_id_ = 0;
  int64_t read_value_ = 0;
  std::optional<int64_t> token_;
  bool lost_in_section_ = false;
  bool slow_done_ = false;
  Time wait_start_{0};
  uint64_t acquisitions_ = 0, lost_ = 0, failed_releases_ = 0, rejected_ = 0, iterations_done_ = 0;
  std::vector<int64_t> latencies_us_;
};

}  // namespace zoolab::core::locks
