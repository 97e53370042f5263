// Duel summary panel: the lock duel's measurements for the current world, one row per lock
// worker (acquisitions, acquisition latency p50/p99, requests to the lock service, ZooKeeper
// wake-ups, lost locks, failed releases, rejected writes) and per protected resource (A, writes,
// lost updates, overlapping cycles, rejected writes), then the mutual-exclusion and lost-update
// findings of the checkers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gui/panel_context.h"
#include "gui/ui_command.h"

namespace zoolab::gui {

struct DuelState {
  // Rows are rebuilt only when the world moved (percentiles sort every latency).
  struct Key {
    uint64_t events = UINT64_MAX;
    uint64_t hash = 0;
    bool operator==(const Key&) const = default;
  } key;
  uint64_t rebuilds = 0;

  struct Worker {
    NodeId node = core::kNoNode;
    std::string name, variant, lock, state;
    bool running = false, holds = false;
    uint64_t acquisitions = 0, requests = 0, wakeups = 0, lost = 0, failed_releases = 0,
             rejected = 0;
    std::optional<int64_t> p50_us, p99_us;
    // The latencies the percentiles were taken over (count and last value): recomputed only
    // when the worker acquired again.
    size_t latency_count = 0;
    int64_t latency_last = 0;
  };
  std::vector<Worker> workers;
  struct Resource {
    NodeId node = core::kNoNode;
    std::string name;
    bool running = false, fencing = false;
    int64_t value = 0;
    uint64_t writes = 0, lost_updates = 0, overlaps = 0, rejected = 0;
  };
  std::vector<Resource> resources;
  std::vector<size_t> violations;  // indices into Run::violations() of the lock checkers
  size_t violations_seen = 0;      // how much of Run::violations() has been scanned
};

void draw_duel(DuelState& state, const PanelContext& ctx, CommandQueue& out);

}  // namespace zoolab::gui
