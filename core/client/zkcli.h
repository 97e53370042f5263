// ZkCli: the zkCli shell (ZooKeeperMain + cli/*Command) as a sans-I/O interpreter around its own
// ZkClient. Typed lines go in; stdout/stderr text comes out through env.out.print; commands that
// need replies stay "busy" until their (possibly many) replies arrive.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/process.h"
#include "core/client/zk_client.h"
#include "core/client/zkcli_args.h"

namespace zoolab::core::zk {

struct ZkCliConfig {
  std::string connect_string = "localhost:2181";
  std::vector<ServerAddress> known_servers;  // host:port -> node, to resolve connect strings
  int32_t session_timeout_ms = 30000;
  uint32_t timer_kind_base = 100;            // ZkClient timer kinds (base .. base+2)
  bool shuffle_hosts = true;
  bool operator==(const ZkCliConfig&) const = default;
};

// A command in progress. Plain data: multi-step commands (ls -R, deleteall, quotas) keep their
// position here instead of in a stack frame, so the whole shell stays copyable.
struct CliJob {
  enum class Kind : uint8_t {
    kSimple, kClose, kConnect, kQuit, kTreeWalk, kDeleteAll, kSetQuota, kListQuota, kDelQuota
  };
  enum class Walk : uint8_t { kLs, kSetAcl, kQuotaChildCheck };
  struct Step {
    enum Kind : uint8_t { kRoot, kVisit, kExpand };  // getData the root / act on a node / list children
    Kind kind = kRoot;
    std::string path;
    bool operator==(const Step&) const = default;
  };
  Kind kind = Kind::kSimple;
  std::string cmd;                 // command name, for simple replies
  ParsedCommandLine cl;
  std::string path;                // the path the command names
  std::vector<Xid> waiting;        // replies still expected
  std::string op_path;             // path of the outstanding request (error messages name it)
  int stage = 0;
  // tree walks (visitSubTreeDFS) and BFS listings
  Walk walk = Walk::kLs;
  bool watch = false;
  std::deque<Step> steps;
  std::vector<std::string> tree;
  size_t cursor = 0;
  // deleteall batches
  int32_t batch = 1000;
  int in_flight = 0;
  bool success = true;
  bool batch_checked = false;      // the next batch passed the fail-fast check, waits for a slot
  // setAcl
  Acl acl;
  int32_t version = -1;
  // quotas
  std::string quota_path;          // /zookeeper/quota + path (walks upward/downward)
  std::vector<std::string> parts;  // path components
  std::string limits_text, stats_text;
  int64_t want[4] = {-1, -1, -1, -1};  // count, bytes, countHardLimit, byteHardLimit
  bool redo_tail = false;          // a `redo` runs the liveness check after its command
  bool operator==(const CliJob&) const = default;
};

class ZkCli {
 public:
  explicit ZkCli(ZkCliConfig cfg = {});

  void start(Env& env);  // creates the client for the configured connect string
  void input(Env& env, const std::string& line);
  bool on_message(Env& env, ConnId conn, const Message& msg);
  bool on_closed(Env& env, ConnId conn);
  bool on_timer(Env& env, TimerId t);

  bool busy() const { return job_.has_value() || !pending_lines_.empty(); }
  bool wants_exit() const { return exit_; }
  std::string prompt() const;
  const ZkClient& client() const { return client_; }
  const std::string& host() const { return host_; }
  bool print_watches() const { return print_watches_; }
  int command_count() const { return command_count_; }
  const std::map<int, std::string>& history() const { return history_; }
  const ZkCliConfig& config() const { return cfg_; }
  bool operator==(const ZkCli&) const = default;

 private:
  friend struct ZkCliJobs;
  void execute_line(Env& env, const std::string& line);
  void process_cmd(Env& env, const std::vector<std::string>& args);
  void run_cli_command(Env& env, const std::vector<std::string>& args);
  void pump(Env& env);
  void on_reply(Env& env, Xid xid, const Response& r);
  void finish_simple(Env& env, const Response& r);
  void finish_job(Env& env);
  void new_client(Env& env, const std::string& host);
  Xid submit(Env& env, RequestBody body);
  void wait_for(Xid xid) { job_->waiting.push_back(xid); }
  void out(Env& env, const std::string& s);
  void err(Env& env, const std::string& s);

  ZkCliConfig cfg_;
  ZkClient client_;
  bool started_ = false;
  std::string host_;
  std::map<int, std::string> history_;
  int command_count_ = 0;
  bool print_watches_ = true;
  bool exit_ = false;
  std::vector<std::string> last_args_;  // parseCommand keeps the previous command if a line has no token
  std::optional<CliJob> job_;
  std::deque<std::string> pending_lines_;  // typed while a command was still running
  std::string connect_target_;            // for `connect` after closing the old session
};

// Resolves "h1:p1,h2:p2[/chroot]" against the known servers (port 2181 when omitted).
std::vector<ServerAddress> resolve_connect_string(const std::string& s, const std::vector<ServerAddress>& known);

}  // namespace zoolab::core::zk
