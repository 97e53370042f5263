// Invariant checkers (DESIGN §4): they observe the world and the trace records each event wrote,
// and report broken properties as violations (trace records of kind kViolation).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/kernel/trace.h"
#include "sim/kernel/world.h"

namespace zoolab::sim::check {

// What a checker found; the set stamps it with its name, the event index and the time.
struct Finding {
  NodeId node = core::kNoNode;
  std::string text;
};

struct Violation {
  std::string checker;
  uint64_t event = 0;  // events fired when it was found
  core::Time time;
  NodeId node = core::kNoNode;
  std::string text;
};

// A checker sees every record exactly once, in order, with the world as it is after the event
// that wrote them. Its state is plain data: a world checkpoint copies it (clone()).
// observe() must cost O(fresh records + what they touch), never O(history).
class Checker {
 public:
  virtual ~Checker() = default;
  virtual std::unique_ptr<Checker> clone() const = 0;
  virtual std::string_view name() const = 0;
  virtual void observe(const World& world, std::span<const TraceRecord> fresh, std::vector<Finding>& out) = 0;
};

// A copyable list of checkers, the run's record of what they found, and how far they have read.
class CheckerSet {
 public:
  CheckerSet() = default;
  CheckerSet(const CheckerSet& o);
  CheckerSet& operator=(const CheckerSet& o);
  CheckerSet(CheckerSet&&) = default;
  CheckerSet& operator=(CheckerSet&&) = default;

  void add(std::unique_ptr<Checker> c) { checkers_.push_back(std::move(c)); }
  size_t size() const { return checkers_.size(); }
  std::vector<std::string> names() const;

  // Feeds the records written since the last call to every checker; each finding becomes a
  // kViolation record "<checker>: <text> (event N)" and an entry of violations().
  void observe(World& world, const TraceLog& log);
  // After time travel: the trace was cut back to `records` and the violations to `violations`.
  size_t records_read() const { return read_; }
  const std::vector<Violation>& violations() const { return violations_; }

 private:
  std::vector<std::unique_ptr<Checker>> checkers_;
  std::vector<Violation> violations_;
  size_t read_ = 0;
  std::vector<Finding> scratch_;
};

// The checkers every run executes: ephemerals, watch-order, zxid-order, client-fifo and the ZAB
// checkers (one-leader-per-epoch, zab-integrity, zab-agreement, primary-order, monotonic-reads,
// election-order).
CheckerSet standard_checkers();

}  // namespace zoolab::sim::check
