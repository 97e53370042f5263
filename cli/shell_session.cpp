// `zoolab shell` sessions: routing typed lines to simulated zkCli clients and their output back.
#include "cli/shell_session.h"

#include <sstream>
#include <stdexcept>

#include "sim/scenario/run.h"
#include "sim/scenario/value_parse.h"

namespace zoolab::cli {
namespace {

// A command waits at most this long for its answer (zkCli's own timeouts are shorter).
constexpr core::Duration kCommandLimit = core::milliseconds(120'000);
// After the answer the world runs a little longer, so watch events other clients caused
// appear right after the command that caused them.
constexpr core::Duration kSettle = core::milliseconds(20);
// At start-up the client gets this long to connect before the first line is read.
constexpr core::Duration kConnectWindow = core::milliseconds(2'000);

std::vector<std::string> split_words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

const char* const kWorkbenchHelp =
    "ZooLab workbench commands (everything else is a zkCli command):\n"
    "  !client NAME [SERVER]  open or switch to the client NAME (new ones connect like a second zkCli)\n"
    "  !clients               list the clients and their states\n"
    "  !advance DURATION      let simulated time pass (500ms, 5s, 2m): pings, expiry, reaping\n"
    "  !4lw WORD              send a four-letter word (srvr, stat, mntr, conf, ruok, cons, wchs)\n"
    "  !crash [SERVER]        kill the server process (clients see the connection reset)\n"
    "  !restart [SERVER]      restart it; it recovers from its snapshot and transaction log\n"
    "  !time                  print the simulated time\n"
    "  !quit                  leave the shell (end of input does the same)\n"
    "  !help                  this list\n";

}  // namespace

std::shared_ptr<const sim::Scenario> default_shell_config() {
  auto sc = std::make_shared<sim::Scenario>();
  sc->file = "zoo.cfg";
  sc->config = {{"tickTime", "2000"}, {"initLimit", "10"}, {"syncLimit", "5"},
                {"dataDir", "/tmp/zookeeper"}, {"clientPort", "2181"}};
  sim::NodeDecl server;
  server.name = "localhost";
  server.kind = "zookeeper";
  server.server_id = 1;
  sc->nodes.push_back(server);
  return sc;
}

ShellSession::ShellSession(ShellOptions options, ShellWriter writer)
    : options_(std::move(options)),
      writer_(std::move(writer)),
      scenario_(options_.config ? options_.config : default_shell_config()),
      world_(options_.seed) {
  const sim::ProcessRegistry& registry = sim::product_processes();
  for (const sim::NodeDecl& decl : scenario_->nodes) {
    if (decl.kind != "zookeeper") continue;
    const NodeId id = world_.add_node(decl.name, registry.at("zookeeper")(*scenario_, decl));
    servers_.push_back(id);
  }
  if (servers_.empty()) throw std::runtime_error(scenario_->file + ": error: the shell needs at least one server line");
  for (const sim::SetLatency& l : scenario_->latencies) world_.apply(l);
  for (NodeId id : servers_) world_.apply(sim::StartNode{id});
  open_client("c1", servers_.front());
}

std::optional<NodeId> ShellSession::server_named(const std::string& name) const {
  for (NodeId id : servers_)
    if (world_.node(id).name == name) return id;
  return std::nullopt;
}

std::string ShellSession::connect_string(NodeId server) const {
  std::string port = "2181";
  if (auto it = scenario_->config.find("clientPort"); it != scenario_->config.end()) port = it->second;
  return world_.node(server).name + ":" + port;
}

void ShellSession::open_client(const std::string& name, NodeId server) {
  sim::NodeDecl decl;
  decl.name = name;
  decl.kind = "zkcli";
  decl.args = {{"server", world_.node(server).name},
               {"connect", connect_string(server)},
               {"jline", options_.terminal ? "true" : "false"}};
  const NodeId id = world_.add_node(name, sim::product_processes().at("zkcli")(*scenario_, decl));
  clients_.push_back(Client{name, id});
  current_ = clients_.size() - 1;
  world_.apply(sim::StartNode{id});
  settle(kConnectWindow);
  run_until_answered(id);
  flush_output();
}

std::string ShellSession::prompt() const {
  const sim::Node& n = world_.node(clients_.at(current_).node);
  return n.process ? n.process->prompt() : std::string();
}

void ShellSession::run_until_answered(NodeId client) {
  const core::Time limit = world_.now() + kCommandLimit;
  for (;;) {
    const sim::Node& n = world_.node(client);
    if (!n.process || !n.process->busy()) break;
    const auto next = world_.next_time();
    if (!next || *next > limit) break;
    world_.step();
  }
  settle(kSettle);
}

void ShellSession::settle(core::Duration window) {
  const core::Time end = world_.now() + window;
  for (auto next = world_.next_time(); next && *next <= end; next = world_.next_time()) world_.step();
  world_.advance_to(end);
}

void ShellSession::flush_output() {
  const auto& console = world_.console();
  for (; printed_ < console.size(); ++printed_) {
    const sim::ConsoleChunk& c = console[printed_];
    const NodeId mine = clients_.at(current_).node;
    if (c.node == mine) {
      say(c.stream, c.text);
      continue;
    }
    // Another client's output: every line gets its name, so the reader knows who saw it.
    std::string prefixed, prefix = "[" + world_.node(c.node).name + "] ";
    size_t start = 0;
    while (start < c.text.size()) {
      size_t nl = c.text.find('\n', start);
      const size_t end = nl == std::string::npos ? c.text.size() : nl + 1;
      prefixed += prefix + c.text.substr(start, end - start);
      start = end;
    }
    say(c.stream, prefixed);
  }
}

void ShellSession::handle_line(const std::string& line) {
  const std::vector<std::string> words = split_words(line);
  if (!words.empty() && words[0].size() > 1 && words[0][0] == '!' && words[0] != "!4lw") {
    workbench(words);
    flush_output();
    return;
  }
  const NodeId client = clients_.at(current_).node;
  world_.apply(sim::TypeLine{client, line});
  run_until_answered(client);
  flush_output();
}

void ShellSession::workbench(const std::vector<std::string>& words) {
  const std::string& cmd = words[0];
  auto server_arg = [&](size_t i) -> std::optional<NodeId> {
    if (words.size() <= i) return servers_.front();
    if (auto id = server_named(words[i])) return id;
    say(core::OutStream::kErr, cmd + ": no server named '" + words[i] + "'\n");
    return std::nullopt;
  };
  if (cmd == "!help") {
    say(core::OutStream::kOut, kWorkbenchHelp);
  } else if (cmd == "!client") {
    if (words.size() < 2 || words.size() > 3) return say(core::OutStream::kErr, "usage: !client NAME [SERVER]\n");
    for (size_t i = 0; i < clients_.size(); ++i) {
      if (clients_[i].name == words[1]) {
        current_ = i;
        return;
      }
    }
    if (world_.find_node(words[1])) return say(core::OutStream::kErr, "!client: '" + words[1] + "' is a server\n");
    const auto server = server_arg(2);
    if (!server) return;
    flush_output();
    open_client(words[1], *server);
  } else if (cmd == "!clients") {
    for (size_t i = 0; i < clients_.size(); ++i) {
      const sim::Node& n = world_.node(clients_[i].node);
      say(core::OutStream::kOut, std::string(i == current_ ? "* " : "  ") + clients_[i].name + "  " +
                                     (n.process ? n.process->prompt() : std::string("(not running)")) + "\n");
    }
  } else if (cmd == "!advance") {
    std::string why;
    const auto d = words.size() == 2 ? sim::scenario_text::parse_duration(words[1], &why) : std::nullopt;
    if (!d) return say(core::OutStream::kErr, "usage: !advance DURATION (" + std::string(sim::scenario_text::kDurationHint) + ")\n");
    settle(*d);
  } else if (cmd == "!crash" || cmd == "!restart") {
    const auto server = server_arg(1);
    if (!server) return;
    if (cmd == "!crash") world_.apply(sim::CrashNode{*server});
    else world_.apply(sim::RestartNode{*server});
    settle(kSettle);
  } else if (cmd == "!time") {
    say(core::OutStream::kOut, "simulated time " + core::format_seconds(world_.now()) + "\n");
  } else if (cmd == "!quit") {
    finished_ = true;
  } else {
    say(core::OutStream::kErr, "unknown workbench command " + cmd + " (try !help)\n");
  }
}

}  // namespace zoolab::cli
