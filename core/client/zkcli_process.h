// ZkCliProcess: a zkCli program in the simulated world (banner, typed lines, the `!4lw` helper),
// owning a ZkCli shell and through it the ZkClient session.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "core/base/process.h"
#include "core/client/zkcli.h"

namespace zoolab::core::zk {

struct ZkCliProcessConfig {
  std::string connect_string = "localhost:2181";
  std::vector<NodeId> servers;         // one per connect-string host, in the same order
  int32_t session_timeout_ms = 30000;  // zkCli -timeout
  bool jline = false;                  // false: "JLine support is disabled", no prompt, no echo
  bool shuffle_hosts = true;
  uint32_t timer_kind_base = 100;
};

class ZkCliProcess : public Process {
 public:
  explicit ZkCliProcess(ZkCliProcessConfig cfg = {});

  std::unique_ptr<Process> clone() const override { return std::make_unique<ZkCliProcess>(*this); }
  std::string kind() const override { return "zkcli"; }
  void on_start(Env& env, const DiskImage& disk) override;
  void on_message(Env& env, ConnId conn, NodeId from, const Message& msg) override;
  void on_closed(Env& env, ConnId conn, NodeId peer) override;
  void on_timer(Env& env, TimerId timer) override;
  void on_input(Env& env, const std::string& line) override;
  bool busy() const override { return cli_.busy() || flw_conn_ != kNoConn || !held_.empty(); }
  std::string timer_name(TimerId t) const override;
  StateLines state_lines() const override;

  // ---- views for the shell and the GUI -------------------------------------------------------
  std::string prompt() const override { return cli_.prompt(); }  // "[zk: localhost:2181(CONNECTED) 0] "
  bool wants_exit() const { return cli_.wants_exit(); }  // after `quit` (the world keeps running)
  const ZkCli& shell() const { return cli_; }
  const ZkClient& client() const { return cli_.client(); }
  ClientState client_state() const { return cli_.client().state(); }
  SessionId session_id() const { return cli_.client().session_id(); }
  int32_t negotiated_timeout_ms() const { return cli_.client().negotiated_timeout_ms(); }
  std::optional<ServerAddress> connected_server() const { return cli_.client().connected_server(); }
  const ClientWatchTables& watches() const { return cli_.client().watches(); }
  const ZkCliProcessConfig& config() const { return cfg_; }

 private:
  static ZkCliConfig shell_config(const ZkCliProcessConfig& c);
  void four_letter_word(Env& env, const std::string& cmd);
  void release_held(Env& env);

  ZkCliProcessConfig cfg_;
  ZkCli cli_;
  ConnId flw_conn_ = kNoConn;
  std::deque<std::string> held_;  // lines typed while a four-letter word was outstanding
};

}  // namespace zoolab::core::zk
