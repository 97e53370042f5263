// ZkLock (see header). Each reply handler is one arrow of the acquire loop of LockInternals /
// kazoo's Lock._inner_acquire; the state names what the lock is waiting for.
#include "core/recipes/zk_lock.h"

#include <algorithm>

#include "core/base/overloaded.h"

namespace zoolab::core::recipes {

using zk::Err;

std::string_view lock_state_name(LockState s) {
  switch (s) {
    case LockState::kIdle: return "idle";
    case LockState::kCreating: return "creating";
    case LockState::kListing: return "listing";
    case LockState::kWaitingForPredecessor: return "waiting-for-predecessor";
    case LockState::kWaitingForNode: return "waiting-for-node";
    case LockState::kHeld: return "held";
    case LockState::kReleasing: return "releasing";
    case LockState::kSuspended: return "suspended";
    case LockState::kLost: return "lost";
  }
  return "?";
}

std::string_view lock_flavor_name(LockFlavor f) {
  switch (f) {
    case LockFlavor::kSequential: return "sequential";
    case LockFlavor::kSequentialKazoo: return "kazoo";
    case LockFlavor::kNaive: return "naive";
  }
  return "?";
}

std::string_view lock_event_name(LockEvent::Kind k) {
  switch (k) {
    case LockEvent::Kind::kAcquired: return "acquired";
    case LockEvent::Kind::kReleased: return "released";
    case LockEvent::Kind::kLost: return "lost";
    case LockEvent::Kind::kSuspended: return "suspended";
    case LockEvent::Kind::kReconnected: return "reconnected";
  }
  return "?";
}

std::string_view lock_role_name(LockRole r) {
  switch (r) {
    case LockRole::kExclusive: return "exclusive";
    case LockRole::kRead: return "read";
    case LockRole::kWrite: return "write";
  }
  return "?";
}

ZkLock::ZkLock(LockOptions o) : opts_(std::move(o)) {}

std::string_view ZkLock::marker() const {
  const bool kazoo = opts_.flavor == LockFlavor::kSequentialKazoo;
  switch (opts_.role) {
    case LockRole::kExclusive: return kazoo ? "__lock__" : "lock-";
    case LockRole::kRead: return kazoo ? "__rlock__" : "__READ__";
    case LockRole::kWrite: return kazoo ? "__lock__" : "__WRIT__";
  }
  return "lock-";
}

std::string ZkLock::fresh_prefix(Env& env) const {
  if (opts_.flavor == LockFlavor::kSequentialKazoo) return random_uuid_hex(env.rng) + std::string(marker());
  return "_c_" + random_uuid(env.rng) + "-" + std::string(marker());
}

std::string ZkLock::create_path() const {
  if (!sequential()) return naive_node();
  return child_path(opts_.path, prefix_);
}

void ZkLock::submit(Env& env, zk::ZkClient& client, Op op, const std::string& path, zk::RequestBody body) {
  ++requests_;
  pending_.add(client.submit(env, std::move(body)), Pending{op, path});
}

void ZkLock::acquire(Env& env, zk::ZkClient& client) {
  if (state_ != LockState::kIdle && state_ != LockState::kLost) return;  // not re-entrant (kazoo); Curator counts
  pending_.clear();
  armed_.clear();
  my_node_.clear();
  watching_.clear();
  contenders_.clear();
  token_ = 0;
  create_lost_ = release_wanted_ = false;
  // Curator picks a fresh UUID per create operation; kazoo keeps one prefix per Lock object.
  if (opts_.flavor == LockFlavor::kSequential || (opts_.flavor == LockFlavor::kSequentialKazoo && prefix_.empty()))
    prefix_ = fresh_prefix(env);
  create(env, client);
}

void ZkLock::create(Env& env, zk::ZkClient& client) {
  state_ = LockState::kCreating;
  zk::CreateOp op;
  op.path = create_path();
  op.data = opts_.owner;
  op.acl = zk::open_acl_unsafe();
  op.mode = sequential() ? zk::CreateMode::kEphemeralSequential : zk::CreateMode::kEphemeral;
  op.want_stat = true;  // create2: the Stat's czxid is the fencing token
  submit(env, client, Op::kCreate, op.path, op);
}

void ZkLock::make_parents(Env& env, zk::ZkClient& client) {
  if (mkdirs_.empty()) {
    create(env, client);
    return;
  }
  zk::CreateOp op;
  op.path = mkdirs_.front();
  op.acl = zk::open_acl_unsafe();
  // Curator: creatingParentContainersIfNeeded; kazoo ensure_path and the seed's ParentLock: persistent.
  op.mode = opts_.flavor == LockFlavor::kSequential ? zk::CreateMode::kContainer : zk::CreateMode::kPersistent;
  submit(env, client, Op::kMkdir, op.path, op);
}

void ZkLock::list(Env& env, zk::ZkClient& client) {
  state_ = LockState::kListing;
  submit(env, client, Op::kList, opts_.path, zk::GetChildrenOp{opts_.path, false, false});
}

void ZkLock::delete_mine(Env& env, zk::ZkClient& client) {
  state_ = LockState::kReleasing;
  // The seed's naive unlock is `delete(lockPath, -1)`: whoever's node it is now.
  submit(env, client, Op::kDelete, my_node_, zk::DeleteOp{my_node_, -1});
}

void ZkLock::acquired(Env& env, std::string how) {
  state_ = LockState::kHeld;
  watching_.clear();
  env.out.note("lock " + opts_.path + " acquired: " + my_node_ + " (" + how + ")");
  events_.push_back(LockEvent{LockEvent::Kind::kAcquired, token_, my_node_});
}

void ZkLock::lose(Env& env, std::string why) {
  const bool held = holds();
  state_ = LockState::kLost;
  pending_.clear();  // a new session gets new xids
  armed_.clear();
  watching_.clear();
  env.out.note("lock " + opts_.path + " lost: " + why);
  events_.push_back(LockEvent{LockEvent::Kind::kLost, held ? token_ : 0, why});
}

void ZkLock::release(Env& env, zk::ZkClient& client) {
  switch (state_) {
    case LockState::kHeld:
    case LockState::kSuspended:
    case LockState::kWaitingForPredecessor:
    case LockState::kListing:
      if (!my_node_.empty()) {
        delete_mine(env, client);
        return;
      }
      break;
    case LockState::kCreating:
      if (!my_node_.empty()) {
        delete_mine(env, client);
      } else if (sequential() || pending_.size() > 0) {
        release_wanted_ = true;  // delete our node once the create (or the search for it) answers
        state_ = LockState::kReleasing;
      }
      return;
    case LockState::kWaitingForNode:
      break;
    case LockState::kIdle:
    case LockState::kReleasing:
    case LockState::kLost:
      return;
  }
  state_ = LockState::kIdle;  // nothing of ours exists
  watching_.clear();
}

bool ZkLock::on_output(Env& env, zk::ZkClient& client, const zk::ClientOutput& out) {
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
                          on_watch(env, client, w.event);
                          return true;
                        },
                        [&](const zk::ClientSessionEvent& s) {
                          on_session(env, s.state);
                          return true;
                        },
                    },
                    out);
}

