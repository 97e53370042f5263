// The ZAB safety checkers: one-leader-per-epoch, zab-integrity, zab-agreement, primary-order
// (all from the notes of core/zab/zab_notes.h) and monotonic-reads (from client deliveries).
//
// The global committed history is what leaders noted COMMIT for, plus, when a leader is
// established, every txn it has applied (delivered or fast-forwarded): the new epoch adopts its
// history. A server's state is modelled as "a base it loaded (disk or snapshot, contents not
// seen), then the txns it applied in zxid order": per server we keep the last applied zxid, the
// base, the txns it applied before they were committed, and the lowest committed txn it lacks.
#include "sim/check/zab_checkers.h"

#include <map>
#include <optional>
#include <set>

#include "core/server/zookeeper_server.h"
#include "core/zab/zab_notes.h"
#include "core/znode/types.h"
#include "sim/check/trace_text.h"

namespace zoolab::sim::check {
namespace {

using core::zab::ZabNote;
using core::zk::hex;
using core::zk::Zxid;
using core::zk::zxid_epoch;
using Kind = ZabNote::Kind;

constexpr unsigned bit(Kind k) { return 1u << static_cast<unsigned>(k); }

// The note kind a text can be, from its first word alone (no allocation).
std::optional<Kind> note_kind(std::string_view t) {
  if (t.size() < 6) return std::nullopt;
  switch (t[0]) {
    case 'P': if (t.starts_with("PROPOSAL ")) return Kind::kPropose; break;
    case 'C': if (t.starts_with("COMMIT ")) return Kind::kCommit; break;
    case 'd': if (t.starts_with("deliver ")) return Kind::kDeliver; break;
    case 'f': if (t.starts_with("fast-forward ")) return Kind::kFastForward; break;
    case 'r': if (t.starts_with("recovered ")) return Kind::kRecovered; break;
    case 'e': if (t.starts_with("established leader ")) return Kind::kEstablished; break;
    case 'T': if (t.starts_with("TRUNC to ")) return Kind::kTrunc; break;
    case 'S': if (t.starts_with("SNAP loaded ")) return Kind::kSnap; break;
    case 's':
      if (t.starts_with("state ")) return Kind::kState;
      if (t.starts_with("synced ")) return Kind::kSynced;
      break;
    default: break;
  }
  return std::nullopt;
}

std::string hash_text(uint64_t h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s = "#0000000000000000";
  for (size_t i = 16; i >= 1; --i, h >>= 4) s[i] = kDigits[h & 15];
  return s;
}

std::string name_of(const World& w, NodeId id) {
  return id < w.node_count() ? w.node(id).name : "node " + std::to_string(id);
}

// Reads the ZAB notes of quorum peers; which nodes are peers is looked up once per node.
class NoteReader {
 public:
  std::optional<ZabNote> read(const World& w, const TraceRecord& r, unsigned kinds) {
    if (r.kind != RecordKind::kNote || r.node == core::kNoNode) return std::nullopt;
    const auto k = note_kind(r.text);
    if (!k || (kinds & bit(*k)) == 0 || !is_peer(w, r.node)) return std::nullopt;
    auto n = core::zab::parse_zab_note(r.text);
    if (!n || n->kind != *k) return std::nullopt;
    return n;
  }

 private:
  bool is_peer(const World& w, NodeId id) {
    if (id >= peer_.size()) peer_.resize(static_cast<size_t>(id) + 1, -1);
    if (peer_[id] < 0) {
      const auto* s = id < w.node_count()
                          ? dynamic_cast<const core::zk::ZooKeeperServer*>(w.node(id).prototype.get())
                          : nullptr;
      peer_[id] = s != nullptr && s->config().distributed() ? 1 : 0;
    }
    return peer_[id] == 1;
  }

  std::vector<int8_t> peer_;  // per node: -1 unknown, 0 no, 1 a distributed ZooKeeper server
};

// ---- one-leader-per-epoch ----------------------------------------------------------------------

class OneLeaderPerEpochChecker final : public Checker {
 public:
  std::unique_ptr<Checker> clone() const override { return std::make_unique<OneLeaderPerEpochChecker>(*this); }
  std::string_view name() const override { return "one-leader-per-epoch"; }

