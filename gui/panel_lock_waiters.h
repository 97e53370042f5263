// Lock waiters panel: the ZooKeeper lock chain. For every lock path used by a lock worker with a
// ZooKeeper lock or by a zk-lock / zk-rwlock program: the lock nodes in sequence order as the
// leader's tree has them (node name, owner data, the session that owns the ephemeral node, the
// holder, who watches whom), and every client of that lock with its recipe state (idle,
// creating, waiting-for-predecessor, held, suspended, lost), session state and id, its node,
// the node it watches, its fencing token and how often a watch woke it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gui/panel_context.h"
#include "gui/ui_command.h"

namespace zoolab::gui {

struct LockWaitersState {
  struct Key {
    uint64_t events = UINT64_MAX;
    uint64_t hash = 0;
    bool operator==(const Key&) const = default;
  } key;
  uint64_t rebuilds = 0;

  struct Client {
    NodeId node = core::kNoNode;
    std::string name, kind;  // "lock-worker", "zk-lock", "zk-rwlock"
    std::string path, flavor, role;
    bool running = false;
    std::string down_text;
    std::string paused;      // "paused (3s left)" while its machine is frozen (it still holds on)
    std::string lock_state;  // "waiting-for-predecessor"
    bool holds = false;      // held or suspended, as the client sees it
    std::string session_state;  // "CONNECTED"
    int64_t session_id = 0;
    std::string my_node, watching;  // full paths ("" when none)
    int64_t token = 0;
    uint64_t wakeups = 0, requests = 0, acquisitions = 0;
  };
  struct LockNode {
    std::string name, path, data;
    int64_t session = 0;        // ephemeralOwner
    std::string session_owner;  // the client whose session that is ("" unknown)
    int64_t czxid = 0;
    bool first = false;                   // lowest sequence: the holder by the recipe's rule
    std::vector<std::string> held_by;     // clients that say they hold it through this node
    std::vector<std::string> watched_by;  // clients waiting for this node's deletion
  };
  struct Lock {
    std::string path;
    std::string flavor;
    std::string tree_source;  // "zk2 (leader)"; "" when no server is running
    std::vector<LockNode> nodes;
    std::vector<size_t> clients;  // indices into `clients`
    std::vector<std::string>
        warnings;  // a client that believes it holds a node the tree no longer has
  };
  std::vector<Client> clients;
  std::vector<Lock> locks;
};

void draw_lock_waiters(LockWaitersState& state, const PanelContext& ctx, CommandQueue& out);

}  // namespace zoolab::gui
