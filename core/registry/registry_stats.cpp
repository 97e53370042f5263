// ClientStats (see header).
#include "core/registry/registry_stats.h"

#include <algorithm>

namespace zoolab::core::registry {

const char* probe_outcome_name(ProbeOutcome o) {
  switch (o) {
    case ProbeOutcome::kOk: return "ok";
    case ProbeOutcome::kError: return "error";
    case ProbeOutcome::kTimeout: return "timeout";
  }
  return "?";
}

void ClientStats::record_probe(ProbeResult r) {
  const bool ok = r.outcome == ProbeOutcome::kOk;
  if (r.kind == ProbeKind::kRegister) (ok ? register_ok : register_failed)++;
  else (ok ? lookup_ok : lookup_failed)++;
  probes.push_back(std::move(r));
}

void ClientStats::record_cache(Time at, std::vector<std::string> instances) {
  std::sort(instances.begin(), instances.end());
  if (!cache_history.empty() && cache_history.back().instances == instances) return;
  cache_history.push_back(CacheChange{at, std::move(instances)});
}

}  // namespace zoolab::core::registry
