// Why-lines from trace notes: FLE vote comparisons and quorums, ZAB commit quorums, lock hand-overs.
#include "sim/scenario/explain.h"

#include <charconv>

#include "core/zab/zab_notes.h"

namespace zoolab::sim {
namespace {

bool starts(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::optional<int64_t> number(std::string_view s) {
  int base = 10;
  if (starts(s, "0x")) {
    s.remove_prefix(2);
    base = 16;
  }
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string hex(int64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  if (v == 0) return "0x0";
  std::string out;
  for (uint64_t u = static_cast<uint64_t>(v); u != 0; u >>= 4) out.insert(out.begin(), kDigits[u & 15]);
  return "0x" + out;
}

template <class T>
std::string cmp(T a, T b) { return a > b ? ">" : a < b ? "<" : "="; }

std::string vote_text(const ParsedVote& v) {
  return "(" + std::to_string(v.sid) + ", " + hex(v.zxid) + ", epoch " + std::to_string(v.peer_epoch) + ")";
}

// The vote comparison of totalOrderPredicate, spelled out: which field decided and how.
std::string comparison(const ParsedVote& theirs, const ParsedVote& mine, bool zh) {
  const std::string sep = zh ? "，" : ", ", decides = zh ? " 决定胜负" : " decides";
  std::string s = "peerEpoch " + std::to_string(theirs.peer_epoch) + " " + cmp(theirs.peer_epoch, mine.peer_epoch) +
                  " " + std::to_string(mine.peer_epoch);
  if (theirs.peer_epoch != mine.peer_epoch) return s + decides;
  s += sep + "zxid " + hex(theirs.zxid) + " " + cmp(theirs.zxid, mine.zxid) + " " + hex(mine.zxid);
  if (theirs.zxid != mine.zxid) return s + decides;
  return s + sep + "sid " + std::to_string(theirs.sid) + " " + cmp(theirs.sid, mine.sid) + " " +
         std::to_string(mine.sid) + decides;
}

// The vote text right after `prefix` in `text` ("adopt (2, 0x0, epoch 0) from 1: ...").
std::optional<ParsedVote> vote_after(std::string_view text, std::string_view prefix) {
  const size_t at = text.find(prefix);
  if (at == std::string_view::npos) return std::nullopt;
  return parse_vote_text(text.substr(at + prefix.size()));
}

}  // namespace

bool is_milestone_note(std::string_view t) {
  for (std::string_view p : {"state ", "decided ", "established leader", "synced with", "TRUNC ", "SNAP loaded",
                             "COMMIT ", "lock ", "lock:", "redlock:", "resource:", "session ", "Unable to reconnect",
                             "+sdown", "+odown", "+switch-master", "+selected-slave", "MASTER MODE", "acquired",
                             "released", "EMERGENCY", "evict", "self-preservation", "registered", "renew got 404"})
    if (starts(t, p)) return true;
  return false;
}

std::optional<ParsedVote> parse_vote_text(std::string_view text) {
  if (!starts(text, "(")) return std::nullopt;
  const size_t close = text.find(')');
  if (close == std::string_view::npos) return std::nullopt;
  const std::string_view body = text.substr(1, close - 1);
  const size_t c1 = body.find(", ");
  const size_t c2 = c1 == std::string_view::npos ? c1 : body.find(", epoch ", c1 + 2);
  if (c2 == std::string_view::npos) return std::nullopt;
  const auto sid = number(body.substr(0, c1));
  const auto zxid = number(body.substr(c1 + 2, c2 - c1 - 2));
  const auto epoch = number(body.substr(c2 + 8));
  if (!sid || !zxid || !epoch) return std::nullopt;
  return ParsedVote{*sid, *zxid, *epoch};
}

Explainer::Explainer(core::zab::QuorumConfig config, std::vector<std::string> node_names, bool chinese)
    : config_(std::move(config)), names_(std::move(node_names)), zh_(chinese) {}

std::string Explainer::why(const std::string& en, const std::string& zh) const {
  return zh_ ? "原因: " + zh : "why: " + en;
}

std::string Explainer::node_name(NodeId id) const { return id < names_.size() ? names_[id] : "?"; }

std::string Explainer::server_name(int64_t sid) const {
  const core::zab::PeerAddress* p = config_.find(sid);
  return p != nullptr ? p->host : "server " + std::to_string(sid);
}

std::vector<std::string> Explainer::explain(const TraceRecord& r) {
  if (r.kind == RecordKind::kDeliver) {
    // A watch event reaching a lock waiter: remembered for its hand-over line.
    const size_t at = r.text.find(": event ");
    if (at != std::string::npos && waits_for_.count(r.node) != 0) last_watch_[r.node] = r.text.substr(at + 2);
    return {};
  }
  if (r.kind != RecordKind::kNote) return {};
  const std::string_view text = r.text;
  if (starts(text, "COMMIT ")) return commit(r, text);
  if (starts(text, "lock ")) return lock(r, text);
  return election(r, text);
}

std::vector<std::string> Explainer::election(const TraceRecord& r, std::string_view text) {
  const std::string me = node_name(r.node);
  if (starts(text, "round ")) {
    // "round 2: vote V" (a new round of our own) or "round 3 (from 1): vote V" (joined a newer one).
    const auto v = vote_after(text, "vote ");
    if (!v) return {};
    proposal_[r.node] = *v;
    quorum_of_.erase(r.node);
    const size_t from = text.find("(from ");
    if (from == std::string_view::npos)
      return {why(me + " starts a round voting for itself " + vote_text(*v) +
                      ": its own id, last logged zxid and currentEpoch",
                  me + " 开始新一轮投票，投给自己 " + vote_text(*v) + "：自己的 id、最后记录的 zxid 和 currentEpoch")};
    const auto sid = number(text.substr(from + 6, text.find(')', from) - from - 6));
    const std::string peer = sid ? server_name(*sid) : std::string(zh_ ? "某个节点" : "a peer");
    return {why(peer + "'s notification belongs to a newer round, so " + me +
                    " joins that round and votes for the better of that vote and its own initial vote: " + vote_text(*v),
                peer + " 的通知属于更新的一轮，所以 " + me + " 加入那一轮，在该票与自己的初始票中选较好的投出：" +
                    vote_text(*v))};
  }
  if (starts(text, "adopt ")) {
    const auto theirs = vote_after(text, "adopt ");
    if (!theirs) return {};
    const size_t from = text.find(" from ");
    const auto sid = from == std::string_view::npos
                         ? std::nullopt
                         : number(text.substr(from + 6, text.find(':', from) - from - 6));
    std::vector<std::string> out;
    const auto mine = proposal_.find(r.node);
    if (mine != proposal_.end()) {
      const std::string peer = sid ? server_name(*sid) : std::string();
      out.push_back(why(me + " compares " + (sid ? peer + "'s" : std::string("the")) + " vote " + vote_text(*theirs) +
                            " with its own " + vote_text(mine->second) + ": " +
                            comparison(*theirs, mine->second, false) + " -> the new vote is better, so " + me +
                            " adopts it and notifies every voter",
                        me + " 把 " + (sid ? peer + " 的" : std::string()) + "选票 " + vote_text(*theirs) +
                            " 与自己的 " + vote_text(mine->second) + " 比较：" +
                            comparison(*theirs, mine->second, true) + " -> 新票更好，于是 " + me +
                            " 改投它并通知所有投票者"));
    }
    proposal_[r.node] = *theirs;
    return out;
  }
  if (starts(text, "quorum for ")) {
    const size_t open = text.rfind(" (votes of ");
    if (open != std::string_view::npos) {
      const size_t close = text.find(')', open);
      quorum_of_[r.node] = std::string(text.substr(open + 11, close - open - 11));
    }
    const size_t voters = config_.voter_count();
    const bool known = quorum_of_.count(r.node) != 0;
    return {why(me + " has received the same vote from a majority of the " + std::to_string(voters) + " voters" +
                    (known ? " (" + quorum_of_[r.node] + ")" : std::string()) +
                    "; it still waits finalizeWait (200 ms) in case a better vote arrives",
                me + " 已从 " + std::to_string(voters) + " 个投票者中的多数" +
                    (known ? "（" + quorum_of_[r.node] + "）" : std::string()) +
                    "收到同一张选票；它仍等待 finalizeWait（200 毫秒），以防更好的选票到来")};
  }
  if (starts(text, "better vote ")) {
    return {why("a better vote arrived during finalizeWait, so " + me + " does not decide yet",
                "finalizeWait 期间来了更好的选票，所以 " + me + " 暂不决定")};
  }
  if (starts(text, "decided ")) {
    const size_t colon = text.find(": ");
    const std::string_view reason = colon == std::string_view::npos ? "" : text.substr(colon + 2);
    const std::string role(text.substr(8, text.find(' ', 8) - 8));
    const bool self = role == "LEADING";
    if (starts(reason, "no better vote")) {
      const auto it = quorum_of_.find(r.node);
      const bool known = it != quorum_of_.end();
      return {why("a majority" + (known ? " (votes of " + it->second + ")" : std::string()) +
                      " agreed on this vote and finalizeWait (200 ms) passed with no better vote, so " + me + " is " +
                      role + (self ? " (the agreed vote names itself)" : ""),
                  "多数" + (known ? "（" + it->second + " 的票）" : std::string()) +
                      "同意了这张选票，且 finalizeWait（200 毫秒）内没有更好的选票，所以 " + me + " 成为 " +
                      role + (self ? "（这张票选的就是它自己）" : ""))};
    }
    if (starts(reason, "quorum of round")) {
      return {why("with the FOLLOWING/LEADING replies of this round a majority backs this leader, and the leader " +
                      std::string(self ? "is " + me + " itself" : "itself says LEADING") + ", so " + me + " is " + role +
                      " at once, without waiting out finalizeWait",
                  "加上本轮的 FOLLOWING/LEADING 回复，多数支持这个 leader，而且" +
                      std::string(self ? " leader 就是 " + me + " 自己" : " leader 自己也声明 LEADING") + "，所以 " + me +
                      " 立即成为 " + role + "，不必等完 finalizeWait")};
    }
    if (starts(reason, "established leader")) {
      return {why("a majority of the servers it heard from already FOLLOW or LEAD that leader, and the leader "
                  "itself says LEADING, so " + me + " joins the established leader instead of starting a new "
                  "election (checkLeader)",
                  "它收到回复的服务器中已有多数在跟随或领导那个 leader，且 leader 自己声明 LEADING，所以 " + me +
                      " 直接加入已确立的 leader，而不是发起新一轮选举（checkLeader）")};
    }
    return {};
  }
  return {};
}

std::vector<std::string> Explainer::commit(const TraceRecord& r, std::string_view text) {
  const auto note = core::zab::parse_zab_note(text);
  if (!note || note->kind != core::zab::ZabNote::Kind::kCommit) return {};
  std::string who;
  for (int64_t sid : note->acks) who += (who.empty() ? "" : ", ") + server_name(sid);
  const size_t voters = config_.voter_count();
  const std::string n = std::to_string(note->acks.size()), total = std::to_string(voters);
  return {why(node_name(r.node) + " commits " + hex(note->zxid) + ": ACKs from " + who + " = " + n + " of " + total +
                  " voters, a majority (each ACK is sent after the txn is fsynced to that server's log; the leader "
                  "counts its own)",
              node_name(r.node) + " 提交 " + hex(note->zxid) + "：收到 " + who + " 的 ACK = " + total + " 个投票者中的 " +
                  n + " 个，构成多数（每个 ACK 都在事务 fsync 到该服务器日志之后才发出；leader 也算自己一票）")};
}

std::vector<std::string> Explainer::lock(const TraceRecord& r, std::string_view text) {
  const size_t waits = text.find(" waits for ");
  if (waits != std::string_view::npos) {
    waits_for_[r.node] = std::string(text.substr(waits + 11));
    last_watch_.erase(r.node);
    const size_t colon = text.find(": ");
    const std::string mine(text.substr(colon + 2, waits - colon - 2));
    return {why(mine + " is not the lowest node, so " + node_name(r.node) + " watches only the node just before it (" +
                    waits_for_[r.node] + "), not the lock's children: no herd effect when it goes",
                mine + " 不是最小的节点，所以 " + node_name(r.node) + " 只监听排在它前面的那个节点（" + waits_for_[r.node] +
                    "），而不是锁的全部子节点：它被删除时不会引发羊群效应")};
  }
  if (text.find(" acquired: ") != std::string_view::npos) {
    const auto it = waits_for_.find(r.node);
    if (it == waits_for_.end()) return {};
    const auto ev = last_watch_.find(r.node);
    const std::string event = ev != last_watch_.end() ? " (" + ev->second + ")" : std::string();
    const std::string line = why("the watch " + node_name(r.node) + " set on " + it->second + " fired" + event +
                                     "; it listed the children again and its node is now the lowest",
                                 node_name(r.node) + " 在 " + it->second + " 上设置的 watch 触发了" + event +
                                     "；它重新列出子节点，现在自己的节点是最小的");
    waits_for_.erase(it);
    last_watch_.erase(r.node);
    return {line};
  }
  return {};
}

}  // namespace zoolab::sim
