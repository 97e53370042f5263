// DoubleBarrier: Curator's DistributedDoubleBarrier (§12.6). enter: watch `<path>/ready`, create
// our ephemeral `<path>/<uuid>`, count the members; the N-th creates `ready` and everyone waiting
// on its NodeCreated enters. leave: the lowest member waits for the highest, everyone else deletes
// its node and waits for the lowest, until no member is left; then `ready` is deleted.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/recipes/recipe_common.h"

namespace zoolab::core::recipes {

enum class BarrierState : uint8_t {
  kIdle,
  kEntering,         // exists(ready)+watch, create our node, list the members
  kWaitingToEnter,   // fewer than N members: waiting for `ready` to appear
  kEntered,          // inside the barrier (the computation runs)
  kLeaving,          // listing / deleting our node
  kWaitingToLeave,   // watching the highest (we are lowest) or the lowest member
  kLeft,
  kLost,             // session expired
};
std::string_view barrier_state_name(BarrierState s);

struct BarrierOptions {
  std::string path = "/barrier";
  int32_t members = 3;  // memberQty
  bool operator==(const BarrierOptions&) const = default;
};

struct BarrierEvent {
  enum class Kind : uint8_t { kEntered, kLeft, kLost };
  Kind kind = Kind::kEntered;
  std::string detail;
  bool operator==(const BarrierEvent&) const = default;
};

class DoubleBarrier {
 public:
  explicit DoubleBarrier(BarrierOptions o = {});

  void enter(Env& env, zk::ZkClient& client);
  void leave(Env& env, zk::ZkClient& client);
  bool on_output(Env& env, zk::ZkClient& client, const zk::ClientOutput& out);
  std::vector<BarrierEvent> take_events();

  // ---- views ---------------------------------------------------------------------------------
  BarrierState state() const { return state_; }
  const std::string& my_node() const { return my_node_; }
  const std::string& watching() const { return watching_; }
  const std::vector<std::string>& members_seen() const { return members_; }  // last listing, sorted names
  std::string ready_path() const { return child_path(opts_.path, "ready"); }
  uint64_t requests_sent() const { return requests_; }
  bool operator==(const DoubleBarrier&) const = default;

 private:
  enum class Op : uint8_t { kWatchReady, kCreate, kMkdir, kList, kCreateReady, kWatchMember, kDelete, kDeleteReady };
  struct Pending {
    Op op = Op::kCreate;
    std::string path;
    bool operator==(const Pending&) const = default;
  };
  void submit(Env& env, zk::ZkClient& client, Op op, const std::string& path, zk::RequestBody body);
  void create_mine(Env& env, zk::ZkClient& client);
  void list(Env& env, zk::ZkClient& client);
  void entered(Env& env, const std::string& why);
  void on_reply(Env& env, zk::ZkClient& client, const Pending& p, const zk::Response& r);
  void on_members(Env& env, zk::ZkClient& client, std::vector<std::string> children);
  void left(Env& env, zk::ZkClient& client);

  BarrierOptions opts_;
  BarrierState state_ = BarrierState::kIdle;
  bool ready_seen_ = false;  // `ready` existed (or appeared) while entering
  std::string my_node_, watching_;
  std::vector<std::string> mkdirs_;
  std::vector<std::string> members_;
  uint64_t requests_ = 0;
  PendingTable<Pending> pending_;
  std::set<std::string> armed_;
  std::vector<BarrierEvent> events_;
};

}  // namespace zoolab::core::recipes
