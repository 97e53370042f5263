// Failure minimisation for fuzzed scenarios: drop fault lines, then workload lines, while a
// predicate on the scenario text says the failure persists (delta debugging, one line kind at
// a time). Pure: the predicate does the running.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/base/time.h"

namespace zoolab::sim::explore {

enum class LineKind : unsigned char {
  kFixed,     // header, comments, client connects, expectations, `start`, relative (+DELAY) lines
  kFault,     // at T crash|restart|poweroff|pause|partition|heal|latency|clock|slow-disk|not-tcp
  kWorkload,  // at T cN: <zkCli command>
};
LineKind classify_line(std::string_view line);

struct MinimiseOptions {
  size_t max_runs = 300;  // predicate calls at most (each is a whole run)
};

struct MinimiseResult {
  std::string text;
  size_t runs = 0;  // predicate calls made
  size_t dropped_faults = 0, dropped_workload = 0;
  bool budget_exhausted = false;
};

// Drops the candidate lines (fault and workload lines above the marker) whose `at` time is
// later than `t`: a deterministic run cannot be influenced by steps after the moment a
// violation was found, so this is a free first cut before delta debugging.
std::string drop_lines_after(std::string_view text, core::Time t);

// `still_fails(text)` is assumed true for `text` itself. Only timeline lines above the first
// line starting with `kRecoveryMarker` (generate.h) are candidates; everything below it stays.
// Relative `+DELAY` lines are never dropped (their successors would move in time).
MinimiseResult minimise(std::string_view text,
                        const std::function<bool(const std::string&)>& still_fails,
                        MinimiseOptions options = {});

}  // namespace zoolab::sim::explore
