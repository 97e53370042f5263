// Pure measurements over what registry clients recorded (core/registry/registry_stats.h):
// availability of probe operations, outages as gaps between successful operations (the way
// reference §14.11 measured the ZooKeeper failover), and staleness of a consumer's cached
// instance list against the truth (which providers were alive when).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/time.h"
#include "core/registry/registry_stats.h"

namespace zoolab::sim::compare {

using core::Duration;
using core::Time;

struct Availability {
  uint64_t ok = 0, total = 0;
  double percent() const { return total == 0 ? 100.0 : 100.0 * static_cast<double>(ok) / static_cast<double>(total); }
};
// Probes of `kind` sent at or after `from`.
Availability availability(const core::registry::ClientStats& s, core::registry::ProbeKind kind, Time from);

struct Outage {
  Time from, to;  // last success before, first success after (or the end)
  Duration length() const { return to - from; }
};
// Gaps between consecutive successful completions longer than `threshold` (normally two probe
// intervals), counted from `from` to `end`; a tail with no success is an outage until `end`.
std::vector<Outage> outages(const core::registry::ClientStats& s, core::registry::ProbeKind kind, Time from, Time end,
                            Duration threshold);
Duration total(const std::vector<Outage>& o);
Duration longest(const std::vector<Outage>& o);
// The outages that overlap [a, b).
std::vector<Outage> overlapping(const std::vector<Outage>& o, Time a, Time b);

// When a provider was alive (its process running): half-open intervals.
struct Alive {
  std::string instance;
  std::vector<std::pair<Time, Time>> intervals;
  bool at(Time t) const;
};

// How long after `change` (a provider dying or appearing) a consumer's cache agreed with the
// truth about `instance`; nullopt = still wrong at `end` (censored).
std::optional<Duration> staleness_after(const core::registry::ClientStats& s, const std::string& instance, Time change,
                                        bool should_be_listed, Time end);

// Integrated disagreement between a consumer's cache and the truth from `from` to `end`:
// ghost = a dead provider still listed, missing = a live provider not listed.
struct Disagreement {
  Duration ghost, missing;
};
Disagreement disagreement(const core::registry::ClientStats& s, const std::vector<Alive>& truth, Time from, Time end);

// p50 of a sorted list of durations (lower median).
Duration median(std::vector<Duration> v);

}  // namespace zoolab::sim::compare
