// RecipeHost: the common shell of the recipe test programs ("zk-lock", "zk-election", ...): owns a
// ZkClient, forwards the world's inputs to it, feeds every client output to the recipe, and opens
// a new session after the old one expired (what Curator and kazoo do with a new handle).
#pragma once

#include <string>
#include <vector>

#include "core/base/process.h"
#include "core/client/zk_client.h"

namespace zoolab::core::recipes {

struct RecipeHostConfig {
  std::string name;                       // the machine's name, used as the default owner data
  std::vector<zk::ServerAddress> servers;
  int32_t session_timeout_ms = 4000;
  int64_t start_ms = -1;                  // >= 0: the recipe starts by itself this long after boot
  bool operator==(const RecipeHostConfig&) const = default;
};

class RecipeHost : public Process {
 public:
  explicit RecipeHost(RecipeHostConfig cfg) : cfg_(std::move(cfg)), client_(client_config()) {}

  void on_start(Env& env, const DiskImage& disk) override;
  void on_message(Env& env, ConnId conn, NodeId from, const Message& msg) override;
  void on_closed(Env& env, ConnId conn, NodeId peer) override;
  void on_timer(Env& env, TimerId timer) override;
  void on_input(Env& env, const std::string& line) override;
  std::string timer_name(TimerId t) const override;

  const zk::ZkClient& client() const { return client_; }
  const RecipeHostConfig& host_config() const { return cfg_; }
  uint64_t sessions_opened() const { return sessions_; }

 protected:
  static constexpr uint32_t kStartTimer = 1;  // kinds 1..9 are the host's; the client uses 100..102
  // The recipe's own hooks.
  virtual void reset(Env& env) = 0;                                     // on (re)start, before connecting
  virtual void begin(Env& env) = 0;                                     // start=... or typed `start`
  virtual bool command(Env& env, const std::string& verb, const std::string& rest) = 0;  // false: unknown
  virtual void feed(Env& env, const zk::ClientOutput& out) = 0;         // one client output
  virtual void report(Env& env) = 0;                                    // after outputs: print events
  virtual void host_timer(Env& env, TimerId t) { (void)env, (void)t; }
  virtual std::string host_timer_name(TimerId t) const { return "timer-" + std::to_string(t.kind); }

  zk::ZkClient& client_mut() { return client_; }
  // A console line (also a trace note through the world's print record).
  void say(Env& env, const std::string& text) const { env.out.print(OutStream::kOut, text + "\n"); }
  void pump(Env& env);
  StateLines session_lines() const;

 private:
  zk::ZkClientConfig client_config() const;

  RecipeHostConfig cfg_;
  zk::ZkClient client_;
  uint64_t sessions_ = 0;
};

// Splits "verb rest of line" (leading/trailing blanks dropped).
std::pair<std::string, std::string> split_command(const std::string& line);

}  // namespace zoolab::core::recipes