void ZkLock::on_reply(Env& env, zk::ZkClient& client, const Pending& p, const zk::Response& r) {
  if (r.err == Err::kSessionExpired || r.err == Err::kSessionMoved) {
    if (state_ != LockState::kIdle && state_ != LockState::kLost) lose(env, "session expired");
    return;
  }
  const bool loss = r.err == Err::kConnectionLoss || r.err == Err::kOperationTimeout;
  switch (p.op) {
    case Op::kCreate:
      if (loss) {
        if (sequential()) {
          // Curator's protected mode: the create may have happened; find it by its prefix first.
          create_lost_ = true;
          submit(env, client, Op::kFindProtected, opts_.path, zk::GetChildrenOp{opts_.path, false, false});
        } else {
          submit(env, client, Op::kExists, naive_node(), zk::ExistsOp{naive_node(), true});
        }
        return;
      }
      on_created(env, client, r);
      return;
    case Op::kMkdir:
      if (loss) {
        make_parents(env, client);
        return;
      }
      if (!mkdirs_.empty() && mkdirs_.front() == p.path) mkdirs_.erase(mkdirs_.begin());
      make_parents(env, client);  // NodeExists is fine: someone else made it
      return;
    case Op::kFindProtected:
      if (loss) {
        submit(env, client, Op::kFindProtected, opts_.path, zk::GetChildrenOp{opts_.path, false, false});
        return;
      }
      if (const auto* c = std::get_if<zk::ChildrenResult>(&r.body); c && r.err == Err::kOk) {
        const std::string name = last_segment(create_path());
        for (const std::string& child : c->children) {
          if (child.rfind(name, 0) == 0) {
            my_node_ = child_path(opts_.path, child);
            env.out.note("lock " + opts_.path + ": found " + child + " by its protected prefix after a lost create reply");
            submit(env, client, Op::kStatFound, my_node_, zk::ExistsOp{my_node_, false});
            return;
          }
        }
      }
      create(env, client);  // not there (or the dir is gone): the create never happened
      return;
    case Op::kStatFound:
      if (loss) {
        submit(env, client, Op::kStatFound, my_node_, zk::ExistsOp{my_node_, false});
        return;
      }
      if (const auto* s = std::get_if<zk::StatResult>(&r.body); s && r.err == Err::kOk) {
        token_ = s->stat.czxid;
        if (release_wanted_) delete_mine(env, client);
        else list(env, client);
      } else {
        my_node_.clear();
        create(env, client);
      }
      return;
    case Op::kList:
      if (loss) {
        list(env, client);
        return;
      }
      if (const auto* c = std::get_if<zk::ChildrenResult>(&r.body); c && r.err == Err::kOk) {
        on_children(env, client, c->children);
      } else {
        my_node_.clear();  // the dir is gone, and our node with it
        create(env, client);
      }
      return;
    case Op::kWatch:
      if (r.err == Err::kOk) {
        armed_.insert(p.path);
        return;
      }
      // NoNode: the predecessor went before we could watch it; re-check at once (Curator, kazoo).
      if (state_ == LockState::kWaitingForPredecessor && p.path == watching_) list(env, client);
      return;
    case Op::kExists:
      if (loss) {
        submit(env, client, Op::kExists, naive_node(), zk::ExistsOp{naive_node(), true});
        return;
      }
      armed_.insert(p.path);  // exists sets a watch whether or not the node is there
      if (const auto* s = std::get_if<zk::StatResult>(&r.body); s && r.err == Err::kOk) {
        if (s->stat.ephemeral_owner == client.session_id()) {
          // Our create went through but its reply was lost: the node is ours.
          my_node_ = naive_node();
          token_ = s->stat.czxid;
          if (release_wanted_) delete_mine(env, client);
          else acquired(env, "own node found after a lost create reply");
          return;
        }
        if (state_ == LockState::kCreating) state_ = LockState::kWaitingForNode;
        watching_ = naive_node();
        return;
      }
      if (state_ == LockState::kCreating || state_ == LockState::kWaitingForNode) create(env, client);  // gone already
      else if (state_ == LockState::kReleasing && release_wanted_) state_ = LockState::kIdle;
      return;
    case Op::kDelete:
      if (loss) {
        submit(env, client, Op::kDelete, p.path, zk::DeleteOp{p.path, -1});  // guaranteed delete
        return;
      }
      if (state_ == LockState::kReleasing) {
        const std::string node = my_node_;
        state_ = LockState::kIdle;
        my_node_.clear();
        watching_.clear();
        env.out.note("lock " + opts_.path + " released: " + node);
        events_.push_back(LockEvent{LockEvent::Kind::kReleased, token_, node});
      }
      return;
  }
}

