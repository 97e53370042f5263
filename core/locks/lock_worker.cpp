// The lock worker's loop (see lock_worker.h).
#include "core/locks/lock_worker.h"

#include "core/base/overloaded.h"
#include "core/proto/lock_protocol.h"

namespace zoolab::core::locks {
namespace {

std::variant<KvLockClient, RedlockClient, ZkLockClient> make_client(const LockWorkerConfig& c) {
  return std::visit(Overloaded{[](const KvLockOptions& o) -> std::variant<KvLockClient, RedlockClient, ZkLockClient> { return KvLockClient(o); },
                               [](const RedlockOptions& o) -> std::variant<KvLockClient, RedlockClient, ZkLockClient> { return RedlockClient(o); },
                               [](const ZkLockClientOptions& o) -> std::variant<KvLockClient, RedlockClient, ZkLockClient> { return ZkLockClient(o); }},
                    c.lock);
}

}  // namespace

std::string_view worker_state_name(WorkerState s) {
  switch (s) {
    case WorkerState::kStarting: return "starting";
    case WorkerState::kThinking: return "thinking";
    case WorkerState::kAcquiring: return "acquiring";
    case WorkerState::kReading: return "reading A";
    case WorkerState::kWorking: return "working";
    case WorkerState::kWriting: return "writing A";
    case WorkerState::kReleasing: return "releasing";
    case WorkerState::kDone: return "done";
  }
  return "?";
}

LockWorker::LockWorker(LockWorkerConfig cfg) : cfg_(std::move(cfg)), client_(make_client(cfg_)) {}

void LockWorker::on_start(Env& env, const DiskImage&) {
  // A restarted worker starts over with a fresh lock client; its counters are its history.
  client_ = make_client(cfg_);
  state_ = WorkerState::kStarting;
  resource_conn_ = kNoConn;
  pending_id_ = 0;
  token_.reset();
  lost_in_section_ = false;
  if (auto* z = std::get_if<ZkLockClient>(&client_)) z->start(env);
  env.out.set_timer(TimerId{kThinkTimer, 0}, milliseconds(cfg_.start_ms));
}

void LockWorker::begin_acquire(Env& env) {
  state_ = WorkerState::kAcquiring;
  wait_start_ = env.now;
  lost_in_section_ = false;
  token_.reset();
  std::visit([&](auto& c) { c.acquire(env); }, client_);
  after_events(env);
}

void LockWorker::send_resource(Env& env, ResourceOp op, int64_t value) {
  if (cfg_.resource == kNoNode) return;
  if (resource_conn_ == kNoConn) resource_conn_ = env.out.connect(cfg_.resource);
  pending_id_ = next_id_++;
  ResourceRequest req{pending_id_, op, value, cfg_.fencing ? token_ : std::nullopt};
  env.out.send(resource_conn_, req);
}

void LockWorker::after_events(Env& env) {
  auto events = std::visit([](auto& c) { return c.take_events(); }, client_);
  for (const LockClientEvent& e : events) {
    switch (e.kind) {
      case LockClientEvent::Kind::kAcquired:
        if (state_ != WorkerState::kAcquiring) break;
        ++acquisitions_;
        latencies_us_.push_back((env.now - wait_start_).ns / 1000);
        token_ = e.token;
        env.out.note("lock: acquired" + (e.token ? " (token " + std::to_string(*e.token) + ")" : std::string()));
        if (cfg_.resource == kNoNode) {
          state_ = WorkerState::kWorking;
          env.out.set_timer(TimerId{kWorkTimer, 0}, hold_time(env));
        } else {
          state_ = WorkerState::kReading;
          send_resource(env, ResourceOp::kRead, 0);
        }
        break;
      case LockClientEvent::Kind::kLost:
        ++lost_;
        env.out.note("lock: lost (" + e.detail + ")");
        if (state_ == WorkerState::kWorking) {
          // A well-behaved holder stops as soon as it hears; the write never happens.
          env.out.cancel_timer(TimerId{kWorkTimer, 0});
          send_resource(env, ResourceOp::kAbandon, 0);
          pending_id_ = 0;
          state_ = WorkerState::kReleasing;
          std::visit([&](auto& c) { c.release(env); }, client_);
          finish_iteration(env);
        } else if (state_ == WorkerState::kReading) {
          lost_in_section_ = true;
        } else if (state_ == WorkerState::kAcquiring) {
          // The session died while we queued: queue again (from a fresh event) with a new one.
          state_ = WorkerState::kThinking;
          env.out.set_timer(TimerId{kThinkTimer, 0}, milliseconds(cfg_.think_ms));
        } else if (state_ == WorkerState::kReleasing) {
          finish_iteration(env);  // nothing left to release
        }
        break;
      case LockClientEvent::Kind::kReleased:
      case LockClientEvent::Kind::kReleaseFailed:
        if (state_ != WorkerState::kReleasing) break;
        if (e.kind == LockClientEvent::Kind::kReleaseFailed) {
          ++failed_releases_;
          env.out.note("lock: release failed: " + e.detail);
        } else {
          env.out.note("lock: released");
        }
        finish_iteration(env);
        break;
    }
  }
}

Duration LockWorker::hold_time(Env& env) {
  const int64_t hold = static_cast<int64_t>(
      env.rng.uniform_u64(static_cast<uint64_t>(cfg_.hold_min_ms), static_cast<uint64_t>(cfg_.hold_max_ms)));
  if (!slow_done_ && cfg_.slow_at_ms >= 0 && env.now.ns / 1'000'000 >= cfg_.slow_at_ms) {
    slow_done_ = true;
    env.out.note("lock: this critical section is slow: " + format_duration(milliseconds(cfg_.slow_hold_ms)));
    return milliseconds(cfg_.slow_hold_ms);
  }
  return milliseconds(hold);
}

void LockWorker::finish_iteration(Env& env) {
  ++iterations_done_;
  if (cfg_.iterations > 0 && static_cast<int64_t>(iterations_done_) >= cfg_.iterations) {
    state_ = WorkerState::kDone;
    return;
  }
  state_ = WorkerState::kThinking;
  env.out.set_timer(TimerId{kThinkTimer, 0}, milliseconds(cfg_.think_ms));
}

void LockWorker::on_message(Env& env, ConnId conn, NodeId, const Message& msg) {
  if (conn == resource_conn_) {
    const auto* r = std::get_if<ResourceReply>(&msg);
    if (!r || r->id != pending_id_) return;
    pending_id_ = 0;
    if (state_ == WorkerState::kReading) {
      if (lost_in_section_) {
        send_resource(env, ResourceOp::kAbandon, 0);
        pending_id_ = 0;
        state_ = WorkerState::kReleasing;
        std::visit([&](auto& c) { c.release(env); }, client_);
        finish_iteration(env);
        return;
      }
      read_value_ = r->value;
      state_ = WorkerState::kWorking;
      const Duration hold = hold_time(env);
      env.out.note("lock: working on A = " + std::to_string(read_value_) + " for " + format_duration(hold));
      env.out.set_timer(TimerId{kWorkTimer, 0}, hold);
    } else if (state_ == WorkerState::kWriting) {
      if (!r->ok) {
        ++rejected_;
        env.out.note("lock: the resource rejected my write: " + r->error);
      }
      state_ = WorkerState::kReleasing;
      std::visit([&](auto& c) { c.release(env); }, client_);
      after_events(env);
    }
    return;
  }
  std::visit([&](auto& c) { c.on_message(env, conn, msg); }, client_);
  after_events(env);
}

void LockWorker::on_closed(Env& env, ConnId conn, NodeId) {
  if (conn == resource_conn_) {
    resource_conn_ = kNoConn;
    if (pending_id_ != 0 && (state_ == WorkerState::kReading || state_ == WorkerState::kWriting)) {
      pending_id_ = 0;
      state_ = WorkerState::kReleasing;
      std::visit([&](auto& c) { c.release(env); }, client_);
      after_events(env);
    }
    return;
  }
  std::visit([&](auto& c) { c.on_closed(env, conn); }, client_);
  after_events(env);
}

void LockWorker::on_timer(Env& env, TimerId t) {
  if (t.kind == kThinkTimer) {
    if (state_ == WorkerState::kStarting || state_ == WorkerState::kThinking) begin_acquire(env);
    return;
  }
  if (t.kind == kWorkTimer) {
    if (state_ != WorkerState::kWorking) return;
    if (cfg_.resource == kNoNode) {
      state_ = WorkerState::kReleasing;
      std::visit([&](auto& c) { c.release(env); }, client_);
      after_events(env);
      return;
    }
    state_ = WorkerState::kWriting;
    send_resource(env, ResourceOp::kWrite, read_value_ + 1);
    return;
  }
  std::visit([&](auto& c) { c.on_timer(env, t); }, client_);
  after_events(env);
}

void LockWorker::on_input(Env& env, const std::string& line) {
  if (line == "status") {
    env.out.print(OutStream::kOut, std::string(variant_name(cfg_.variant)) + " " + std::string(worker_state_name(state_)) +
                                       " (lock " + lock_state_text() + "), acquisitions " + std::to_string(acquisitions_) + "\n");
    return;
  }
  env.out.print(OutStream::kErr, "lock-worker: unknown command '" + line + "' (try: status)\n");
}

std::string LockWorker::timer_name(TimerId t) const {
  if (t.kind == kThinkTimer) return state_ == WorkerState::kStarting ? "start" : "think";
  if (t.kind == kWorkTimer) return "critical-section";
  return std::visit([&](const auto& c) { return c.timer_name(t); }, client_);
}

std::string LockWorker::lock_id() const {
  const std::string v(variant_name(cfg_.variant));
  return std::visit(Overloaded{[&](const KvLockOptions& o) { return v + " " + o.key; },
                               [&](const RedlockOptions& o) { return v + " " + o.key; },
                               [&](const ZkLockClientOptions& o) { return v + " " + o.lock.path; }},
                    cfg_.lock);
}

uint64_t LockWorker::requests_sent() const {
  return std::visit([](const auto& c) { return c.requests_sent(); }, client_);
}

uint64_t LockWorker::wakeups() const {
  const auto* z = std::get_if<ZkLockClient>(&client_);
  return z ? z->wakeups() : 0;
}

std::string LockWorker::lock_state_text() const {
  return std::visit(Overloaded{[](const KvLockClient& c) { return std::string(kv_lock_state_name(c.state())); },
                               [](const RedlockClient& c) { return std::string(redlock_state_name(c.state())); },
                               [](const ZkLockClient& c) { return std::string(recipes::lock_state_name(c.lock().state())); }},
                    client_);
}

StateLines LockWorker::state_lines() const {
  StateLines out = {{"lock", std::string(variant_name(cfg_.variant))},
                    {"state", std::string(worker_state_name(state_))},
                    {"lock state", lock_state_text()},
                    {"acquisitions", std::to_string(acquisitions_)},
                    {"requests", std::to_string(requests_sent())}};
  if (token_) out.push_back({"token", std::to_string(*token_)});
  if (lost_) out.push_back({"lost", std::to_string(lost_)});
  if (const auto* z = zk()) {
    out.push_back({"my node", z->lock().my_node()});
    out.push_back({"watching", z->lock().watching()});
    out.push_back({"wake-ups", std::to_string(z->wakeups())});
  }
  return out;
}

}  // namespace zoolab::core::locks
