// Read-only views of a World for the event list, the cluster map and the trace.
#include <algorithm>

#include "sim/kernel/world.h"
#include "core/base/overloaded.h"

namespace zoolab::sim {
namespace {
using core::Overloaded;

std::string percent(uint32_t permille) {
  std::string s = std::to_string(permille / 10);
  if (permille % 10) s += "." + std::to_string(permille % 10);
  return s + "%";
}
}  // namespace

std::string World::describe(const Action& action) const {
  auto name = [&](NodeId id) { return id < nodes_.size() ? nodes_[id].name : std::string("?"); };
  return std::visit(
      Overloaded{
          [&](const StartNode& a) { return "start " + name(a.node); },
          [&](const CrashNode& a) { return "crash " + name(a.node); },
          [&](const RestartNode& a) { return "restart " + name(a.node); },
          [&](const PowerOffNode& a) { return "poweroff " + name(a.node); },
          [&](const PauseNode& a) { return "pause " + name(a.node) + " " + core::format_duration(a.length); },
          [&](const PartitionNet& a) {
            std::string s = "partition";
            for (size_t g = 0; g < a.groups.size(); ++g) {
              if (g) s += a.one_way ? " ->" : " |";
              for (NodeId n : a.groups[g]) s += " " + name(n);
            }
            return s;
          },
          [&](const HealNet&) { return std::string("heal"); },
          [&](const SetLatency& a) {
            if (a.a == kAllNodes) return "latency " + sim::describe(a.model);
            if (a.b == kAllNodes) return "latency " + name(a.a) + " * " + sim::describe(a.model);
            return "latency " + name(a.a) + " " + name(a.b) + " " + sim::describe(a.model);
          },
          [&](const ShiftClock& a) {
            return "clock " + name(a.node) + " " + (a.delta.ns >= 0 ? "+" : "") + core::format_duration(a.delta);
          },
          [&](const SetClockDrift& a) {
            return "clock " + name(a.node) + " drift " + (a.ppm >= 0 ? "+" : "") + std::to_string(a.ppm) + "ppm";
          },
          [&](const SlowDisk& a) { return "slow-disk " + name(a.node) + " " + core::format_duration(a.extra); },
          [&](const SetNotTcp& a) {
            if (!a.modes.any()) return std::string("not-tcp off (TCP guarantees restored)");
            return "NOT TCP lesson mode: loss " + percent(a.modes.loss_permille) + ", duplicate " +
                   percent(a.modes.duplicate_permille) + ", reorder " + percent(a.modes.reorder_permille);
          },
          [&](const DeliverEvent& a) { return "deliver event #" + std::to_string(a.seq) + " next"; },
          [&](const TypeLine& a) { return name(a.node) + ": " + a.text; },
      },
      action);
}

std::vector<PendingEvent> World::pending_events() const {
  std::vector<Event> live_events;
  queue_.for_each([&](const Event& e) {
    if (live(e)) live_events.push_back(e);
  });
  std::sort(live_events.begin(), live_events.end(), [](const Event& x, const Event& y) { return x.before(y); });
  std::vector<PendingEvent> out;
  out.reserve(live_events.size());
  for (const Event& e : live_events) {
    PendingEvent p;
    p.seq = e.seq;
    p.time = e.time;
    p.kind = e.kind;
    p.target = target_of(e);
    p.blocked = p.target != core::kNoNode && e.kind != EventKind::kResume && paused(p.target);
    switch (e.kind) {
      case EventKind::kDeliver: {
        const Connection& c = net_.conns.at(e.b);
        const Packet& pk = c.ch[e.a].packets.front();
        p.from = c.end[e.a];
        switch (pk.kind) {
          case Packet::Kind::kOpen: p.label = "connect"; break;
          case Packet::Kind::kData: p.label = core::describe(pk.msg); break;
          case Packet::Kind::kClose: p.label = "close"; break;
          case Packet::Kind::kReset: p.label = "reset"; break;
        }
        break;
      }
      case EventKind::kTimer: {
        const Node& n = nodes_[e.a];
        for (const auto& [id, slot] : n.timers)
          if (slot.serial == e.b) p.label = (n.process ? n.process->timer_name(id) : "timer") + " timeout";
        break;
      }
      case EventKind::kDiskDone: p.label = "fsync completes"; break;
      case EventKind::kResume: p.label = "wakes from pause"; break;
      case EventKind::kScript:
        p.label = "scenario step";
        p.script_step = static_cast<uint32_t>(e.b);
        break;
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<InFlight> World::in_flight() const {
  std::vector<InFlight> out;
  for (const auto& [cid, c] : net_.conns) {
    for (int side = 0; side < 2; ++side) {
      for (const Packet& p : c.ch[side].packets) {
        InFlight f{cid, c.end[side], c.end[1 - side], p.sent, p.arrive, p.kind, {}};
        f.label = p.kind == Packet::Kind::kData ? core::describe(p.msg)
                  : p.kind == Packet::Kind::kOpen ? "connect"
                  : p.kind == Packet::Kind::kClose ? "close"
                                                   : "reset";
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

}  // namespace zoolab::sim
