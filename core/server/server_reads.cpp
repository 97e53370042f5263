// Non-txn requests answered from the applied tree (FinalRequestProcessor's read side):
// exists, getData, getChildren, getACL, sync, watches, ephemerals, counts, whoami, ping.
#include <algorithm>

#include "core/base/overloaded.h"
#include "core/server/zookeeper_server.h"
#include "core/znode/acl.h"

namespace zoolab::core::zk {

void ZooKeeperServer::answer_read(Env& env, ClientConn& c, const Request& req) {
  Response r;
  r.xid = req.xid;
  r.body = EmptyResult{};
  const std::vector<Id> ids = auth_ids(c);
  auto node_or = [&](const std::string& path, int32_t perm, Err& err) {
    const auto n = tree_.find(path);
    if (n == DataTree::kNone) err = Err::kNoNode;
    else if (perm != 0 && !acl_allows(tree_.acl(n), perm, ids)) err = Err::kNoAuth;
    return n;
  };
  std::visit(
      Overloaded{
          [&](const ExistsOp& op) {
            if (op.path.find('\0') != std::string::npos) {
              r.err = Err::kBadArguments;
              return;
            }
            // statNode registers the watch before looking: a missing node is watched too.
            if (op.watch) watches_.data.add(op.path, c.id, WatcherMode::kStandard);
            const auto n = tree_.find(op.path);
            if (n == DataTree::kNone) r.err = Err::kNoNode;
            else r.body = StatResult{tree_.stat(n)};
          },
          [&](const GetDataOp& op) {
            const auto n = node_or(op.path, perm::kRead, r.err);
            if (r.err != Err::kOk) return;
            if (op.watch) watches_.data.add(op.path, c.id, WatcherMode::kStandard);
            r.body = DataResult{tree_.data(n), tree_.stat(n)};
          },
          [&](const GetChildrenOp& op) {
            const auto n = node_or(op.path, perm::kRead, r.err);
            if (r.err != Err::kOk) return;
            if (op.watch) watches_.child.add(op.path, c.id, WatcherMode::kStandard);
            r.body = ChildrenResult{tree_.children(n), op.with_stat ? std::optional<Stat>(tree_.stat(n)) : std::nullopt};
          },
          [&](const GetAclOp& op) {
            const auto n = node_or(op.path, perm::kRead | perm::kAdmin, r.err);
            if (r.err != Err::kOk) return;
            Acl acl = tree_.acl(n);
            if (!acl_allows(acl, perm::kAdmin, ids)) {
              // Without ADMIN the digest hashes are masked (user:x).
              for (auto& e : acl)
                if (e.id.scheme == "digest") e.id.id = e.id.id.substr(0, e.id.id.find(':')) + ":x";
            }
            r.body = AclResult{std::move(acl), tree_.stat(n)};
          },
          [&](const SyncOp& op) { r.body = PathResult{op.path}; },
          [&](const AddWatchOp& op) { watches_.add_watch(op.path, c.id, op.mode); },
          [&](const RemoveWatchesOp& op) {
            if (!watches_.remove_watch(op.path, op.type, c.id)) r.err = Err::kNoWatcher;
          },
          [&](const SetWatchesOp& op) { set_watches(env, c, op); },
          [&](const GetEphemeralsOp& op) {
            PathsResult out;
            std::string prefix = op.prefix;
            const size_t a = prefix.find_first_not_of(' '), b = prefix.find_last_not_of(' ');
            const std::string trimmed = a == std::string::npos ? "" : prefix.substr(a, b - a + 1);
            for (auto& p : tree_.ephemerals(c.session))
              if (trimmed.empty() || trimmed == "/" || p.rfind(prefix, 0) == 0) out.paths.push_back(std::move(p));
            r.body = std::move(out);
          },
          [&](const GetAllChildrenNumberOp& op) {
            const auto n = node_or(op.path, perm::kRead, r.err);
            if (r.err == Err::kOk) r.body = CountResult{tree_.all_children_number(n)};
          },
          [&](const WhoAmIOp&) { r.body = WhoAmIResult{ids}; },
          [&](const PingOp&) {},
          [&](const auto&) { r.err = Err::kUnimplemented; },
      },
      req.body);
  reply(env, c, std::move(r));
}

void ZooKeeperServer::set_watches(Env& env, ClientConn& c, const SetWatchesOp& op) {
  // DataTree.setWatches: report what changed since relativeZxid, re-register the rest (§6.6).
  std::vector<WatchDelivery> fire;
  for (const auto& p : op.data) {
    const auto n = tree_.find(p);
    if (n == DataTree::kNone) fire.push_back({c.id, EventType::kNodeDeleted, p});
    else if (tree_.persisted(n).mzxid > op.relative_zxid) fire.push_back({c.id, EventType::kNodeDataChanged, p});
    else watches_.data.add(p, c.id, WatcherMode::kStandard);
  }
  for (const auto& p : op.exist) {
    if (tree_.find(p) != DataTree::kNone) fire.push_back({c.id, EventType::kNodeCreated, p});
    else watches_.data.add(p, c.id, WatcherMode::kStandard);
  }
  for (const auto& p : op.child) {
    const auto n = tree_.find(p);
    if (n == DataTree::kNone) fire.push_back({c.id, EventType::kNodeDeleted, p});
    else if (tree_.persisted(n).pzxid > op.relative_zxid) fire.push_back({c.id, EventType::kNodeChildrenChanged, p});
    else watches_.child.add(p, c.id, WatcherMode::kStandard);
  }
  for (const auto& p : op.persistent) {
    watches_.child.add(p, c.id, WatcherMode::kPersistent);
    watches_.data.add(p, c.id, WatcherMode::kPersistent);
  }
  for (const auto& p : op.persistent_recursive) watches_.data.add(p, c.id, WatcherMode::kPersistentRecursive);
  send_events(env, fire);
}

}  // namespace zoolab::core::zk

