// The deterministic world: nodes (machine + process), network, disks, clocks and the event loop.
// A World is a plain value: copying it makes an independent checkpoint or branch.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/process.h"
#include "sim/kernel/action.h"
#include "sim/kernel/clock.h"
#include "sim/kernel/disk.h"
#include "sim/kernel/event_queue.h"
#include "sim/kernel/network.h"
#include "sim/kernel/trace.h"

namespace zoolab::sim {

enum class NodeState : uint8_t { kNotStarted, kRunning, kCrashed, kPoweredOff };
std::string_view node_state_name(NodeState s);

// Owns a process and deep-copies it with the world.
class ProcessSlot {
 public:
  ProcessSlot() = default;
  explicit ProcessSlot(std::unique_ptr<core::Process> p) : p_(std::move(p)) {}
  ProcessSlot(const ProcessSlot& o) : p_(o.p_ ? o.p_->clone() : nullptr) {}
  ProcessSlot& operator=(const ProcessSlot& o) {
    if (this != &o) p_ = o.p_ ? o.p_->clone() : nullptr;
    return *this;
  }
  ProcessSlot(ProcessSlot&&) = default;
  ProcessSlot& operator=(ProcessSlot&&) = default;
  core::Process* get() const { return p_.get(); }
  core::Process* operator->() const { return p_.get(); }
  explicit operator bool() const { return p_ != nullptr; }
  void reset() { p_.reset(); }

 private:
  std::unique_ptr<core::Process> p_;
};

struct TimerSlot {
  uint64_t serial = 0;  // names the timer's event
  Time due;             // global time
};

struct Node {
  std::string name;
  NodeState state = NodeState::kNotStarted;
  Time paused_until{0};    // global; paused while now < paused_until
  uint64_t pause_serial = 0;
  uint64_t incarnation = 0;  // bumped by every start
  LocalClock clock;
  Disk disk;
  ProcessSlot prototype;  // the unstarted program; every (re)start clones it
  ProcessSlot process;    // the running program, if any
  core::Rng rng;
  uint32_t next_conn_seq = 0;
  uint64_t next_timer_serial = 1;
  std::map<core::TimerId, TimerSlot> timers;

  bool running() const { return state == NodeState::kRunning; }
  bool powered() const { return state != NodeState::kPoweredOff; }
};

// A pending event as the event list shows it (and as manual delivery names it).
struct PendingEvent {
  uint64_t seq = 0;
  Time time;
  EventKind kind = EventKind::kDeliver;
  NodeId target = core::kNoNode;  // who handles it
  NodeId from = core::kNoNode;    // sender, for deliveries
  bool blocked = false;           // target paused: it cannot be delivered now
  std::string label;
  uint32_t script_step = 0;       // for kScript
};

// A packet in flight, for drawing.
struct InFlight {
  ConnId conn = 0;
  NodeId from = core::kNoNode, to = core::kNoNode;
  Time sent, arrive;
  Packet::Kind kind = Packet::Kind::kData;
  std::string label;
};

// Console output of a program, in order (the shell and the GUI console read it).
struct ConsoleChunk {
  Time time;
  NodeId node = core::kNoNode;
  core::OutStream stream = core::OutStream::kOut;
  std::string text;
};

struct StepResult {
  enum class Kind : uint8_t { kIdle, kFired, kScript } kind = Kind::kIdle;
  uint32_t script_step = 0;  // for kScript: the caller applies it
};

class World {
 public:
  explicit World(uint64_t seed = 1);

  // ---- building ---------------------------------------------------------------------------
  NodeId add_node(std::string name, std::unique_ptr<core::Process> program);
  void set_trace(TraceLog* sink) { trace_ = sink; }  // not owned; may be null
  const TraceLog* trace() const { return trace_; }
  void schedule_script(Time at, uint32_t step_index);
  void set_fsync_latency(NodeId id, core::Duration d) { nodes_.at(id).disk.fsync_latency = d; }

  // ---- running ----------------------------------------------------------------------------
  // Fires the next live event (skipping stale ones). kIdle when nothing is pending.
  StepResult step();
  // Fires the event with this seq next (manual delivery); nullopt if it is not pending.
  std::optional<StepResult> fire(uint64_t seq);
  // Applies a fault/control action now; writes a trace record.
  void apply(const Action& a);
  // Lets idle time pass; the caller ensures no live event is due before `t`.
  void advance_to(Time t) { if (t > now_) now_ = t; }
  // Trace annotation from outside the processes (captions, expectations, interventions).
  void record(RecordKind kind, NodeId node, std::string text);
  // A record of a packet's arrival at `node`: `peer` sent it at `sent`.
  void record_arrival(RecordKind kind, NodeId node, std::string text, NodeId peer, Time sent);

  // ---- viewing ----------------------------------------------------------------------------
  Time now() const { return now_; }
  uint64_t seed() const { return seed_; }
  uint64_t events_fired() const { return events_fired_; }
  uint64_t trace_hash() const { return hash_; }
  uint64_t record_count() const { return records_; }
  std::optional<Time> next_time();  // earliest live event (drops stale heads)
  size_t pending_raw() const { return queue_.size(); }
  std::vector<PendingEvent> pending_events() const;  // live ones, in firing order
  std::vector<InFlight> in_flight() const;
  size_t node_count() const { return nodes_.size(); }
  const Node& node(NodeId id) const { return nodes_.at(id); }
  std::optional<NodeId> find_node(std::string_view name) const;
  const Network& network() const { return net_; }
  bool paused(NodeId id) const { return now_ < nodes_.at(id).paused_until; }
  Time local_time(NodeId id) const { return nodes_.at(id).clock.local(now_); }
  std::string describe(const Action& a) const;
  const std::vector<ConsoleChunk>& console() const { return console_; }

 private:
  struct Dispatch;  // per-handler context (see world.cpp)

  bool live(const Event& e) const;
  NodeId target_of(const Event& e) const;
  StepResult fire_event(const Event& e);
  void defer_if_paused(const Event& e, bool* deferred);

  void start_node(NodeId id);
  void stop_process(NodeId id, bool send_resets);
  void run_handler(NodeId id, const auto& call);
  void apply_commands(NodeId id, core::Outbox& out);

  void connect(NodeId from, ConnId conn, NodeId to);
  void send_packet(ConnId conn, int side, Packet p);
  void schedule_head(ConnId conn, int side);
  void clear_channel(Connection& c, int side);
  void kill_connection(ConnId conn, Connection& c);
  void close_end(ConnId conn, int side, Packet::Kind notify);
  void deliver(ConnId conn, int side);
  void erase_if_finished(ConnId conn);
  void apply_partition(const PartitionNet& p);
  core::Rng& link_rng(NodeId from, NodeId to);

  uint64_t seed_;
  Time now_{0};
  uint64_t events_fired_ = 0;
  uint64_t hash_ = kEmptyTraceHash;
  uint64_t records_ = 0;
  EventQueue queue_;
  std::vector<Node> nodes_;
  Network net_;
  std::map<std::pair<NodeId, NodeId>, core::Rng> link_rngs_;
  TraceLog* trace_ = nullptr;
  std::vector<ConsoleChunk> console_;
};

}  // namespace zoolab::sim
