// watch-order (§6.4 D2): reconstructed from what each client received, per connection.
//
// For every client we keep its data-watch registrations as the server confirmed them (the reply
// zxid of getData/exists with watch, addWatch), and the watch events it received per path.
// Each server's txn notes give the zxids that changed a path (create/delete/setData). When a
// read reply for path P arrives with zxid Z (the server's lastProcessedZxid when it answered,
// so the read saw every txn <= Z), every registration R covering P with a change to P in
// (R.zxid, Z] must already have produced its event(s): one for a one-shot watch, one per change
// for a persistent one. Sound (never a false alarm on a correct server), not complete: multi
// txns and closeSession deletions are not attributed to paths.
#include <algorithm>
#include <map>
#include <vector>

#include "core/znode/types.h"
#include "sim/check/trace_text.h"
#include "sim/check/zk_checkers.h"

namespace zoolab::sim::check {
namespace {

enum class RegKind : uint8_t { kOneShot, kPersistent, kRecursive };

struct Registration {
  std::string path;
  RegKind kind = RegKind::kOneShot;
  int64_t zxid = 0;    // reply zxid that confirmed it (or the SetWatches reply after a reconnect)
  uint64_t seq = 0;    // events received before it
};

struct PendingRead {
  std::string op, path, flag;
};

struct ClientState {
  int64_t session = 0;
  std::map<int64_t, PendingRead> pending;  // xid -> request as the server received it
  std::vector<Registration> regs;
  std::map<std::string, std::vector<uint64_t>> events;  // path -> seq of data-type events received
  uint64_t seq = 0;
};

bool covers(const Registration& r, const std::string& path) {
  if (r.kind != RegKind::kRecursive) return r.path == path;
  if (r.path == "/" || r.path == path) return true;
  return path.size() > r.path.size() && path.compare(0, r.path.size(), r.path) == 0 && path[r.path.size()] == '/';
}

class WatchOrderChecker final : public Checker {
 public:
  std::unique_ptr<Checker> clone() const override { return std::make_unique<WatchOrderChecker>(*this); }
  std::string_view name() const override { return "watch-order"; }

  void observe(const World& w, std::span<const TraceRecord> fresh, std::vector<Finding>& out) override {
    for (const TraceRecord& r : fresh) {
      if (r.node == core::kNoNode) continue;
      switch (r.kind) {
        case RecordKind::kStart:
        case RecordKind::kCrash:
        case RecordKind::kPowerOff:
          clients_.erase(r.node);
          break;
        case RecordKind::kNote:
          if (auto t = parse_txn_note(r.text)) note_txn(r.node, *t);
          break;
        case RecordKind::kDeliver:
          if (auto d = parse_delivery(r.text)) deliver(w, r.node, *d, out);
          break;
        default: break;
      }
    }
  }

 private:
  void note_txn(NodeId server, const TxnText& t) {
    if (t.path.empty()) return;
    if (t.op != "create" && t.op != "delete" && t.op != "setData" && t.op != "deleteContainer") return;
    std::vector<int64_t>& zs = changes_[server][t.path];
    // A restarted server may reuse zxids of txns it lost before they were durable.
    while (!zs.empty() && zs.back() >= t.zxid) zs.pop_back();
    zs.push_back(t.zxid);
  }

