// Seed -> scenario text for the fuzzer: an ensemble, zkCli clients with a random workload, and
// swarm-chosen faults, written as .zls so every failure replays with `zoolab run FILE`.
// Pure functions: no I/O, no clocks, randomness only from core::Rng streams under the seed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/time.h"

namespace zoolab::sim::explore {

// The fault vocabulary the fuzzer draws from (DESIGN §3 faults, as scenario lines).
enum class FaultKind : uint8_t {
  kCrash,      // crash zkN ... restart zkN
  kPowerOff,   // poweroff zkN ... restart zkN
  kPartition,  // partition A B | C ... heal
  kOneWay,     // partition A -> B C ... heal
  kPause,      // pause zkN 3s (GC)
  kSlowDisk,   // slow-disk zkN 80ms ... slow-disk zkN off
  kClock,      // clock zkN +2s / clock zkN drift +300ppm
  kDelay,      // latency A B uniform 20ms 200ms ... back to the base latency
};

std::string_view fault_kind_name(FaultKind k);
const std::vector<FaultKind>& all_fault_kinds();
// "crash,partition,pause" (also "all", or "none" alone); nullopt with the reason in *why for
// unknown names.
std::optional<std::vector<FaultKind>> parse_fault_kinds(std::string_view csv, std::string* why);
std::string fault_kind_list(const std::vector<FaultKind>& kinds);  // "crash,partition"

struct FuzzConfig {
  int servers = 3;                                    // voters zk1..zkN
  std::vector<FaultKind> faults = all_fault_kinds();  // the kinds a seed may enable
  core::Duration duration = core::seconds(60);        // the safety phase: faults and workload
  core::Duration liveness = core::seconds(30);        // after recovery a write must commit by then
  std::vector<std::string>
      bugs;  // protocol-bug switches: header lines `bug.NAME=on` (a fuzzer's self-test)
};

// What the liveness phase checks: `client` (a fresh zkCli session) types `create PATH x` at
// `from` (retrying every 10 s); the create must be confirmed by `deadline`.
struct LivenessProbe {
  std::string client;
  std::string path;
  core::Time from;
  core::Time deadline;
};

struct GeneratedScenario {
  uint64_t seed = 0;
  std::string text;                // the whole .zls file
  std::vector<FaultKind> enabled;  // this seed's swarm subset of FuzzConfig::faults
  LivenessProbe probe;
};

// Lines before this comment may be dropped by the minimiser; the recovery and the liveness
// probe after it stay (dropping a heal would fake a liveness failure).
constexpr std::string_view kRecoveryMarker = "# recovery: heal and restart everything";

// Deterministic: the same seed and config give the same text on every machine.
GeneratedScenario generate_scenario(uint64_t seed, const FuzzConfig& config);

}  // namespace zoolab::sim::explore
