// The fault and control vocabulary shared by scenarios, the GUI, interventions and the fuzzer.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/base/ids.h"
#include "core/base/time.h"
#include "sim/kernel/latency.h"
#include "sim/kernel/network.h"

namespace zoolab::sim {

using core::Duration;
using core::NodeId;

constexpr NodeId kAllNodes = core::kNoNode;  // "every link" in SetLatency

struct StartNode { NodeId node; bool operator==(const StartNode&) const = default; };
struct CrashNode { NodeId node; bool operator==(const CrashNode&) const = default; };  // process dies, machine up
struct RestartNode { NodeId node; bool operator==(const RestartNode&) const = default; };  // crash if running, then start
struct PowerOffNode { NodeId node; bool operator==(const PowerOffNode&) const = default; };  // silent
struct PauseNode { NodeId node; Duration length; bool operator==(const PauseNode&) const = default; };  // GC pause
struct PartitionNet {
  std::vector<std::vector<NodeId>> groups;
  bool one_way = false;
  bool operator==(const PartitionNet&) const = default;
};
struct HealNet { bool operator==(const HealNet&) const = default; };
struct SetLatency {
  NodeId a = kAllNodes, b = kAllNodes;  // both kAllNodes: the default for every link
  LatencyModel model;
  bool operator==(const SetLatency&) const = default;
};
struct ShiftClock { NodeId node; Duration delta; bool operator==(const ShiftClock&) const = default; };
struct SetClockDrift { NodeId node; int64_t ppm; bool operator==(const SetClockDrift&) const = default; };
struct SlowDisk { NodeId node; Duration extra; bool operator==(const SlowDisk&) const = default; };
struct SetNotTcp { NotTcpModes modes; bool operator==(const SetNotTcp&) const = default; };
// Manual delivery: fire the pending event with this seq next.
struct DeliverEvent { uint64_t seq; bool operator==(const DeliverEvent&) const = default; };

// A line typed into a node's program (a zkCli command for a client process).
struct TypeLine { NodeId node; std::string text; bool operator==(const TypeLine&) const = default; };

using Action = std::variant<StartNode, CrashNode, RestartNode, PowerOffNode, PauseNode, PartitionNet,
                            HealNet, SetLatency, ShiftClock, SetClockDrift, SlowDisk, SetNotTcp,
                            DeliverEvent, TypeLine>;

}  // namespace zoolab::sim
