// Human words for simulator enums (see labels.h).
#include "gui/labels.h"

#include <fmt/format.h>

namespace zoolab::gui {

std::string_view event_kind_label(sim::EventKind k) {
  switch (k) {
    case sim::EventKind::kDeliver:
      return "deliver";
    case sim::EventKind::kTimer:
      return "timer";
    case sim::EventKind::kDiskDone:
      return "disk";
    case sim::EventKind::kResume:
      return "resume";
    case sim::EventKind::kScript:
      return "script";
  }
  return "?";
}

std::string_view packet_kind_label(sim::Packet::Kind k) {
  switch (k) {
    case sim::Packet::Kind::kOpen:
      return "connect";
    case sim::Packet::Kind::kData:
      return "data";
    case sim::Packet::Kind::kClose:
      return "close";
    case sim::Packet::Kind::kReset:
      return "reset";
  }
  return "?";
}

std::string node_label(const sim::World& world, NodeId id) {
  if (id == core::kNoNode) return "-";
  if (id >= world.node_count()) return "?";
  return world.node(id).name;
}

std::string node_state_text(const sim::World& world, NodeId id) {
  const sim::Node& n = world.node(id);
  switch (n.state) {
    case sim::NodeState::kNotStarted:
      return "not started";
    case sim::NodeState::kCrashed:
      return "crashed";
    case sim::NodeState::kPoweredOff:
      return "powered off";
    case sim::NodeState::kRunning:
      if (world.paused(id))
        return "paused (" + core::format_duration(n.paused_until - world.now()) + " left)";
      return "running";
  }
  return "?";
}

std::string seconds_label(core::Time t) {
  return core::format_seconds(t) + " s";
}

std::string compact_number(double v) {
  if (v >= 1e9) return fmt::format("{:.2f} G", v / 1e9);
  if (v >= 1e6) return fmt::format("{:.2f} M", v / 1e6);
  if (v >= 1e4) return fmt::format("{:.1f} k", v / 1e3);
  if (v >= 100) return fmt::format("{:.0f}", v);
  return fmt::format("{:.2f}", v);
}

}  // namespace zoolab::gui
