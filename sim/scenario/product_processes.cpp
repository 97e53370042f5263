// The programs ZooLab ships, by the kind a scenario names (grows with every issue).
#include <charconv>
#include <stdexcept>

#include "core/client/zkcli_process.h"
#include "core/server/zookeeper_server.h"
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

const ProcessRegistry& product_processes() {
  static const ProcessRegistry kRegistry = {
      {"zookeeper",
       [](const Scenario& sc, const NodeDecl& decl) {
         return core::zk::make_zookeeper_server(core::zk::server_config_from(sc.config, decl.server_id));
       }},
      {"zkcli", make_zkcli},
  };
  return kRegistry;
}

}  // namespace zoolab::sim
