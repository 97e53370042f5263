// The event loop, process lifecycle and fault actions of a World.
#include "sim/kernel/world.h"
#include "core/base/overloaded.h"

#include <algorithm>
#include <stdexcept>

namespace zoolab::sim {
namespace {
using core::Overloaded;
}  // namespace

std::string_view node_state_name(NodeState s) {
  switch (s) {
    case NodeState::kNotStarted: return "not started";
    case NodeState::kRunning: return "running";
    case NodeState::kCrashed: return "crashed";
    case NodeState::kPoweredOff: return "powered off";
  }
  return "?";
}

World::World(uint64_t seed) : seed_(seed) {}

NodeId World::add_node(std::string name, std::unique_ptr<core::Process> program) {
  Node n;
  n.rng = core::Rng::stream(seed_, "process:" + name);
  n.name = std::move(name);
  n.prototype = ProcessSlot(std::move(program));
  nodes_.push_back(std::move(n));
  return static_cast<NodeId>(nodes_.size() - 1);
}

void World::schedule_script(Time at, uint32_t step_index) { queue_.push(at, EventKind::kScript, 0, step_index); }

std::optional<NodeId> World::find_node(std::string_view name) const {
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].name == name) return static_cast<NodeId>(i);
  return std::nullopt;
}

void World::record(RecordKind kind, NodeId node, std::string text) {
  TraceRecord r{records_, events_fired_, now_, node, kind, std::move(text), core::kNoNode, Time{}};
  hash_ = fold_record(hash_, r);
  ++records_;
  if (trace_) trace_->records.push_back(std::move(r));
}

void World::record_arrival(RecordKind kind, NodeId node, std::string text, NodeId peer, Time sent) {
  record(kind, node, std::move(text));
  if (trace_) {
    trace_->records.back().peer = peer;
    trace_->records.back().sent = sent;
  }
}

// ---- events -------------------------------------------------------------------------------

bool World::live(const Event& e) const {
  switch (e.kind) {
    case EventKind::kDeliver: {
      auto it = net_.conns.find(e.b);
      return it != net_.conns.end() && it->second.ch[e.a].scheduled_seq == e.seq;
    }
    case EventKind::kTimer:
      for (const auto& [id, slot] : nodes_[e.a].timers)
        if (slot.serial == e.b) return true;
      return false;
    // Any queued fsync, not just the front: while its node is paused a later completion can reach
    // the queue head before the deferred earlier one has fired, and must be deferred, not dropped.
    case EventKind::kDiskDone: return nodes_[e.a].disk.pending(e.b);
    case EventKind::kResume: return nodes_[e.a].pause_serial == e.b;
    case EventKind::kScript: return true;
  }
  return false;
}

NodeId World::target_of(const Event& e) const {
  switch (e.kind) {
    case EventKind::kDeliver: {
      const Connection& c = net_.conns.at(e.b);
      return c.end[1 - e.a];
    }
    case EventKind::kScript: return core::kNoNode;
    default: return e.a;
  }
}

// A paused process handles nothing: its events wait until it wakes, in their original order.
void World::defer_if_paused(const Event& e, bool* deferred) {
  *deferred = false;
  if (e.kind == EventKind::kScript || e.kind == EventKind::kResume) return;
  const NodeId t = target_of(e);
  if (t == core::kNoNode || !paused(t)) return;
  const Time wake = nodes_[t].paused_until;
  const uint64_t seq = queue_.push(wake, e.kind, e.a, e.b);
  if (e.kind == EventKind::kDeliver) net_.conns.at(e.b).ch[e.a].scheduled_seq = seq;
  *deferred = true;
}

std::optional<Time> World::next_time() {
  while (!queue_.empty()) {
    const Event top = queue_.top();
    if (!live(top)) {
      queue_.discard();
      continue;
    }
    // A paused target at the head: move it behind the wake-up, then look again.
    if (top.kind != EventKind::kScript && top.kind != EventKind::kResume && paused(target_of(top)) &&
        top.time < nodes_[target_of(top)].paused_until) {
      const Event e = queue_.discard();
      bool deferred = false;
      defer_if_paused(e, &deferred);
      continue;
    }
    return top.time > now_ ? top.time : now_;
  }
  return std::nullopt;
}

