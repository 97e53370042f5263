// Each product module registers the program kinds a scenario's `process NAME KIND` lines name.
#pragma once

#include "sim/scenario/run.h"

namespace zoolab::sim {

void add_redis_processes(ProcessRegistry& r);     // redis, memcached, sentinel, redis-cli (redis_processes.cpp)
void add_recipe_processes(ProcessRegistry& r);    // ZooKeeper recipe clients (recipe_processes.cpp)
void add_registry_processes(ProcessRegistry& r);  // AP registry servers and clients (registry_processes.cpp)
void add_lock_processes(ProcessRegistry& r);      // lock workers, the protected resource (lock_processes.cpp)

// Integer argument of a process line (`ttl=30000`), with a file:line error naming the key.
int64_t int_arg(const NodeDecl& decl, const std::string& key, int64_t fallback);
std::string str_arg(const NodeDecl& decl, const std::string& key, std::string fallback);
// Resolves a comma-separated list of machine names (`servers=zk1,zk2`) to NodeIds.
std::vector<core::NodeId> nodes_arg(const Scenario& sc, const NodeDecl& decl, const std::string& key);

}  // namespace zoolab::sim
