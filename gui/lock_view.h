// What the lock and registry panels share, without ImGui: finding lock workers, zk-lock
// programs, Redis / memcached servers, protected resources and registry processes in the world;
// the holder-span collector behind the lock timeline (fed incrementally from the trace); the
// sequence order of ZooKeeper lock nodes; latency percentiles.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/ids.h"
#include "core/base/process.h"
#include "core/server/zookeeper_server.h"
#include "sim/kernel/trace.h"
#include "sim/kernel/world.h"

namespace zoolab::sim {
class Run;
}

namespace zoolab::gui {

using core::NodeId;
using core::Time;

// The machine's program as T: the running one, else the configured prototype (a crashed or
// not yet started machine keeps its identity), or nullptr.
template <class T>
const T* program_as(const sim::World& world, NodeId id) {
  if (id >= world.node_count()) return nullptr;
  const sim::Node& n = world.node(id);
  const core::Process* p = n.process ? n.process.get() : n.prototype.get();
  return dynamic_cast<const T*>(p);
}
// Only the running (or paused) program, whose views are live.
template <class T>
const T* live_as(const sim::World& world, NodeId id) {
  if (id >= world.node_count()) return nullptr;
  return dynamic_cast<const T*>(world.node(id).process.get());
}
// Machines whose program is a T (running or not), in id order.
template <class T>
std::vector<NodeId> nodes_with(const sim::World& world) {
  std::vector<NodeId> out;
  for (NodeId id = 0; id < world.node_count(); ++id)
    if (program_as<T>(world, id) != nullptr) out.push_back(id);
  return out;
}

// The server whose znode tree the lock and registry panels read: the leader (it has every
// committed change first), else the first running server; nullptr when none runs. `source`
// becomes "zk2 (leader)" or "zk1".
const core::zk::ZooKeeperServer* tree_server(const sim::World& world, std::string& source);

// What the world has, for the tabs that only appear when it is relevant.
struct LockWorldSummary {
  size_t lock_workers = 0;      // any variant
  size_t zk_lock_workers = 0;   // lock workers whose lock is a ZooKeeper lock
  size_t zk_lock_programs = 0;  // the recipes' zk-lock / zk-rwlock programs
  size_t resources = 0;
  size_t redis_servers = 0, memcached_servers = 0;
  size_t registry_processes = 0;  // eureka servers and clients, zk-registry clients
};
LockWorldSummary summarize_locks(const sim::World& world);

// ---- the lock timeline's holder spans -------------------------------------------------------

// One stretch in which a worker believed it held its lock: from its "lock: acquired" note to
// the event that ended its critical section (the resource's reply to its write, the lock
// telling it the lock was lost, a crash). This is what the mutual-exclusion checker compares.
struct HolderSpan {
  Time start;
  std::optional<Time> end;  // nullopt: still held
  std::optional<int64_t> token;
  bool lost = false;      // the lock told the worker it was lost while it held it
  bool rejected = false;  // the resource refused its write (fencing)
  bool crashed = false;   // ended by a crash or power-off
  struct Overlap {
    Time start;
    std::optional<Time> end;
  };
  std::vector<Overlap> overlaps;  // where another worker of the same lock held it too
};

struct HolderLane {
  NodeId node = core::kNoNode;
  std::string name;     // machine name
  std::string variant;  // "redis-set-nx-ex"
  std::string lock;     // LockWorker::lock_id(): lanes with the same lock contend
  bool has_resource = true;
  std::vector<HolderSpan> spans;  // by start time

  // Where the feed is in the worker's cycle.
  enum class Phase : uint8_t { kOut, kReading, kWorking, kWriting } phase = Phase::kOut;
  bool lost_in_section = false;
  bool open() const { return !spans.empty() && !spans.back().end; }
};

// Lane description for HolderTimeline::reset (tests build them by hand).
struct LaneSpec {
  NodeId node = core::kNoNode;
  std::string name, variant, lock;
  bool has_resource = true;
};
std::vector<LaneSpec> lane_specs(const sim::World& world);

class HolderTimeline {
 public:
  void reset(std::vector<LaneSpec> lanes);
  // One trace record, in trace order.
  void feed(const sim::TraceRecord& r);
  // Brings the lanes up to date with the run: feeds only the records added since the last call;
  // starts over when the run went back in time (fewer events or records than last time, or a
  // different record where the last one fed was). Returns true when it started over.
  bool sync(const sim::Run& run);

  const std::vector<HolderLane>& lanes() const { return lanes_; }
  // Episodes of two or more simultaneous holders, per lock (the checker's finding count).
  const std::map<std::string, uint64_t>& overlap_episodes() const { return episodes_; }
  uint64_t total_overlap_episodes() const;
  uint64_t rebuilds() const { return rebuilds_; }
  size_t records_fed() const { return records_fed_; }

 private:
  void open_span(HolderLane& lane, Time at, std::optional<int64_t> token);
  void close_span(HolderLane& lane, Time at);
  void recolour(const std::string& lock, Time at);

  std::vector<HolderLane> lanes_;
  std::vector<int> lane_of_;  // node id -> lane index, -1 for other machines
  std::map<std::string, uint64_t> episodes_;
  std::map<std::string, bool> overlapping_;  // lock -> two or more holders right now
  // Where sync stopped.
  size_t records_fed_ = 0;
  uint64_t events_seen_ = 0;
  uint64_t last_fingerprint_ = 0;
  size_t node_count_ = 0;
  uint64_t rebuilds_ = 0;
  bool synced_once_ = false;
};

// The first span index whose end (or, open, +inf) is at or after `t`: where drawing a window
// starting at `t` begins. Spans are sorted and do not overlap within a lane.
size_t first_span_ending_after(const std::vector<HolderSpan>& spans, Time t);
// The first span index starting at or after `t`.
size_t first_span_starting_at(const std::vector<HolderSpan>& spans, Time t);

// "(token 42)" in a note -> 42.
std::optional<int64_t> token_in(std::string_view note);

// ---- ZooKeeper lock nodes -------------------------------------------------------------------

// The sequence number a sequential node's name ends with (10 digits), or nullopt.
std::optional<int64_t> sequence_of(std::string_view name);
// A lock node's name with the protecting GUID cut to its first 4 characters, so the sequence
// part stays readable: "_c_94d27fef-d3b1-...-lock-0000000000" -> "_c_94d2...-lock-0000000000",
// kazoo's "<32 hex>__lock__0000000003" -> "94d2...__lock__0000000003". Other names unchanged.
std::string short_node_name(std::string_view name);
// Sorts child names by sequence number (names without one last, by name), as lock recipes do.
void sort_by_sequence(std::vector<std::string>& names);

// ---- numbers --------------------------------------------------------------------------------

// The p-th percentile (0..100) by nearest rank of unsorted values; nullopt when empty.
std::optional<int64_t> percentile(std::vector<int64_t> values, double p);
// "1.234 ms", "850 us", "2.10 s".
std::string duration_label_us(int64_t us);

}  // namespace zoolab::gui
