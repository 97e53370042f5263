// Link configuration and partitions.
#include "sim/kernel/network.h"

namespace zoolab::sim {

const LatencyModel& Network::latency(NodeId a, NodeId b) const {
  auto it = link_latency_.find(key(a, b));
  return it == link_latency_.end() ? default_latency_ : it->second;
}

void Network::set_partition(const std::vector<std::vector<NodeId>>& groups, bool one_way) {
  blocked_.clear();
  for (size_t i = 0; i < groups.size(); ++i) {
    for (size_t j = i + 1; j < groups.size(); ++j) {
      for (NodeId x : groups[i]) {
        for (NodeId y : groups[j]) {
          if (x == y) continue;
          blocked_.insert({x, y});
          if (!one_way) blocked_.insert({y, x});
        }
      }
    }
  }
}

}  // namespace zoolab::sim
