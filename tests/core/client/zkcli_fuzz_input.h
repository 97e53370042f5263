// Shared by the doctest fuzz case and the libFuzzer entry: feeds arbitrary lines to a zkCli
// shell connected to a scripted server that answers every request with a plausible reply.
#pragma once

#include <string>
#include <vector>

#include "core/client/zkcli_process.h"

namespace zoolab::testing {

class ZkCliFuzzRig {
 public:
  ZkCliFuzzRig();
  // Types `line`, answers whatever the client sends (alternating success and errors), and
  // returns false when the shell asked to exit (the caller then makes a new rig).
  bool feed(const std::string& line);
  size_t printed_bytes() const { return printed_; }

 private:
  void settle();
  uint32_t conn_seq_ = 0;
  core::Rng rng_{11};
  core::Outbox out_{9, conn_seq_};
  core::zk::ZkCliProcess p_;
  core::ConnId conn_ = core::kNoConn;
  uint64_t tick_ = 0;
  size_t printed_ = 0;
};

}  // namespace zoolab::testing
