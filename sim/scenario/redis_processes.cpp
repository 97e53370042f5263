// Registers the redis program kinds (see product_processes.h and docs/redis.md):
// `process r1 redis [port=6379] [replicaof=r0] [hz=10]`, `process cli redis-cli server=r1 [raw=true]`,
// `process m1 memcached [port=11211]`, `process s1 sentinel masters=r1 replicas=r2,r3 ...`.
#include <stdexcept>

#include "core/redis/memcached_server.h"
#include "core/redis/redis_cli_process.h"
#include "core/redis/redis_server.h"
#include "core/redis/sentinel.h"
#include "sim/scenario/product_processes.h"

namespace zoolab::sim {
namespace {

std::map<std::string, core::NodeId> host_map(const Scenario& sc) {
  std::map<std::string, core::NodeId> out;
  for (size_t i = 0; i < sc.nodes.size(); ++i) out[sc.nodes[i].name] = static_cast<core::NodeId>(i);
  return out;
}

std::string server_name(const Scenario& sc, const NodeDecl& decl, const std::string& key) {
  const std::string name = str_arg(decl, key, "");
  if (name.empty()) return name;
  if (!sc.find(name)) throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + ": " + key + " names unknown machine '" + name + "'");
  return name;
}

std::unique_ptr<core::Process> make_redis(const Scenario& sc, const NodeDecl& decl) {
  core::redis::RedisServerConfig cfg;
  cfg.name = decl.name;
  cfg.port = static_cast<int32_t>(int_arg(decl, "port", 6379));
  cfg.replicaof = server_name(sc, decl, "replicaof");
  cfg.hosts = host_map(sc);
  cfg.hz = static_cast<int32_t>(int_arg(decl, "hz", 10));
  if (cfg.hz < 1 || cfg.hz > 500) throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + ": hz must be 1..500");
  return std::make_unique<core::redis::RedisServer>(std::move(cfg));
}

std::unique_ptr<core::Process> make_redis_cli(const Scenario& sc, const NodeDecl& decl) {
  core::redis::RedisCliConfig cfg;
  cfg.host = server_name(sc, decl, "server");
  if (cfg.host.empty())
    throw std::runtime_error(decl.loc.str() + ": error: redis-cli " + decl.name + " names no server (server=NAME)");
  cfg.server = *sc.find(cfg.host);
  cfg.port = static_cast<int32_t>(int_arg(decl, "port", 6379));
  cfg.hosts = host_map(sc);
  cfg.raw = str_arg(decl, "raw", "false") == "true";
  return std::make_unique<core::redis::RedisCliProcess>(std::move(cfg));
}

std::unique_ptr<core::Process> make_memcached(const Scenario&, const NodeDecl& decl) {
  core::redis::MemcachedConfig cfg;
  cfg.name = decl.name;
  cfg.port = static_cast<int32_t>(int_arg(decl, "port", 11211));
  return std::make_unique<core::redis::MemcachedServer>(std::move(cfg));
}

std::vector<std::string> names_arg(const Scenario& sc, const NodeDecl& decl, const std::string& key) {
  std::vector<std::string> out;
  for (core::NodeId id : nodes_arg(sc, decl, key)) out.push_back(sc.nodes[id].name);
  return out;
}

// `process s1 sentinel masters=r1 replicas=r2,r3 [sentinels=s2,s3] [down-after=5000] [quorum=1] [name=mymaster]`
std::unique_ptr<core::Process> make_sentinel(const Scenario& sc, const NodeDecl& decl) {
  core::redis::SentinelConfig cfg;
  cfg.name = decl.name;
  cfg.master_name = str_arg(decl, "name", "mymaster");
  const std::vector<std::string> masters = names_arg(sc, decl, "masters");
  if (masters.size() != 1)
    throw std::runtime_error(decl.loc.str() + ": error: sentinel " + decl.name + " needs exactly one master (masters=NAME)");
  cfg.master = masters[0];
  cfg.replicas = names_arg(sc, decl, "replicas");
  cfg.sentinels = names_arg(sc, decl, "sentinels");
  cfg.down_after_ms = int_arg(decl, "down-after", 5000);
  cfg.quorum = static_cast<int32_t>(int_arg(decl, "quorum", 1));
  if (cfg.down_after_ms <= 0 || cfg.quorum <= 0)
    throw std::runtime_error(decl.loc.str() + ": error: sentinel " + decl.name + ": down-after and quorum must be positive");
  cfg.hosts = host_map(sc);
  return std::make_unique<core::redis::Sentinel>(std::move(cfg));
}

}  // namespace

void add_redis_processes(ProcessRegistry& r) {
  r["redis"] = make_redis;
  r["redis-cli"] = make_redis_cli;
  r["memcached"] = make_memcached;
  r["sentinel"] = make_sentinel;
}

}  // namespace zoolab::sim
