// Helpers for kernel tests: worlds of Probe processes and a way to run them.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/kernel/world.h"
#include "tests/support/probe.h"

namespace zoolab::testing {

inline const Probe& probe(const sim::World& w, core::NodeId id) {
  const auto* p = dynamic_cast<const Probe*>(w.node(id).process.get());
  REQUIRE(p != nullptr);
  return *p;
}

inline void run_until(sim::World& w, core::Time end) {
  for (auto t = w.next_time(); t && *t <= end; t = w.next_time()) w.step();
  w.advance_to(end);
}

inline core::Time at_ms(int64_t ms) { return core::Time{0} + core::milliseconds(ms); }

inline bool trace_has(const sim::TraceLog& log, sim::RecordKind kind, const std::string& needle) {
  for (const auto& r : log.records)
    if (r.kind == kind && r.text.find(needle) != std::string::npos) return true;
  return false;
}

// Node 0 sends `n` numbered messages to node 1, one every `gap`.
inline std::vector<ProbeSend> numbered(int n, core::NodeId to, core::Duration gap) {
  std::vector<ProbeSend> s;
  for (int i = 0; i < n; ++i) s.push_back({gap * (i + 1), to, "m", i});
  return s;
}

}  // namespace zoolab::testing
