// A simulated disk: appends become durable only when an fsync completes; crashes lose the rest.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <variant>

#include "core/base/outbox.h"
#include "core/base/process.h"
#include "core/base/time.h"

namespace zoolab::sim {

using core::Duration;
using core::Time;

class Disk {
 public:
  struct PendingSync {
    uint64_t serial;   // names the completion event
    uint64_t upto_op;  // every op numbered below this becomes durable
    uint64_t token;    // handed back to the process
    Time done_at;
  };

  void append(core::AppendCmd op) { unsynced_.push_back(std::move(op)); ++ops_issued_; }
  void truncate(core::TruncateCmd op) { unsynced_.push_back(std::move(op)); ++ops_issued_; }
  // Queues an fsync; they complete one after another, each taking the fsync latency.
  const PendingSync& fsync(Time now, uint64_t token);
  // Applies the oldest pending fsync (must be `serial`); returns its token.
  uint64_t complete(uint64_t serial);
  // Crash or power loss: the unsynced tail and the queued fsyncs are gone.
  void lose_unsynced();

  bool is_front(uint64_t serial) const { return !syncs_.empty() && syncs_.front().serial == serial; }
  // Still queued (not completed, not lost in a crash). Completions fire in serial order.
  bool pending(uint64_t serial) const {
    return !syncs_.empty() && syncs_.front().serial <= serial && serial <= syncs_.back().serial;
  }
  const core::DiskImage& durable() const { return durable_; }
  size_t unsynced_ops() const { return unsynced_.size(); }
  size_t pending_syncs() const { return syncs_.size(); }
  uint64_t unsynced_bytes() const;

  Duration fsync_latency{1'000'000};  // 1 ms
  Duration slow_extra{0};             // the slow-disk fault adds this to every fsync

 private:
  void apply(const std::variant<core::AppendCmd, core::TruncateCmd>& op);
  core::DiskImage durable_;
  std::deque<std::variant<core::AppendCmd, core::TruncateCmd>> unsynced_;
  std::deque<PendingSync> syncs_;
  uint64_t ops_issued_ = 0;   // ops ever queued
  uint64_t ops_applied_ = 0;  // ops made durable or lost
  uint64_t next_serial_ = 1;
  Time last_done_{0};
};

}  // namespace zoolab::sim
