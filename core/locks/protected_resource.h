// The protected resource: the seeds' shared "variable A" that lock holders read, compute on and
// write back over the network. It records what a lock is supposed to prevent — two clients'
// read-modify-write cycles overlapping, and the lost updates that follow — and, with fencing on,
// rejects writes whose token is older than one it has already seen (Kleppmann's fix).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "core/base/process.h"

namespace zoolab::core::locks {

struct ResourceConfig {
  bool fencing = false;  // check tokens on writes
  bool operator==(const ResourceConfig&) const = default;
};

// One access, for the GUI's lock timeline (the last kHistory are kept).
struct ResourceAccess {
  Time at;
  NodeId client = kNoNode;
  enum class Kind : uint8_t { kRead, kWrite, kLostUpdate, kRejected, kAbandon } kind = Kind::kRead;
  int64_t value = 0;
  std::optional<int64_t> token;
  bool operator==(const ResourceAccess&) const = default;
};

class ProtectedResource : public Process {
 public:
  static constexpr size_t kHistory = 256;
  explicit ProtectedResource(ResourceConfig cfg = {}) : cfg_(cfg) {}

  std::unique_ptr<Process> clone() const override { return std::make_unique<ProtectedResource>(*this); }
  std::string kind() const override { return "resource"; }
  void on_start(Env& env, const DiskImage& disk) override;
  void on_message(Env& env, ConnId conn, NodeId from, const Message& msg) override;
  void on_closed(Env& env, ConnId conn, NodeId peer) override;
  StateLines state_lines() const override;
  void check_invariants() const override;

  // ---- views ---------------------------------------------------------------------------------
  int64_t value() const { return value_; }
  uint64_t writes() const { return writes_; }
  uint64_t lost_updates() const { return lost_updates_; }
  uint64_t overlaps() const { return overlaps_; }      // reads that began inside another client's cycle
  uint64_t rejected() const { return rejected_; }      // writes refused for a stale token
  std::optional<int64_t> max_token() const { return max_token_; }
  const std::map<NodeId, uint64_t>& open_cycles() const { return open_; }  // client -> version it read
  const std::deque<ResourceAccess>& history() const { return history_; }
  const ResourceConfig& config() const { return cfg_; }

 private:
  void record(ResourceAccess a);

  ResourceConfig cfg_;
  int64_t value_ = 0;
  uint64_t version_ = 0;  // bumps on every accepted write
  std::optional<int64_t> max_token_;
  std::map<NodeId, uint64_t> open_;  // read-modify-write cycles in progress
  uint64_t writes_ = 0, lost_updates_ = 0, overlaps_ = 0, rejected_ = 0;
  std::deque<ResourceAccess> history_;
};

}  // namespace zoolab::core::locks
