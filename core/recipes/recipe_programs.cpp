// ElectionProcess, BarrierProcess, QueueProcess (see header).
#include "core/recipes/recipe_programs.h"

namespace zoolab::core::recipes {

// ---- zk-election -------------------------------------------------------------------------------

void ElectionProcess::reset(Env& env) {
  (void)env;
  latch_ = LeaderLatch(opts_);
  joined_ = false;
  shown_watching_.clear();
}

void ElectionProcess::begin(Env& env) {
  joined_ = true;
  latch_.start(env, client_mut());
}

bool ElectionProcess::command(Env& env, const std::string& verb, const std::string& rest) {
  (void)rest;
  if (verb == "join") begin(env);
  else if (verb == "leave" || verb == "close") {
    joined_ = false;
    latch_.close(env, client_mut());
  } else return false;
  return true;
}

void ElectionProcess::report(Env& env) {
  if (latch_.watching() != shown_watching_) {
    shown_watching_ = latch_.watching();
    if (!shown_watching_.empty()) say(env, "follower: " + latch_.my_node() + " watches " + shown_watching_);
  }
  for (const LatchEvent& e : latch_.take_events()) {
    if (e.kind == LatchEvent::Kind::kIsLeader) {
      ++terms_;
      say(env, "leader " + e.node);
    } else {
      say(env, "not leader: " + e.detail);
    }
  }
  // LOST: once the host has a new session, join again (Curator's LeaderLatch resets on reconnect).
  if (joined_ && latch_.state() == LatchState::kLost && client().phase() != zk::ClientPhase::kClosed)
    latch_.start(env, client_mut());
}

StateLines ElectionProcess::state_lines() const {
  StateLines l;
  l.emplace_back("election", std::string(latch_state_name(latch_.state())));
  l.emplace_back("leader", latch_.has_leadership() ? "yes" : "no");
  l.emplace_back("node", latch_.my_node());
  l.emplace_back("watching", latch_.watching());
  l.emplace_back("terms", std::to_string(terms_));
  l.emplace_back("wakeups", std::to_string(latch_.wakeups()));
  for (auto& kv : session_lines()) l.push_back(std::move(kv));
  return l;
}

// ---- zk-barrier --------------------------------------------------------------------------------

bool BarrierProcess::command(Env& env, const std::string& verb, const std::string& rest) {
  (void)rest;
  if (verb == "enter") barrier_.enter(env, client_mut());
  else if (verb == "leave") barrier_.leave(env, client_mut());
  else return false;
  return true;
}

void BarrierProcess::host_timer(Env& env, TimerId t) {
  if (t.kind == kWorkTimer) barrier_.leave(env, client_mut());
}

void BarrierProcess::report(Env& env) {
  for (const BarrierEvent& e : barrier_.take_events()) {
    switch (e.kind) {
      case BarrierEvent::Kind::kEntered:
        say(env, "entered " + cfg_.barrier.path + " (" + e.detail + ")");
        if (cfg_.work_ms > 0) env.out.set_timer(TimerId{kWorkTimer, 0}, milliseconds(cfg_.work_ms));
        break;
      case BarrierEvent::Kind::kLeft: say(env, "left " + cfg_.barrier.path); break;
      case BarrierEvent::Kind::kLost: say(env, "lost: " + e.detail); break;
    }
  }
}

StateLines BarrierProcess::state_lines() const {
  StateLines l;
  l.emplace_back("barrier", std::string(barrier_state_name(barrier_.state())));
  l.emplace_back("node", barrier_.my_node());
  l.emplace_back("watching", barrier_.watching());
  l.emplace_back("members", std::to_string(barrier_.members_seen().size()) + "/" + std::to_string(cfg_.barrier.members));
  for (auto& kv : session_lines()) l.push_back(std::move(kv));
  return l;
}

// ---- zk-queue ----------------------------------------------------------------------------------

void QueueProcess::reset(Env& env) {
  (void)env;
  queue_ = DistributedQueue(cfg_.queue);
  taken_.clear();
}

void QueueProcess::begin(Env& env) {
  for (const std::string& d : cfg_.produce) queue_.offer(env, client_mut(), d);
  for (int32_t i = 0; i < cfg_.consume; ++i) queue_.take(env, client_mut());
}

bool QueueProcess::command(Env& env, const std::string& verb, const std::string& rest) {
  if (verb == "offer") queue_.offer(env, client_mut(), rest);
  else if (verb == "take") queue_.take(env, client_mut());
  else return false;
  return true;
}

void QueueProcess::report(Env& env) {
  for (const QueueEvent& e : queue_.take_events()) {
    switch (e.kind) {
      case QueueEvent::Kind::kOffered: say(env, "offered " + e.node + " " + e.data); break;
      case QueueEvent::Kind::kTaken:
        taken_.push_back(e.data);
        say(env, "took " + e.node + " " + e.data);
        break;
      case QueueEvent::Kind::kLost: say(env, "lost: session expired"); break;
    }
  }
}

StateLines QueueProcess::state_lines() const {
  StateLines l;
  l.emplace_back("queue", std::string(queue_state_name(queue_.state())));
  l.emplace_back("takes-waiting", std::to_string(queue_.takes_waiting()));
  l.emplace_back("claiming", queue_.claiming());
  std::string items;
  for (const std::string& t : taken_) items += (items.empty() ? "" : ",") + t;
  l.emplace_back("taken", items);
  l.emplace_back("claims-lost", std::to_string(queue_.claims_lost()));
  for (auto& kv : session_lines()) l.push_back(std::move(kv));
  return l;
}

}  // namespace zoolab::core::recipes
