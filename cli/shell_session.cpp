// `zoolab shell` sessions: routing typed lines to simulated zkCli clients and their output back.
#include "cli/shell_session.h"

#include <map>
#include <sstream>
#include <stdexcept>

#include "core/client/zkcli_process.h"
#include "core/redis/redis_cli_text.h"
#include "core/redis/redis_strings.h"
#include "sim/scenario/expect_zab.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/run.h"
#include "sim/scenario/timeline_parser.h"
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
// ... and, if it is still not connected (an ensemble still electing), at most this much more.
constexpr core::Duration kConnectLimit = core::milliseconds(60'000);
// `!4lw WORD SERVER` gives up on a server that does not answer within this time.
constexpr core::Duration kProbeTimeout = core::milliseconds(5'000);
// The helper machine that sends `!4lw WORD SERVER` (not a valid scenario name, so it never
// clashes with a server; `!client` refuses it).
constexpr const char* kProbeName = "4lw";

std::vector<std::string> split_words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

const char* const kWorkbenchHelp =
    "ZooLab workbench commands (everything else is a zkCli command):\n"
    "  !client NAME [SERVER[,SERVER...]]  open or switch to the client NAME (new ones connect like a second zkCli)\n"
    "  !clients               list the clients and their states\n"
    "  !advance DURATION      let simulated time pass (500ms, 5s, 2m): pings, expiry, reaping\n"
    "  !redis [@SERVER] CMD   send one redis-cli command to a Redis server of the world (--redis, or a\n"
    "                         --config whose header declares `process r1 redis`)\n"
    "  !4lw WORD [SERVER]     send a four-letter word (srvr, stat, mntr, conf, ruok, cons, wchs)\n"
    "                         through the current client, or to SERVER from a helper machine\n"
    "  !leader                who leads; each server's role, epoch and last zxid\n"
    "  !crash [NAME]          kill a process (clients see the connection reset)\n"
    "  !restart [NAME]        restart it; a server recovers from its snapshot and transaction log\n"
    "  !partition A | B,C     cut the network between groups (A B -> C: one way)\n"
    "  !heal                  remove every partition\n"
    "  !pause NAME 5s, !poweroff NAME, !start NAME, !latency ..., !clock ..., !slow-disk ...,\n"
    "  !not-tcp ...           the other scenario faults, written as in a scenario file\n"
    "  !time                  print the simulated time\n"
    "  !quit                  leave the shell (end of input does the same)\n"
    "  !help                  this list\n";

// `!4lw WORD SERVER`: connects to SERVER's client port, sends WORD, prints the reply and hangs up,
// like `echo srvr | nc zk2 2181`.
class FourLetterProbe final : public core::Process {
 public:
  FourLetterProbe(std::map<std::string, NodeId> servers, std::string port)
      : servers_(std::move(servers)), port_(std::move(port)) {}

  std::unique_ptr<core::Process> clone() const override { return std::make_unique<FourLetterProbe>(*this); }
  std::string kind() const override { return "4lw"; }
  void on_start(core::Env&, const core::DiskImage&) override { conn_ = core::kNoConn; }
  // "WORD SERVER"
  void on_input(core::Env& env, const std::string& line) override {
    std::istringstream in(line);
    std::string word, server;
    in >> word >> server;
    const auto it = servers_.find(server);
    if (it == servers_.end() || conn_ != core::kNoConn) return;
    target_ = server + ":" + port_;
    conn_ = env.out.connect(it->second);
    env.out.send(conn_, core::zk::FourLetterWord{word});
    env.out.set_timer(core::TimerId{1, ++serial_}, kProbeTimeout);
    env.out.note("four-letter word " + word + " to " + target_);
  }
  void on_message(core::Env& env, core::ConnId conn, NodeId, const core::Message& msg) override {
    if (conn != conn_) return;
    if (const auto* r = std::get_if<core::zk::FourLetterReply>(&msg)) env.out.print(core::OutStream::kOut, r->text);
    finish(env);
  }
  void on_closed(core::Env& env, core::ConnId conn, NodeId) override {
    if (conn != conn_) return;
    env.out.print(core::OutStream::kErr, "!4lw: " + target_ + " closed the connection without an answer\n");
    finish(env);
  }
  void on_timer(core::Env& env, core::TimerId t) override {
    if (conn_ == core::kNoConn || t.id != serial_) return;
    env.out.print(core::OutStream::kErr, "!4lw: no answer from " + target_ + " within " +
                                             core::format_duration(kProbeTimeout) + "\n");
    finish(env);
  }
  bool busy() const override { return conn_ != core::kNoConn; }
  std::string timer_name(core::TimerId) const override { return "4lw-timeout"; }

 private:
  void finish(core::Env& env) {
    env.out.close(conn_);
    env.out.cancel_timer(core::TimerId{1, serial_});
    conn_ = core::kNoConn;
  }

  std::map<std::string, NodeId> servers_;
  std::string port_;
  std::string target_;
  core::ConnId conn_ = core::kNoConn;
  uint64_t serial_ = 0;
};

bool is_connected(const sim::Node& n) {
  const auto* cli = dynamic_cast<const core::zk::ZkCliProcess*>(n.process.get());
  return cli != nullptr && (cli->client_state() == core::zk::ClientState::kConnected ||
                            cli->client_state() == core::zk::ClientState::kConnectedReadOnly);
}

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
      scenario_(shell_machines(options_.config ? options_.config
                                               : options_.redis ? default_redis_shell_config() : default_shell_config())),
      world_(options_.seed) {
  const sim::ProcessRegistry& registry = sim::product_processes();
  for (const sim::NodeDecl& decl : scenario_->nodes) {
    const NodeId id = world_.add_node(decl.name, registry.at(decl.kind)(*scenario_, decl));
    (decl.kind == "zookeeper" ? servers_ : redis_servers_).push_back(id);
  }
  if (servers_.empty() && !options_.redis)
    throw std::runtime_error(scenario_->file + ": error: the shell needs at least one server line");
  if (redis_servers_.empty() && options_.redis)
    throw std::runtime_error(scenario_->file + ": error: the Redis shell needs a Redis server (process r1 redis)");
  for (const sim::SetLatency& l : scenario_->latencies) world_.apply(l);
  for (NodeId id = 0; id < world_.node_count(); ++id) {  // the config's fsync lines
    auto f = scenario_->fsync_latency.find(world_.node(id).name);
    if (f == scenario_->fsync_latency.end()) f = scenario_->fsync_latency.find("*");
    if (f != scenario_->fsync_latency.end()) world_.set_fsync_latency(id, f->second);
  }
  for (NodeId id : servers_) world_.apply(sim::StartNode{id});
  for (NodeId id : redis_servers_) world_.apply(sim::StartNode{id});
  if (options_.redis) {
    open_redis_cli();
    return;
  }
  // Like `zkCli.sh -server zk1:2181,zk2:2181,zk3:2181`: the first client knows every server.
  open_client("c1", servers_);
}

std::optional<NodeId> ShellSession::server_named(const std::string& name) const {
  for (NodeId id : servers_)
    if (world_.node(id).name == name) return id;
  return std::nullopt;
}

std::string ShellSession::connect_string(const std::vector<NodeId>& servers) const {
  std::string port = "2181";
  if (auto it = scenario_->config.find("clientPort"); it != scenario_->config.end()) port = it->second;
  std::string out;
  for (NodeId id : servers) out += (out.empty() ? "" : ",") + world_.node(id).name + ":" + port;
  return out;
}

std::string ShellSession::server_names() const {
  std::string out;
  for (NodeId id : servers_) out += (out.empty() ? "" : ", ") + world_.node(id).name;
  return out;
}

void ShellSession::open_client(const std::string& name, const std::vector<NodeId>& servers) {
  sim::NodeDecl decl;
  decl.name = name;
  decl.kind = "zkcli";
  std::string names;
  for (NodeId id : servers) names += (names.empty() ? "" : ",") + world_.node(id).name;
  decl.args = {{"server", names},
               {"connect", connect_string(servers)},
               {"jline", options_.terminal ? "true" : "false"}};
  const NodeId id = world_.add_node(name, sim::product_processes().at("zkcli")(*scenario_, decl));
  clients_.push_back(Client{name, id});
  current_ = clients_.size() - 1;
  world_.apply(sim::StartNode{id});
  settle(kConnectWindow);
  wait_connected(id, kConnectLimit);
  run_until_answered(id);
  flush_output();
}

// An ensemble may still be electing when the shell starts: the first prompt waits for the
// session (or gives up after `limit`; zkCli then keeps trying, as the real one does).
void ShellSession::wait_connected(NodeId client, core::Duration limit) {
  const core::Time end = world_.now() + limit;
  while (!is_connected(world_.node(client))) {
    const auto next = world_.next_time();
    if (!next || *next > end) break;
    world_.step();
  }
}

std::string ShellSession::prompt() const {
  if (options_.redis) return world_.node(redis_cli_).process ? world_.node(redis_cli_).process->prompt() : std::string();
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
    const NodeId mine = options_.redis ? redis_cli_ : clients_.at(current_).node;
    if (c.node == mine || c.node == probe_ || c.node == redis_probe_) {
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
  // `!4lw WORD` goes through the current client (zkCli's own helper); `!4lw WORD SERVER` is ours.
  if (!words.empty() && words[0].size() > 1 && words[0][0] == '!' && (words[0] != "!4lw" || words.size() > 2)) {
    workbench(line, words);
    flush_output();
    return;
  }
  if (options_.redis) {
    const auto args = core::redis::split_args(line);
    if (args && !args->empty() && (core::redis::to_lower((*args)[0]) == "quit" || core::redis::to_lower((*args)[0]) == "exit")) {
      finished_ = true;  // redis-cli leaves; the shell ends with it
      return;
    }
  }
  const NodeId client = options_.redis ? redis_cli_ : clients_.at(current_).node;
  world_.apply(sim::TypeLine{client, line});
  run_until_answered(client);
  flush_output();
}

void ShellSession::workbench(const std::string& line, const std::vector<std::string>& words) {
  const std::string& cmd = words[0];
  if (cmd == "!help") {
    say(core::OutStream::kOut, kWorkbenchHelp);
  } else if (cmd == "!client") {
    if (words.size() < 2 || words.size() > 3)
      return say(core::OutStream::kErr, "usage: !client NAME [SERVER[,SERVER...]]\n");
    for (size_t i = 0; i < clients_.size(); ++i) {
      if (clients_[i].name == words[1]) {
        current_ = i;
        return;
      }
    }
    if (world_.find_node(words[1]) || words[1] == kProbeName)
      return say(core::OutStream::kErr, "!client: '" + words[1] + "' is already the name of a machine\n");
    std::vector<NodeId> servers = servers_;  // default: every server, like c1
    if (words.size() == 3) {
      servers.clear();
      std::istringstream list(words[2]);
      for (std::string name; std::getline(list, name, ',');) {
        const auto id = server_named(name);
        if (!id)
          return say(core::OutStream::kErr, "!client: no server named '" + name + "' (servers: " + server_names() + ")\n");
        servers.push_back(*id);
      }
      if (servers.empty()) return say(core::OutStream::kErr, "usage: !client NAME [SERVER[,SERVER...]]\n");
    }
    flush_output();
    open_client(words[1], servers);
  } else if (cmd == "!redis") {
    redis_command(line.substr(line.find("!redis") + 6));
  } else if (cmd == "!4lw") {
    if (words.size() != 3) return say(core::OutStream::kErr, "usage: !4lw WORD [SERVER]\n");
    four_letter_word(words[1], words[2]);
  } else if (cmd == "!leader") {
    if (words.size() != 1) return say(core::OutStream::kErr, "usage: !leader\n");
    print_leadership();
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
  } else if (sim::scenario_text::is_action_command(std::string_view(cmd).substr(1))) {
    world_action(line, words);
  } else if (cmd == "!time") {
    say(core::OutStream::kOut, "simulated time " + core::format_seconds(world_.now()) + "\n");
  } else if (cmd == "!quit") {
    finished_ = true;
  } else {
    say(core::OutStream::kErr, "unknown workbench command " + cmd + " (try !help)\n");
  }
}

}  // namespace zoolab::cli

namespace zoolab::cli {

// `!crash zk2`, `!partition zk1 | zk2,zk3`, `!heal`, ...: the scenario language's own commands,
// read by its parser (so the syntax and the errors are the same as in a .zls file).
void ShellSession::world_action(const std::string& line, const std::vector<std::string>& words) {
  const std::string& cmd = words[0];
  std::string text = line.substr(line.find('!') + 1);
  if ((cmd == "!crash" || cmd == "!restart") && words.size() == 1) {  // the server, if there is one
    const std::vector<NodeId>& all = servers_.empty() ? redis_servers_ : servers_;
    if (all.size() != 1) {
      std::string names;
      for (NodeId id : all) names += (names.empty() ? "" : ", ") + world_.node(id).name;
      return say(core::OutStream::kErr, cmd + ": which server? (" + names + ")\n");
    }
    text += " " + world_.node(all.front()).name;
  }
  // The machines by their world ids: servers, then clients and helpers in the order they came.
  sim::Scenario names;
  names.file = "shell";
  names.config = scenario_->config;
  for (NodeId id = 0; id < world_.node_count(); ++id) {
    sim::NodeDecl d;
    d.name = world_.node(id).name;
    d.kind = world_.node(id).prototype ? world_.node(id).prototype->kind() : "";
    names.nodes.push_back(d);
  }
  try {
    const sim::Action action = sim::scenario_text::parse_action(text, names, "shell", world_.network().modes);
    world_.apply(action);
  } catch (const sim::ScenarioError& e) {
    return say(core::OutStream::kErr, cmd + ": " + e.problem() + "; expected " + e.expected() + "\n");
  }
  settle(kSettle);
}

// Like `echo srvr | nc zk2 2181`, from a helper machine that no partition names unless you do.
void ShellSession::four_letter_word(const std::string& word, const std::string& server) {
  if (!server_named(server))
    return say(core::OutStream::kErr, "!4lw: no server named '" + server + "' (servers: " + server_names() + ")\n");
  if (probe_ == core::kNoNode) {
    std::map<std::string, NodeId> servers;
    for (NodeId id : servers_) servers[world_.node(id).name] = id;
    std::string port = "2181";
    if (auto it = scenario_->config.find("clientPort"); it != scenario_->config.end()) port = it->second;
    probe_ = world_.add_node(kProbeName, std::make_unique<FourLetterProbe>(std::move(servers), port));
    world_.apply(sim::StartNode{probe_});
  }
  world_.apply(sim::TypeLine{probe_, word + " " + server});
  run_until_answered(probe_);
}

// `!leader`: who leads, then one line per server (role, currentEpoch, lastProcessedZxid).
void ShellSession::print_leadership() {
  const std::vector<sim::ServerStatus> servers = sim::server_statuses(world_, *scenario_);
  size_t leaders = 0;
  for (const sim::ServerStatus& s : servers) leaders += s.view && sim::established_leader(*s.view) ? 1 : 0;
  std::string out = leaders == 0 ? std::string("no leader") : sim::describe_leadership(servers);
  out += "\n";
  for (const sim::ServerStatus& s : servers) out += sim::describe_status(s) + "\n";
  say(core::OutStream::kOut, out);
}

}  // namespace zoolab::cli