  void deliver(const World& w, NodeId to, const Delivery& d, std::vector<Finding>& out) {
    const std::optional<NodeId> from = find(w, d.from);
    if (!from) return;
    if (auto req = parse_request(d.body)) {  // a server received a client's request
      if (req->op == "getData" || req->op == "exists" || req->op == "addWatch" || req->op == "removeWatches")
        clients_[*from].pending[req->xid] = PendingRead{req->op, req->path, req->flag};
      return;
    }
    if (auto ev = parse_event(d.body)) {
      if (ev->type != "NodeCreated" && ev->type != "NodeDeleted" && ev->type != "NodeDataChanged") return;
      ClientState& c = clients_[to];
      c.events[ev->path].push_back(++c.seq);
      // One-shot registrations on that path have fired.
      std::erase_if(c.regs, [&](const Registration& g) { return g.kind == RegKind::kOneShot && g.path == ev->path; });
      return;
    }
    if (auto cr = parse_connect_response(d.body)) {
      ClientState& c = clients_[to];
      c.pending.clear();
      if (cr->timeout_ms == 0 || cr->session != c.session) {
        c.regs.clear();  // expired or a new session: no watches survive
        c.events.clear();
      }
      c.session = cr->session;
      return;
    }
    auto reply = parse_reply(d.body);
    if (!reply) return;
    ClientState& c = clients_[to];
    if (reply->xid == -8) {  // SetWatches: persistent watches do not report what was missed (§6.6)
      for (Registration& g : c.regs)
        if (g.kind != RegKind::kOneShot) g.zxid = reply->zxid, g.seq = c.seq;
      return;
    }
    auto p = c.pending.find(reply->xid);
    if (p == c.pending.end()) return;
    const PendingRead req = std::move(p->second);
    c.pending.erase(p);
    if (req.op == "getData" || req.op == "exists") {
      check_read(w, to, *from, c, req.path, *reply, out);
      const bool ok = reply->err.empty() || (req.op == "exists" && reply->err == "NoNode");
      if (req.flag == "watch" && ok) c.regs.push_back({req.path, RegKind::kOneShot, reply->zxid, c.seq});
    } else if (req.op == "addWatch" && reply->err.empty()) {
      c.regs.push_back({req.path, req.flag == "PERSISTENT" ? RegKind::kPersistent : RegKind::kRecursive,
                        reply->zxid, c.seq});
    } else if (req.op == "removeWatches" && reply->err.empty()) {
      std::erase_if(c.regs, [&](const Registration& g) { return g.path == req.path; });
    }
  }

  void check_read(const World& w, NodeId client, NodeId server, const ClientState& c, const std::string& path,
                  const ReplyText& reply, std::vector<Finding>& out) {
    auto sv = changes_.find(server);
    if (sv == changes_.end()) return;
    auto ch = sv->second.find(path);
    if (ch == sv->second.end()) return;
    const std::vector<int64_t>& zs = ch->second;
    auto ev = c.events.find(path);
    for (const Registration& g : c.regs) {
      if (!covers(g, path)) continue;
      const auto lo = std::upper_bound(zs.begin(), zs.end(), g.zxid);
      const auto hi = std::upper_bound(zs.begin(), zs.end(), reply.zxid);
      if (lo >= hi) continue;
      const auto changes = static_cast<size_t>(hi - lo);
      const size_t needed = g.kind == RegKind::kOneShot ? 1 : changes;
      size_t have = 0;
      if (ev != c.events.end())
        have = static_cast<size_t>(ev->second.end() - std::upper_bound(ev->second.begin(), ev->second.end(), g.seq));
      if (have >= needed) continue;
      out.push_back({client, w.node(client).name + " read " + path + " at zxid " + core::zk::hex(reply.zxid) +
                                 " (reply xid=" + std::to_string(reply.xid) + ") before the watch event for the change at zxid " +
                                 core::zk::hex(*(lo + static_cast<std::ptrdiff_t>(have))) + " (watch set at " +
                                 core::zk::hex(g.zxid) + ")"});
      return;
    }
  }

  std::optional<NodeId> find(const World& w, std::string_view name) {
    auto it = names_.find(name);
    if (it != names_.end()) return it->second;
    auto id = w.find_node(name);
    if (id) names_.emplace(std::string(name), *id);
    return id;
  }

  std::map<NodeId, ClientState> clients_;
  std::map<NodeId, std::map<std::string, std::vector<int64_t>>> changes_;  // server -> path -> zxids
  std::map<std::string, NodeId, std::less<>> names_;
};

}  // namespace

std::unique_ptr<Checker> make_watch_order_checker() { return std::make_unique<WatchOrderChecker>(); }

}  // namespace zoolab::sim::check
