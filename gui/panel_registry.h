// Registry panel: the AP (Eureka-like) and CP (ZooKeeper) service registries side by side. Per
// Eureka server its leases (registered, last renewal, expiry, on the server's own clock), its
// self-preservation state and peer links; the ZooKeeper registry's ephemeral instance nodes as
// the leader's tree has them; per registry client what it currently sees. An instance still
// listed whose provider process is down is stale and drawn red.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/registry/eureka_server.h"
#include "gui/panel_context.h"
#include "gui/ui_command.h"

namespace zoolab::gui {

struct RegistryState {
  struct Key {
    uint64_t events = UINT64_MAX;
    uint64_t hash = 0;
    bool operator==(const Key&) const = default;
  } key;
  uint64_t rebuilds = 0;

  struct Server {
    NodeId node = core::kNoNode;
    std::string name;
    bool running = false;
    std::string down_text;
    int64_t local_ms = 0;  // the server's clock, what its lease times are on
    core::registry::EurekaServerView view;
  };
  std::vector<Server> servers;
  // Running Eureka servers per lease ("orders/p9e" -> {"e1"}): a lease some running server
  // lacks shows where replication has not reached (an AP registry's servers may disagree).
  std::map<std::string, std::set<std::string>> lease_servers;
  std::set<std::string> running_servers;

  // An ephemeral instance node of the ZooKeeper registry.
  struct ZkInstance {
    std::string app, instance, data;
    int64_t session = 0;
  };
  std::vector<ZkInstance> zk_instances;
  std::string zk_source;  // "zk2 (leader)"; "" when no ZooKeeper registry client or no server
  bool zk_registry = false;

  struct Client {
    NodeId node = core::kNoNode;
    std::string name, kind, app, role, state, server;
    bool running = false;
    bool fetched = false;           // has a list yet
    std::vector<std::string> sees;  // the cached instance list
    uint64_t register_ok = 0, register_failed = 0, lookup_ok = 0, lookup_failed = 0;
  };
  std::vector<Client> clients;

  // Instances whose provider process is in this world but not running (app/instance).
  std::set<std::string> down_providers;
  size_t stale_entries = 0;  // over every server and client
};

void draw_registry(RegistryState& state, const PanelContext& ctx, CommandQueue& out);

// "orders/orders-1"
std::string instance_key(const std::string& app, const std::string& instance);

}  // namespace zoolab::gui
