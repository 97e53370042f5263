// ZkLock: an exclusive ZooKeeper lock as an explicit state machine, driven by a host process that
// owns a ZkClient. Flavours: Curator's InterProcessMutex (protected `_c_<uuid>-lock-` ephemeral-
// sequential nodes, container parents, watch only the predecessor), kazoo's Lock
// (`<uuid hex>__lock__<seq>`), and the seeds' naive lock (one ephemeral node everyone watches:
// the herd effect). Reference §12.1, §12.2, §12.4, §14.13.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/recipes/recipe_common.h"

namespace zoolab::core::recipes {

enum class LockState : uint8_t {
  kIdle,
  kCreating,               // create in flight (or making parents, or looking for our protected node)
  kListing,                // getChildren of the lock dir in flight
  kWaitingForPredecessor,  // getData+watch on the next-lower node; waiting for its event
  kWaitingForNode,         // naive: exists+watch on the one lock node; waiting for NodeDeleted
  kHeld,
  kReleasing,              // delete of our node in flight
  kSuspended,              // held, but the connection is gone: we may have lost it (Curator SUSPENDED)
  kLost,                   // the session expired: our node is gone, someone else may hold the lock
};
std::string_view lock_state_name(LockState s);  // "waiting-for-predecessor"

enum class LockFlavor : uint8_t { kSequential /*Curator*/, kSequentialKazoo, kNaive };
std::string_view lock_flavor_name(LockFlavor f);  // "sequential", "kazoo", "naive"

// Which side of a read/write lock this is (§12.3, §12.4); kExclusive is the plain mutex.
enum class LockRole : uint8_t { kExclusive, kRead, kWrite };
std::string_view lock_role_name(LockRole r);  // "exclusive", "read", "write"

struct LockOptions {
  std::string path = "/locks/job";  // lock dir (sequential) or the one lock node's parent (naive: path + "/lock")
  LockFlavor flavor = LockFlavor::kSequential;
  std::string owner;                // node data
  LockRole role = LockRole::kExclusive;
  bool operator==(const LockOptions&) const = default;
};

struct LockEvent {
  enum class Kind : uint8_t { kAcquired, kReleased, kLost, kSuspended, kReconnected };
  Kind kind = Kind::kAcquired;
  int64_t token = 0;  // fencing: czxid of my node (naive: czxid of the lock node)
  std::string detail;
  bool operator==(const LockEvent&) const = default;
};
std::string_view lock_event_name(LockEvent::Kind k);  // "acquired"

class ZkLock {
 public:
  explicit ZkLock(LockOptions o = {});

  void acquire(Env& env, zk::ZkClient& client);
  // Held: deletes our node. Still waiting: gives up (deletes our node if it exists).
  void release(Env& env, zk::ZkClient& client);
  // Feed every client output; returns true if it was the lock's (an xid it submitted, a watch on
  // its paths, a session event).
  bool on_output(Env& env, zk::ZkClient& client, const zk::ClientOutput& out);
  std::vector<LockEvent> take_events();

  // ---- views ---------------------------------------------------------------------------------
  LockState state() const { return state_; }
  const LockOptions& options() const { return opts_; }
  const std::string& my_node() const { return my_node_; }
  const std::string& watching() const { return watching_; }  // the node whose deletion we wait for
  int64_t token() const { return token_; }
  // The contenders in lock order as last listed (sequential flavours), full paths.
  const std::vector<std::string>& contenders() const { return contenders_; }
  uint64_t requests_sent() const { return requests_; }
  uint64_t wakeups() const { return wakeups_; }  // watch events that woke this waiter
  bool holds() const { return state_ == LockState::kHeld || state_ == LockState::kSuspended; }
  // The one node of the naive flavour.
  std::string naive_node() const { return child_path(opts_.path, "lock"); }
  bool operator==(const ZkLock&) const = default;

 private:
  enum class Op : uint8_t { kCreate, kMkdir, kFindProtected, kStatFound, kList, kWatch, kExists, kDelete };
  struct Pending {
    Op op = Op::kCreate;
    std::string path;
    bool operator==(const Pending&) const = default;
  };

  bool sequential() const { return opts_.flavor != LockFlavor::kNaive; }
  std::string_view marker() const;  // our node's lock name: "lock-", "__READ__", "__WRIT__", "__lock__", "__rlock__"
  std::string fresh_prefix(Env& env) const;
  std::string create_path() const;  // the path passed to create (prefix; the server appends the sequence)
  void submit(Env& env, zk::ZkClient& client, Op op, const std::string& path, zk::RequestBody body);
  void create(Env& env, zk::ZkClient& client);
  void make_parents(Env& env, zk::ZkClient& client);
  void list(Env& env, zk::ZkClient& client);
  void delete_mine(Env& env, zk::ZkClient& client);
  void acquired(Env& env, std::string how);
  void lose(Env& env, std::string why);
  void on_reply(Env& env, zk::ZkClient& client, const Pending& p, const zk::Response& r);
  void on_created(Env& env, zk::ZkClient& client, const zk::Response& r);
  void on_children(Env& env, zk::ZkClient& client, const std::vector<std::string>& children);
  void on_watch(Env& env, zk::ZkClient& client, const zk::WatchEvent& ev);
  void on_session(Env& env, zk::KeeperState s);

  LockOptions opts_;
  LockState state_ = LockState::kIdle;
  std::string prefix_;  // protected node-name prefix of the current create ("_c_<uuid>-lock-")
  bool create_lost_ = false;     // a create's reply was lost: look for prefix_ before creating again
  bool release_wanted_ = false;  // release() while our create was in flight
  std::vector<std::string> mkdirs_;  // parents still to create
  std::string my_node_, watching_;
  int64_t token_ = 0;
  std::vector<std::string> contenders_;
  uint64_t requests_ = 0, wakeups_ = 0;
  PendingTable<Pending> pending_;
  std::set<std::string> armed_;  // paths with a watch of ours registered and not yet fired
  std::vector<LockEvent> events_;
};

}  // namespace zoolab::core::recipes