  void observe(const World& w, std::span<const TraceRecord> fresh, std::vector<Finding>& out) override {
    for (const TraceRecord& r : fresh) {
      const auto n = notes_.read(w, r, bit(Kind::kEstablished));
      if (!n) continue;
      const auto [it, first] = leaders_.try_emplace(n->epoch, r.node);
      if (!first && it->second != r.node)
        out.push_back({r.node, name_of(w, r.node) + " was established as leader of epoch " + std::to_string(n->epoch) +
                                   " at " + hex(n->zxid) + ", but " + name_of(w, it->second) +
                                   " already leads epoch " + std::to_string(n->epoch) +
                                   " (at most one leader per epoch)"});
    }
  }

 private:
  NoteReader notes_;
  std::map<int64_t, NodeId> leaders_;  // epoch -> the first server established for it
};

// ---- zab-integrity -----------------------------------------------------------------------------

class IntegrityChecker final : public Checker {
 public:
  std::unique_ptr<Checker> clone() const override { return std::make_unique<IntegrityChecker>(*this); }
  std::string_view name() const override { return "zab-integrity"; }

  void observe(const World& w, std::span<const TraceRecord> fresh, std::vector<Finding>& out) override {
    constexpr unsigned kKinds = bit(Kind::kPropose) | bit(Kind::kCommit) | bit(Kind::kDeliver) | bit(Kind::kFastForward);
    for (const TraceRecord& r : fresh) {
      const auto n = notes_.read(w, r, kKinds);
      if (!n) continue;
      if (n->kind == Kind::kPropose) {
        proposed_.insert({n->zxid, n->hash});
        continue;
      }
      if (proposed_.count({n->zxid, n->hash}) != 0) continue;
      const char* verb = n->kind == Kind::kCommit ? " committed " : n->kind == Kind::kDeliver ? " delivered " : " fast-forwarded ";
      std::string text = name_of(w, r.node) + verb + hex(n->zxid) + " " + hash_text(n->hash) + ", which no leader proposed";
      const auto other = proposed_.lower_bound({n->zxid, 0});
      if (other != proposed_.end() && other->first == n->zxid)
        text += " (the proposal of " + hex(n->zxid) + " is " + hash_text(other->second) + ")";
      out.push_back({r.node, std::move(text)});
    }
  }

 private:
  NoteReader notes_;
  std::set<std::pair<Zxid, uint64_t>> proposed_;
};

// ---- zab-agreement -----------------------------------------------------------------------------

class AgreementChecker final : public Checker {
 public:
  std::unique_ptr<Checker> clone() const override { return std::make_unique<AgreementChecker>(*this); }
  std::string_view name() const override { return "zab-agreement"; }

  void observe(const World& w, std::span<const TraceRecord> fresh, std::vector<Finding>& out) override {
    constexpr unsigned kKinds = bit(Kind::kCommit) | bit(Kind::kDeliver) | bit(Kind::kFastForward) |
                                bit(Kind::kRecovered) | bit(Kind::kEstablished) | bit(Kind::kTrunc) | bit(Kind::kSnap);
    for (const TraceRecord& r : fresh) {
      if (r.kind == RecordKind::kStart) {  // state unknown until it notes what it recovered
        if (auto it = peers_.find(r.node); it != peers_.end()) it->second.known = false;
        continue;
      }
      const auto n = notes_.read(w, r, kKinds);
      if (!n) continue;
      switch (n->kind) {
        case Kind::kCommit: commit(w, n->zxid, n->hash, r.node, true, out); break;
        case Kind::kDeliver: apply(w, r.node, *n, out); break;
        case Kind::kFastForward: apply(w, r.node, *n, out); break;
        case Kind::kEstablished: established(w, r.node, n->epoch, out); break;
        case Kind::kRecovered: reset(r.node, n->zxid, /*keep_hole=*/true); break;
        case Kind::kTrunc:
          // Not a loss by itself: in the same epoch the leader re-sends what it cut (§3.4-§3.5);
          // a txn that never comes back shows up as a skipped or different delivery, and a
          // leader without it as an establishment without a committed txn.
          reset(r.node, n->zxid, /*keep_hole=*/true);
          break;
        case Kind::kSnap:
          reset(r.node, n->zxid, /*keep_hole=*/false);
          peers_[r.node].base = n->zxid;  // its whole state is the leader's now
          peers_[r.node].tentative.clear();
          break;
        default: break;
      }
    }
  }

