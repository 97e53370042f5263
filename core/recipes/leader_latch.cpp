// LeaderLatch (see header): Curator's LeaderLatch.checkLeadership / getChildren loop as replies.
#include "core/recipes/leader_latch.h"

#include <algorithm>

#include "core/base/overloaded.h"

namespace zoolab::core::recipes {

using zk::Err;

std::string_view latch_state_name(LatchState s) {
  switch (s) {
    case LatchState::kIdle: return "idle";
    case LatchState::kCreating: return "creating";
    case LatchState::kListing: return "listing";
    case LatchState::kWaitingForPredecessor: return "waiting-for-predecessor";
    case LatchState::kLeader: return "leader";
    case LatchState::kSuspended: return "suspended";
    case LatchState::kResetting: return "resetting";
    case LatchState::kLost: return "lost";
    case LatchState::kClosed: return "closed";
  }
  return "?";
}

LeaderLatch::LeaderLatch(LatchOptions o) : opts_(std::move(o)) {}

void LeaderLatch::submit(Env& env, zk::ZkClient& client, Op op, const std::string& path, zk::RequestBody body) {
  ++requests_;
  pending_.add(client.submit(env, std::move(body)), Pending{op, path});
}

void LeaderLatch::start(Env& env, zk::ZkClient& client) {
  if (state_ != LatchState::kIdle && state_ != LatchState::kLost && state_ != LatchState::kClosed) return;
  pending_.clear();
  armed_.clear();
  my_node_.clear();
  watching_.clear();
  participants_.clear();
  prefix_ = "_c_" + random_uuid(env.rng) + "-latch-";
  create(env, client);
}

void LeaderLatch::create(Env& env, zk::ZkClient& client) {
  state_ = LatchState::kCreating;
  zk::CreateOp op;
  op.path = child_path(opts_.path, prefix_);
  op.data = opts_.id;
  op.acl = zk::open_acl_unsafe();
  op.mode = zk::CreateMode::kEphemeralSequential;
  submit(env, client, Op::kCreate, op.path, op);
}

void LeaderLatch::list(Env& env, zk::ZkClient& client) {
  if (state_ != LatchState::kLeader) state_ = LatchState::kListing;
  submit(env, client, Op::kList, opts_.path, zk::GetChildrenOp{opts_.path, false, false});
}

void LeaderLatch::set_leader(Env& env, bool leader, const std::string& why) {
  const bool was = state_ == LatchState::kLeader;
  if (leader) {
    state_ = LatchState::kLeader;
    watching_.clear();
  }
  if (leader == was) return;
  env.out.note("election " + opts_.path + ": " + (leader ? "is leader" : "not leader") + " (" + why + ")");
  events_.push_back(LatchEvent{leader ? LatchEvent::Kind::kIsLeader : LatchEvent::Kind::kNotLeader, my_node_, why});
}

void LeaderLatch::close(Env& env, zk::ZkClient& client) {
  if (state_ == LatchState::kIdle || state_ == LatchState::kClosed || state_ == LatchState::kLost) return;
  if (state_ == LatchState::kLeader) set_leader(env, false, "closed");
  state_ = LatchState::kClosed;
  watching_.clear();
  if (!my_node_.empty()) submit(env, client, Op::kDelete, my_node_, zk::DeleteOp{my_node_, -1});
}

bool LeaderLatch::on_output(Env& env, zk::ZkClient& client, const zk::ClientOutput& out) {
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
                          if (state_ == LatchState::kWaitingForPredecessor && w.event.path == watching_) {
                            ++wakeups_;
                            list(env, client);
                          }
                          return true;
                        },
                        [&](const zk::ClientSessionEvent& s) {
                          on_session(env, client, s.state);
                          return true;
                        },
                    },
                    out);
}

