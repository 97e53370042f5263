// ZkLockProcess (see header).
#include "core/recipes/zk_lock_process.h"

#include <stdexcept>

namespace zoolab::core::recipes {

ZkLockProcess::ZkLockProcess(ZkLockProcessConfig cfg) : RecipeHost(cfg.host), cfg_(std::move(cfg)), lock_(cfg_.lock) {
  if (cfg_.lock.owner.empty()) cfg_.lock.owner = cfg_.host.name;
  lock_ = ZkLock(cfg_.lock);
}

void ZkLockProcess::reset(Env& env) {
  (void)env;
  lock_ = ZkLock(cfg_.lock);
  shown_watching_.clear();
}

bool ZkLockProcess::command(Env& env, const std::string& verb, const std::string& rest) {
  (void)rest;
  if (verb == "acquire" || verb == "lock") lock_.acquire(env, client_mut());
  else if (verb == "release" || verb == "unlock") {
    env.out.cancel_timer(TimerId{kHoldTimer, 0});
    lock_.release(env, client_mut());
  } else return false;
  return true;
}

void ZkLockProcess::host_timer(Env& env, TimerId t) {
  if (t.kind == kHoldTimer && lock_.holds()) lock_.release(env, client_mut());
}

std::string ZkLockProcess::host_timer_name(TimerId t) const { return t.kind == kHoldTimer ? "hold" : "timer"; }

void ZkLockProcess::report(Env& env) {
  if (lock_.watching() != shown_watching_) {
    shown_watching_ = lock_.watching();
    if (!shown_watching_.empty()) {
      if (lock_.options().flavor == LockFlavor::kNaive) say(env, "waiting for " + shown_watching_ + " to be deleted");
      else say(env, "waiting: " + lock_.my_node() + " watches " + shown_watching_);
    }
  }
  for (const LockEvent& e : lock_.take_events()) {
    switch (e.kind) {
      case LockEvent::Kind::kAcquired:
        ++acquisitions_;
        say(env, "acquired " + e.detail + " token " + zk::hex(e.token));
        if (cfg_.hold_ms > 0) env.out.set_timer(TimerId{kHoldTimer, 0}, milliseconds(cfg_.hold_ms));
        break;
      case LockEvent::Kind::kReleased: say(env, "released " + e.detail); break;
      case LockEvent::Kind::kSuspended: say(env, "suspended: connection lost while holding " + e.detail); break;
      case LockEvent::Kind::kReconnected: say(env, "reconnected: still holding " + e.detail); break;
      case LockEvent::Kind::kLost:
        env.out.cancel_timer(TimerId{kHoldTimer, 0});
        say(env, "lost: " + e.detail);
        break;
    }
  }
}

StateLines ZkLockProcess::state_lines() const {
  StateLines l;
  l.emplace_back("lock", std::string(lock_state_name(lock_.state())));
  l.emplace_back("flavor", std::string(lock_flavor_name(lock_.options().flavor)));
  if (lock_.options().role != LockRole::kExclusive) l.emplace_back("role", std::string(lock_role_name(lock_.options().role)));
  l.emplace_back("path", lock_.options().path);
  l.emplace_back("node", lock_.my_node());
  l.emplace_back("watching", lock_.watching());
  l.emplace_back("token", zk::hex(lock_.token()));
  l.emplace_back("acquisitions", std::to_string(acquisitions_));
  l.emplace_back("requests", std::to_string(lock_.requests_sent()));
  l.emplace_back("wakeups", std::to_string(lock_.wakeups()));
  for (auto& kv : session_lines()) l.push_back(std::move(kv));
  return l;
}

void ZkLockProcess::check_invariants() const {
  if (lock_.holds() && lock_.my_node().empty()) throw std::logic_error("zk-lock holds the lock without a node");
  if (lock_.state() == LockState::kWaitingForPredecessor && lock_.watching().empty())
    throw std::logic_error("zk-lock waits for a predecessor it does not name");
}

}  // namespace zoolab::core::recipes
