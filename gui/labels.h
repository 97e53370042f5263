// Short human words for simulator enums and ids, shared by every panel.
#pragma once

#include <string>
#include <string_view>

#include "sim/kernel/event_queue.h"
#include "sim/kernel/network.h"
#include "sim/kernel/world.h"

namespace zoolab::gui {

using core::NodeId;

std::string_view event_kind_label(sim::EventKind k);
std::string_view packet_kind_label(sim::Packet::Kind k);
// The machine's name, or "-" for kNoNode (and "?" for an id outside the world).
std::string node_label(const sim::World& world, NodeId id);
// "running", "crashed", "powered off", "not started", "paused (1.2s left)".
std::string node_state_text(const sim::World& world, NodeId id);
// "12.004100 s"
std::string seconds_label(core::Time t);
// "2.1 M", "340 k", "12" — compact counts and rates for the status bar.
std::string compact_number(double v);

}  // namespace zoolab::gui