StepResult World::step() {
  if (!next_time()) return {};
  return fire_event(queue_.pop());
}

std::optional<StepResult> World::fire(uint64_t seq) {
  Event e;
  if (!queue_.remove(seq, &e)) return std::nullopt;
  if (!live(e)) return std::nullopt;
  if (e.kind == EventKind::kDiskDone && !nodes_[e.a].disk.is_front(e.b)) {
    queue_.push(e.time, e.kind, e.a, e.b);  // fsyncs complete in order: not this one yet
    return std::nullopt;
  }
  if (e.kind != EventKind::kScript && e.kind != EventKind::kResume) {
    const NodeId t = target_of(e);
    if (t != core::kNoNode && paused(t)) {  // cannot be delivered now: put it back
      bool deferred = false;
      defer_if_paused(e, &deferred);
      return std::nullopt;
    }
  }
  return fire_event(e);
}

StepResult World::fire_event(const Event& e) {
  if (e.time > now_) now_ = e.time;
  ++events_fired_;
  switch (e.kind) {
    case EventKind::kScript: return {StepResult::Kind::kScript, static_cast<uint32_t>(e.b)};
    case EventKind::kResume:
      record(RecordKind::kResume, e.a, "wakes up from pause");
      break;
    case EventKind::kTimer: {
      Node& n = nodes_[e.a];
      auto it = std::find_if(n.timers.begin(), n.timers.end(),
                             [&](const auto& kv) { return kv.second.serial == e.b; });
      const core::TimerId id = it->first;
      n.timers.erase(it);
      record(RecordKind::kTimer, e.a, n.process->timer_name(id) + " timeout");
      run_handler(e.a, [&](core::Process& p, core::Env& env) { p.on_timer(env, id); });
      break;
    }
    case EventKind::kDiskDone: {
      const uint64_t token = nodes_[e.a].disk.complete(e.b);
      record(RecordKind::kDiskDone, e.a, "fsync done (token " + std::to_string(token) + ")");
      run_handler(e.a, [&](core::Process& p, core::Env& env) { p.on_disk_done(env, token); });
      break;
    }
    case EventKind::kDeliver: deliver(e.b, static_cast<int>(e.a)); break;
  }
  return {StepResult::Kind::kFired, 0};
}

// ---- processes ----------------------------------------------------------------------------

void World::run_handler(NodeId id, const auto& call) {
  Node& n = nodes_[id];
  core::Outbox out(id, n.next_conn_seq);
  core::Env env{n.clock.local(now_), out, n.rng};
  call(*n.process.get(), env);
  n.process->check_invariants();
  apply_commands(id, out);
}

void World::apply_commands(NodeId id, core::Outbox& out) {
  for (core::Command& cmd : out.commands()) {
    Node& n = nodes_[id];
    std::visit(
        Overloaded{
            [&](core::ConnectCmd& c) { connect(id, c.conn, c.peer); },
            [&](core::SendCmd& c) {
              auto it = net_.conns.find(c.conn);
              if (it == net_.conns.end()) return;  // already gone: like writing to a dead socket
              send_packet(c.conn, it->second.side_of(id), Packet{Packet::Kind::kData, std::move(c.msg), {}, {}});
            },
            [&](core::CloseCmd& c) {
              auto it = net_.conns.find(c.conn);
              if (it == net_.conns.end()) return;
              const int side = it->second.side_of(id);
              if (it->second.open[side]) close_end(c.conn, side, Packet::Kind::kClose);
            },
            [&](core::SetTimerCmd& c) {
              const uint64_t serial = n.next_timer_serial++;
              // A negative delay means "now" (a process computing a deadline already passed).
              const Time due = now_ + n.clock.to_global(c.delay.ns < 0 ? Duration{0} : c.delay);
              n.timers[c.timer] = TimerSlot{serial, due};
              queue_.push(due, EventKind::kTimer, id, serial);
            },
            [&](core::CancelTimerCmd& c) { n.timers.erase(c.timer); },
            [&](core::AppendCmd& c) { n.disk.append(std::move(c)); },
            [&](core::TruncateCmd& c) { n.disk.truncate(std::move(c)); },
            [&](core::FsyncCmd& c) {
              const Disk::PendingSync& s = n.disk.fsync(now_, c.token);
              queue_.push(s.done_at, EventKind::kDiskDone, id, s.serial);
            },
            [&](core::NoteCmd& c) { record(RecordKind::kNote, id, std::move(c.text)); },
            [&](core::PrintCmd& c) {
              record(RecordKind::kOutput, id, (c.stream == core::OutStream::kErr ? "2> " : "1> ") + c.text);
              console_.push_back(ConsoleChunk{now_, id, c.stream, std::move(c.text)});
            },
        },
        cmd);
  }
}

