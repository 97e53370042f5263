// Fault plans for the registry comparison (see header).
#include "sim/compare/registry_plan.h"

#include <stdexcept>

namespace zoolab::sim::compare {

const std::vector<FaultSpec>& fault_specs() {
  using core::seconds;
  static const std::vector<FaultSpec> kSpecs = {
      {FaultKind::kLeaderCrash, "leader-crash", "the ZooKeeper leader's process dies (Eureka: e1), restarted after 30 s", seconds(30)},
      {FaultKind::kLeaderPartition, "leader-partition",
       "the ZooKeeper leader (Eureka: e1) is cut from every other machine for 60 s: a hung leader", seconds(60)},
      {FaultKind::kPartitionMinority, "partition-minority",
       "one follower server (Eureka: e1) with consumer c1 and provider p1 is cut from the rest for 60 s", seconds(60)},
      {FaultKind::kPartitionMajorityClients, "partition-majority-clients",
       "every client can reach only one follower server (Eureka: e1) for 60 s", seconds(60)},
      {FaultKind::kRegistryPeerPartition, "registry-peer-partition",
       "the three registry servers are cut from each other for 60 s; clients reach all of them", seconds(60)},
      {FaultKind::kProviderCrash, "provider-crash", "provider p1 dies for good (observed for 300 s)", seconds(300)},
      {FaultKind::kNewProvider, "new-provider", "a new provider starts (observed for 60 s)", seconds(60)},
  };
  return kSpecs;
}

std::optional<FaultSpec> find_fault(const std::string& name) {
  for (const FaultSpec& s : fault_specs())
    if (name == s.name) return s;
  return std::nullopt;
}

std::string default_plan_text() { return "leader-crash,leader-partition,partition-minority,provider-crash,new-provider"; }

std::vector<PlannedFault> make_plan(const std::string& text, core::Time first, core::Duration settle) {
  std::string list = text == "default" ? default_plan_text() : text;
  if (text == "all") {
    list.clear();
    for (const FaultSpec& s : fault_specs()) list += (list.empty() ? "" : ",") + std::string(s.name);
  }
  std::vector<PlannedFault> out;
  core::Time at = first;
  for (size_t start = 0; start <= list.size();) {
    const size_t comma = std::min(list.find(',', start), list.size());
    const std::string name = list.substr(start, comma - start);
    start = comma + 1;
    if (name.empty()) continue;
    const auto spec = find_fault(name);
    if (!spec) {
      std::string valid;
      for (const FaultSpec& s : fault_specs()) valid += (valid.empty() ? "" : ", ") + std::string(s.name);
      throw std::invalid_argument("unknown fault '" + name + "' (valid: " + valid + ", default, all)");
    }
    for (const PlannedFault& p : out)
      if (p.spec.kind == spec->kind) throw std::invalid_argument("fault '" + name + "' is named twice");
    out.push_back({*spec, at, at + spec->length});
    at = at + spec->length + settle;
  }
  return out;
}

}  // namespace zoolab::sim::compare
