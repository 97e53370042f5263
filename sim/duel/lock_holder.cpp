// Reading lock ownership from the services' views (see lock_holder.h).
#include "sim/duel/lock_holder.h"

#include <algorithm>
#include <map>

#include "core/base/overloaded.h"
#include "core/redis/memcached_server.h"
#include "core/redis/redis_server.h"
#include "core/server/zookeeper_server.h"

namespace zoolab::sim::duel {
namespace {

using namespace core::locks;

template <class T>
const T* running_as(const World& w, NodeId id) {
  const auto& n = w.node(id);
  return n.state == NodeState::kRunning ? dynamic_cast<const T*>(n.process.get()) : nullptr;
}

std::string redis_value(const World& w, NodeId id, const std::string& key, bool masters_only) {
  const auto* r = running_as<core::redis::RedisServer>(w, id);
  if (!r || (masters_only && !r->is_master())) return "";
  if (r->ttl_ms(key, w.local_time(id)) == -2) return "";
  auto it = r->keyspace().find(key);
  return it == r->keyspace().end() ? "" : it->second.value;
}

std::string kv_holder(const World& w, const KvLockOptions& o) {
  for (NodeId id = 0; id < w.node_count(); ++id) {
    if (o.variant == LockVariant::kMemcachedAdd) {
      const auto* m = running_as<core::redis::MemcachedServer>(w, id);
      if (!m) continue;
      auto it = m->items().find(o.key);
      if (it == m->items().end()) continue;
      const int64_t now_s = core::redis::MemcachedServer::unix_seconds(w.local_time(id));
      if (it->second.exptime_unix_s != 0 && it->second.exptime_unix_s <= now_s) continue;
      return it->second.value;
    }
    if (std::string v = redis_value(w, id, o.key, true); !v.empty()) return v;
  }
  return "";
}

std::string redlock_holder(const World& w, const RedlockOptions& o) {
  std::map<std::string, size_t> votes;
  for (NodeId m : o.masters)
    if (std::string v = redis_value(w, m, o.key, false); !v.empty()) ++votes[v];
  for (const auto& [owner, n] : votes)
    if (n >= o.masters.size() / 2 + 1) return owner;
  return "";
}

// The lowest contender by sequence number (the last 10 digits), as the recipe sorts them.
std::string zk_holder(const World& w, const ZkLockClientOptions& o) {
  for (NodeId id = 0; id < w.node_count(); ++id) {
    const auto* s = running_as<core::zk::ZooKeeperServer>(w, id);
    if (!s) continue;
    const auto& tree = s->tree();
    if (o.lock.flavor == core::recipes::LockFlavor::kNaive) {
      const auto n = tree.find(o.lock.path + "/lock");
      if (n == core::zk::DataTree::kNone) return "";
      return tree.data(n).value_or("");
    }
    const auto dir = tree.find(o.lock.path);
    if (dir == core::zk::DataTree::kNone) return "";
    std::vector<std::string> kids = tree.children(dir);
    if (kids.empty()) return "";
    auto seq = [](const std::string& name) { return name.size() >= 10 ? name.substr(name.size() - 10) : name; };
    const auto first = std::min_element(kids.begin(), kids.end(), [&](const std::string& a, const std::string& b) { return seq(a) < seq(b); });
    const auto n = tree.find(o.lock.path + "/" + *first);
    return n == core::zk::DataTree::kNone ? "" : tree.data(n).value_or("");
  }
  return "";
}

}  // namespace

std::string service_holder(const World& w, const LockWorker& wk) {
  return std::visit(core::Overloaded{[&](const KvLockOptions& o) { return kv_holder(w, o); },
                                     [&](const RedlockOptions& o) { return redlock_holder(w, o); },
                                     [&](const ZkLockClientOptions& o) { return zk_holder(w, o); }},
                    wk.config().lock);
}

}  // namespace zoolab::sim::duel
