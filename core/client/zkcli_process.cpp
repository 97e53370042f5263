// ZkCliProcess (see header).
#include "core/client/zkcli_process.h"

#include "core/client/zkcli_text.h"

namespace zoolab::core::zk {

ZkCliConfig ZkCliProcess::shell_config(const ZkCliProcessConfig& c) {
  ZkCliConfig s;
  s.connect_string = c.connect_string;
  s.session_timeout_ms = c.session_timeout_ms;
  s.timer_kind_base = c.timer_kind_base;
  s.shuffle_hosts = c.shuffle_hosts;
  // Pair the connect-string hosts with the node ids given for them.
  const auto hosts = resolve_connect_string(c.connect_string, {});
  for (size_t i = 0; i < hosts.size() && i < c.servers.size(); ++i) s.known_servers.push_back({c.servers[i], hosts[i].host_port});
  return s;
}

ZkCliProcess::ZkCliProcess(ZkCliProcessConfig cfg) : cfg_(std::move(cfg)), cli_(shell_config(cfg_)) {}

void ZkCliProcess::on_start(Env& env, const DiskImage& disk) {
  (void)disk;
  cli_ = ZkCli(shell_config(cfg_));
  flw_conn_ = kNoConn;
  held_.clear();
  env.out.print(OutStream::kOut, "Connecting to " + cfg_.connect_string + "\n");
  env.out.print(OutStream::kOut, "Welcome to ZooKeeper!\n");
  env.out.print(OutStream::kOut, cfg_.jline ? "JLine support is enabled\n" : "JLine support is disabled\n");
  cli_.start(env);
}

void ZkCliProcess::on_message(Env& env, ConnId conn, NodeId from, const Message& msg) {
  (void)from;
  if (conn != kNoConn && conn == flw_conn_) {
    if (const auto* r = std::get_if<FourLetterReply>(&msg)) env.out.print(OutStream::kOut, r->text);
    env.out.close(conn);
    flw_conn_ = kNoConn;
    release_held(env);
    return;
  }
  cli_.on_message(env, conn, msg);
}

void ZkCliProcess::on_closed(Env& env, ConnId conn, NodeId peer) {
  (void)peer;
  if (conn != kNoConn && conn == flw_conn_) {
    flw_conn_ = kNoConn;
    release_held(env);
    return;
  }
  cli_.on_closed(env, conn);
}

void ZkCliProcess::on_timer(Env& env, TimerId timer) { cli_.on_timer(env, timer); }

void ZkCliProcess::on_input(Env& env, const std::string& line) {
  if (flw_conn_ != kNoConn) {
    held_.push_back(line);
    return;
  }
  if (line.rfind("!4lw", 0) == 0 && !cli_.busy()) {
    std::string cmd = line.substr(4);
    while (!cmd.empty() && (cmd.front() == ' ' || cmd.front() == '\t')) cmd.erase(cmd.begin());
    while (!cmd.empty() && (cmd.back() == ' ' || cmd.back() == '\t' || cmd.back() == '\r')) cmd.pop_back();
    four_letter_word(env, cmd);
    return;
  }
  cli_.input(env, line);
}

void ZkCliProcess::four_letter_word(Env& env, const std::string& cmd) {
  NodeId target = kNoNode;
  if (auto s = cli_.client().current_server()) target = s->node;
  if (target == kNoNode && !cfg_.servers.empty()) target = cfg_.servers.front();
  if (target == kNoNode) return;
  flw_conn_ = env.out.connect(target);
  env.out.send(flw_conn_, FourLetterWord{cmd});
  env.out.note("four-letter word " + cmd);
}

void ZkCliProcess::release_held(Env& env) {
  while (!held_.empty() && flw_conn_ == kNoConn) {
    std::string line = std::move(held_.front());
    held_.pop_front();
    on_input(env, line);
  }
}

std::string ZkCliProcess::timer_name(TimerId t) const { return cli_.client().timer_name(t); }

StateLines ZkCliProcess::state_lines() const {
  const ZkClient& c = cli_.client();
  StateLines l;
  l.emplace_back("state", std::string(client_state_name(c.state())));
  l.emplace_back("phase", std::string(client_phase_name(c.phase())));
  l.emplace_back("session", hex(c.session_id()));
  l.emplace_back("timeout", std::to_string(c.negotiated_timeout_ms()) + "ms");
  if (auto s = c.connected_server()) l.emplace_back("server", s->host_port);
  l.emplace_back("lastZxidSeen", hex(c.last_zxid_seen()));
  l.emplace_back("pending", std::to_string(c.pending_count()));
  const auto& w = c.watches();
  const auto join = [](const std::set<std::string>& s) {
    std::string o;
    for (const auto& p : s) o += (o.empty() ? "" : " ") + p;
    return o;
  };
  l.emplace_back("dataWatches", join(w.data));
  l.emplace_back("existWatches", join(w.exist));
  l.emplace_back("childWatches", join(w.child));
  l.emplace_back("persistentWatches", join(w.persistent));
  l.emplace_back("persistentRecursiveWatches", join(w.persistent_recursive));
  l.emplace_back("prompt", cli_.prompt());
  return l;
}

}  // namespace zoolab::core::zk
