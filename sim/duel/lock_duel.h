// The lock duel: every lock variant under the same seed, workload and fault plan, each in its own
// world built from a generated scenario (so any row can be replayed or opened in the GUI), and
// the measurements `zoolab compare-locks` prints.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/time.h"
#include "core/locks/lock_variant.h"

namespace zoolab::sim::duel {

// What goes wrong, and to whom: the plan's victim is worker w1.
enum class FaultPlan : uint8_t {
  kNone,
  kGcPause,        // w1 pauses (GC) right after an acquisition, longer than the lease/session timeout
  kHolderCrash,    // w1 crashes right after taking the lock (redis-setnx-expire: between SETNX and EXPIRE)
  kPartition,      // w1 is cut off from the lock service while holding, then healed
  kFailover,       // the lock service loses its leader/master while w1 holds (Redis: Sentinel failover)
  kClockJump,      // the lock service's (first) server jumps its clock forward by the lease
  kSlowHolder,     // one critical section of w1 takes longer than the lease (the process keeps running)
};
std::string_view plan_name(FaultPlan p);
std::optional<FaultPlan> parse_plan(std::string_view s);
std::string plan_names_joined();
std::string_view plan_summary(FaultPlan p);

struct DuelOptions {
  int clients = 3;
  core::Duration duration = core::seconds(120);
  FaultPlan plan = FaultPlan::kGcPause;
  core::Duration fault_at = core::seconds(20);  // the plan arms at this time
  uint64_t seed = 1;
  bool fencing = false;                          // resource checks tokens; variants that have one present it
  core::Duration lease = core::seconds(30);      // Redis / memcached lease (Redisson's default)
  core::Duration session_timeout = core::seconds(10);  // ZooKeeper lock clients
  core::Duration hold_min = core::milliseconds(50), hold_max = core::milliseconds(150);
  core::Duration think = core::milliseconds(20);
  std::vector<core::locks::LockVariant> variants;  // empty: all
};

struct DuelRow {
  core::locks::LockVariant variant{};
  bool fenced = false;                // the resource checked this variant's tokens
  uint64_t acquisitions = 0;
  uint64_t violations = 0;            // mutual-exclusion episodes (two workers believed they held)
  uint64_t lost_updates = 0;
  uint64_t rejected_writes = 0;       // stale tokens refused by the resource
  core::Duration dead_owner_time{0};  // the lock stayed with a crashed/paused owner while others waited
  bool deadlocked = false;            // at the end: held forever by a dead owner
  int64_t latency_p50_us = 0, latency_p99_us = 0;
  double requests_per_acquisition = 0;
  double wakeups_per_release = 0;     // ZooKeeper only (others spin: see requests)
  double fifo_percent = 0;            // acquisitions that went to the longest-waiting worker
  uint64_t events = 0;
  std::string note;                   // e.g. "no fencing token" for Redlock
};

// The scenario text one row runs (header, workers, resource, services and fault steps).
std::string duel_scenario(const DuelOptions& o, core::locks::LockVariant v);
DuelRow run_duel(const DuelOptions& o, core::locks::LockVariant v);
std::vector<DuelRow> run_all(const DuelOptions& o);
// The table `compare-locks` prints.
std::string format_table(const DuelOptions& o, const std::vector<DuelRow>& rows);

}  // namespace zoolab::sim::duel
