// A ZooKeeper lock client for the lock duel: a ZkClient session plus the recipes::ZkLock state
// machine, behind the same acquire/release/events surface as the Redis and memcached clients.
#pragma once

#include <utility>
#include <vector>

#include "core/client/zk_client.h"
#include "core/locks/lock_variant.h"
#include "core/recipes/zk_lock.h"

namespace zoolab::core::locks {

struct ZkLockClientOptions {
  zk::ZkClientConfig client;       // servers, session timeout, timer kinds
  recipes::LockOptions lock;       // path, flavour, owner
  bool fencing = false;            // hand the lock node's czxid out as the token
  bool operator==(const ZkLockClientOptions&) const = default;
};

class ZkLockClient {
 public:
  explicit ZkLockClient(ZkLockClientOptions o = {}) : opt_(o), client_(o.client), lock_(o.lock) {}

  void start(Env& env) { client_.start(env); }
  void acquire(Env& env) { lock_.acquire(env, client_); pump(env); }
  void release(Env& env) { lock_.release(env, client_); pump(env); }
  bool on_message(Env& env, ConnId conn, const Message& msg) { return handled(env, client_.on_message(env, conn, msg)); }
  bool on_closed(Env& env, ConnId conn) { return handled(env, client_.on_closed(env, conn)); }
  bool on_timer(Env& env, TimerId t) { return handled(env, client_.on_timer(env, t)); }
  bool owns_timer(TimerId t) const { return client_.owns_timer(t); }
  std::string timer_name(TimerId t) const { return client_.timer_name(t); }
  std::vector<LockClientEvent> take_events() { return std::exchange(events_, {}); }

  // ---- views ---------------------------------------------------------------------------------
  const zk::ZkClient& client() const { return client_; }
  const recipes::ZkLock& lock() const { return lock_; }
  uint64_t requests_sent() const { return lock_.requests_sent(); }
  uint64_t wakeups() const { return lock_.wakeups(); }
  bool operator==(const ZkLockClient&) const = default;

 private:
  bool handled(Env& env, bool mine) {
    if (mine) pump(env);
    return mine;
  }
  // Feeds the client's outputs to the recipe and translates the recipe's events.
  void pump(Env& env) {
    // Local failures answer at once, so a reply may produce more outputs: drain until quiet.
    while (client_.has_outputs())
      for (const zk::ClientOutput& o : client_.take_outputs()) lock_.on_output(env, client_, o);
    for (const recipes::LockEvent& e : lock_.take_events()) {
      using K = recipes::LockEvent::Kind;
      switch (e.kind) {
        case K::kAcquired:
          events_.push_back({LockClientEvent::Kind::kAcquired, opt_.fencing ? std::optional<int64_t>(e.token) : std::nullopt, e.detail});
          break;
        case K::kReleased: events_.push_back({LockClientEvent::Kind::kReleased, std::nullopt, e.detail}); break;
        case K::kLost:
          events_.push_back({LockClientEvent::Kind::kLost, std::nullopt, e.detail});
          // An expired session is over: a new handle, as an application using Curator/kazoo would.
          if (!zk::is_alive(client_.state())) {
            client_ = zk::ZkClient(opt_.client);
            client_.start(env);
          }
          break;
        case K::kSuspended:
        case K::kReconnected: env.out.note(std::string("lock: ") + std::string(recipes::lock_event_name(e.kind))); break;
      }
    }
  }

  ZkLockClientOptions opt_;
  zk::ZkClient client_;
  recipes::ZkLock lock_;
  std::vector<LockClientEvent> events_;
};

}  // namespace zoolab::core::locks
