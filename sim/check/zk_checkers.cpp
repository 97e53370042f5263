// The ephemerals, zxid-order and client-fifo checkers (watch-order is in zk_watch_order.cpp).
#include "sim/check/zk_checkers.h"

#include <map>
#include <set>

#include "core/server/zookeeper_server.h"
#include "core/znode/types.h"
#include "sim/check/trace_text.h"

namespace zoolab::sim::check {
namespace {

using core::zk::ZooKeeperServer;

const ZooKeeperServer* server_at(const World& w, NodeId id) {
  if (id >= w.node_count()) return nullptr;
  return dynamic_cast<const ZooKeeperServer*>(w.node(id).process.get());
}

// Servers named by the fresh records, in id order, each once.
std::set<NodeId> touched_nodes(std::span<const TraceRecord> fresh) {
  std::set<NodeId> out;
  for (const TraceRecord& r : fresh)
    if (r.node != core::kNoNode) out.insert(r.node);
  return out;
}

class EphemeralsChecker final : public Checker {
 public:
  std::unique_ptr<Checker> clone() const override { return std::make_unique<EphemeralsChecker>(*this); }
  std::string_view name() const override { return "ephemerals"; }

  void observe(const World& w, std::span<const TraceRecord> fresh, std::vector<Finding>& out) override {
    for (NodeId id : touched_nodes(fresh)) {
      const ZooKeeperServer* s = server_at(w, id);
      if (s == nullptr) continue;
      // O(sessions owning ephemerals) on this server, only when it did something.
      for (const auto& [owner, paths] : s->tree().ephemeral_table()) {
        if (paths.empty() || s->sessions().find(owner) != nullptr) continue;
        for (const auto& [path, seq] : paths) {
          if (!reported_.insert({id, path, owner}).second) continue;
          out.push_back({id, "ephemeral " + path + " on " + w.node(id).name + " is owned by session " +
                                 core::zk::hex(owner) +
                                 ", which is not in its session table (closed or never created)"});
        }
      }
    }
  }

 private:
  std::set<std::tuple<NodeId, std::string, int64_t>> reported_;
};

class ZxidOrderChecker final : public Checker {
 public:
  std::unique_ptr<Checker> clone() const override { return std::make_unique<ZxidOrderChecker>(*this); }
  std::string_view name() const override { return "zxid-order"; }

  void observe(const World& w, std::span<const TraceRecord> fresh, std::vector<Finding>& out) override {
    for (const TraceRecord& r : fresh) {
      if (r.node == core::kNoNode) continue;
      if (r.kind == RecordKind::kStart) {
        State& st = servers_[r.node];
        st.last_txn = -1;
        st.restarted = true;
        continue;
      }
      if (r.kind != RecordKind::kNote) continue;
      if (r.text.starts_with("TRUNC to ") || r.text.starts_with("SNAP loaded at ")) {
        // A learner told by its leader to truncate (or to load a snapshot) legitimately goes back.
        servers_[r.node].restarted = true;
        continue;
      }
      const auto txn = parse_txn_note(r.text);
      if (!txn) continue;
      State& st = servers_[r.node];
      if (st.last_txn >= 0 && txn->zxid <= st.last_txn)
        out.push_back({r.node, w.node(r.node).name + " assigned txn zxid " + core::zk::hex(txn->zxid) +
                                   " after " + core::zk::hex(st.last_txn) + " (zxids must strictly increase)"});
      st.last_txn = txn->zxid;
    }
    for (NodeId id : touched_nodes(fresh)) {
      const ZooKeeperServer* s = server_at(w, id);
      if (s == nullptr) continue;
      State& st = servers_[id];
      const int64_t now = s->last_processed_zxid();
      if (st.seen && now < st.last_processed && !st.restarted)
        out.push_back({id, w.node(id).name + "'s lastProcessedZxid went back from " +
                               core::zk::hex(st.last_processed) + " to " + core::zk::hex(now) +
                               " without a restart"});
      st.seen = true;
      st.restarted = false;
      st.last_processed = now;
    }
  }

 private:
  struct State {
    int64_t last_txn = -1;
    int64_t last_processed = 0;
    bool seen = false;
    bool restarted = false;
  };
  std::map<NodeId, State> servers_;
};

class ClientFifoChecker final : public Checker {
 public:
  std::unique_ptr<Checker> clone() const override { return std::make_unique<ClientFifoChecker>(*this); }
  std::string_view name() const override { return "client-fifo"; }

  void observe(const World& w, std::span<const TraceRecord> fresh, std::vector<Finding>& out) override {
    for (const TraceRecord& r : fresh) {
      if (r.node == core::kNoNode) continue;
      if (r.kind == RecordKind::kStart || r.kind == RecordKind::kCrash) {
        last_xid_.erase(r.node);
        continue;
      }
      if (r.kind != RecordKind::kDeliver) continue;
      const auto d = parse_delivery(r.text);
      if (!d) continue;
      if (d->body.starts_with("ConnectResponse(")) {
        last_xid_.erase(r.node);  // a new connection (the client may be a fresh ZooKeeper handle)
        continue;
      }
      const auto reply = parse_reply(d->body);
      if (!reply || reply->xid <= 0) continue;  // pings, auth, SetWatches use fixed negative xids
      auto [it, fresh_client] = last_xid_.try_emplace(r.node, reply->xid);
      if (!fresh_client) {
        if (reply->xid <= it->second)
          out.push_back({r.node, w.node(r.node).name + " received the reply to xid " + std::to_string(reply->xid) +
                                     " from " + std::string(d->from) + " after the reply to xid " +
                                     std::to_string(it->second) + " (replies must arrive in request order)"});
        it->second = std::max(it->second, reply->xid);
      }
    }
  }

 private:
  std::map<NodeId, int64_t> last_xid_;  // per client node, on its current connection
};

}  // namespace

std::unique_ptr<Checker> make_ephemerals_checker() { return std::make_unique<EphemeralsChecker>(); }
std::unique_ptr<Checker> make_zxid_order_checker() { return std::make_unique<ZxidOrderChecker>(); }
std::unique_ptr<Checker> make_client_fifo_checker() { return std::make_unique<ClientFifoChecker>(); }

void add_zookeeper_checkers(CheckerSet& set) {
  set.add(make_ephemerals_checker());
  set.add(make_watch_order_checker());
  set.add(make_zxid_order_checker());
  set.add(make_client_fifo_checker());
}

}  // namespace zoolab::sim::check
