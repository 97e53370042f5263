// Lock safety checkers (see lock_checkers.h). Both look only at nodes the fresh records touch.
#include "sim/check/lock_checkers.h"

#include <map>
#include <set>

#include "core/locks/lock_worker.h"
#include "core/locks/protected_resource.h"

namespace zoolab::sim::check {
namespace {

using core::locks::LockWorker;
using core::locks::ProtectedResource;

template <class T>
const T* process_as(const World& w, NodeId id) {
  const auto& n = w.node(id);
  if (n.state != NodeState::kRunning) return nullptr;  // a crashed worker holds nothing
  return dynamic_cast<const T*>(n.process.get());
}

// A worker "holds" from its lock's acquired event to the release; a paused worker still does
// (when it wakes it carries on writing), a crashed one does not.
class MutualExclusionChecker final : public Checker {
 public:
  std::unique_ptr<Checker> clone() const override { return std::make_unique<MutualExclusionChecker>(*this); }
  std::string_view name() const override { return kMutualExclusion; }
  void observe(const World& w, std::span<const TraceRecord> fresh, std::vector<Finding>& out) override {
    std::set<NodeId> touched;
    for (const TraceRecord& r : fresh)
      if (r.node != core::kNoNode && r.node < w.node_count()) touched.insert(r.node);
    bool changed = false;
    // A holder that crashed holds nothing (its crash may be recorded without its node).
    for (auto it = holders_.begin(); it != holders_.end();) {
      if (w.node(it->first).state == NodeState::kRunning) {
        ++it;
      } else {
        it = holders_.erase(it);
        changed = true;
      }
    }
    for (NodeId n : touched) {
      const auto* wk = dynamic_cast<const LockWorker*>(w.node(n).process.get());
      if (!wk) continue;
      const bool now = w.node(n).state == NodeState::kRunning && wk->believes_held();
      const bool before = holders_.count(n) > 0;
      if (now == before) continue;
      changed = true;
      if (now) holders_[n] = {std::string(core::locks::variant_name(wk->variant())), wk->lock_id()};
      else holders_.erase(n);
    }
    if (!changed) return;
    std::map<std::string, std::vector<NodeId>> by_lock;
    for (const auto& [n, h] : holders_) by_lock[h.lock].push_back(n);
    for (const auto& [lock, nodes] : by_lock) {
      const bool overlap = nodes.size() >= 2;
      const bool was = overlapping_.count(lock) > 0;
      if (overlap && !was) {
        std::string names;
        for (NodeId n : nodes) names += (names.empty() ? "" : " and ") + w.node(n).name;
        out.push_back({nodes.back(), variant_tag(holders_.at(nodes.back()).variant) + names +
                                         " both believe they hold the lock (" + lock + ")"});
      }
      if (overlap) overlapping_.insert(lock);
      else overlapping_.erase(lock);
    }
    for (auto it = overlapping_.begin(); it != overlapping_.end();)
      it = by_lock.count(*it) ? std::next(it) : overlapping_.erase(it);
  }

 private:
  struct Holder {
    std::string variant, lock;
  };
  std::map<NodeId, Holder> holders_;   // workers that believe they hold a lock
  std::set<std::string> overlapping_;  // locks with two holders right now (one finding per episode)
};

class LostUpdateChecker final : public Checker {
 public:
  std::unique_ptr<Checker> clone() const override { return std::make_unique<LostUpdateChecker>(*this); }
  std::string_view name() const override { return kLostUpdate; }
  void observe(const World& w, std::span<const TraceRecord> fresh, std::vector<Finding>& out) override {
    std::set<NodeId> touched;
    for (const TraceRecord& r : fresh)
      if (r.node != core::kNoNode && r.node < w.node_count()) touched.insert(r.node);
    for (NodeId n : touched) {
      const auto* res = process_as<ProtectedResource>(w, n);
      if (!res) continue;
      uint64_t& seen = seen_[n];
      if (res->lost_updates() > seen)
        out.push_back({n, w.node(n).name + ": lost update: a write overwrote " +
                              std::to_string(res->lost_updates() - seen) + " concurrent write(s) (A = " +
                              std::to_string(res->value()) + " after " + std::to_string(res->writes()) + " writes)"});
      seen = res->lost_updates();
    }
  }

 private:
  std::map<NodeId, uint64_t> seen_;
};

}  // namespace

std::string variant_tag(std::string_view variant) { return "[" + std::string(variant) + "] "; }

void add_lock_checkers(CheckerSet& set) {
  set.add(std::make_unique<MutualExclusionChecker>());
  set.add(std::make_unique<LostUpdateChecker>());
}

}  // namespace zoolab::sim::check