 private:
  struct Peer {
    bool known = false;  // last/base describe its current state
    Zxid last = 0;       // zxid of its tree: last txn applied, or where it was reset to
    Zxid base = 0;       // its state up to here was loaded (disk, snapshot); contents not seen
    std::optional<Zxid> hole;              // lowest committed txn in (base, last] it never applied
    std::map<Zxid, uint64_t> tentative;    // txns it applied before they were committed
  };
  struct Pending {
    uint64_t hash = 0;
    NodeId by = core::kNoNode;
  };

  static bool has(const Peer& p, Zxid z, uint64_t h) {
    if (z <= p.base) return true;
    const auto t = p.tentative.find(z);
    return t != p.tentative.end() && t->second == h;
  }

  // A deliver or fast-forward note.
  void apply(const World& w, NodeId s, const ZabNote& n, std::vector<Finding>& out) {
    const bool deliver = n.kind == Kind::kDeliver;
    const std::string who = name_of(w, s) + (deliver ? " delivered " : " fast-forwarded ");
    Peer& p = peers_[s];
    const auto c = committed_.find(n.zxid);
    if (c != committed_.end() && c->second != n.hash)
      out.push_back({s, who + hex(n.zxid) + " " + hash_text(n.hash) + ", but the txn committed at " + hex(n.zxid) +
                            " is " + hash_text(c->second) + " (servers must agree on every committed txn)"});
    if (p.known && n.zxid <= p.last) {
      if (deliver)
        out.push_back({s, who + hex(n.zxid) + " after " + hex(p.last) + " (deliveries must follow zxid order)"});
      return;
    }
    if (p.known) {
      const auto next = committed_.upper_bound(p.last);
      if (next != committed_.end() && next->first < n.zxid) {
        out.push_back({s, who + hex(n.zxid) + " without committed txn " + hex(next->first) + " (its last applied txn was " +
                              hex(p.last) + "; a server must not skip a committed txn)"});
        if (!p.hole || next->first < *p.hole) p.hole = next->first;
      }
    } else {
      p.known = true;
      p.base = n.zxid;
    }
    p.last = n.zxid;
    if (c != committed_.end()) return;
    p.tentative[n.zxid] = n.hash;  // committed later by its leader's COMMIT or establishment
    if (!deliver) return;
    const auto [pend, first] = pending_.try_emplace(n.zxid, Pending{n.hash, s});
    if (!first && pend->second.hash != n.hash)
      out.push_back({s, who + hex(n.zxid) + " " + hash_text(n.hash) + ", but " + name_of(w, pend->second.by) +
                            " delivered " + hex(n.zxid) + " " + hash_text(pend->second.hash) +
                            " (servers must agree on every delivered txn)"});
  }

