// DistributedQueue: Curator's SimpleDistributedQueue (§12.7). offer = create `<path>/qn-`
// PERSISTENT_SEQUENTIAL; take = getChildren (with a watch), sort, and for the first `qn-` item
// getData then delete — NoNode means another consumer took it, try the next; empty = wait for the
// child watch.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/recipes/recipe_common.h"

namespace zoolab::core::recipes {

enum class QueueState : uint8_t {
  kIdle,
  kListing,          // getChildren(+watch) of the queue dir
  kClaiming,         // getData / delete of the item at the head
  kWaitingForItems,  // empty: waiting for the child watch
  kLost,             // session expired
};
std::string_view queue_state_name(QueueState s);

struct QueueOptions {
  std::string path = "/queue";
  bool operator==(const QueueOptions&) const = default;
};

struct QueueEvent {
  enum class Kind : uint8_t { kOffered, kTaken, kLost };
  Kind kind = Kind::kOffered;
  std::string node;  // full path of the item
  std::string data;
  bool operator==(const QueueEvent&) const = default;
};

class DistributedQueue {
 public:
  explicit DistributedQueue(QueueOptions o = {});

  void offer(Env& env, zk::ZkClient& client, const std::string& data);
  void take(Env& env, zk::ZkClient& client);  // one blocking take; several queue up
  bool on_output(Env& env, zk::ZkClient& client, const zk::ClientOutput& out);
  std::vector<QueueEvent> take_events();

  // ---- views ---------------------------------------------------------------------------------
  QueueState state() const { return state_; }
  uint32_t takes_waiting() const { return takes_; }
  const std::vector<std::string>& items_seen() const { return items_; }  // last listing, sorted
  const std::string& claiming() const { return claiming_; }
  uint64_t requests_sent() const { return requests_; }
  uint64_t claims_lost() const { return claims_lost_; }  // NoNode: another consumer was first
  bool operator==(const DistributedQueue&) const = default;

 private:
  enum class Op : uint8_t { kOffer, kMkdir, kList, kGet, kDelete };
  struct Pending {
    Op op = Op::kOffer;
    std::string path;
    std::string data;
    bool operator==(const Pending&) const = default;
  };
  void submit(Env& env, zk::ZkClient& client, Pending p, zk::RequestBody body);
  void send_offer(Env& env, zk::ZkClient& client, const std::string& data);
  void list(Env& env, zk::ZkClient& client);
  void claim_next(Env& env, zk::ZkClient& client);
  void make_dirs(Env& env, zk::ZkClient& client);
  void on_reply(Env& env, zk::ZkClient& client, const Pending& p, const zk::Response& r);

  QueueOptions opts_;
  QueueState state_ = QueueState::kIdle;
  uint32_t takes_ = 0;
  std::vector<std::string> items_;     // sorted item names from the last listing
  size_t next_ = 0;                    // index in items_ of the next item to try
  std::string claiming_, claim_data_;
  uint64_t requests_ = 0, claims_lost_ = 0;
  PendingTable<Pending> pending_;
  bool child_watch_ = false;
  std::vector<QueueEvent> events_;
};

}  // namespace zoolab::core::recipes