void ZkLock::on_created(Env& env, zk::ZkClient& client, const zk::Response& r) {
  if (r.err == Err::kOk) {
    const auto* c = std::get_if<zk::CreateResult>(&r.body);
    my_node_ = c ? c->path : create_path();
    token_ = c && c->stat ? c->stat->czxid : 0;
    if (release_wanted_) delete_mine(env, client);
    else if (sequential()) list(env, client);
    else acquired(env, "created " + my_node_);
    return;
  }
  if (r.err == Err::kNoNode) {
    mkdirs_ = ancestors(create_path());
    make_parents(env, client);
    return;
  }
  if (r.err == Err::kNodeExists && !sequential()) {
    // The naive lock: someone holds it; watch the one node (every waiter does: the herd).
    if (release_wanted_) {
      state_ = LockState::kIdle;
      return;
    }
    submit(env, client, Op::kExists, naive_node(), zk::ExistsOp{naive_node(), true});
    return;
  }
  lose(env, "create " + create_path() + " failed: " + std::string(zk::err_name(r.err)));
}

namespace {

struct Contender {
  int64_t seq = 0;
  std::string name;
  bool writer = true;
  bool operator<(const Contender& o) const { return seq != o.seq ? seq < o.seq : name < o.name; }
};

// Lock names that count as contenders, and whether each one blocks readers.
std::vector<std::pair<std::string_view, bool>> contender_names(LockFlavor f, LockRole r) {
  const bool kazoo = f == LockFlavor::kSequentialKazoo;
  if (r == LockRole::kExclusive) return {{kazoo ? "__lock__" : "lock-", true}};
  if (kazoo) return {{"__lock__", true}, {"__rlock__", false}};
  return {{"__WRIT__", true}, {"__READ__", false}};
}

}  // namespace

