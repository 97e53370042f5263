// The programs ZooLab ships, by the kind a scenario names (grows with every issue).
#include <charconv>
#include <stdexcept>

#include "core/client/zkcli_process.h"
#include "core/server/zookeeper_server.h"
#include "sim/scenario/product_processes.h"
#include "sim/scenario/run.h"

namespace zoolab::sim {
namespace {

std::string arg_or(const NodeDecl& decl, const std::string& key, std::string fallback) {
  auto it = decl.args.find(key);
  return it == decl.args.end() ? fallback : it->second;
}

// `client c1 connect zk1,zk2` / `process c1 zkcli server=zk1 timeout=4000`.
std::unique_ptr<core::Process> make_zkcli(const Scenario& sc, const NodeDecl& decl) {
  core::zk::ZkCliProcessConfig cfg;
  const std::string servers = arg_or(decl, "server", "");
  std::string port = "2181";
  if (auto it = sc.config.find("clientPort"); it != sc.config.end()) port = it->second;
  std::string connect;
  for (size_t start = 0; start < servers.size();) {
    const size_t comma = std::min(servers.find(',', start), servers.size());
    const std::string name = servers.substr(start, comma - start);
    const auto id = sc.find(name);
    if (!id) throw std::runtime_error(decl.loc.str() + ": error: client " + decl.name + ": no server named '" + name + "'");
    cfg.servers.push_back(*id);
    connect += (connect.empty() ? "" : ",") + name + ":" + port;
    start = comma + 1;
  }
  if (cfg.servers.empty())
    throw std::runtime_error(decl.loc.str() + ": error: client " + decl.name + " names no server (server=NAME)");
  cfg.connect_string = arg_or(decl, "connect", connect);
  const std::string timeout = arg_or(decl, "timeout", "30000");
  int32_t ms = 0;
  const auto r = std::from_chars(timeout.data(), timeout.data() + timeout.size(), ms);
  if (r.ec != std::errc() || r.ptr != timeout.data() + timeout.size() || ms <= 0)
    throw std::runtime_error(decl.loc.str() + ": error: client " + decl.name + ": bad timeout '" + timeout + "'");
  cfg.session_timeout_ms = ms;
  cfg.jline = arg_or(decl, "jline", "false") == "true";
  return std::make_unique<core::zk::ZkCliProcess>(cfg);
}

}  // namespace

core::zab::QuorumConfig quorum_config_of(const Scenario& sc) {
  std::map<int64_t, core::zab::PeerAddress> peers;
  int32_t client_port = 2181;
  if (auto it = sc.config.find("clientPort"); it != sc.config.end()) {
    int32_t v = 0;
    const auto r = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
    if (r.ec == std::errc()) client_port = v;
  }
  for (size_t i = 0; i < sc.nodes.size(); ++i) {
    const NodeDecl& d = sc.nodes[i];
    if (d.server_id <= 0 || d.kind != "zookeeper") continue;
    core::zab::PeerAddress a;
    a.sid = d.server_id;
    a.node = static_cast<NodeId>(i);
    a.host = d.name;
    a.quorum_port = d.quorum_port;
    a.election_port = d.election_port;
    a.client_port = client_port;
    a.observer = d.observer;
    peers[a.sid] = a;
  }
  return core::zab::QuorumConfig(std::move(peers));
}

namespace {
ProcessRegistry make_registry() {
  ProcessRegistry r = {
      {"zookeeper",
       [](const Scenario& sc, const NodeDecl& decl) {
         core::zk::ServerConfig cfg = core::zk::server_config_from(sc.config, decl.server_id);
         cfg.quorum = quorum_config_of(sc);
         // QuorumPeerConfig refuses an ensemble without these ("initLimit is not set"): no default.
         for (const char* key : {"initLimit", "syncLimit"})
           if (cfg.quorum.distributed() && sc.config.count(key) == 0)
             throw std::runtime_error(decl.loc.str() + ": error: " + key +
                                      " is not set; expected initLimit=N and syncLimit=N (in ticks) in an ensemble: "
                                      "ZooKeeper refuses to start without them (zoo_sample.cfg: initLimit=10, "
                                      "syncLimit=5)");
         return core::zk::make_zookeeper_server(std::move(cfg));
       }},
      {"zkcli", make_zkcli},
  };
  add_redis_processes(r);
  add_recipe_processes(r);
  add_registry_processes(r);
  add_lock_processes(r);
  return r;
}
}  // namespace

const ProcessRegistry& product_processes() {
  static const ProcessRegistry kRegistry = make_registry();
  return kRegistry;
}

}  // namespace zoolab::sim

namespace zoolab::sim {

int64_t int_arg(const NodeDecl& decl, const std::string& key, int64_t fallback) {
  auto it = decl.args.find(key);
  if (it == decl.args.end()) return fallback;
  int64_t v = 0;
  const std::string& s = it->second;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size())
    throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + ": " + key + "=" + s + " is not an integer");
  return v;
}

std::string str_arg(const NodeDecl& decl, const std::string& key, std::string fallback) {
  auto it = decl.args.find(key);
  return it == decl.args.end() ? fallback : it->second;
}

std::vector<core::NodeId> nodes_arg(const Scenario& sc, const NodeDecl& decl, const std::string& key) {
  std::vector<core::NodeId> out;
  const std::string list = str_arg(decl, key, "");
  for (size_t start = 0; start < list.size();) {
    const size_t comma = std::min(list.find(',', start), list.size());
    const std::string name = list.substr(start, comma - start);
    const auto id = sc.find(name);
    if (!id) throw std::runtime_error(decl.loc.str() + ": error: " + decl.name + ": " + key + " names unknown machine '" + name + "'");
    out.push_back(*id);
    start = comma + 1;
  }
  return out;
}

}  // namespace zoolab::sim
