// The Redis / memcached lock client state machines (see kv_lock_client.h).
#include "core/locks/kv_lock_client.h"

#include "core/locks/lock_scripts.h"
#include "core/proto/redis_protocol.h"

namespace zoolab::core::locks {

using redis::MemcachedReply;
using redis::MemcachedRequest;
using redis::RedisCommand;
using redis::RedisReply;
using redis::ReplyKind;

std::string_view kv_lock_state_name(KvLockState s) {
  switch (s) {
    case KvLockState::kIdle: return "idle";
    case KvLockState::kAskingSentinel: return "asking-sentinel";
    case KvLockState::kTrying: return "trying";
    case KvLockState::kSettingExpiry: return "setting-expiry";
    case KvLockState::kFencing: return "fencing";
    case KvLockState::kWaitingToRetry: return "waiting-to-retry";
    case KvLockState::kHeld: return "held";
    case KvLockState::kCheckingOwner: return "checking-owner";
    case KvLockState::kReleasing: return "releasing";
  }
  return "?";
}

KvLockClient::KvLockClient(KvLockOptions o) : opt_(std::move(o)), server_(opt_.server) {}

std::string KvLockClient::timer_name(TimerId t) const {
  if (t.kind == opt_.timer_kind_base + kRetryTimer) return "lock-retry";
  if (t.kind == opt_.timer_kind_base + kStepTimer) return "lock-next-command";
  if (t.kind == opt_.timer_kind_base + kReplyTimer) return "lock-reply-timeout";
  return "lock-renew";
}

void KvLockClient::send(Env& env, Purpose p, std::vector<std::string> argv) {
  const NodeId target = p == Purpose::kSentinel ? opt_.sentinel : server_;
  if (p == Purpose::kSentinel) {
    // A short-lived connection per question, like a client library's sentinel lookup.
    const ConnId c = env.out.connect(target);
    sentinel_conn_ = c;
    const uint64_t id = next_id_++;
    pending_[id] = p;
    ++requests_;
    env.out.send(c, RedisCommand{id, std::move(argv)});
    return;
  }
  if (target == kNoNode) {
    // The master is unknown (lost with its connection): this command fails like a refused one.
    on_failure(env, p, "no master known");
    return;
  }
  if (conn_ == kNoConn) conn_ = env.out.connect(target);
  const uint64_t id = next_id_++;
  pending_[id] = p;
  ++requests_;
  env.out.set_timer(timer(kReplyTimer), milliseconds(opt_.reply_timeout_ms));
  env.out.send(conn_, RedisCommand{id, std::move(argv)});
}

void KvLockClient::send_memcached(Env& env, Purpose p, std::string text) {
  if (conn_ == kNoConn) conn_ = env.out.connect(server_);
  const uint64_t id = next_id_++;
  pending_[id] = p;
  ++requests_;
  env.out.set_timer(timer(kReplyTimer), milliseconds(opt_.reply_timeout_ms));
  env.out.send(conn_, MemcachedRequest{id, std::move(text)});
}

void KvLockClient::acquire(Env& env) {
  if (state_ != KvLockState::kIdle) return;
  if (opt_.sentinel != kNoNode && server_ == kNoNode) {
    state_ = KvLockState::kAskingSentinel;
    send(env, Purpose::kSentinel, {"SENTINEL", "get-master-addr-by-name", opt_.master_name});
    return;
  }
  try_once(env);
}

void KvLockClient::try_once(Env& env) {
  state_ = KvLockState::kTrying;
  const std::string lease = std::to_string(opt_.lease_ms);
  switch (opt_.variant) {
    case LockVariant::kRedisSetnxExpire:
      send(env, Purpose::kTry, {"SETNX", opt_.key, opt_.owner});
      break;
    case LockVariant::kMemcachedAdd: {
      // exptime is in seconds; round up so a short lease still expires (0 would mean never).
      const int64_t secs = std::max<int64_t>(1, (opt_.lease_ms + 999) / 1000);
      send_memcached(env, Purpose::kTry, "add " + opt_.key + " 0 " + std::to_string(secs) + " " +
                                             std::to_string(opt_.owner.size()) + "\r\n" + opt_.owner + "\r\n");
      break;
    }
    default:
      send(env, Purpose::kTry, {"SET", opt_.key, opt_.owner, "NX", "PX", lease});
      break;
  }
}

void KvLockClient::won(Env& env) {
  if (opt_.variant == LockVariant::kRedisSetnxExpire) {
    // The seed's first version: the expiry is a second command, sent after SETNX answered.
    state_ = KvLockState::kSettingExpiry;
    env.out.note("lock: SETNX won; EXPIRE comes next");
    env.out.set_timer(timer(kStepTimer), Duration{0});
    return;
  }
  if (opt_.fencing && !memcached()) {
    state_ = KvLockState::kFencing;
    send(env, Purpose::kFence, {"INCR", opt_.key + ":fence"});
    return;
  }
  held(env, std::nullopt);
}

void KvLockClient::held(Env& env, std::optional<int64_t> token) {
  state_ = KvLockState::kHeld;
  if (opt_.variant == LockVariant::kRedisWatchdog) env.out.set_timer(timer(kRenewTimer), milliseconds(opt_.renew_every_ms));
  events_.push_back({LockClientEvent::Kind::kAcquired, token, {}});
}

void KvLockClient::retry_later(Env& env) {
  state_ = KvLockState::kWaitingToRetry;
  env.out.set_timer(timer(kRetryTimer), milliseconds(opt_.retry_ms));
}

void KvLockClient::release(Env& env) {
  if (state_ != KvLockState::kHeld) return;
  env.out.cancel_timer(timer(kRenewTimer));
  if (opt_.variant == LockVariant::kRedisGetDel) {
    state_ = KvLockState::kCheckingOwner;
    send(env, Purpose::kGet, {"GET", opt_.key});
    return;
  }
  send_release(env);
}

void KvLockClient::send_release(Env& env) {
  state_ = KvLockState::kReleasing;
  switch (opt_.variant) {
    case LockVariant::kRedisCad:
    case LockVariant::kRedisWatchdog:
      send(env, Purpose::kRelease, {"EVAL", kCompareAndDeleteScript, "1", opt_.key, opt_.owner});
      break;
    case LockVariant::kMemcachedAdd:
      send_memcached(env, Purpose::kRelease, "delete " + opt_.key + "\r\n");
      break;
    default:
      send(env, Purpose::kRelease, {"DEL", opt_.key});
      break;
  }
}

void KvLockClient::released(bool ok, std::string detail) {
  state_ = KvLockState::kIdle;
  events_.push_back({ok ? LockClientEvent::Kind::kReleased : LockClientEvent::Kind::kReleaseFailed, std::nullopt,
                     std::move(detail)});
}

bool KvLockClient::on_message(Env& env, ConnId conn, const Message& msg) {
  if (conn != conn_ && conn != sentinel_conn_) return false;
  uint64_t id = 0;
  if (const auto* r = std::get_if<RedisReply>(&msg)) id = r->id;
  else if (const auto* m = std::get_if<MemcachedReply>(&msg)) id = m->id;
  else return false;
  auto it = pending_.find(id);
  if (it == pending_.end()) return true;  // an answer to a request from before a reconnect
  const Purpose p = it->second;
  pending_.erase(it);
  if (pending_.empty()) env.out.cancel_timer(timer(kReplyTimer));
  if (conn == sentinel_conn_ && p == Purpose::kSentinel) {
    env.out.close(sentinel_conn_);
    sentinel_conn_ = kNoConn;
  }
  on_reply(env, p, msg);
  return true;
}

void KvLockClient::on_reply(Env& env, Purpose p, const Message& msg) {
  const auto* r = std::get_if<RedisReply>(&msg);
  const auto* m = std::get_if<MemcachedReply>(&msg);
  if (r && r->kind == ReplyKind::kError) {
    on_failure(env, p, r->text);
    return;
  }
  switch (p) {
    case Purpose::kSentinel: {
      NodeId found = kNoNode;
      if (r && r->kind == ReplyKind::kArray && !r->elements.empty())
        if (auto n = opt_.nodes.find(r->elements[0].text); n != opt_.nodes.end()) found = n->second;
      if (found == kNoNode) {
        retry_later(env);
        return;
      }
      if (found != server_ && conn_ != kNoConn) {
        env.out.close(conn_);
        conn_ = kNoConn;
      }
      server_ = found;
      env.out.note("lock: sentinel says the master is " + r->elements[0].text);
      if (state_ == KvLockState::kAskingSentinel) try_once(env);
      return;
    }
    case Purpose::kTry: {
      const bool ok = m ? m->text == "STORED\r\n"
                        : (r->kind == ReplyKind::kStatus && r->text == "OK") || (r->kind == ReplyKind::kInteger && r->integer == 1);
      if (state_ != KvLockState::kTrying) return;
      if (ok) won(env);
      else retry_later(env);
      return;
    }
    case Purpose::kExpire:
      if (state_ != KvLockState::kSettingExpiry) return;
      if (opt_.fencing) {
        state_ = KvLockState::kFencing;
        send(env, Purpose::kFence, {"INCR", opt_.key + ":fence"});
      } else {
        held(env, std::nullopt);
      }
      return;
    case Purpose::kFence:
      if (state_ == KvLockState::kFencing) held(env, r->integer);
      return;
    case Purpose::kGet:
      if (state_ != KvLockState::kCheckingOwner) return;
      if (r->kind == ReplyKind::kBulk && r->text == opt_.owner) {
        env.out.note("lock: GET says the lock is still mine; DEL comes next");
        env.out.set_timer(timer(kStepTimer), Duration{0});
      } else {
        released(false, "the lock was no longer mine");
      }
      return;
    case Purpose::kRelease: {
      if (state_ != KvLockState::kReleasing) return;
      const bool ok = m ? m->text == "DELETED\r\n" : r->kind == ReplyKind::kInteger && r->integer == 1;
      released(ok, ok ? "" : "the lock was gone (expired or taken)");
      return;
    }
    case Purpose::kRenew: {
      if (state_ != KvLockState::kHeld) return;
      if (r->kind == ReplyKind::kInteger && r->integer == 1) {
        env.out.set_timer(timer(kRenewTimer), milliseconds(opt_.renew_every_ms));
      } else {
        env.out.note("lock: watchdog renewal failed: the lease had already expired");
        state_ = KvLockState::kIdle;
        events_.push_back({LockClientEvent::Kind::kLost, std::nullopt, "lease expired before renewal"});
      }
      return;
    }
  }
}

void KvLockClient::on_failure(Env& env, Purpose p, const std::string& why) {
  switch (p) {
    case Purpose::kSentinel:
    case Purpose::kTry:
      if (state_ == KvLockState::kTrying || state_ == KvLockState::kAskingSentinel) retry_later(env);
      return;
    case Purpose::kExpire:
    case Purpose::kFence:
      // We may hold the key but cannot finish taking the lock; give it up and start over.
      env.out.note("lock: " + why + " while taking the lock; retrying");
      retry_later(env);
      return;
    case Purpose::kGet:
    case Purpose::kRelease:
      if (state_ == KvLockState::kReleasing || state_ == KvLockState::kCheckingOwner) released(false, why);
      return;
    case Purpose::kRenew:
      if (state_ == KvLockState::kHeld) {
        // Redisson keeps trying; the lease may still be valid on the server.
        env.out.set_timer(timer(kRenewTimer), milliseconds(opt_.renew_every_ms));
      }
      return;
  }
}

// No reply within the socket timeout: the connection is given up like a reset one.
void KvLockClient::fail_connection(Env& env) {
  env.out.note("lock: no reply in " + format_duration(milliseconds(opt_.reply_timeout_ms)) + "; closing the connection");
  if (sentinel_conn_ != kNoConn) {
    env.out.close(sentinel_conn_);
    on_closed(env, sentinel_conn_);
  }
  if (conn_ != kNoConn) {
    const ConnId c = conn_;
    env.out.close(c);
    on_closed(env, c);
  }
}

bool KvLockClient::on_closed(Env& env, ConnId conn) {
  if (conn == sentinel_conn_) {
    sentinel_conn_ = kNoConn;
    for (auto it = pending_.begin(); it != pending_.end();)
      it = it->second == Purpose::kSentinel ? pending_.erase(it) : std::next(it);
    if (state_ == KvLockState::kAskingSentinel) retry_later(env);
    return true;
  }
  if (conn != conn_) return false;
  conn_ = kNoConn;
  std::vector<Purpose> failed;
  for (const auto& [id, p] : pending_)
    if (p != Purpose::kSentinel) failed.push_back(p);
  for (auto it = pending_.begin(); it != pending_.end();)
    it = it->second == Purpose::kSentinel ? std::next(it) : pending_.erase(it);
  // With a sentinel, the master may have moved: ask again before the next attempt.
  if (opt_.sentinel != kNoNode) server_ = kNoNode;
  for (Purpose p : failed) on_failure(env, p, "connection lost");
  return true;
}

bool KvLockClient::on_timer(Env& env, TimerId t) {
  if (!owns_timer(t)) return false;
  if (t == timer(kReplyTimer)) {
    if (!pending_.empty()) fail_connection(env);
    return true;
  }
  if (t == timer(kStepTimer)) {
    if (state_ == KvLockState::kSettingExpiry)
      send(env, Purpose::kExpire, {"EXPIRE", opt_.key, std::to_string(std::max<int64_t>(1, opt_.lease_ms / 1000))});
    else if (state_ == KvLockState::kCheckingOwner)
      send_release(env);
    return true;
  }
  if (t == timer(kRetryTimer)) {
    if (state_ != KvLockState::kWaitingToRetry) return true;
    state_ = KvLockState::kIdle;
    acquire(env);
    return true;
  }
  if (state_ == KvLockState::kHeld && opt_.variant == LockVariant::kRedisWatchdog) {
    ++renewals_;
    if (server_ == kNoNode) {
      env.out.set_timer(timer(kRenewTimer), milliseconds(opt_.renew_every_ms));
      return true;
    }
    send(env, Purpose::kRenew, {"EVAL", kCompareAndPexpireScript, "1", opt_.key, opt_.owner, std::to_string(opt_.lease_ms)});
  }
  return true;
}

}  // namespace zoolab::core::locks
