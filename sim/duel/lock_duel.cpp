// Running one duel row and measuring it (see lock_duel.h). Measurements come from the workers'
// and the resource's views, sampled after every event, and from the run's checkers.
#include "sim/duel/lock_duel.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include "core/locks/lock_worker.h"
#include "core/locks/protected_resource.h"
#include "sim/check/lock_checkers.h"
#include "sim/duel/lock_holder.h"
#include "sim/scenario/expect_locks.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/run.h"

namespace zoolab::sim::duel {
namespace {

using core::locks::LockVariant;
using core::locks::LockWorker;

// Follows the workers event by event: who waited longest when someone acquired (FIFO), and how
// long the lock service kept the lock for an owner that was down (crashed, powered off or paused).
class Observer {
 public:
  explicit Observer(const World& w) {
    for (NodeId i = 0; i < w.node_count(); ++i)
      if (dynamic_cast<const LockWorker*>(w.node(i).prototype.get())) workers_.push_back(Tracked{i, 0, std::nullopt});
  }

  void after_event(const World& w, core::Time before) {
    const core::Time now = w.now();
    if (dead_) dead_time_ += now - before;
    for (Tracked& t : workers_) {
      const auto* wk = running_as(w, t.id);
      const uint64_t acq = wk ? wk->acquisitions() : t.acquisitions;
      if (acq > t.acquisitions) {
        on_acquired(w, t);
        t.acquisitions = acq;
      }
      if (wk) t.waiting_since = wk->waiting_since();
    }
    dead_ = false;
    for (const Tracked& t : workers_) {
      const auto* wk = dynamic_cast<const LockWorker*>(w.node(t.id).prototype.get());
      if (!wk || !first_of_lock(w, t)) continue;
      const std::string owner = service_holder(w, *running_or_prototype(w, t.id));
      if (owner.empty()) continue;
      const auto o = w.find_node(owner);
      if (o && (w.node(*o).state != NodeState::kRunning || w.paused(*o))) dead_ = true;
    }
  }

  uint64_t fair() const { return fair_; }
  uint64_t total() const { return total_; }
  core::Duration dead_time() const { return dead_time_; }

 private:
  struct Tracked {
    NodeId id;
    uint64_t acquisitions = 0;
    std::optional<core::Time> waiting_since;
  };

  static const LockWorker* running_as(const World& w, NodeId id) {
    if (w.node(id).state != NodeState::kRunning) return nullptr;
    return dynamic_cast<const LockWorker*>(w.node(id).process.get());
  }
  // The configuration is what matters for reading the service; a crashed worker has none running.
  static const LockWorker* running_or_prototype(const World& w, NodeId id) {
    if (const auto* r = running_as(w, id)) return r;
    return dynamic_cast<const LockWorker*>(w.node(id).prototype.get());
  }
  // Each lock is read once per event: through the first worker (in node order) that uses it.
  bool first_of_lock(const World& w, const Tracked& t) const {
    const std::string id = running_or_prototype(w, t.id)->lock_id();
    for (const Tracked& o : workers_) {
      if (o.id == t.id) return true;
      if (running_or_prototype(w, o.id)->lock_id() == id) return false;
    }
    return true;
  }

  void on_acquired(const World& w, Tracked& winner) {
    ++total_;
    bool fair = true;
    for (const Tracked& t : workers_) {
      if (t.id == winner.id || !t.waiting_since || !winner.waiting_since) continue;
      if (w.node(t.id).state != NodeState::kRunning || w.paused(t.id)) continue;
      if (*t.waiting_since < *winner.waiting_since) fair = false;
    }
    if (fair) ++fair_;
  }

  std::vector<Tracked> workers_;
  uint64_t fair_ = 0, total_ = 0;
  bool dead_ = false;
  core::Duration dead_time_{0};
};

int64_t percentile(std::vector<int64_t> v, int pct) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t idx = std::min(v.size() - 1, (v.size() * static_cast<size_t>(pct) + 99) / 100 - (pct > 0 ? 1 : 0));
  return v[idx];
}

std::string fmt_us(int64_t us) {
  char buf[32];
  if (us >= 1'000'000) std::snprintf(buf, sizeof buf, "%.1fs", static_cast<double>(us) / 1e6);
  else if (us >= 1000) std::snprintf(buf, sizeof buf, "%.1fms", static_cast<double>(us) / 1e3);
  else std::snprintf(buf, sizeof buf, "%ldus", static_cast<long>(us));
  return buf;
}

}  // namespace

