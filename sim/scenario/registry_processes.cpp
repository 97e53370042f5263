// Registers the registry program kinds (see product_processes.h): `eureka`, `eureka-client`
// and `zk-registry-client`.
#include <stdexcept>

#include "core/registry/eureka_client.h"
#include "core/registry/eureka_server.h"
#include "core/registry/zk_registry_client.h"
#include "sim/scenario/product_processes.h"

namespace zoolab::sim {
namespace {

namespace reg = core::registry;

bool bool_arg(const NodeDecl& decl, const std::string& key, bool fallback) {
  const std::string v = str_arg(decl, key, fallback ? "true" : "false");
  if (v == "true" || v == "on" || v == "yes") return true;
  if (v == "false" || v == "off" || v == "no") return false;
  throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + ": " + key + "=" + v + " is not true or false");
}

std::vector<std::string> names_of(const Scenario& sc, const std::vector<core::NodeId>& ids) {
  std::vector<std::string> out;
  for (core::NodeId id : ids) out.push_back(sc.nodes.at(id).name);
  return out;
}

// `process e1 eureka peers=e2,e3 [lease=90000] [eviction=60000] [self-preservation=true] [lease-bug=true]`
std::unique_ptr<core::Process> make_eureka(const Scenario& sc, const NodeDecl& decl) {
  reg::EurekaServerConfig c;
  c.peers = nodes_arg(sc, decl, "peers");
  c.peer_names = names_of(sc, c.peers);
  c.lease_duration_ms = int_arg(decl, "lease", c.lease_duration_ms);
  c.eviction_interval_ms = int_arg(decl, "eviction", c.eviction_interval_ms);
  c.self_preservation = bool_arg(decl, "self-preservation", c.self_preservation);
  c.lease_bug = bool_arg(decl, "lease-bug", c.lease_bug);
  c.renewal_percent_threshold = static_cast<int32_t>(int_arg(decl, "threshold", c.renewal_percent_threshold));
  if (c.lease_duration_ms <= 0 || c.eviction_interval_ms <= 0)
    throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + ": lease and eviction must be positive");
  return std::make_unique<reg::EurekaServer>(c);
}

// `process c1 eureka-client servers=e1,e2 app=orders instance=orders-1 register=true fetch=true ...`
std::unique_ptr<core::Process> make_eureka_client(const Scenario& sc, const NodeDecl& decl) {
  reg::EurekaClientConfig c;
  c.servers = nodes_arg(sc, decl, "servers");
  if (c.servers.empty()) throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + " names no server (servers=e1,e2)");
  c.server_names = names_of(sc, c.servers);
  c.app = str_arg(decl, "app", c.app);
  c.instance = str_arg(decl, "instance", decl.name);
  c.register_instance = bool_arg(decl, "register", c.register_instance);
  c.fetch = bool_arg(decl, "fetch", c.fetch);
  c.renew_interval_ms = int_arg(decl, "renew-interval", c.renew_interval_ms);
  c.fetch_interval_ms = int_arg(decl, "fetch-interval", c.fetch_interval_ms);
  c.request_timeout_ms = int_arg(decl, "timeout", c.request_timeout_ms);
  c.probe_interval_ms = int_arg(decl, "probe", c.probe_interval_ms);
  c.probe_timeout_ms = int_arg(decl, "probe-timeout", c.probe_timeout_ms);
  if (c.renew_interval_ms <= 0 || c.fetch_interval_ms <= 0 || c.request_timeout_ms <= 0 || c.probe_interval_ms < 0)
    throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + ": intervals must be positive");
  return std::make_unique<reg::EurekaClient>(c);
}

// `process p1 zk-registry-client servers=zk1,zk2,zk3 app=orders instance=orders-1 provider=true consumer=false timeout=30000`
std::unique_ptr<core::Process> make_zk_registry_client(const Scenario& sc, const NodeDecl& decl) {
  reg::ZkRegistryClientConfig c;
  std::string port = "2181";
  if (auto it = sc.config.find("clientPort"); it != sc.config.end()) port = it->second;
  for (core::NodeId id : nodes_arg(sc, decl, "servers")) c.servers.push_back({id, sc.nodes.at(id).name + ":" + port});
  if (c.servers.empty()) throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + " names no server (servers=zk1,zk2)");
  c.app = str_arg(decl, "app", c.app);
  c.instance = str_arg(decl, "instance", decl.name);
  c.provider = bool_arg(decl, "provider", c.provider);
  c.consumer = bool_arg(decl, "consumer", c.consumer);
  c.session_timeout_ms = static_cast<int32_t>(int_arg(decl, "timeout", c.session_timeout_ms));
  c.shuffle_hosts = bool_arg(decl, "shuffle", c.shuffle_hosts);
  c.probe_interval_ms = int_arg(decl, "probe", c.probe_interval_ms);
  c.probe_timeout_ms = int_arg(decl, "probe-timeout", c.probe_timeout_ms);
  if (c.session_timeout_ms <= 0 || c.probe_interval_ms < 0)
    throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + ": bad timeout or probe interval");
  return std::make_unique<reg::ZkRegistryClient>(c);
}

}  // namespace

void add_registry_processes(ProcessRegistry& r) {
  r["eureka"] = make_eureka;
  r["eureka-client"] = make_eureka_client;
  r["zk-registry-client"] = make_zk_registry_client;
}

}  // namespace zoolab::sim