void LeaderLatch::on_reply(Env& env, zk::ZkClient& client, const Pending& p, const zk::Response& r) {
  if (r.err == Err::kSessionExpired) return;  // the session event already moved us to kLost
  const bool loss = r.err == Err::kConnectionLoss;
  if (state_ == LatchState::kClosed) {
    // Left while a request was out: make sure our node goes (Curator's guaranteed delete).
    if (p.op == Op::kCreate && r.err == Err::kOk)
      if (const auto* c = std::get_if<zk::CreateResult>(&r.body)) submit(env, client, Op::kDelete, c->path, zk::DeleteOp{c->path, -1});
    if (p.op == Op::kDelete && loss) submit(env, client, Op::kDelete, p.path, zk::DeleteOp{p.path, -1});
    return;
  }
  switch (p.op) {
    case Op::kCreate:
      if (r.err == Err::kOk) {
        const auto* c = std::get_if<zk::CreateResult>(&r.body);
        my_node_ = c ? c->path : p.path;
        list(env, client);
      } else if (r.err == Err::kNoNode) {
        mkdirs_ = ancestors(p.path);
        submit(env, client, Op::kMkdir, mkdirs_.front(), zk::CreateOp{mkdirs_.front(), std::nullopt, zk::open_acl_unsafe(), zk::CreateMode::kContainer, -1, false});
      } else if (loss) {
        submit(env, client, Op::kFindProtected, opts_.path, zk::GetChildrenOp{opts_.path, false, false});
      }
      return;
    case Op::kMkdir:
      if (!loss && !mkdirs_.empty() && mkdirs_.front() == p.path) mkdirs_.erase(mkdirs_.begin());
      if (mkdirs_.empty()) create(env, client);
      else submit(env, client, Op::kMkdir, mkdirs_.front(), zk::CreateOp{mkdirs_.front(), std::nullopt, zk::open_acl_unsafe(), zk::CreateMode::kContainer, -1, false});
      return;
    case Op::kFindProtected:
      if (loss) {
        submit(env, client, Op::kFindProtected, opts_.path, zk::GetChildrenOp{opts_.path, false, false});
        return;
      }
      if (const auto* c = std::get_if<zk::ChildrenResult>(&r.body); c && r.err == Err::kOk)
        for (const std::string& child : c->children)
          if (child.rfind(prefix_, 0) == 0) {
            my_node_ = child_path(opts_.path, child);
            list(env, client);
            return;
          }
      create(env, client);
      return;
    case Op::kList:
      if (loss) {
        list(env, client);
      } else if (const auto* c = std::get_if<zk::ChildrenResult>(&r.body); c && r.err == Err::kOk) {
        on_children(env, client, c->children);
      } else {
        create(env, client);
      }
      return;
    case Op::kWatch:
      if (r.err == Err::kOk) armed_.insert(p.path);
      else if (state_ == LatchState::kWaitingForPredecessor && p.path == watching_) list(env, client);  // gone already
      return;
    case Op::kDelete:
      if (loss) {
        submit(env, client, Op::kDelete, p.path, zk::DeleteOp{p.path, -1});
      } else if (state_ == LatchState::kResetting) {
        prefix_ = "_c_" + random_uuid(env.rng) + "-latch-";
        create(env, client);
      }
      return;
  }
}

void LeaderLatch::on_children(Env& env, zk::ZkClient& client, const std::vector<std::string>& children) {
  std::vector<std::pair<int64_t, std::string>> seq;
  for (const std::string& c : children)
    if (auto n = sequence_after(c, "latch-")) seq.emplace_back(*n, c);
  std::sort(seq.begin(), seq.end());
  participants_.clear();
  for (const auto& [n, c] : seq) participants_.push_back(child_path(opts_.path, c));
  const auto at = std::find(participants_.begin(), participants_.end(), my_node_);
  if (at == participants_.end()) {
    // Our node is gone (Curator: reset()): a new one, at the back of the line.
    set_leader(env, false, "own node gone");
    my_node_.clear();
    prefix_ = "_c_" + random_uuid(env.rng) + "-latch-";
    create(env, client);
    return;
  }
  if (at == participants_.begin()) {
    set_leader(env, true, "lowest sequence number");
    return;
  }
  set_leader(env, false, "a lower node exists");
  const std::string pred = *(at - 1);
  if (pred != watching_) env.out.note("election " + opts_.path + ": " + last_segment(my_node_) + " watches " + last_segment(pred));
  state_ = LatchState::kWaitingForPredecessor;
  watching_ = pred;
  submit(env, client, Op::kWatch, pred, zk::GetDataOp{pred, true});
}

void LeaderLatch::on_session(Env& env, zk::ZkClient& client, zk::KeeperState s) {
  switch (s) {
    case zk::KeeperState::kDisconnected:
      if (state_ == LatchState::kLeader) {
        set_leader(env, false, "connection suspended");
        state_ = LatchState::kSuspended;
      }
      return;
    case zk::KeeperState::kSyncConnected:
      if (state_ == LatchState::kSuspended) list(env, client);  // same session: is our node still first?
      return;
    case zk::KeeperState::kExpired:
    case zk::KeeperState::kClosed:
      if (state_ == LatchState::kIdle || state_ == LatchState::kClosed || state_ == LatchState::kLost) return;
      set_leader(env, false, "session expired");
      state_ = LatchState::kLost;
      pending_.clear();
      armed_.clear();
      watching_.clear();
      return;
    default: return;
  }
}

std::vector<LatchEvent> LeaderLatch::take_events() {
  std::vector<LatchEvent> out;
  out.swap(events_);
  return out;
}

}  // namespace zoolab::core::recipes