  // zxid `z` with hash `h` becomes committed: by a COMMIT note or by the establishment of `by`.
  void commit(const World& w, Zxid z, uint64_t h, NodeId by, bool noted, std::vector<Finding>& out) {
    const auto [it, inserted] = committed_.try_emplace(z, h);
    if (!inserted) {
      if (it->second != h)
        out.push_back({by, name_of(w, by) + (noted ? " committed " : " adopted ") + hex(z) + " " + hash_text(h) +
                               ", but " + hex(z) + " was already committed as " + hash_text(it->second)});
      return;
    }
    std::optional<Pending> pend;
    if (auto p = pending_.find(z); p != pending_.end()) {
      pend = p->second;
      pending_.erase(p);
      if (pend->hash != h)
        out.push_back({pend->by, name_of(w, pend->by) + " delivered " + hex(z) + " " + hash_text(pend->hash) + ", but " +
                                     name_of(w, by) + (noted ? " committed " : " adopted ") + hex(z) + " as " +
                                     hash_text(h) + " (servers must agree on every committed txn)"});
    }
    // A COMMIT of an older epoch after a newer epoch was established without that txn.
    if (noted && zxid_epoch(z) < top_epoch_) {
      const auto l = peers_.find(top_leader_);
      if (l != peers_.end() && l->second.known && !has(l->second, z, h))
        out.push_back({by, name_of(w, by) + " committed " + hex(z) + " after " + name_of(w, top_leader_) +
                               " was established as leader of epoch " + std::to_string(top_epoch_) +
                               " without it, so a committed txn is lost"});
    }
    for (auto& [id, p] : peers_) {
      const auto t = p.tentative.find(z);
      if (t != p.tentative.end()) {
        if (t->second != h && !(pend && pend->by == id && pend->hash == t->second))
          out.push_back({id, name_of(w, id) + " applied " + hex(z) + " " + hash_text(t->second) + ", but " +
                                 name_of(w, by) + (noted ? " committed " : " adopted ") + hex(z) + " as " + hash_text(h) +
                                 " (servers must agree on every committed txn)"});
        p.tentative.erase(t);
        continue;
      }
      if (p.known && z > p.base && z <= p.last && (!p.hole || z < *p.hole)) p.hole = z;
    }
  }

  void established(const World& w, NodeId s, int64_t epoch, std::vector<Finding>& out) {
    Peer& p = peers_[s];
    if (p.known) {  // committed never lost: every txn committed in earlier epochs is in its history
      std::optional<Zxid> missing;
      if (p.hole && zxid_epoch(*p.hole) < epoch) missing = p.hole;
      const auto next = committed_.upper_bound(p.last);
      if (next != committed_.end() && zxid_epoch(next->first) < epoch && (!missing || next->first < *missing))
        missing = next->first;
      if (missing)
        out.push_back({s, name_of(w, s) + " was established as leader of epoch " + std::to_string(epoch) +
                              " without committed txn " + hex(*missing) + " (" +
                              (*missing < p.last ? "it skipped it; " : "") + "its history ends at " + hex(p.last) +
                              "), so the new epoch loses a committed txn"});
    }
    const std::map<Zxid, uint64_t> adopted = p.tentative;  // commit() edits every peer's tentative map
    for (const auto& [z, h] : adopted) commit(w, z, h, s, false, out);
    if (epoch > top_epoch_) {
      top_epoch_ = epoch;
      top_leader_ = s;
    }
  }

  void reset(NodeId s, Zxid z, bool keep_hole) {
    Peer& p = peers_[s];
    p.base = p.known ? std::min(p.base, z) : z;
    p.known = true;
    p.last = z;
    if (!keep_hole || (p.hole && *p.hole > z)) p.hole.reset();
    p.tentative.erase(p.tentative.upper_bound(z), p.tentative.end());
  }

  NoteReader notes_;
  std::map<Zxid, uint64_t> committed_;  // the global committed history
  std::map<Zxid, Pending> pending_;     // delivered somewhere, not (yet) committed
  std::map<NodeId, Peer> peers_;
  int64_t top_epoch_ = -1;              // the highest epoch a leader was established for
  NodeId top_leader_ = core::kNoNode;
};

// ---- primary-order -----------------------------------------------------------------------------

class PrimaryOrderChecker final : public Checker {
 public:
  std::unique_ptr<Checker> clone() const override { return std::make_unique<PrimaryOrderChecker>(*this); }
  std::string_view name() const override { return "primary-order"; }