void ZkLock::on_children(Env& env, zk::ZkClient& client, const std::vector<std::string>& children) {
  // Curator sorts by the part after the lock name ("lock-", "__READ__"/"__WRIT__"); kazoo takes the
  // contenders matching (?:__lock__|__rlock__)\d{10}$. Either way: sequence order.
  std::vector<Contender> all;
  for (const std::string& c : children)
    for (const auto& [name, writer] : contender_names(opts_.flavor, opts_.role))
      if (auto n = sequence_after(c, name)) {
        all.push_back(Contender{*n, c, writer});
        break;
      }
  std::sort(all.begin(), all.end());
  contenders_.clear();
  for (const Contender& c : all) contenders_.push_back(child_path(opts_.path, c.name));
  const auto at = std::find(contenders_.begin(), contenders_.end(), my_node_);
  if (at == contenders_.end()) {
    // Our node is gone (session trouble): start over (Curator: a fresh protected name).
    env.out.note("lock " + opts_.path + ": own node " + my_node_ + " not among the children; creating again");
    my_node_.clear();
    if (opts_.flavor == LockFlavor::kSequential) prefix_ = fresh_prefix(env);
    create(env, client);
    return;
  }
  const auto mine = static_cast<size_t>(at - contenders_.begin());
  std::optional<size_t> blocker;
  if (opts_.role != LockRole::kRead) {
    if (mine > 0) blocker = mine - 1;  // the immediate predecessor, reader or writer
  } else {
    // A reader waits only for writers before it: Curator watches the FIRST of them, kazoo the nearest.
    for (size_t i = 0; i < mine; ++i)
      if (all[i].writer && (!blocker || opts_.flavor == LockFlavor::kSequentialKazoo)) blocker = i;
  }
  if (!blocker) {
    acquired(env, mine == 0 ? "lowest sequence number" : "no writer before it");
    return;
  }
  const std::string pred = contenders_[*blocker];
  if (pred != watching_) env.out.note("lock " + opts_.path + ": " + last_segment(my_node_) + " waits for " + last_segment(pred));
  state_ = LockState::kWaitingForPredecessor;
  watching_ = pred;
  submit(env, client, Op::kWatch, pred, zk::GetDataOp{pred, true});
}

void ZkLock::on_watch(Env& env, zk::ZkClient& client, const zk::WatchEvent& ev) {
  if (state_ == LockState::kWaitingForPredecessor && ev.path == watching_) {
    ++wakeups_;
    list(env, client);
  } else if (state_ == LockState::kWaitingForNode && ev.path == naive_node()) {
    ++wakeups_;
    if (ev.type == zk::EventType::kNodeDeleted) create(env, client);
    else submit(env, client, Op::kExists, naive_node(), zk::ExistsOp{naive_node(), true});
  }
}

void ZkLock::on_session(Env& env, zk::KeeperState s) {
  switch (s) {
    case zk::KeeperState::kDisconnected:
      if (state_ == LockState::kHeld) {
        state_ = LockState::kSuspended;
        env.out.note("lock " + opts_.path + " suspended: connection lost while holding " + my_node_);
        events_.push_back(LockEvent{LockEvent::Kind::kSuspended, token_, my_node_});
      }
      return;
    case zk::KeeperState::kSyncConnected:
    case zk::KeeperState::kConnectedReadOnly:
      if (state_ == LockState::kSuspended) {
        state_ = LockState::kHeld;
        env.out.note("lock " + opts_.path + " reconnected: still holding " + my_node_);
        events_.push_back(LockEvent{LockEvent::Kind::kReconnected, token_, my_node_});
      }
      return;
    case zk::KeeperState::kExpired:
    case zk::KeeperState::kClosed:
    case zk::KeeperState::kAuthFailed:
      if (state_ != LockState::kIdle && state_ != LockState::kLost)
        lose(env, s == zk::KeeperState::kExpired ? "session expired: " + (my_node_.empty() ? std::string("no node") : my_node_ + " is gone") +
                                                       ", another client may hold the lock"
                                                 : "session closed");
      return;
    default: return;
  }
}

std::vector<LockEvent> ZkLock::take_events() {
  std::vector<LockEvent> out;
  out.swap(events_);
  return out;
}

}  // namespace zoolab::core::recipes
