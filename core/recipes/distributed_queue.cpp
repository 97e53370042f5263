// DistributedQueue (see header): SimpleDistributedQueue.offer / take (internalElement) as replies.
#include "core/recipes/distributed_queue.h"

#include <algorithm>

#include "core/base/overloaded.h"

namespace zoolab::core::recipes {

using zk::Err;

std::string_view queue_state_name(QueueState s) {
  switch (s) {
    case QueueState::kIdle: return "idle";
    case QueueState::kListing: return "listing";
    case QueueState::kClaiming: return "claiming";
    case QueueState::kWaitingForItems: return "waiting-for-items";
    case QueueState::kLost: return "lost";
  }
  return "?";
}

DistributedQueue::DistributedQueue(QueueOptions o) : opts_(std::move(o)) {}

void DistributedQueue::submit(Env& env, zk::ZkClient& client, Pending p, zk::RequestBody body) {
  ++requests_;
  pending_.add(client.submit(env, std::move(body)), std::move(p));
}

void DistributedQueue::make_dirs(Env& env, zk::ZkClient& client) {
  // EnsureContainers: the queue dir and its parents as containers. Requests on one session are
  // answered in order, so whatever is sent next finds them.
  std::vector<std::string> dirs = ancestors(opts_.path);
  dirs.push_back(opts_.path);
  for (const std::string& d : dirs)
    submit(env, client, Pending{Op::kMkdir, d, {}}, zk::CreateOp{d, std::nullopt, zk::open_acl_unsafe(), zk::CreateMode::kContainer, -1, false});
}

void DistributedQueue::send_offer(Env& env, zk::ZkClient& client, const std::string& data) {
  const std::string prefix = child_path(opts_.path, "qn-");
  submit(env, client, Pending{Op::kOffer, prefix, data},
         zk::CreateOp{prefix, data, zk::open_acl_unsafe(), zk::CreateMode::kPersistentSequential, -1, false});
}

void DistributedQueue::offer(Env& env, zk::ZkClient& client, const std::string& data) {
  if (state_ == QueueState::kLost) state_ = QueueState::kIdle;
  send_offer(env, client, data);
}

void DistributedQueue::take(Env& env, zk::ZkClient& client) {
  if (state_ == QueueState::kLost) state_ = QueueState::kIdle;
  ++takes_;
  if (state_ == QueueState::kIdle || state_ == QueueState::kWaitingForItems) list(env, client);
}

void DistributedQueue::list(Env& env, zk::ZkClient& client) {
  state_ = QueueState::kListing;
  child_watch_ = true;
  submit(env, client, Pending{Op::kList, opts_.path, {}}, zk::GetChildrenOp{opts_.path, true, false});
}

void DistributedQueue::claim_next(Env& env, zk::ZkClient& client) {
  if (next_ >= items_.size()) {
    state_ = QueueState::kWaitingForItems;  // the child watch of the listing wakes us
    claiming_.clear();
    return;
  }
  state_ = QueueState::kClaiming;
  claiming_ = child_path(opts_.path, items_[next_]);
  submit(env, client, Pending{Op::kGet, claiming_, {}}, zk::GetDataOp{claiming_, false});
}

bool DistributedQueue::on_output(Env& env, zk::ZkClient& client, const zk::ClientOutput& out) {
  return std::visit(Overloaded{
                        [&](const zk::ClientReply& r) {
                          auto p = pending_.take(r.xid);
                          if (!p) return false;
                          on_reply(env, client, *p, r.response);
                          return true;
                        },
                        [&](const zk::ClientWatchEvent& w) {
                          if (!child_watch_ || w.event.path != opts_.path) return false;
                          child_watch_ = false;
                          if (state_ == QueueState::kWaitingForItems && takes_ > 0) list(env, client);
                          return true;
                        },
                        [&](const zk::ClientSessionEvent& s) {
                          if (s.state == zk::KeeperState::kExpired || s.state == zk::KeeperState::kClosed) {
                            if (state_ != QueueState::kIdle || takes_ > 0) {
                              env.out.note("queue " + opts_.path + ": session expired");
                              events_.push_back(QueueEvent{QueueEvent::Kind::kLost, claiming_, {}});
                            }
                            state_ = QueueState::kLost;
                            takes_ = 0;
                            pending_.clear();
                            child_watch_ = false;
                          }
                          return true;
                        },
                    },
                    out);
}

void DistributedQueue::on_reply(Env& env, zk::ZkClient& client, const Pending& p, const zk::Response& r) {
  if (r.err == Err::kSessionExpired) return;
  const bool loss = r.err == Err::kConnectionLoss;
  switch (p.op) {
    case Op::kOffer:
      if (r.err == Err::kNoNode) {
        make_dirs(env, client);
        send_offer(env, client, p.data);
      } else if (loss) {
        send_offer(env, client, p.data);  // may duplicate the item: SimpleDistributedQueue does too
      } else if (const auto* c = std::get_if<zk::CreateResult>(&r.body); c && r.err == Err::kOk) {
        env.out.note("queue " + opts_.path + ": offered " + c->path);
        events_.push_back(QueueEvent{QueueEvent::Kind::kOffered, c->path, p.data});
      }
      return;
    case Op::kMkdir:
      return;  // NodeExists is fine
    case Op::kList:
      if (loss) {
        list(env, client);
        return;
      }
      if (r.err == Err::kNoNode) {
        make_dirs(env, client);
        list(env, client);
        return;
      }
      items_.clear();
      if (const auto* c = std::get_if<zk::ChildrenResult>(&r.body))
        for (const std::string& name : c->children)
          if (name.rfind("qn-", 0) == 0) items_.push_back(name);
      std::sort(items_.begin(), items_.end());
      next_ = 0;
      if (takes_ > 0) claim_next(env, client);
      else state_ = QueueState::kIdle;
      return;
    case Op::kGet:
      if (loss) {
        claim_next(env, client);
      } else if (const auto* d = std::get_if<zk::DataResult>(&r.body); d && r.err == Err::kOk) {
        claim_data_ = d->data.value_or("");
        submit(env, client, Pending{Op::kDelete, p.path, claim_data_}, zk::DeleteOp{p.path, -1});
      } else {
        ++claims_lost_;  // another consumer took it first: try the next
        ++next_;
        claim_next(env, client);
      }
      return;
    case Op::kDelete:
      if (loss) {
        submit(env, client, Pending{Op::kDelete, p.path, p.data}, zk::DeleteOp{p.path, -1});
      } else if (r.err == Err::kOk) {
        env.out.note("queue " + opts_.path + ": took " + p.path);
        events_.push_back(QueueEvent{QueueEvent::Kind::kTaken, p.path, p.data});
        claiming_.clear();
        if (takes_ > 0) --takes_;
        if (takes_ > 0) list(env, client);
        else state_ = QueueState::kIdle;
      } else {
        ++claims_lost_;
        ++next_;
        claim_next(env, client);
      }
      return;
  }
}

std::vector<QueueEvent> DistributedQueue::take_events() {
  std::vector<QueueEvent> out;
  out.swap(events_);
  return out;
}

}  // namespace zoolab::core::recipes
