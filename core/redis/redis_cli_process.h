// RedisCliProcess: redis-cli in the simulated world. Typed lines are split like redis-cli,
// sent as RedisCommands, and replies printed exactly as redis-cli prints them on a terminal.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "core/base/process.h"

namespace zoolab::core::redis {

struct RedisCliConfig {
  std::string host = "localhost";       // the server's machine name, shown in the prompt
  NodeId server = kNoNode;
  int32_t port = 6379;
  std::map<std::string, NodeId> hosts;  // for `connect HOST PORT`
  bool raw = false;                     // stdout not a terminal: raw replies (§14.14)
};

class RedisCliProcess : public Process {
 public:
  explicit RedisCliProcess(RedisCliConfig cfg = {});

  std::unique_ptr<Process> clone() const override { return std::make_unique<RedisCliProcess>(*this); }
  std::string kind() const override { return "redis-cli"; }
  void on_start(Env& env, const DiskImage& disk) override;
  void on_message(Env& env, ConnId conn, NodeId from, const Message& msg) override;
  void on_closed(Env& env, ConnId conn, NodeId peer) override;
  void on_input(Env& env, const std::string& line) override;
  bool busy() const override { return waiting() || !held_.empty(); }
  std::string prompt() const override;
  StateLines state_lines() const override;

  bool wants_exit() const { return exit_; }
  bool connected() const { return conn_ != kNoConn && !dead_; }
  const std::string& host() const { return cfg_.host; }
  uint64_t replies_seen() const { return replies_; }
  const std::string& last_reply() const { return last_reply_; }

 private:
  bool waiting() const { return !pending_.empty() || probe_ != 0; }  // for replies
  void run_line(Env& env, const std::string& line);
  void run_held(Env& env);
  void send(Env& env, std::vector<std::string> argv);
  void open(Env& env);
  void disconnect(Env& env, bool print);
  std::string address() const { return cfg_.host + ":" + std::to_string(cfg_.port); }

  RedisCliConfig cfg_;
  ConnId conn_ = kNoConn;
  bool confirmed_ = false;  // a reply arrived on conn_ (so a close is not a refusal)
  bool dead_ = false;       // the server closed conn_ while we were idle; noticed at the next command
  uint64_t next_id_ = 0;
  uint64_t probe_ = 0;      // id of the start-up command whose reply is not printed
  std::deque<std::pair<uint64_t, bool>> pending_;  // (id, raw output) of commands awaiting replies
  std::deque<std::string> held_;                   // lines typed while waiting
  uint64_t replies_ = 0;
  std::string last_reply_;  // as printed, without the last newline (lessons: `expect view c1 "last reply" == OK`)
  bool exit_ = false;
};

}  // namespace zoolab::core::redis
