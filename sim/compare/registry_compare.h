// `zoolab compare-registries`: the same seed and fault plan against two worlds — a 3-server
// ZooKeeper ensemble with zk-registry-clients (CP) and a 3-peer Eureka cluster with
// eureka-clients (AP) — and what each side's consumers measured: availability of register and
// lookup, outages, and staleness of their cached instance lists.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/compare/registry_metrics.h"
#include "sim/compare/registry_plan.h"

namespace zoolab::sim::compare {

struct CompareOptions {
  uint64_t seed = 1;
  std::string faults = "default";
  std::optional<Duration> duration;        // default: the plan's end + 30 s
  int providers = 8;                       // p1..pN; Eureka self-preservation needs > 6 for one loss to stay under 15%
  Duration probe_interval = core::milliseconds(100);
  Duration probe_timeout = core::seconds(3);
  int32_t session_timeout_ms = 30000;      // ZooKeeper clients (Curator: 60 s, kazoo: 10 s)
  bool checkers = false;                   // the invariant checkers (slower; the ZAB ones apply)
};

struct FaultResult {
  std::string name, target;
  Time at, until;
  Duration write_outage, read_outage;  // the longest outage a consumer saw from `at` until the next fault
};

struct SideReport {
  std::string name;
  Availability reg, look;
  Duration write_down, read_down, write_longest, read_longest;  // the worst consumer's
  // Per consumer: how long after a provider crashed it was still listed (dead), and how long
  // after a provider started it was not yet listed (fresh); undecided ones are counted apart.
  std::vector<Duration> stale_dead, stale_fresh;
  uint32_t stale_dead_censored = 0, stale_fresh_censored = 0;  // still wrong at the end of the run
  Disagreement disagreement;        // summed over consumers
  std::vector<FaultResult> faults;
  uint64_t events = 0;
  std::vector<std::string> notes;   // what happened worth saying (self-preservation, sessions)
};

struct CompareReport {
  CompareOptions options;
  std::vector<PlannedFault> plan;
  Time measure_from, end;
  SideReport zk, eureka;
};

// The .zls text each side runs (faults are applied by the runner, except a new provider's start).
std::string zookeeper_side_text(const CompareOptions& o, const std::vector<PlannedFault>& plan, Time end);
std::string eureka_side_text(const CompareOptions& o, const std::vector<PlannedFault>& plan, Time end);

// Throws std::invalid_argument for a bad plan or options.
CompareReport compare_registries(const CompareOptions& o);
std::string format_report(const CompareReport& r);

}  // namespace zoolab::sim::compare
