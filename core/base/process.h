// The sans-I/O process interface every simulated program implements (DESIGN.md §2).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/base/ids.h"
#include "core/base/message.h"
#include "core/base/outbox.h"
#include "core/base/rng.h"
#include "core/base/time.h"

namespace zoolab::core {

// What survived on a machine's disk: file name -> durable bytes.
using DiskImage = std::map<std::string, std::string>;

// Everything a handler may use: the local clock, where to put its actions, its random stream.
struct Env {
  Time now;      // the machine's local clock (offset and drift applied)
  Outbox& out;
  Rng& rng;      // this process's own stream; survives restarts, copied with the world
};

// Key/value lines a generic inspector shows for any process.
using StateLines = std::vector<std::pair<std::string, std::string>>;

class Process {
 public:
  virtual ~Process() = default;
  // Deep copy: worlds are copied for checkpoints and branches.
  virtual std::unique_ptr<Process> clone() const = 0;
  // Short name of the program ("zookeeper", "redis", ...).
  virtual std::string kind() const = 0;

  // Called on first start and on every restart, with what is durable on the disk.
  virtual void on_start(Env& env, const DiskImage& disk) = 0;
  // A peer opened a connection to us.
  virtual void on_accept(Env& env, ConnId conn, NodeId from) { (void)env, (void)conn, (void)from; }
  virtual void on_message(Env& env, ConnId conn, NodeId from, const Message& msg) = 0;
  // The peer closed or reset the connection, or refused to open it.
  virtual void on_closed(Env& env, ConnId conn, NodeId peer) { (void)env, (void)conn, (void)peer; }
  virtual void on_timer(Env& env, TimerId timer) { (void)env, (void)timer; }
  virtual void on_disk_done(Env& env, uint64_t token) { (void)env, (void)token; }
  // A line the user typed into this program (zkCli command, redis-cli line...).
  virtual void on_input(Env& env, const std::string& line) { (void)env, (void)line; }
  // True while the program is still working on typed input (a shell waits for it).
  virtual bool busy() const { return false; }
  // What an interactive console shows before the next line (zkCli: `[zk: host:port(STATE) n] `).
  virtual std::string prompt() const { return {}; }

  // Checked after every handler in checked builds; throws std::logic_error on a broken invariant.
  virtual void check_invariants() const {}
  // Name of a timer kind for views ("election", "sync", "ping").
  virtual std::string timer_name(TimerId t) const { return "timer-" + std::to_string(t.kind); }
  // What a learner wants to see of this process, for the generic inspector.
  virtual StateLines state_lines() const { return {}; }
};

}  // namespace zoolab::core
