// The Redis side of `zoolab shell`: `--redis` (typed lines go to a redis-cli on r1) and the
// `!redis [@SERVER] CMD...` helper of every shell.
#include <stdexcept>

#include "cli/shell_session.h"
#include "core/redis/redis_cli_process.h"
#include "sim/scenario/run.h"

namespace zoolab::cli {
namespace {

// After a Redis command the world runs this much longer (replication, other clients' output).
constexpr core::Duration kRedisSettle = core::milliseconds(5);
// The helper machine behind `!redis` (not a valid scenario name, so it never clashes).
constexpr const char* kRedisProbeName = "(redis-cli)";

bool shell_kind(const std::string& kind) {
  return kind == "zookeeper" || kind == "redis" || kind == "sentinel" || kind == "memcached";
}

core::redis::RedisCliConfig cli_config(const sim::World& world, NodeId server, bool raw) {
  core::redis::RedisCliConfig cfg;
  cfg.host = world.node(server).name;
  cfg.server = server;
  for (NodeId id = 0; id < world.node_count(); ++id) cfg.hosts[world.node(id).name] = id;
  cfg.raw = raw;
  return cfg;
}

}  // namespace

std::shared_ptr<const sim::Scenario> shell_machines(std::shared_ptr<const sim::Scenario> config) {
  auto sc = std::make_shared<sim::Scenario>(*config);
  sc->nodes.clear();
  for (const sim::NodeDecl& d : config->nodes)
    if (shell_kind(d.kind)) sc->nodes.push_back(d);
  return sc;
}

std::shared_ptr<const sim::Scenario> default_redis_shell_config() {
  auto sc = std::make_shared<sim::Scenario>();
  sc->file = "redis.conf";
  sim::NodeDecl server;
  server.name = "r1";
  server.kind = "redis";
  sc->nodes.push_back(server);
  return sc;
}

void ShellSession::open_redis_cli() {
  NodeId server = redis_servers_.front();
  for (NodeId id : redis_servers_)  // the first real Redis server, not a sentinel
    if (world_.node(id).prototype && world_.node(id).prototype->kind() == "redis") {
      server = id;
      break;
    }
  redis_cli_ = world_.add_node("redis-cli",
                               std::make_unique<core::redis::RedisCliProcess>(cli_config(world_, server, options_.redis_raw)));
  world_.apply(sim::StartNode{redis_cli_});
  run_until_answered(redis_cli_);
  flush_output();
}

void ShellSession::redis_command(const std::string& rest) {
  std::string line = rest;
  std::optional<NodeId> target;
  const size_t first = line.find_first_not_of(' ');
  if (first != std::string::npos && line[first] == '@') {
    const size_t end = std::min(line.find(' ', first), line.size());
    const std::string name = line.substr(first + 1, end - first - 1);
    for (NodeId id : redis_servers_)
      if (world_.node(id).name == name) target = id;
    if (!target) return say(core::OutStream::kErr, "!redis: no Redis machine named '" + name + "'\n");
    line = line.substr(end);
  }
  if (redis_servers_.empty())
    return say(core::OutStream::kErr,
               "!redis: this world has no Redis server; start `zoolab shell --redis`, or give --config a scenario "
               "whose header declares one (process r1 redis)\n");
  if (line.find_first_not_of(' ') == std::string::npos) return say(core::OutStream::kErr, "usage: !redis [@SERVER] COMMAND...\n");
  const NodeId server = target.value_or(redis_servers_.front());
  if (redis_probe_ == core::kNoNode) {
    redis_probe_ = world_.add_node(kRedisProbeName,
                                   std::make_unique<core::redis::RedisCliProcess>(cli_config(world_, server, options_.redis_raw)));
    world_.apply(sim::StartNode{redis_probe_});
    run_until_answered(redis_probe_);
  }
  // Each `!redis` talks to the server it names (or the first one), like `redis-cli -h HOST CMD`.
  const auto* cli = dynamic_cast<const core::redis::RedisCliProcess*>(world_.node(redis_probe_).process.get());
  if (cli != nullptr && cli->host() != world_.node(server).name) {
    world_.apply(sim::TypeLine{redis_probe_, "connect " + world_.node(server).name + " 6379"});
    run_until_answered(redis_probe_);
  }
  world_.apply(sim::TypeLine{redis_probe_, line});
  run_until_answered(redis_probe_);
  settle(kRedisSettle);
}

}  // namespace zoolab::cli
