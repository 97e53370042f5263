// "zk-lock" / "zk-rwlock": a program that takes a ZkLock, prints what happens (`acquired /locks/job/…`) and
// optionally releases it after `hold` ms; scenarios type `acquire` / `release` into it.
#pragma once

#include <memory>

#include "core/recipes/recipe_host.h"
#include "core/recipes/zk_lock.h"

namespace zoolab::core::recipes {

struct ZkLockProcessConfig {
  RecipeHostConfig host;
  LockOptions lock;
  int64_t hold_ms = 0;  // > 0: release this long after acquiring; 0: hold until `release`
  std::string kind = "zk-lock";  // "zk-rwlock" for the read/write roles
};

class ZkLockProcess : public RecipeHost {
 public:
  explicit ZkLockProcess(ZkLockProcessConfig cfg);
  std::unique_ptr<Process> clone() const override { return std::make_unique<ZkLockProcess>(*this); }
  std::string kind() const override { return cfg_.kind; }
  StateLines state_lines() const override;
  void check_invariants() const override;

  const ZkLock& lock() const { return lock_; }
  uint64_t acquisitions() const { return acquisitions_; }

 protected:
  void reset(Env& env) override;
  void begin(Env& env) override { lock_.acquire(env, client_mut()); }
  bool command(Env& env, const std::string& verb, const std::string& rest) override;
  void feed(Env& env, const zk::ClientOutput& out) override { lock_.on_output(env, client_mut(), out); }
  void report(Env& env) override;
  void host_timer(Env& env, TimerId t) override;
  std::string host_timer_name(TimerId t) const override;

 private:
  static constexpr uint32_t kHoldTimer = 2;
  ZkLockProcessConfig cfg_;
  ZkLock lock_;
  std::string shown_watching_;  // the predecessor last printed, to print each change once
  uint64_t acquisitions_ = 0;
};

}  // namespace zoolab::core::recipes
