// The checker set: fan-out of fresh trace records, violations as trace records.
#include "sim/check/checker.h"

#include "sim/check/election_checker.h"
#include "sim/check/lock_checkers.h"
#include "sim/check/zab_checkers.h"
#include "sim/check/zk_checkers.h"

namespace zoolab::sim::check {

CheckerSet::CheckerSet(const CheckerSet& o) : violations_(o.violations_), read_(o.read_) {
  checkers_.reserve(o.checkers_.size());
  for (const auto& c : o.checkers_) checkers_.push_back(c->clone());
}

CheckerSet& CheckerSet::operator=(const CheckerSet& o) {
  if (this != &o) {
    CheckerSet copy(o);
    *this = std::move(copy);
  }
  return *this;
}

std::vector<std::string> CheckerSet::names() const {
  std::vector<std::string> out;
  for (const auto& c : checkers_) out.emplace_back(c->name());
  return out;
}

void CheckerSet::observe(World& world, const TraceLog& log) {
  const size_t end = log.records.size();
  if (read_ > end) read_ = end;  // defensive: the trace was cut back without restoring us
  if (read_ == end) return;
  const std::span<const TraceRecord> fresh(log.records.data() + read_, end - read_);
  for (const auto& c : checkers_) {
    scratch_.clear();
    c->observe(world, fresh, scratch_);
    for (Finding& f : scratch_) {
      Violation v{std::string(c->name()), world.events_fired(), world.now(), f.node, std::move(f.text)};
      world.record(RecordKind::kViolation, v.node,
                   v.checker + ": " + v.text + " (event " + std::to_string(v.event) + ")");
      violations_.push_back(std::move(v));
    }
  }
  // Our own violation records are not fed back to the checkers.
  read_ = log.records.size();
}

CheckerSet standard_checkers() {
  CheckerSet s;
  add_zookeeper_checkers(s);
  add_zab_checkers(s);
  s.add(make_election_order_checker());
  add_lock_checkers(s);
  return s;
}

}  // namespace zoolab::sim::check