void World::start_node(NodeId id) {
  Node& n = nodes_[id];
  if (n.running()) {
    record(RecordKind::kNote, id, "already running");
    return;
  }
  const bool first = n.incarnation == 0;
  n.state = NodeState::kRunning;
  ++n.incarnation;
  n.paused_until = Time{0};
  n.process = n.prototype;
  record(RecordKind::kStart, id,
         first ? n.process->kind() + " starts"
               : n.process->kind() + " restarts (incarnation " + std::to_string(n.incarnation) + ")");
  run_handler(id, [&](core::Process& p, core::Env& env) { p.on_start(env, n.disk.durable()); });
}

void World::stop_process(NodeId id, bool send_resets) {
  Node& n = nodes_[id];
  n.disk.lose_unsynced();
  n.timers.clear();
  n.process.reset();
  n.paused_until = Time{0};
  ++n.pause_serial;  // a pending wake-up no longer applies
  std::vector<ConnId> mine;
  for (const auto& [cid, c] : net_.conns)
    if ((c.end[0] == id && c.open[0]) || (c.end[1] == id && c.open[1])) mine.push_back(cid);
  for (ConnId cid : mine) {
    Connection& c = net_.conns.at(cid);
    const int side = c.side_of(id);
    if (send_resets) {
      close_end(cid, side, Packet::Kind::kReset);
    } else {
      c.open[side] = false;  // power loss: the peer hears nothing
      clear_channel(c, 1 - side);
      erase_if_finished(cid);
    }
  }
}

// ---- actions ------------------------------------------------------------------------------