DuelRow run_duel(const DuelOptions& o, LockVariant v) {
  auto sc = std::make_shared<const Scenario>(parse_scenario(duel_scenario(o, v), "compare-locks"));
  RunOptions ro;
  ro.checkpoint_every = 1u << 30;  // nobody travels back in a batch run
  Run run(sc, o.seed, product_processes(), ro);
  Observer obs(run.world());
  while (true) {
    const core::Time before = run.world().now();
    if (!run.step()) break;
    obs.after_event(run.world(), before);
  }
  const World& w = run.world();
  DuelRow row;
  row.variant = v;
  row.fenced = o.fencing && v != LockVariant::kRedlock && v != LockVariant::kMemcachedAdd;
  if (o.fencing && !row.fenced) row.note = "no fencing token";
  std::vector<int64_t> lat;
  uint64_t requests = 0, wakeups = 0;
  for (NodeId i = 0; i < w.node_count(); ++i) {
    const auto* wk = dynamic_cast<const LockWorker*>(w.node(i).process.get());
    if (!wk) continue;
    row.acquisitions += wk->acquisitions();
    requests += wk->requests_sent();
    wakeups += wk->wakeups();
    lat.insert(lat.end(), wk->acquire_latencies_us().begin(), wk->acquire_latencies_us().end());
  }
  if (auto id = w.find_node("res"))
    if (const auto* res = dynamic_cast<const core::locks::ProtectedResource*>(w.node(*id).process.get())) {
      row.lost_updates = res->lost_updates();
      row.rejected_writes = res->rejected();
    }
  for (const check::Violation& viol : run.violations())
    if (viol.checker == check::kMutualExclusion) ++row.violations;
  row.dead_owner_time = obs.dead_time();
  row.deadlocked = !deadlock_reason(w, std::string(core::locks::variant_name(v))).empty();
  row.latency_p50_us = percentile(lat, 50);
  row.latency_p99_us = percentile(lat, 99);
  row.requests_per_acquisition = row.acquisitions ? static_cast<double>(requests) / static_cast<double>(row.acquisitions) : 0;
  row.wakeups_per_release = row.acquisitions ? static_cast<double>(wakeups) / static_cast<double>(row.acquisitions) : 0;
  row.fifo_percent = obs.total() ? 100.0 * static_cast<double>(obs.fair()) / static_cast<double>(obs.total()) : 0;
  row.events = w.events_fired();
  return row;
}

std::vector<DuelRow> run_all(const DuelOptions& o) {
  std::vector<DuelRow> rows;
  const auto& vs = o.variants.empty() ? core::locks::all_variants() : o.variants;
  for (LockVariant v : vs) rows.push_back(run_duel(o, v));
  return rows;
}

std::string format_table(const DuelOptions& o, const std::vector<DuelRow>& rows) {
  std::string out;
  char buf[512];
  std::snprintf(buf, sizeof buf, "lock duel: %d clients, %lds, plan %s (%s), seed %lu, fencing %s\n", o.clients,
                static_cast<long>(o.duration.ns / 1'000'000'000), std::string(plan_name(o.plan)).c_str(),
                std::string(plan_summary(o.plan)).c_str(), static_cast<unsigned long>(o.seed), o.fencing ? "on" : "off");
  out += buf;
  std::snprintf(buf, sizeof buf, "%-19s %6s %5s %5s %6s %9s %5s %8s %8s %8s %8s %6s\n", "variant", "acq", "ME", "lost",
                "fenced", "dead-own", "stuck", "p50", "p99", "req/acq", "wake/rel", "FIFO");
  out += buf;
  for (const DuelRow& r : rows) {
    const bool zk = core::locks::is_zookeeper(r.variant);
    char wake[16];
    if (zk) std::snprintf(wake, sizeof wake, "%.2f", r.wakeups_per_release);
    else std::snprintf(wake, sizeof wake, "-");
    std::snprintf(buf, sizeof buf, "%-19s %6lu %5lu %5lu %6s %9s %5s %8s %8s %8.1f %8s %5.0f%%%s\n",
                  std::string(core::locks::variant_name(r.variant)).c_str(), static_cast<unsigned long>(r.acquisitions),
                  static_cast<unsigned long>(r.violations), static_cast<unsigned long>(r.lost_updates),
                  r.fenced ? std::to_string(r.rejected_writes).c_str() : "-",
                  fmt_us(r.dead_owner_time.ns / 1000).c_str(),
                  r.deadlocked ? "yes" : "no", fmt_us(r.latency_p50_us).c_str(), fmt_us(r.latency_p99_us).c_str(),
                  r.requests_per_acquisition, wake, r.fifo_percent, r.note.empty() ? "" : ("  (" + r.note + ")").c_str());
    out += buf;
  }
  out += "ME = acquisitions made while another worker still believed it held the lock (one long pause can\n"
         "cause many); lost = lost updates at the resource; fenced = stale-token writes the resource rejected;\n"
         "dead-own = time the lock stayed with a "
         "crashed or paused holder; stuck = held forever by a dead owner at the end; p50/p99 = acquisition latency;\n"
         "wake/rel = ZooKeeper watch wake-ups per acquisition (the herd effect); FIFO = acquisitions that went to\n"
         "the longest-waiting worker.\n";
  return out;
}

}  // namespace zoolab::sim::duel
