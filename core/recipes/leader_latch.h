// LeaderLatch: leader election as Curator's LeaderLatch does it (§12.5, and the recipe of the
// ZooKeeper docs): each candidate creates a protected `_c_<uuid>-latch-` ephemeral-sequential
// node; the lowest is the leader; every other candidate watches only the next-lower node.
// Connection states as Curator: SUSPENDED drops leadership, RECONNECTED resets (a new node, at the
// back of the line), LOST (session expired) drops everything until the host joins again.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/recipes/recipe_common.h"

namespace zoolab::core::recipes {

enum class LatchState : uint8_t {
  kIdle,
  kCreating,               // our latch node's create (or its parents, or the search for it) in flight
  kListing,                // getChildren of the latch dir
  kWaitingForPredecessor,  // a follower: getData+watch on the next-lower node
  kLeader,
  kSuspended,              // connection gone: leadership given up until we know more
  kResetting,              // deleting our old node before creating a new one (RECONNECTED)
  kLost,                   // session expired
  kClosed,                 // left the election (close())
};
std::string_view latch_state_name(LatchState s);

struct LatchOptions {
  std::string path = "/election";
  std::string id;  // participant id, the node's data
  bool operator==(const LatchOptions&) const = default;
};

struct LatchEvent {
  enum class Kind : uint8_t { kIsLeader, kNotLeader };
  Kind kind = Kind::kIsLeader;
  std::string node;
  std::string detail;
  bool operator==(const LatchEvent&) const = default;
};

class LeaderLatch {
 public:
  explicit LeaderLatch(LatchOptions o = {});

  void start(Env& env, zk::ZkClient& client);
  void close(Env& env, zk::ZkClient& client);  // deletes our node; leadership passes on
  bool on_output(Env& env, zk::ZkClient& client, const zk::ClientOutput& out);
  std::vector<LatchEvent> take_events();

  // ---- views ---------------------------------------------------------------------------------
  LatchState state() const { return state_; }
  bool has_leadership() const { return state_ == LatchState::kLeader; }
  const std::string& my_node() const { return my_node_; }
  const std::string& watching() const { return watching_; }
  const std::vector<std::string>& participants() const { return participants_; }  // in order, full paths
  uint64_t requests_sent() const { return requests_; }
  uint64_t wakeups() const { return wakeups_; }
  bool operator==(const LeaderLatch&) const = default;

 private:
  enum class Op : uint8_t { kCreate, kMkdir, kFindProtected, kList, kWatch, kDelete };
  struct Pending {
    Op op = Op::kCreate;
    std::string path;
    bool operator==(const Pending&) const = default;
  };
  void submit(Env& env, zk::ZkClient& client, Op op, const std::string& path, zk::RequestBody body);
  void create(Env& env, zk::ZkClient& client);
  void list(Env& env, zk::ZkClient& client);
  void set_leader(Env& env, bool leader, const std::string& why);
  void on_reply(Env& env, zk::ZkClient& client, const Pending& p, const zk::Response& r);
  void on_children(Env& env, zk::ZkClient& client, const std::vector<std::string>& children);
  void on_session(Env& env, zk::ZkClient& client, zk::KeeperState s);

  LatchOptions opts_;
  LatchState state_ = LatchState::kIdle;
  std::string prefix_;  // "_c_<uuid>-latch-"
  std::vector<std::string> mkdirs_;
  std::string my_node_, watching_;
  std::vector<std::string> participants_;
  uint64_t requests_ = 0, wakeups_ = 0;
  PendingTable<Pending> pending_;
  std::set<std::string> armed_;
  std::vector<LatchEvent> events_;
};

}  // namespace zoolab::core::recipes