  void observe(const World& w, std::span<const TraceRecord> fresh, std::vector<Finding>& out) override {
    constexpr unsigned kKinds = bit(Kind::kPropose) | bit(Kind::kCommit) | bit(Kind::kDeliver) | bit(Kind::kFastForward) |
                                bit(Kind::kRecovered) | bit(Kind::kEstablished) | bit(Kind::kTrunc) | bit(Kind::kSnap);
    for (const TraceRecord& r : fresh) {
      if (r.kind == RecordKind::kStart) {
        if (auto it = servers_.find(r.node); it != servers_.end()) it->second.known = false;
        continue;
      }
      const auto n = notes_.read(w, r, kKinds);
      if (!n) continue;
      switch (n->kind) {
        case Kind::kEstablished:
          if (EpochInfo& e = epochs_[n->epoch]; e.leader == core::kNoNode) e.leader = r.node;
          break;
        case Kind::kCommit:
          if (Zxid& c = committed_[zxid_epoch(n->zxid)]; n->zxid > c) c = n->zxid;
          break;
        case Kind::kPropose: propose(w, r.node, n->zxid, out); break;
        case Kind::kDeliver:
        case Kind::kFastForward: apply(w, r.node, *n, out); break;
        default: servers_[r.node] = Applied{true, n->zxid}; break;  // recovered, TRUNC, SNAP
      }
    }
  }

 private:
  struct EpochInfo {
    NodeId leader = core::kNoNode;  // established for this epoch
    Zxid last_proposed = 0;
  };
  struct Applied {
    bool known = false;
    Zxid last = 0;  // last txn applied (or the zxid it was reset to)
  };
  struct Delivered {
    Zxid zxid = 0;
    NodeId by = core::kNoNode;
  };

  void propose(const World& w, NodeId s, Zxid z, std::vector<Finding>& out) {
    const int64_t epoch = zxid_epoch(z);
    EpochInfo& e = epochs_[epoch];
    const std::string who = name_of(w, s) + " proposed " + hex(z);
    if (e.leader != s)
      out.push_back({s, who + " without being the established leader of epoch " + std::to_string(epoch) +
                            (e.leader == core::kNoNode ? std::string(" (no leader was established for it)")
                                                       : " (" + name_of(w, e.leader) + " is)")});
    if (e.last_proposed == 0) {
      const Zxid first = core::zk::make_zxid(epoch, 1);
      if (z != first)
        out.push_back({s, who + " as the first proposal of epoch " + std::to_string(epoch) + " (it must be " + hex(first) + ")"});
      // Primary integrity: before broadcasting, the leader has applied every committed txn of
      // earlier epochs that any server delivered.
      auto d = delivered_.lower_bound(epoch);
      const auto a = servers_.find(s);
      if (d != delivered_.begin() && a != servers_.end() && a->second.known) {
        --d;
        if (a->second.last < d->second.zxid)
          out.push_back({s, name_of(w, s) + " began broadcasting epoch " + std::to_string(epoch) + " with " + hex(z) +
                                " before applying " + hex(d->second.zxid) + ", which " + name_of(w, d->second.by) +
                                " had delivered (its last applied txn is " + hex(a->second.last) + ")"});
      }
    } else if (z != e.last_proposed + 1) {
      out.push_back({s, who + " after " + hex(e.last_proposed) + " in epoch " + std::to_string(epoch) +
                            " (a leader's proposals must have consecutive zxids)"});
    }
    if (z > e.last_proposed) e.last_proposed = z;
  }

  void apply(const World& w, NodeId s, const ZabNote& n, std::vector<Finding>& out) {
    Applied& a = servers_[s];
    if (n.kind == Kind::kDeliver) {
      if (a.known && zxid_epoch(n.zxid) < zxid_epoch(a.last))
        out.push_back({s, name_of(w, s) + " delivered " + hex(n.zxid) + " of epoch " + std::to_string(zxid_epoch(n.zxid)) +
                              " after " + hex(a.last) + " of epoch " + std::to_string(zxid_epoch(a.last)) +
                              " (txns of an older epoch come first)"});
      // Only txns a leader noted COMMIT for count: a learner may apply a new leader's history
      // during sync and lose it again if that leader is never established.
      const auto c = committed_.find(zxid_epoch(n.zxid));
      if (c != committed_.end() && n.zxid <= c->second) {
        Delivered& d = delivered_[zxid_epoch(n.zxid)];
        if (n.zxid > d.zxid) d = Delivered{n.zxid, s};
      }
    }
    if (!a.known || n.zxid > a.last) a = Applied{true, n.zxid};
  }

