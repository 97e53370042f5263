// What a registry client measured, kept as plain data in its view: the outcome of every probe
// operation (a throwaway registration or a registry lookup) and every change of the client's
// cached instance list. The comparison runner and the GUI read these; both registry kinds
// (Eureka-like and ZooKeeper) fill them the same way, so their numbers are comparable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/time.h"

namespace zoolab::core::registry {

enum class ProbeKind : uint8_t { kRegister, kLookup };
enum class ProbeOutcome : uint8_t { kOk, kError, kTimeout };
const char* probe_outcome_name(ProbeOutcome o);

struct ProbeResult {
  ProbeKind kind = ProbeKind::kRegister;
  Time sent;           // the client's local clock
  Time decided;        // reply or deadline
  ProbeOutcome outcome = ProbeOutcome::kOk;
  std::string detail;  // "503", "ConnectionLoss", "timeout", ...
  bool operator==(const ProbeResult&) const = default;
};

// The cached list of one app's instances as a caller of the service would see it.
struct CacheChange {
  Time at;                             // the client's local clock
  std::vector<std::string> instances;  // sorted
  bool operator==(const CacheChange&) const = default;
};

struct ClientStats {
  std::vector<ProbeResult> probes;
  std::vector<CacheChange> cache_history;  // only changes; the first entry is the first fill
  uint64_t register_ok = 0, register_failed = 0, lookup_ok = 0, lookup_failed = 0;

  void record_probe(ProbeResult r);
  // Records the new list when it differs from the last one.
  void record_cache(Time at, std::vector<std::string> instances);
  const std::vector<std::string>* current_cache() const {
    return cache_history.empty() ? nullptr : &cache_history.back().instances;
  }
  bool operator==(const ClientStats&) const = default;
};

// One pending probe with its deadline, shared by both client kinds.
struct PendingProbe {
  uint64_t id = 0;  // request id (Eureka) or xid (ZooKeeper)
  ProbeKind kind = ProbeKind::kRegister;
  Time sent, deadline;
  std::string name;  // the probe instance (register probes)
  bool operator==(const PendingProbe&) const = default;
};

}  // namespace zoolab::core::registry