void World::apply(const Action& action) {
  std::visit(
      Overloaded{
          [&](const StartNode& a) { start_node(a.node); },
          [&](const CrashNode& a) {
            if (!nodes_.at(a.node).running()) {
              record(RecordKind::kNote, a.node, "crash: not running");
              return;
            }
            record(RecordKind::kCrash, a.node, "process crashes (machine stays up)");
            stop_process(a.node, true);
            nodes_[a.node].state = NodeState::kCrashed;
          },
          [&](const RestartNode& a) {
            if (nodes_.at(a.node).running()) {
              record(RecordKind::kCrash, a.node, "process is killed for a restart");
              stop_process(a.node, true);
              nodes_[a.node].state = NodeState::kCrashed;
            }
            start_node(a.node);
          },
          [&](const PowerOffNode& a) {
            Node& n = nodes_.at(a.node);
            if (n.state == NodeState::kPoweredOff) return record(RecordKind::kNote, a.node, "already powered off");
            record(RecordKind::kPowerOff, a.node, "machine loses power (silent)");
            stop_process(a.node, false);
            n.state = NodeState::kPoweredOff;
          },
          [&](const PauseNode& a) {
            Node& n = nodes_.at(a.node);
            if (!n.running()) return record(RecordKind::kNote, a.node, "pause: not running");
            const Time until = now_ + a.length;
            if (until > n.paused_until) n.paused_until = until;
            queue_.push(n.paused_until, EventKind::kResume, a.node, ++n.pause_serial);
            record(RecordKind::kPause, a.node, "paused for " + core::format_duration(n.paused_until - now_) +
                                                   " (stop-the-world GC: timers and messages wait)");
          },
          [&](const PartitionNet& a) { apply_partition(a); },
          [&](const HealNet&) {
            net_.heal();
            record(RecordKind::kFault, core::kNoNode, "heal: the network is whole again");
          },
          [&](const SetLatency& a) {
            if (a.a == kAllNodes && a.b == kAllNodes) {
              net_.set_default_latency(a.model);
            } else if (a.b == kAllNodes) {
              for (NodeId o = 0; o < nodes_.size(); ++o)
                if (o != a.a) net_.set_latency(a.a, o, a.model);
            } else {
              net_.set_latency(a.a, a.b, a.model);
            }
            record(RecordKind::kFault, core::kNoNode, describe(action));
          },
          [&](const ShiftClock& a) {
            nodes_.at(a.node).clock.shift(now_, a.delta);
            record(RecordKind::kFault, a.node, describe(action));
          },
          [&](const SetClockDrift& a) {
            nodes_.at(a.node).clock.set_drift_ppm(now_, a.ppm);
            record(RecordKind::kFault, a.node, describe(action));
          },
          [&](const SlowDisk& a) {
            nodes_.at(a.node).disk.slow_extra = a.extra;
            record(RecordKind::kFault, a.node, describe(action));
          },
          [&](const SetNotTcp& a) {
            net_.modes = a.modes;
            record(RecordKind::kFault, core::kNoNode, describe(action));
          },
          [&](const DeliverEvent&) { throw std::logic_error("DeliverEvent is applied with World::fire"); },
          [&](const TypeLine& a) {
            if (!nodes_.at(a.node).running()) return record(RecordKind::kNote, a.node, "input ignored: not running");
            record(RecordKind::kIntervention, a.node, "types: " + a.text);
            run_handler(a.node, [&](core::Process& p, core::Env& env) { p.on_input(env, a.text); });
          },
      },
      action);
}

}  // namespace zoolab::sim

namespace zoolab::sim {

// Delivers the head packet of one channel to its receiver (the event that fired for it).
void World::deliver(ConnId conn_id, int side) {
  Connection& c = net_.conns.at(conn_id);
  Channel& ch = c.ch[side];
  Packet p = std::move(ch.packets.front());
  ch.packets.pop_front();
  ch.scheduled_seq = 0;
  schedule_head(conn_id, side);
  const NodeId from = c.end[side], to = c.end[1 - side];
  const std::string& from_name = nodes_[from].name;
  switch (p.kind) {
    case Packet::Kind::kOpen:
      if (nodes_[to].running()) {
        record_arrival(RecordKind::kAccept, to, "accepts connection from " + from_name, from, p.sent);
        run_handler(to, [&](core::Process& pr, core::Env& env) { pr.on_accept(env, conn_id, from); });
      } else {
        // The machine is up but nothing listens: its kernel answers with a reset.
        record(RecordKind::kDrop, to, "refuses connection from " + from_name + ": no process listening");
        close_end(conn_id, 1 - side, Packet::Kind::kReset);
      }
      break;
    case Packet::Kind::kData:
      record_arrival(RecordKind::kDeliver, to, "from " + from_name + ": " + core::describe(p.msg), from, p.sent);
      run_handler(to, [&](core::Process& pr, core::Env& env) { pr.on_message(env, conn_id, from, p.msg); });
      break;
    case Packet::Kind::kClose:
    case Packet::Kind::kReset: {
      const bool reset = p.kind == Packet::Kind::kReset;
      record_arrival(RecordKind::kClosed, to, std::string("connection from ") + from_name + (reset ? " reset" : " closed"),
                     from, p.sent);
      c.open[1 - side] = false;
      clear_channel(c, 1 - side);
      run_handler(to, [&](core::Process& pr, core::Env& env) { pr.on_closed(env, conn_id, from); });
      erase_if_finished(conn_id);
      break;
    }
  }
}

}  // namespace zoolab::sim