  NoteReader notes_;
  std::map<int64_t, EpochInfo> epochs_;
  std::map<int64_t, Zxid> committed_;        // epoch -> highest zxid a leader noted COMMIT for
  std::map<int64_t, Delivered> delivered_;  // epoch -> highest committed zxid any server delivered
  std::map<NodeId, Applied> servers_;
};

// ---- monotonic-reads ---------------------------------------------------------------------------

class MonotonicReadsChecker final : public Checker {
 public:
  std::unique_ptr<Checker> clone() const override { return std::make_unique<MonotonicReadsChecker>(*this); }
  std::string_view name() const override { return "monotonic-reads"; }

  void observe(const World& w, std::span<const TraceRecord> fresh, std::vector<Finding>& out) override {
    for (const TraceRecord& r : fresh) {
      if (r.node == core::kNoNode) continue;
      if (r.kind == RecordKind::kStart || r.kind == RecordKind::kCrash || r.kind == RecordKind::kPowerOff) {
        clients_.erase(r.node);
        continue;
      }
      if (r.kind != RecordKind::kDeliver) continue;
      const auto d = parse_delivery(r.text);
      if (!d) continue;
      if (d->body.starts_with("ConnectResponse(")) {
        const auto cr = parse_connect_response(d->body);
        Client& c = clients_[r.node];
        // An expired session (timeout 0) or a new session starts from nothing; a reconnect of the
        // same session keeps what it has seen.
        if (!cr || cr->timeout_ms == 0 || cr->session != c.session) {
          c = Client{};
          c.session = cr ? cr->session : 0;
        }
        continue;
      }
      if (!d->body.starts_with("reply xid=")) continue;
      const auto reply = parse_reply(d->body);
      // What the client counts as seen (ZkClient::on_response, ClientCnxn.readResponse): not ping
      // replies (xid -2, so a reconnect may land on a server behind a ping's zxid), auth replies
      // (xid -4, zxid 0) or notifications (xid -1); zxid -1 means none.
      if (!reply || reply->xid == -2 || reply->xid == -4 || reply->xid == -1 || reply->zxid < 0) continue;
      Client& c = clients_[r.node];
      if (c.seen && reply->zxid < c.zxid)
        out.push_back({r.node, name_of(w, r.node) + " (session " + hex(c.session) + ") received zxid " + hex(reply->zxid) +
                                   " from " + std::string(d->from) + " (reply xid=" + std::to_string(reply->xid) +
                                   ") after zxid " + hex(c.zxid) + " from " + c.from +
                                   " (a session's reads must not go back in time)"});
      if (!c.seen || reply->zxid > c.zxid) {
        c.seen = true;
        c.zxid = reply->zxid;
        c.from = std::string(d->from);
      }
    }
  }

 private:
  struct Client {
    int64_t session = 0;
    bool seen = false;
    Zxid zxid = 0;     // highest reply zxid of this session
    std::string from;  // the server that sent it
  };
  std::map<NodeId, Client> clients_;
};

}  // namespace

std::unique_ptr<Checker> make_one_leader_per_epoch_checker() { return std::make_unique<OneLeaderPerEpochChecker>(); }
std::unique_ptr<Checker> make_zab_integrity_checker() { return std::make_unique<IntegrityChecker>(); }
std::unique_ptr<Checker> make_zab_agreement_checker() { return std::make_unique<AgreementChecker>(); }
std::unique_ptr<Checker> make_primary_order_checker() { return std::make_unique<PrimaryOrderChecker>(); }
std::unique_ptr<Checker> make_monotonic_reads_checker() { return std::make_unique<MonotonicReadsChecker>(); }

void add_zab_checkers(CheckerSet& set) {
  set.add(make_one_leader_per_epoch_checker());
  set.add(make_zab_integrity_checker());
  set.add(make_zab_agreement_checker());
  set.add(make_primary_order_checker());
  set.add(make_monotonic_reads_checker());
}

}  // namespace zoolab::sim::check
