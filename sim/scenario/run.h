// A run = (scenario, seed, interventions): drives a World through the scenario's timeline,
// records the user's interventions by event index, and travels in time by replaying from
// checkpoints (copies of the world taken every N events).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/base/process.h"
#include "sim/check/checker.h"
#include "sim/kernel/world.h"
#include "sim/scenario/expect.h"
#include "core/zab/quorum_config.h"
#include "sim/scenario/scenario.h"

namespace zoolab::sim {

// Makes the program for a node from its declaration ("zookeeper", test processes, ...).
using ProcessFactory = std::function<std::unique_ptr<core::Process>(const Scenario&, const NodeDecl&)>;
using ProcessRegistry = std::map<std::string, ProcessFactory>;
// The programs the product ships (grows with every issue).
const ProcessRegistry& product_processes();
// The ensemble membership a scenario's server.N lines describe (servers' NodeIds included).
core::zab::QuorumConfig quorum_config_of(const Scenario& sc);

struct Intervention {
  uint64_t at_event = 0;  // applied when exactly this many events have fired
  core::Time at_time;     // and at this simulated time (idle time may have passed)
  Action action;          // DeliverEvent: the event fired as number at_event + 1
  bool operator==(const Intervention&) const = default;
};

struct ExpectResult {
  uint32_t step = 0;   // index into Scenario::steps
  bool passed = false;
  std::string detail;  // why it failed, or what was seen
};

struct RunOptions {
  uint64_t checkpoint_every = 2000;  // events between checkpoints
  bool checkers = true;              // run the invariant checkers after every event (DESIGN §4)
  std::optional<core::Time> until;   // overrides the scenario's end
};

class Run {
 public:
  // Throws std::runtime_error naming the file:line when a node's kind is unknown.
  Run(std::shared_ptr<const Scenario> scenario, uint64_t seed, const ProcessRegistry& registry,
      RunOptions options = {});
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;

  // One event forward (after the interventions due at this index). False when finished.
  bool step();
  // Steps until the next event would pass `t` (or the end).
  void run_until(core::Time t);
  void run_to_end() { run_until(until()); }
  bool finished();  // no live event before the end time

  // Time travel: replays from the nearest checkpoint at or before `event_index`.
  void seek(uint64_t event_index);
  void step_back() { if (world_.events_fired() > 0) seek(world_.events_fired() - 1); }

  // The user's action now. Interventions recorded after this point are dropped (a branch).
  void intervene(Action a);
  // Replaces the whole intervention list (loading a saved session), then rewinds to 0.
  void set_interventions(std::vector<Intervention> list);

  const World& world() const { return world_; }
  const TraceLog& trace() const { return trace_; }
  const Scenario& scenario() const { return *scenario_; }
  std::shared_ptr<const Scenario> scenario_ptr() const { return scenario_; }
  uint64_t seed() const { return seed_; }
  core::Time until() const { return until_; }
  const std::vector<Intervention>& interventions() const { return interventions_; }
  const std::vector<ExpectResult>& expect_results() const { return expects_; }
  // The most recent `say` step that has fired, if any.
  std::optional<uint32_t> current_caption() const { return caption_; }
  size_t checkpoint_count() const { return checkpoints_.size(); }
  // What the invariant checkers found so far, and those no `expect violation NAME` step names.
  const std::vector<check::Violation>& violations() const { return checkers_.violations(); }
  std::vector<check::Violation> unexpected_violations() const;

 private:
  // An `expect ... within T` that did not hold when its step fired: re-checked after every
  // event until it holds or its deadline (a script event for the same step) arrives.
  struct Window {
    uint32_t step = 0;
    core::Time opened, deadline;
  };
  // State before the interventions stamped with its event index were applied.
  struct Snapshot {
    World world;
    size_t expects = 0;
    std::optional<uint32_t> caption;
    check::CheckerSet checkers;
    std::vector<Window> windows;
    std::set<uint32_t> opened;
    std::vector<uint32_t> armed;
    size_t trigger_read = 0;
  };
  void build_world();
  void step_core();
  void apply_interventions_at(uint64_t index);
  std::optional<uint64_t> chosen_event(uint64_t index) const;
  void apply_step(uint32_t index);
  ExpectOutcome expect_violation(const std::vector<std::string>& args) const;
  ExpectOutcome expect_lock_violations(const std::vector<std::string>& args) const;
  ExpectOutcome evaluate(const ExpectStep& e) const;
  void expect_step(uint32_t index, const ExpectStep& e);
  void record_result(uint32_t index, const ExpectOutcome& out);
  void poll_windows();                  // after every event while a window is open
  void poll_triggers();                 // after every event while a `when` step is armed
  void close_window(uint32_t step, const std::string& why);
  void restore(const Snapshot& s);

  std::shared_ptr<const Scenario> scenario_;
  uint64_t seed_;
  ProcessRegistry registry_;
  RunOptions options_;
  core::Time until_;
  World world_;
  TraceLog trace_;
  std::vector<Intervention> interventions_;  // sorted by at_event (stable)
  std::vector<ExpectResult> expects_;
  std::vector<Window> windows_;  // open `within` windows, in the order they opened
  std::set<uint32_t> opened_;    // `within` steps that have fired (their next firing closes the window)
  std::vector<uint32_t> armed_;  // `when` steps waiting for their note, in the order they were armed
  size_t trigger_read_ = 0;      // trace records the armed triggers have looked at
  std::optional<uint32_t> caption_;
  check::CheckerSet checkers_;
  std::vector<std::pair<uint64_t, Snapshot>> checkpoints_;  // ascending event index; [0] = start
};

}  // namespace zoolab::sim
