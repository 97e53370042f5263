// Lock-duel expectations:
//   expect holders redis-cad == 1          running workers of the variant that believe they hold
//   expect acquisitions w1 >= 3            a worker's acquisitions (or a variant's sum)
//   expect wakeups w2 == 1                 ZooKeeper watch wake-ups of a worker (or a variant's sum)
//   expect lost-updates res == 0           the protected resource's counters; also rejected-writes, value
//   expect lock-state c2 == "waiting-for-predecessor"   the lock client's named state
//   expect watches c3 == c2                c3 waits for the node c2 created (ZooKeeper locks)
//   expect deadlock redis-setnx-expire     its lock is held by a dead owner and never expires
//   expect no-deadlock redis-set-nx-ex
#include "sim/scenario/expect_locks.h"
#include "sim/scenario/expect_common.h"

#include <charconv>
#include <optional>

#include "core/locks/lock_worker.h"
#include "core/locks/protected_resource.h"
#include "core/redis/memcached_server.h"
#include "core/redis/redis_server.h"

namespace zoolab::sim {
namespace {

using namespace expect_common;

using Args = std::vector<std::string>;
using core::locks::LockWorker;
using core::locks::ProtectedResource;

std::string validate_count(const Args& a) {
  if (a.size() != 3) return "expected NAME OP N";
  if (a[1] != "==" && a[1] != "!=" && a[1] != ">=" && a[1] != "<=") return "expected ==, !=, >= or <=, got `" + a[1] + "`";
  if (!parse_number(a[2])) return "expected an integer, got `" + a[2] + "`";
  return "";
}

template <class T>
const T* running_as(const World& w, NodeId id) {
  const auto& n = w.node(id);
  if (n.state != NodeState::kRunning) return nullptr;
  return dynamic_cast<const T*>(n.process.get());
}

template <class T>
const T* any_as(const World& w, NodeId id) {
  return dynamic_cast<const T*>(w.node(id).process.get());
}

// Workers named NAME, or every worker of variant NAME.
std::vector<NodeId> workers(const World& w, const std::string& name) {
  std::vector<NodeId> out;
  for (NodeId i = 0; i < w.node_count(); ++i) {
    const auto* wk = any_as<LockWorker>(w, i);
    if (!wk) continue;
    if (w.node(i).name == name || core::locks::variant_name(wk->variant()) == name) out.push_back(i);
  }
  return out;
}

std::string validate_worker_count(const Scenario& sc, const Args& a) {
  if (std::string p = validate_count(a); !p.empty()) return p;
  if (sc.find(a[0])) return "";
  if (core::locks::parse_variant(a[0])) return "";
  return "unknown worker or lock variant `" + a[0] + "`; expected a lock-worker's name or one of " +
         core::locks::variant_names_joined();
}

ExpectCheck worker_sum(std::string usage, uint64_t (*get)(const LockWorker&), std::string what) {
  return {usage, validate_worker_count, [get, what](const World& w, const Scenario&, const Args& a) {
            if (a.size() != 3 || !parse_number(a[2])) return kBadArguments;
            const auto ws = workers(w, a[0]);
            if (ws.empty()) return ExpectOutcome{false, a[0] + " names no lock-worker"};
            int64_t sum = 0;
            for (NodeId n : ws) sum += static_cast<int64_t>(get(*any_as<LockWorker>(w, n)));
            return ExpectOutcome{compare(a[1], sum, *parse_number(a[2])), a[0] + " " + what + " = " + std::to_string(sum)};
          }};
}

ExpectCheck resource_count(std::string usage, int64_t (*get)(const ProtectedResource&), std::string what) {
  return {usage, [](const Scenario& sc, const Args& a) -> std::string {
            if (std::string p = validate_count(a); !p.empty()) return p;
            return sc.find(a[0]) ? "" : "unknown machine `" + a[0] + "`";
          },
          [get, what](const World& w, const Scenario&, const Args& a) {
            if (a.size() != 3 || !parse_number(a[2])) return kBadArguments;
            const auto id = w.find_node(a[0]);
            const auto* r = id ? any_as<ProtectedResource>(w, *id) : nullptr;
            if (!r) return ExpectOutcome{false, a[0] + " is not a resource"};
            const int64_t v = get(*r);
            return ExpectOutcome{compare(a[1], v, *parse_number(a[2])), a[0] + " " + what + " = " + std::to_string(v)};
          }};
}

std::string owner_down(const World& w, const std::string& owner) {
  const auto id = w.find_node(owner);
  if (!id) return "";
  switch (w.node(*id).state) {
    case NodeState::kRunning: return "";
    case NodeState::kCrashed: return "crashed";
    case NodeState::kPoweredOff: return "powered off";
    case NodeState::kNotStarted: return "not started";
  }
  return "";
}

}  // namespace

std::string deadlock_reason(const World& w, const std::string& variant) {
  for (NodeId wid : workers(w, variant)) {
    const auto* wk = any_as<LockWorker>(w, wid);
    const auto* kv = std::get_if<core::locks::KvLockOptions>(&wk->config().lock);
    if (!kv) continue;  // ZooKeeper locks are ephemeral, Redlock keys always carry a lease
    for (NodeId s = 0; s < w.node_count(); ++s) {
      if (const auto* r = running_as<core::redis::RedisServer>(w, s)) {
        auto it = r->keyspace().find(kv->key);
        if (it == r->keyspace().end() || it->second.expire_at_ms != -1) continue;
        if (std::string why = owner_down(w, it->second.value); !why.empty())
          return w.node(s).name + " holds `" + kv->key + "` = \"" + it->second.value + "\" without expiry; its owner is " + why;
      }
      if (const auto* m = running_as<core::redis::MemcachedServer>(w, s)) {
        auto it = m->items().find(kv->key);
        if (it == m->items().end() || it->second.exptime_unix_s != 0) continue;
        if (std::string why = owner_down(w, it->second.value); !why.empty())
          return w.node(s).name + " holds `" + kv->key + "` without expiry; its owner is " + why;
      }
    }
  }
  return "";
}

void add_lock_checks(std::map<std::string, ExpectCheck>& checks) {
  checks["holders"] = worker_sum(
      "holders VARIANT|WORKER OP N",
      [](const LockWorker& wk) -> uint64_t { return wk.believes_held() ? 1 : 0; }, "holders");
  // A crashed worker holds nothing, whatever its last view says.
  checks["holders"].evaluate = [](const World& w, const Scenario&, const Args& a) {
    if (a.size() != 3 || !parse_number(a[2])) return kBadArguments;
    int64_t n = 0;
    std::string names;
    for (NodeId id : workers(w, a[0]))
      if (const auto* wk = running_as<LockWorker>(w, id); wk && wk->believes_held()) {
        ++n;
        names += (names.empty() ? "" : ", ") + w.node(id).name;
      }
    return ExpectOutcome{compare(a[1], n, *parse_number(a[2])),
                         a[0] + " holders = " + std::to_string(n) + (names.empty() ? "" : " (" + names + ")")};
  };
  checks["acquisitions"] = worker_sum("acquisitions VARIANT|WORKER OP N", [](const LockWorker& wk) { return wk.acquisitions(); }, "acquisitions");
  checks["wakeups"] = worker_sum("wakeups VARIANT|WORKER OP N", [](const LockWorker& wk) { return wk.wakeups(); }, "wake-ups");
  checks["failed-releases"] = worker_sum("failed-releases VARIANT|WORKER OP N", [](const LockWorker& wk) { return wk.failed_releases(); }, "failed releases");
  checks["lost-locks"] = worker_sum("lost-locks VARIANT|WORKER OP N", [](const LockWorker& wk) { return wk.lost(); }, "locks lost");
  checks["lost-updates"] = resource_count("lost-updates RESOURCE OP N",
      [](const ProtectedResource& r) { return static_cast<int64_t>(r.lost_updates()); }, "lost updates");
  checks["rejected-writes"] = resource_count("rejected-writes RESOURCE OP N",
      [](const ProtectedResource& r) { return static_cast<int64_t>(r.rejected()); }, "rejected writes");
  checks["value"] = resource_count("value RESOURCE OP N", [](const ProtectedResource& r) { return r.value(); }, "A");
  checks["lock-state"] = {
      "lock-state WORKER ==|!= \"STATE\"",
      [](const Scenario& sc, const Args& a) -> std::string {
        if (a.size() != 3 || (a[1] != "==" && a[1] != "!=")) return "expected WORKER == \"STATE\"";
        return sc.find(a[0]) ? "" : "unknown machine `" + a[0] + "`";
      },
      [](const World& w, const Scenario&, const Args& a) {
        if (a.size() != 3) return kBadArguments;
        const auto id = w.find_node(a[0]);
        const auto* wk = id ? running_as<LockWorker>(w, *id) : nullptr;
        if (!wk) return ExpectOutcome{false, a[0] + " is not a running lock-worker"};
        const std::string s = wk->lock_state_text();
        return ExpectOutcome{(s == a[2]) == (a[1] == "=="), a[0] + "'s lock is " + s};
      }};
  checks["watches"] = {
      "watches WORKER == OTHER",
      [](const Scenario& sc, const Args& a) -> std::string {
        if (a.size() != 3 || a[1] != "==") return "expected WORKER == OTHER (or == nothing)";
        if (!sc.find(a[0])) return "unknown machine `" + a[0] + "`";
        return a[2] == "nothing" || sc.find(a[2]) ? "" : "unknown machine `" + a[2] + "`";
      },
      [](const World& w, const Scenario&, const Args& a) {
        if (a.size() != 3) return kBadArguments;
        const auto id = w.find_node(a[0]);
        const auto* wk = id ? running_as<LockWorker>(w, *id) : nullptr;
        if (!wk || !wk->zk()) return ExpectOutcome{false, a[0] + " is not a running ZooKeeper lock-worker"};
        const std::string& watching = wk->zk()->lock().watching();
        if (a[2] == "nothing") return ExpectOutcome{watching.empty(), a[0] + " watches " + (watching.empty() ? "nothing" : watching)};
        const auto other = w.find_node(a[2]);
        const auto* ow = other ? any_as<LockWorker>(w, *other) : nullptr;
        const std::string target = ow && ow->zk() ? ow->zk()->lock().my_node() : "";
        return ExpectOutcome{!watching.empty() && watching == target,
                             a[0] + " watches " + (watching.empty() ? "nothing" : watching) + "; " + a[2] + "'s node is " +
                                 (target.empty() ? "none" : target)};
      }};
  auto validate_variant = [](const Scenario&, const Args& a) -> std::string {
    if (a.size() != 1 || !core::locks::parse_variant(a[0]))
      return "expected one lock variant: " + core::locks::variant_names_joined();
    return "";
  };
  checks["deadlock"] = {"deadlock VARIANT", validate_variant, [](const World& w, const Scenario&, const Args& a) {
                          if (a.size() != 1 || !core::locks::parse_variant(a[0])) return kBadArguments;
                          const std::string why = deadlock_reason(w, a[0]);
                          return ExpectOutcome{!why.empty(), why.empty() ? "no lock is held forever by a dead owner" : why};
                        }};
  checks["no-deadlock"] = {"no-deadlock VARIANT", validate_variant, [](const World& w, const Scenario&, const Args& a) {
                             if (a.size() != 1 || !core::locks::parse_variant(a[0])) return kBadArguments;
                             const std::string why = deadlock_reason(w, a[0]);
                             return ExpectOutcome{why.empty(), why.empty() ? "no lock is held forever by a dead owner" : why};
                           }};
  checks["violations"] = {"violations VARIANT OP N",
                          [](const Scenario&, const Args& a) -> std::string {
                            if (std::string p = validate_count(a); !p.empty()) return p;
                            return core::locks::parse_variant(a[0]) ? "" : "unknown lock variant `" + a[0] + "`; expected one of " + core::locks::variant_names_joined();
                          },
                          [](const World&, const Scenario&, const Args&) {
                            return ExpectOutcome{false, "only a run (which owns the checkers) can evaluate this"};
                          }};
}

}  // namespace zoolab::sim