namespace zoolab::core::zk {

zab::PeerView ZooKeeperServer::peer_view() const {
  zab::PeerView v;
  v.distributed = config_.distributed();
  v.last_processed = last_zxid_;
  if (!v.distributed) {
    v.serving = true;
    v.mode = "standalone";
    v.phase = zab::ZabPhase::kBroadcast;
    v.last_logged = v.last_committed = last_zxid_;
    return v;
  }
  v.state = q_.state;
  v.phase = q_.phase;
  v.serving = serving_;
  if (serving_) {
    v.mode = q_.state == zab::PeerState::kLeading     ? "leader"
             : q_.state == zab::PeerState::kFollowing ? "follower"
                                                      : "observer";
  }
  v.leader = q_.state == zab::PeerState::kLooking ? -1 : q_.current_vote.id;
  v.current_epoch = q_.current_epoch;
  v.accepted_epoch = q_.accepted_epoch;
  v.last_logged = std::max(q_.last_logged, last_zxid_);
  v.last_committed = q_.committed_log.empty() ? last_zxid_ : q_.committed_log.back().zxid;
  if (q_.learner) v.sync_mode = q_.learner->sync;
  if (q_.leader) {
    for (const auto& [z, p] : q_.leader->outstanding) v.pending.push_back({z, describe_txn(p.txn), p.acks});
    for (const auto& [conn, h] : q_.leader->handlers) {
      zab::LearnerView lv;
      lv.sid = h.sid;
      lv.observer = h.observer;
      lv.phase = h.step == LearnerHandler::Step::kBroadcast ? zab::ZabPhase::kBroadcast
                 : h.step >= LearnerHandler::Step::kWaitNewLeaderAck ? zab::ZabPhase::kSynchronization
                                                                     : zab::ZabPhase::kDiscovery;
      lv.sync = h.sync;
      lv.last_acked = h.last_acked;
      lv.synced = q_.leader->tick <= h.tick_of_next_ack_deadline;
      v.learners.push_back(lv);
    }
    std::sort(v.learners.begin(), v.learners.end(), [](const auto& a, const auto& b) { return a.sid < b.sid; });
  }
  return v;
}

std::vector<zab::LogEntryView> ZooKeeperServer::log_tail(size_t n) const {
  std::vector<zab::LogEntryView> out;
  const Zxid committed = last_zxid_;
  const size_t from = q_.log.size() > n ? q_.log.size() - n : 0;
  for (size_t i = from; i < q_.log.size(); ++i) {
    const Txn& t = q_.log[i].txn;
    out.push_back({t.zxid, describe_txn(t), t.zxid <= committed});
  }
  return out;
}

}  // namespace zoolab::core::zk
