// The Redlock state machine (see redlock_client.h).
#include "core/locks/redlock_client.h"

#include "core/locks/lock_scripts.h"
#include "core/proto/redis_protocol.h"

namespace zoolab::core::locks {

std::string_view redlock_state_name(RedlockState s) {
  switch (s) {
    case RedlockState::kIdle: return "idle";
    case RedlockState::kTrying: return "trying";
    case RedlockState::kUnlockingFailed: return "unlocking-failed-attempt";
    case RedlockState::kWaitingToRetry: return "waiting-to-retry";
    case RedlockState::kHeld: return "held";
    case RedlockState::kReleasing: return "releasing";
  }
  return "?";
}

RedlockClient::RedlockClient(RedlockOptions o) : opt_(std::move(o)), links_(opt_.masters.size()) {}

void RedlockClient::send(Env& env, size_t i, Purpose p, std::vector<std::string> argv) {
  Link& l = links_[i];
  if (l.conn == kNoConn) l.conn = env.out.connect(opt_.masters[i]);
  const uint64_t id = next_id_++;
  l.pending[id] = p;
  ++requests_;
  env.out.send(l.conn, redis::RedisCommand{id, std::move(argv)});
}

void RedlockClient::acquire(Env& env) {
  if (state_ != RedlockState::kIdle) return;
  state_ = RedlockState::kTrying;
  started_ = env.now;
  answers_ = oks_ = 0;
  for (size_t i = 0; i < links_.size(); ++i)
    send(env, i, Purpose::kSet, {"SET", opt_.key, opt_.owner, "NX", "PX", std::to_string(opt_.lease_ms)});
  // A silent (powered-off, partitioned) master must not stall the attempt.
  env.out.set_timer(TimerId{opt_.timer_kind_base + 1, 0}, milliseconds(opt_.request_timeout_ms));
}

void RedlockClient::answer(Env& env, Purpose p, bool ok) {
  if (p == Purpose::kUnlock) {
    if (unlocks_left_ > 0 && --unlocks_left_ == 0) {
      if (state_ == RedlockState::kReleasing) {
        state_ = RedlockState::kIdle;
        events_.push_back({LockClientEvent::Kind::kReleased, std::nullopt, {}});
      } else if (state_ == RedlockState::kUnlockingFailed) {
        retry_later(env);
      }
    }
    return;
  }
  if (state_ != RedlockState::kTrying) return;
  ++answers_;
  if (ok) ++oks_;
  decide(env);
}

void RedlockClient::decide(Env& env) {
  const size_t n = links_.size(), majority = n / 2 + 1;
  // Decide as soon as a majority said OK, or so many refused that a majority is impossible.
  if (oks_ < majority && answers_ - oks_ <= n - majority) return;
  env.out.cancel_timer(TimerId{opt_.timer_kind_base + 1, 0});
  const int64_t elapsed_ms = (env.now - started_).ns / 1'000'000;
  const int64_t drift_ms = opt_.lease_ms * opt_.clock_drift_permille / 1000 + 2;
  const int64_t validity_ms = opt_.lease_ms - elapsed_ms - drift_ms;
  if (oks_ >= majority && validity_ms > 0) {
    state_ = RedlockState::kHeld;
    env.out.note("redlock: " + std::to_string(oks_) + "/" + std::to_string(n) + " masters, validity " +
                 std::to_string(validity_ms) + "ms");
    events_.push_back({LockClientEvent::Kind::kAcquired, std::nullopt, {}});
    return;
  }
  // Failed: unlock every instance (even those that did not answer OK) and retry later.
  state_ = RedlockState::kUnlockingFailed;
  unlock_all(env);
}

void RedlockClient::unlock_all(Env& env) {
  unlocks_left_ = links_.size();
  for (size_t i = 0; i < links_.size(); ++i)
    send(env, i, Purpose::kUnlock, {"EVAL", kCompareAndDeleteScript, "1", opt_.key, opt_.owner});
}

void RedlockClient::retry_later(Env& env) {
  state_ = RedlockState::kWaitingToRetry;
  const int64_t jitter = static_cast<int64_t>(env.rng.uniform_u64(0, static_cast<uint64_t>(opt_.retry_ms)));
  env.out.set_timer(TimerId{opt_.timer_kind_base, 0}, milliseconds(opt_.retry_ms + jitter));
}

void RedlockClient::release(Env& env) {
  if (state_ != RedlockState::kHeld) return;
  state_ = RedlockState::kReleasing;
  unlock_all(env);
}

bool RedlockClient::on_message(Env& env, ConnId conn, const Message& msg) {
  const auto* r = std::get_if<redis::RedisReply>(&msg);
  for (Link& l : links_) {
    if (l.conn != conn) continue;
    if (!r) return true;
    auto it = l.pending.find(r->id);
    if (it == l.pending.end()) return true;
    const Purpose p = it->second;
    l.pending.erase(it);
    const bool ok = p == Purpose::kSet ? r->kind == redis::ReplyKind::kStatus && r->text == "OK"
                                       : r->kind != redis::ReplyKind::kError;
    answer(env, p, ok);
    return true;
  }
  return false;
}

bool RedlockClient::on_closed(Env& env, ConnId conn) {
  for (Link& l : links_) {
    if (l.conn != conn) continue;
    l.conn = kNoConn;
    const auto lost = std::exchange(l.pending, {});
    for (const auto& [id, p] : lost) answer(env, p, false);
    return true;
  }
  return false;
}

bool RedlockClient::on_timer(Env& env, TimerId t) {
  if (!owns_timer(t)) return false;
  if (t.kind == opt_.timer_kind_base + 1) {
    if (state_ == RedlockState::kTrying) {
      env.out.note("redlock: only " + std::to_string(oks_) + " masters answered OK in time");
      state_ = RedlockState::kUnlockingFailed;
      unlock_all(env);
    }
    return true;
  }
  if (state_ == RedlockState::kWaitingToRetry) {
    state_ = RedlockState::kIdle;
    acquire(env);
  }
  return true;
}

}  // namespace zoolab::core::locks
