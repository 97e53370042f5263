// The world behind `zoolab shell`: the simulated servers of the config (one standalone server by
// default, or an ensemble) and zkCli clients, driven one typed line at a time. Each command runs
// the simulation until the client has its answer.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/outbox.h"
#include "sim/kernel/world.h"
#include "sim/scenario/scenario.h"

namespace zoolab::cli {

using core::NodeId;

struct ShellOptions {
  std::shared_ptr<const sim::Scenario> config;  // header values and servers; nullptr = zoo_sample.cfg
  uint64_t seed = 1;
  bool terminal = false;  // JLine-like mode: banner says "enabled", prompts are shown
  // `--redis`: the world is one Redis server r1 (or the config's Redis machines) and typed lines go
  // to a redis-cli; replies print raw when `redis_raw` (redis-cli with stdout not a terminal).
  bool redis = false;
  bool redis_raw = false;
};

// Where the shell sends text: stdout/stderr in the real tool, strings in tests.
using ShellWriter = std::function<void(core::OutStream, const std::string&)>;

class ShellSession {
 public:
  ShellSession(ShellOptions options, ShellWriter writer);

  // Runs one input line: `!workbench` commands here, anything else goes to the current client.
  void handle_line(const std::string& line);
  // The prompt of the current client (`[zk: localhost:2181(CONNECTED) 0] `).
  std::string prompt() const;
  // True once the user asked to leave (`!quit`); `quit` only closes the current session.
  bool finished() const { return finished_; }
  const sim::World& world() const { return world_; }
  std::string current_client() const { return clients_.at(current_).name; }

 private:
  struct Client {
    std::string name;
    NodeId node = core::kNoNode;
  };

  void open_client(const std::string& name, const std::vector<NodeId>& servers);
  void run_until_answered(NodeId client);
  void wait_connected(NodeId client, core::Duration limit);
  void settle(core::Duration window);
  void flush_output();
  void workbench(const std::string& line, const std::vector<std::string>& words);
  void world_action(const std::string& line, const std::vector<std::string>& words);
  void four_letter_word(const std::string& word, const std::string& server);
  void print_leadership();
  void open_redis_cli();                          // --redis: the redis-cli lines go to
  void redis_command(const std::string& rest);    // `!redis [@SERVER] CMD...` in any shell
  void say(core::OutStream s, const std::string& text) { writer_(s, text); }
  std::optional<NodeId> server_named(const std::string& name) const;
  std::string connect_string(const std::vector<NodeId>& servers) const;
  std::string server_names() const;

  ShellOptions options_;
  ShellWriter writer_;
  std::shared_ptr<const sim::Scenario> scenario_;
  sim::World world_;
  std::vector<NodeId> servers_;
  std::vector<Client> clients_;
  NodeId probe_ = core::kNoNode;  // the `!4lw WORD SERVER` helper (like `echo srvr | nc zk2 2181`)
  std::vector<NodeId> redis_servers_;        // the config's redis / sentinel / memcached machines
  NodeId redis_cli_ = core::kNoNode;         // --redis: the redis-cli typed lines go to
  NodeId redis_probe_ = core::kNoNode;       // the `!redis` helper
  size_t current_ = 0;
  size_t printed_ = 0;  // console chunks already written
  bool finished_ = false;
};

// zoo_sample.cfg as a scenario: tickTime=2000, initLimit=10, syncLimit=5, one server.
std::shared_ptr<const sim::Scenario> default_shell_config();
// The config's machines the shell runs: ZooKeeper servers and redis / sentinel / memcached
// programs, in file order (other `process` lines are for scenarios, not the shell).
std::shared_ptr<const sim::Scenario> shell_machines(std::shared_ptr<const sim::Scenario> config);
// `--redis` without a config: one Redis server named r1 (port 6379).
std::shared_ptr<const sim::Scenario> default_redis_shell_config();

}  // namespace zoolab::cli
