// Fault plans for `zoolab compare-registries`: named faults placed one after another on a
// timeline, each resolved against the world it hits (ZooKeeper: the established leader at that
// moment; Eureka: e1, the first server in every client's list and so the one most traffic uses).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/time.h"

namespace zoolab::sim::compare {

enum class FaultKind : uint8_t {
  kLeaderCrash,             // the leader's process dies; restarted after `length`
  kLeaderPartition,         // the leader is cut from everyone (a hung leader: sockets stay open)
  kPartitionMinority,       // one follower server with consumer c1 and provider p1 | the rest
  kPartitionMajorityClients,// every client with one follower server | the other two servers
  kRegistryPeerPartition,   // the three servers cut from each other; clients reach all
  kProviderCrash,           // provider p1 dies for good
  kNewProvider,             // a provider that was not running starts
};

struct FaultSpec {
  FaultKind kind;
  const char* name;
  const char* help;
  core::Duration length;  // how long the fault lasts (or how long it is observed)
};
const std::vector<FaultSpec>& fault_specs();
std::optional<FaultSpec> find_fault(const std::string& name);

struct PlannedFault {
  FaultSpec spec;
  core::Time at, until;  // start, heal/restart (== end of observation)
};

// Parses "a,b,c" (or "default"/"all") into faults placed from `first` on, each followed by a
// settle gap; an unknown name throws std::invalid_argument listing the valid ones.
std::vector<PlannedFault> make_plan(const std::string& text, core::Time first, core::Duration settle);
std::string default_plan_text();

}  // namespace zoolab::sim::compare
