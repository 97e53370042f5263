// The scenario programs for the other recipes: "zk-election" (LeaderLatch), "zk-barrier"
// (DoubleBarrier) and "zk-queue" (DistributedQueue). Each prints what happens and shows its
// recipe's state in state_lines(); typed lines drive them (`join`/`leave`, `enter`/`leave`,
// `offer DATA`/`take`), and `start=MS` runs the default action by itself.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/recipes/double_barrier.h"
#include "core/recipes/distributed_queue.h"
#include "core/recipes/leader_latch.h"
#include "core/recipes/recipe_host.h"

namespace zoolab::core::recipes {

class ElectionProcess : public RecipeHost {
 public:
  ElectionProcess(RecipeHostConfig host, LatchOptions o) : RecipeHost(std::move(host)), opts_(std::move(o)), latch_(opts_) {}
  std::unique_ptr<Process> clone() const override { return std::make_unique<ElectionProcess>(*this); }
  std::string kind() const override { return "zk-election"; }
  StateLines state_lines() const override;
  const LeaderLatch& latch() const { return latch_; }
  uint64_t terms() const { return terms_; }  // times this candidate became leader

 protected:
  void reset(Env& env) override;
  void begin(Env& env) override;
  bool command(Env& env, const std::string& verb, const std::string& rest) override;
  void feed(Env& env, const zk::ClientOutput& out) override { latch_.on_output(env, client_mut(), out); }
  void report(Env& env) override;

 private:
  LatchOptions opts_;
  LeaderLatch latch_;
  bool joined_ = false;  // wants to be in the election (rejoins with a new session after LOST)
  std::string shown_watching_;
  uint64_t terms_ = 0;
};

struct BarrierProcessConfig {
  RecipeHostConfig host;
  BarrierOptions barrier;
  int64_t work_ms = 0;  // > 0: leave this long after entering
};

class BarrierProcess : public RecipeHost {
 public:
  explicit BarrierProcess(BarrierProcessConfig cfg) : RecipeHost(cfg.host), cfg_(std::move(cfg)), barrier_(cfg_.barrier) {}
  std::unique_ptr<Process> clone() const override { return std::make_unique<BarrierProcess>(*this); }
  std::string kind() const override { return "zk-barrier"; }
  StateLines state_lines() const override;
  const DoubleBarrier& barrier() const { return barrier_; }

 protected:
  void reset(Env& env) override { (void)env, barrier_ = DoubleBarrier(cfg_.barrier); }
  void begin(Env& env) override { barrier_.enter(env, client_mut()); }
  bool command(Env& env, const std::string& verb, const std::string& rest) override;
  void feed(Env& env, const zk::ClientOutput& out) override { barrier_.on_output(env, client_mut(), out); }
  void report(Env& env) override;
  void host_timer(Env& env, TimerId t) override;
  std::string host_timer_name(TimerId t) const override { return t.kind == kWorkTimer ? "work" : "timer"; }

 private:
  static constexpr uint32_t kWorkTimer = 2;
  BarrierProcessConfig cfg_;
  DoubleBarrier barrier_;
};

struct QueueProcessConfig {
  RecipeHostConfig host;
  QueueOptions queue;
  std::vector<std::string> produce;  // offered at start
  int32_t consume = 0;               // takes at start
};

class QueueProcess : public RecipeHost {
 public:
  explicit QueueProcess(QueueProcessConfig cfg) : RecipeHost(cfg.host), cfg_(std::move(cfg)), queue_(cfg_.queue) {}
  std::unique_ptr<Process> clone() const override { return std::make_unique<QueueProcess>(*this); }
  std::string kind() const override { return "zk-queue"; }
  StateLines state_lines() const override;
  const DistributedQueue& queue() const { return queue_; }
  const std::vector<std::string>& taken() const { return taken_; }  // data of the items taken, in order

 protected:
  void reset(Env& env) override;
  void begin(Env& env) override;
  bool command(Env& env, const std::string& verb, const std::string& rest) override;
  void feed(Env& env, const zk::ClientOutput& out) override { queue_.on_output(env, client_mut(), out); }
  void report(Env& env) override;

 private:
  QueueProcessConfig cfg_;
  DistributedQueue queue_;
  std::vector<std::string> taken_;
};

}  // namespace zoolab::core::recipes
