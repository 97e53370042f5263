// DoubleBarrier (see header): DistributedDoubleBarrier.enter/internalEnter/internalLeave as replies.
#include "core/recipes/double_barrier.h"

#include <algorithm>

#include "core/base/overloaded.h"

namespace zoolab::core::recipes {

using zk::Err;

std::string_view barrier_state_name(BarrierState s) {
  switch (s) {
    case BarrierState::kIdle: return "idle";
    case BarrierState::kEntering: return "entering";
    case BarrierState::kWaitingToEnter: return "waiting-to-enter";
    case BarrierState::kEntered: return "entered";
    case BarrierState::kLeaving: return "leaving";
    case BarrierState::kWaitingToLeave: return "waiting-to-leave";
    case BarrierState::kLeft: return "left";
    case BarrierState::kLost: return "lost";
  }
  return "?";
}

DoubleBarrier::DoubleBarrier(BarrierOptions o) : opts_(std::move(o)) {}

void DoubleBarrier::submit(Env& env, zk::ZkClient& client, Op op, const std::string& path, zk::RequestBody body) {
  ++requests_;
  pending_.add(client.submit(env, std::move(body)), Pending{op, path});
}

void DoubleBarrier::enter(Env& env, zk::ZkClient& client) {
  if (state_ != BarrierState::kIdle && state_ != BarrierState::kLeft && state_ != BarrierState::kLost) return;
  pending_.clear();
  armed_.clear();
  members_.clear();
  watching_.clear();
  ready_seen_ = false;
  state_ = BarrierState::kEntering;
  my_node_ = child_path(opts_.path, random_uuid(env.rng));
  submit(env, client, Op::kWatchReady, ready_path(), zk::ExistsOp{ready_path(), true});
  create_mine(env, client);
}

void DoubleBarrier::create_mine(Env& env, zk::ZkClient& client) {
  submit(env, client, Op::kCreate, my_node_,
         zk::CreateOp{my_node_, std::nullopt, zk::open_acl_unsafe(), zk::CreateMode::kEphemeral, -1, false});
}

void DoubleBarrier::list(Env& env, zk::ZkClient& client) {
  submit(env, client, Op::kList, opts_.path, zk::GetChildrenOp{opts_.path, false, false});
}

void DoubleBarrier::entered(Env& env, const std::string& why) {
  if (state_ != BarrierState::kEntering && state_ != BarrierState::kWaitingToEnter) return;
  state_ = BarrierState::kEntered;
  watching_.clear();
  env.out.note("barrier " + opts_.path + " entered (" + why + ")");
  events_.push_back(BarrierEvent{BarrierEvent::Kind::kEntered, why});
}

void DoubleBarrier::leave(Env& env, zk::ZkClient& client) {
  if (state_ != BarrierState::kEntered) return;
  state_ = BarrierState::kLeaving;
  list(env, client);
}

void DoubleBarrier::left(Env& env, zk::ZkClient& client) {
  state_ = BarrierState::kLeaving;
  watching_.clear();
  submit(env, client, Op::kDeleteReady, ready_path(), zk::DeleteOp{ready_path(), -1});
}

bool DoubleBarrier::on_output(Env& env, zk::ZkClient& client, const zk::ClientOutput& out) {
  return std::visit(Overloaded{
                        [&](const zk::ClientReply& r) {
                          auto p = pending_.take(r.xid);
                          if (!p) return false;
                          on_reply(env, client, *p, r.response);
                          return true;
                        },
                        [&](const zk::ClientWatchEvent& w) {
                          if (!armed_.count(w.event.path)) return false;
                          armed_.erase(w.event.path);
                          if (w.event.path == ready_path() &&
                              (state_ == BarrierState::kEntering || state_ == BarrierState::kWaitingToEnter)) {
                            ready_seen_ = true;
                            if (state_ == BarrierState::kWaitingToEnter) entered(env, "ready was created");
                          } else if (state_ == BarrierState::kWaitingToLeave && w.event.path == watching_) {
                            state_ = BarrierState::kLeaving;
                            list(env, client);
                          }
                          return true;
                        },
                        [&](const zk::ClientSessionEvent& s) {
                          if ((s.state == zk::KeeperState::kExpired || s.state == zk::KeeperState::kClosed) &&
                              state_ != BarrierState::kIdle && state_ != BarrierState::kLeft && state_ != BarrierState::kLost) {
                            state_ = BarrierState::kLost;
                            pending_.clear();
                            armed_.clear();
                            env.out.note("barrier " + opts_.path + " lost: session expired");
                            events_.push_back(BarrierEvent{BarrierEvent::Kind::kLost, "session expired"});
                          }
                          return true;
                        },
                    },
                    out);
}

void DoubleBarrier::on_reply(Env& env, zk::ZkClient& client, const Pending& p, const zk::Response& r) {
  if (r.err == Err::kSessionExpired) return;
  const bool loss = r.err == Err::kConnectionLoss;
  switch (p.op) {
    case Op::kWatchReady:
      if (loss) {
        submit(env, client, Op::kWatchReady, ready_path(), zk::ExistsOp{ready_path(), true});
        return;
      }
      armed_.insert(ready_path());  // exists sets the watch whether or not `ready` is there
      if (r.err == Err::kOk) ready_seen_ = true;
      return;
    case Op::kCreate:
      if (r.err == Err::kNoNode) {
        mkdirs_ = ancestors(my_node_);
        submit(env, client, Op::kMkdir, mkdirs_.front(),
               zk::CreateOp{mkdirs_.front(), std::nullopt, zk::open_acl_unsafe(), zk::CreateMode::kContainer, -1, false});
      } else if (loss) {
        create_mine(env, client);  // a unique name: NodeExists on the retry means it is ours
      } else if (ready_seen_) {
        entered(env, "ready already there");
      } else {
        list(env, client);
      }
      return;
    case Op::kMkdir:
      if (!loss && !mkdirs_.empty() && mkdirs_.front() == p.path) mkdirs_.erase(mkdirs_.begin());
      if (mkdirs_.empty()) create_mine(env, client);
      else
        submit(env, client, Op::kMkdir, mkdirs_.front(),
               zk::CreateOp{mkdirs_.front(), std::nullopt, zk::open_acl_unsafe(), zk::CreateMode::kContainer, -1, false});
      return;
    case Op::kList: {
      if (loss) {
        list(env, client);
        return;
      }
      std::vector<std::string> children;
      if (const auto* c = std::get_if<zk::ChildrenResult>(&r.body); c && r.err == Err::kOk) children = c->children;
      on_members(env, client, std::move(children));
      return;
    }
    case Op::kCreateReady:
      if (loss) submit(env, client, Op::kCreateReady, ready_path(), zk::CreateOp{ready_path(), std::nullopt, zk::open_acl_unsafe(), zk::CreateMode::kPersistent, -1, false});
      else entered(env, std::to_string(opts_.members) + " members: created ready");  // NodeExists: someone else did
      return;
    case Op::kWatchMember:
      if (loss) {
        list(env, client);
        return;
      }
      armed_.insert(p.path);
      if (r.err == Err::kOk) {
        state_ = BarrierState::kWaitingToLeave;
        watching_ = p.path;
      } else {
        list(env, client);  // already gone: look again
      }
      return;
    case Op::kDelete:
      if (loss) submit(env, client, Op::kDelete, p.path, zk::DeleteOp{p.path, -1});
      return;
    case Op::kDeleteReady:
      if (loss) {
        submit(env, client, Op::kDeleteReady, ready_path(), zk::DeleteOp{ready_path(), -1});
        return;
      }
      state_ = BarrierState::kLeft;
      env.out.note("barrier " + opts_.path + " left");
      events_.push_back(BarrierEvent{BarrierEvent::Kind::kLeft, my_node_});
      return;
  }
}

void DoubleBarrier::on_members(Env& env, zk::ZkClient& client, std::vector<std::string> children) {
  if (state_ == BarrierState::kEntering) {
    if (ready_seen_) {
      entered(env, "ready appeared");
    } else if (static_cast<int32_t>(children.size()) >= opts_.members) {
      submit(env, client, Op::kCreateReady, ready_path(), zk::CreateOp{ready_path(), std::nullopt, zk::open_acl_unsafe(), zk::CreateMode::kPersistent, -1, false});
    } else {
      state_ = BarrierState::kWaitingToEnter;
      watching_ = ready_path();
    }
    members_ = children;
    std::sort(members_.begin(), members_.end());
    return;
  }
  if (state_ != BarrierState::kLeaving) return;
  // internalLeave: members without `ready`, sorted.
  children.erase(std::remove(children.begin(), children.end(), std::string("ready")), children.end());
  std::sort(children.begin(), children.end());
  members_ = children;
  const std::string mine = last_segment(my_node_);
  const auto at = std::find(children.begin(), children.end(), mine);
  if (children.empty() || (children.size() == 1 && at == children.end())) {
    left(env, client);
    return;
  }
  if (children.size() == 1) {
    submit(env, client, Op::kDelete, my_node_, zk::DeleteOp{my_node_, -1});
    left(env, client);
    return;
  }
  if (at == children.begin()) {
    // The lowest member waits for the highest to go.
    submit(env, client, Op::kWatchMember, child_path(opts_.path, children.back()), zk::ExistsOp{child_path(opts_.path, children.back()), true});
  } else {
    // Everyone else watches the lowest, and deletes its own node.
    submit(env, client, Op::kWatchMember, child_path(opts_.path, children.front()), zk::ExistsOp{child_path(opts_.path, children.front()), true});
    if (at != children.end()) submit(env, client, Op::kDelete, my_node_, zk::DeleteOp{my_node_, -1});
  }
}

std::vector<BarrierEvent> DoubleBarrier::take_events() {
  std::vector<BarrierEvent> out;
  out.swap(events_);
  return out;
}

}  // namespace zoolab::core::recipes
