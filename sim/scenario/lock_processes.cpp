// Registers the lock duel's programs: `process w1 lock-worker lock=redis-cad redis=r1 resource=res
// lease=30s hold=100ms..300ms fencing=on` and `process res resource fencing=on`.
#include <stdexcept>

#include "core/locks/lock_worker.h"
#include "core/locks/protected_resource.h"
#include "sim/scenario/product_processes.h"
#include "sim/scenario/value_parse.h"

namespace zoolab::sim {
namespace {

using namespace core::locks;

[[noreturn]] void fail(const NodeDecl& d, const std::string& what) {
  throw std::runtime_error(d.loc.str() + ": error: " + d.name + ": " + what);
}

// `lease=30s`, `lease=30000` (milliseconds when no unit).
int64_t ms_arg(const NodeDecl& d, const std::string& key, int64_t fallback) {
  const std::string s = str_arg(d, key, "");
  if (s.empty()) return fallback;
  if (auto n = scenario_text::parse_uint(s, 1'000'000'000)) return static_cast<int64_t>(*n);
  std::string why;
  auto dur = scenario_text::parse_duration(s, &why);
  if (!dur) fail(d, key + "=" + s + ": " + why);
  return dur->ns / 1'000'000;
}

bool bool_arg(const NodeDecl& d, const std::string& key, bool fallback) {
  const std::string s = str_arg(d, key, "");
  if (s.empty()) return fallback;
  if (s == "on" || s == "true" || s == "yes") return true;
  if (s == "off" || s == "false" || s == "no") return false;
  fail(d, key + "=" + s + ": expected on or off");
}

core::NodeId one_node(const Scenario& sc, const NodeDecl& d, const std::string& key, bool required) {
  const auto nodes = nodes_arg(sc, d, key);
  if (nodes.size() > 1) fail(d, key + " names more than one machine");
  if (nodes.empty()) {
    if (required) fail(d, "needs " + key + "=NAME");
    return core::kNoNode;
  }
  return nodes[0];
}

std::unique_ptr<core::Process> make_worker(const Scenario& sc, const NodeDecl& d) {
  LockWorkerConfig cfg;
  const std::string lock = str_arg(d, "lock", "");
  const auto variant = parse_variant(lock);
  if (!variant) fail(d, (lock.empty() ? "needs lock=VARIANT" : "unknown lock variant '" + lock + "'") + "; expected one of " + variant_names_joined());
  cfg.variant = *variant;
  cfg.name = d.name;
  cfg.resource = one_node(sc, d, "resource", false);
  const std::string hold = str_arg(d, "hold", "100ms");
  if (const size_t dots = hold.find(".."); dots != std::string::npos) {
    NodeDecl tmp = d;
    tmp.args = {{"lo", hold.substr(0, dots)}, {"hi", hold.substr(dots + 2)}};
    cfg.hold_min_ms = ms_arg(tmp, "lo", 100);
    cfg.hold_max_ms = ms_arg(tmp, "hi", 100);
    if (cfg.hold_max_ms < cfg.hold_min_ms) fail(d, "hold=" + hold + ": the upper bound is below the lower");
  } else {
    cfg.hold_min_ms = cfg.hold_max_ms = ms_arg(d, "hold", 100);
  }
  cfg.think_ms = ms_arg(d, "think", 0);
  cfg.start_ms = ms_arg(d, "start", 0);
  cfg.iterations = int_arg(d, "iterations", 0);
  cfg.fencing = bool_arg(d, "fencing", false);
  cfg.slow_at_ms = d.args.count("slow-at") ? ms_arg(d, "slow-at", -1) : -1;
  cfg.slow_hold_ms = ms_arg(d, "slow-hold", 0);
  const int64_t lease = ms_arg(d, "lease", 30000);
  const int64_t retry = ms_arg(d, "retry", 100);
  const std::string key = str_arg(d, "key", "lock");

  if (is_zookeeper(cfg.variant)) {
    ZkLockClientOptions o;
    const auto servers = nodes_arg(sc, d, "servers");
    if (servers.empty()) fail(d, "needs servers=zk1[,zk2...]");
    for (core::NodeId n : servers) o.client.servers.push_back({n, sc.nodes[n].name + ":2181"});
    o.client.session_timeout_ms = static_cast<int32_t>(ms_arg(d, "timeout", 4000));
    o.lock.path = str_arg(d, "path", "/locks/job");
    o.lock.flavor = cfg.variant == LockVariant::kZkNaive ? core::recipes::LockFlavor::kNaive
                    : str_arg(d, "style", "curator") == "kazoo" ? core::recipes::LockFlavor::kSequentialKazoo
                                                                : core::recipes::LockFlavor::kSequential;
    o.lock.owner = d.name;
    o.fencing = cfg.fencing;
    cfg.lock = o;
  } else if (cfg.variant == LockVariant::kRedlock) {
    RedlockOptions o;
    o.masters = nodes_arg(sc, d, "masters");
    if (o.masters.size() < 1) fail(d, "needs masters=r1,r2,r3");
    if (cfg.fencing) fail(d, "Redlock has no fencing token (there is no single counter to INCR); drop fencing=on");
    o.key = key;
    o.owner = d.name;
    o.lease_ms = lease;
    o.retry_ms = retry;
    cfg.lock = o;
  } else {
    KvLockOptions o;
    o.variant = cfg.variant;
    o.key = key;
    o.owner = d.name;
    o.lease_ms = lease;
    o.renew_every_ms = ms_arg(d, "renew", lease / 3);
    o.retry_ms = retry;
    o.fencing = cfg.fencing;
    const bool mc = cfg.variant == LockVariant::kMemcachedAdd;
    if (mc && cfg.fencing) fail(d, "memcached has no fencing counter in ZooLab; drop fencing=on");
    o.server = one_node(sc, d, mc ? "memcached" : "redis", false);
    o.sentinel = one_node(sc, d, "sentinel", false);
    if (o.server == core::kNoNode && o.sentinel == core::kNoNode)
      fail(d, mc ? "needs memcached=NAME" : "needs redis=NAME (or sentinel=NAME)");
    o.master_name = str_arg(d, "master-name", "mymaster");
    for (size_t i = 0; i < sc.nodes.size(); ++i) o.nodes[sc.nodes[i].name] = static_cast<core::NodeId>(i);
    cfg.lock = o;
  }
  for (const auto& [k, v] : d.args) {
    static const char* kKnown[] = {"lock", "resource", "hold", "think", "start", "iterations", "fencing", "lease", "retry",
                                   "key", "servers", "timeout", "path", "style", "masters", "renew", "redis",
                                   "memcached", "sentinel", "master-name", "slow-at", "slow-hold"};
    bool known = false;
    for (const char* n : kKnown) known = known || k == n;
    if (!known) fail(d, "unknown argument '" + k + "'");
  }
  return std::make_unique<LockWorker>(std::move(cfg));
}

std::unique_ptr<core::Process> make_resource(const Scenario&, const NodeDecl& d) {
  ResourceConfig cfg;
  cfg.fencing = bool_arg(d, "fencing", false);
  return std::make_unique<ProtectedResource>(cfg);
}

}  // namespace

void add_lock_processes(ProcessRegistry& r) {
  r["lock-worker"] = make_worker;
  r["resource"] = make_resource;
}

}  // namespace zoolab::sim
