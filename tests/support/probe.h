// A scriptable test process: sends what it is told to, when it is told to, and remembers
// everything that happens to it, so kernel tests can assert on exact sequences.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/base/process.h"

namespace zoolab::testing {

struct ProbeSend {
  core::Duration after;  // local-clock delay from start
  core::NodeId to;
  std::string label;
  int64_t value = 0;
};

class Probe final : public core::Process {
 public:
  struct Seen {
    core::Time local;  // local clock when it happened
    std::string what;  // "start", "accept 1", "msg 1 a(3)", "closed 1", "timer 7", "disk 5"
  };

  explicit Probe(std::vector<ProbeSend> sends = {}, bool log_to_disk = false)
      : sends_(std::move(sends)), log_to_disk_(log_to_disk) {}
  std::unique_ptr<core::Process> clone() const override { return std::make_unique<Probe>(*this); }
  std::string kind() const override { return "probe"; }

  void on_start(core::Env& env, const core::DiskImage& disk) override;
  void on_accept(core::Env& env, core::ConnId conn, core::NodeId from) override;
  void on_message(core::Env& env, core::ConnId conn, core::NodeId from, const core::Message& msg) override;
  void on_closed(core::Env& env, core::ConnId conn, core::NodeId peer) override;
  void on_timer(core::Env& env, core::TimerId t) override;
  void on_disk_done(core::Env& env, uint64_t token) override;

  std::vector<Seen> seen;
  std::string durable_at_start;
  std::vector<int64_t> values_from(core::NodeId from) const;

 private:
  core::ConnId conn_to(core::Env& env, core::NodeId peer);
  std::vector<ProbeSend> sends_;
  bool log_to_disk_;
  std::vector<std::pair<core::NodeId, core::ConnId>> conns_;
  uint64_t fsyncs_ = 0;
};

}  // namespace zoolab::testing
