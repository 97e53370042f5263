// Identifiers shared by every process and by the simulator.
#pragma once

#include <compare>
#include <cstdint>

namespace zoolab::core {

// Index of a machine (and the process it hosts) in a world; stable for the world's lifetime.
using NodeId = uint32_t;
constexpr NodeId kNoNode = UINT32_MAX;

// A connection: the opening node in the high half, that node's own counter in the low half,
// so ids are unique and deterministic without a global allocator.
using ConnId = uint64_t;
constexpr ConnId kNoConn = 0;
constexpr ConnId make_conn_id(NodeId opener, uint32_t seq) {
  return (static_cast<uint64_t>(opener) << 32) | seq;
}
constexpr NodeId conn_opener(ConnId c) { return static_cast<NodeId>(c >> 32); }

// Timers are data: a kind (the process's named timeout table) and an id within it.
struct TimerId {
  uint32_t kind = 0;
  uint64_t id = 0;
  auto operator<=>(const TimerId&) const = default;
};

}  // namespace zoolab::core
