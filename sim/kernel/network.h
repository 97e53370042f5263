// The simulated network: TCP-like connections made of two FIFO channels, per-link latency,
// partitions (any grouping, one-way) and the opt-in "not TCP" lesson modes.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "core/base/ids.h"
#include "core/base/message.h"
#include "core/base/time.h"
#include "sim/kernel/latency.h"

namespace zoolab::sim {

using core::ConnId;
using core::NodeId;
using core::Time;

struct Packet {
  enum class Kind : uint8_t { kOpen, kData, kClose, kReset };
  Kind kind = Kind::kData;
  core::Message msg;
  Time sent;
  Time arrive;
};

// Packets from one end to the other, delivered strictly in order; at most one pending
// delivery event (for the head), which is what keeps FIFO structural.
struct Channel {
  std::deque<Packet> packets;
  uint64_t scheduled_seq = 0;  // seq of the head's delivery event; 0 = none
};

struct Connection {
  NodeId end[2] = {core::kNoNode, core::kNoNode};  // end[0] opened it
  bool open[2] = {true, true};  // that end still holds the connection
  bool dead = false;            // silently broken (partition, power loss): nothing arrives
  Channel ch[2];                // ch[i] carries end[i] -> end[1 - i]
  int side_of(NodeId n) const { return end[0] == n ? 0 : 1; }
};

// Lesson modes that break TCP's guarantees on purpose, in permille per packet.
struct NotTcpModes {
  uint32_t loss_permille = 0;
  uint32_t duplicate_permille = 0;
  uint32_t reorder_permille = 0;
  bool any() const { return loss_permille || duplicate_permille || reorder_permille; }
  bool operator==(const NotTcpModes&) const = default;
};

class Network {
 public:
  void set_default_latency(LatencyModel m) { default_latency_ = m; }
  void set_latency(NodeId a, NodeId b, LatencyModel m) { link_latency_[key(a, b)] = m; }
  const LatencyModel& latency(NodeId a, NodeId b) const;
  const LatencyModel& default_latency() const { return default_latency_; }
  const std::map<std::pair<NodeId, NodeId>, LatencyModel>& link_latencies() const { return link_latency_; }

  // Replaces the current cut. Symmetric: no traffic between different groups.
  // One-way: traffic from groups[0] to every later group is dropped; the reverse flows.
  void set_partition(const std::vector<std::vector<NodeId>>& groups, bool one_way);
  void heal() { blocked_.clear(); }
  bool blocked(NodeId from, NodeId to) const { return blocked_.count({from, to}) != 0; }
  bool cut_between(NodeId a, NodeId b) const { return blocked(a, b) || blocked(b, a); }
  const std::set<std::pair<NodeId, NodeId>>& blocked_pairs() const { return blocked_; }

  NotTcpModes modes;
  std::map<ConnId, Connection> conns;

 private:
  static std::pair<NodeId, NodeId> key(NodeId a, NodeId b) { return a < b ? std::pair{a, b} : std::pair{b, a}; }
  LatencyModel default_latency_ = FixedLatency{Duration{1'000'000}};
  std::map<std::pair<NodeId, NodeId>, LatencyModel> link_latency_;
  std::set<std::pair<NodeId, NodeId>> blocked_;  // directed (from, to)
};

}  // namespace zoolab::sim
