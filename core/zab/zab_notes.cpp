// Formatting and parsing of the ZAB trace notes (see zab_notes.h for the vocabulary).
#include "core/zab/zab_notes.h"

#include <charconv>

#include "core/server/persistence.h"

namespace zoolab::core::zab {
namespace {

std::string hash_text(uint64_t h) {
  static const char* kDigits = "0123456789abcdef";
  std::string s = "#0000000000000000";
  for (int i = 16; i >= 1; --i, h >>= 4) s[static_cast<size_t>(i)] = kDigits[h & 15];
  return s;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool parse_hex(std::string_view w, int64_t& out) {
  if (w.size() < 3 || w[0] != '0' || w[1] != 'x') return false;
  uint64_t v = 0;
  const auto r = std::from_chars(w.data() + 2, w.data() + w.size(), v, 16);
  if (r.ec != std::errc() || r.ptr != w.data() + w.size()) return false;
  out = static_cast<int64_t>(v);
  return true;
}

bool parse_hash(std::string_view w, uint64_t& out) {
  if (w.size() != 17 || w[0] != '#') return false;
  const auto r = std::from_chars(w.data() + 1, w.data() + w.size(), out, 16);
  return r.ec == std::errc() && r.ptr == w.data() + w.size();
}

bool parse_dec(std::string_view w, int64_t& out) {
  const auto r = std::from_chars(w.data(), w.data() + w.size(), out);
  return r.ec == std::errc() && r.ptr == w.data() + w.size();
}

std::string join(const std::set<int64_t>& s) {
  std::string out;
  for (int64_t v : s) out += (out.empty() ? "" : ",") + std::to_string(v);
  return out;
}

}  // namespace

uint64_t txn_hash(const zk::Txn& t) {
  const std::string bytes = zk::encode_log_record(t);
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string note_propose(const zk::Txn& t) {
  return "PROPOSAL " + zk::hex(t.zxid) + " " + hash_text(txn_hash(t)) + " " + zk::describe_txn(t);
}
std::string note_commit(const zk::Txn& t, const std::set<int64_t>& acks) {
  return "COMMIT " + zk::hex(t.zxid) + " " + hash_text(txn_hash(t)) + " acks " + join(acks);
}
std::string note_deliver(const zk::Txn& t) { return "deliver " + zk::hex(t.zxid) + " " + hash_text(txn_hash(t)); }
std::string note_fast_forward(const zk::Txn& t) {
  return "fast-forward " + zk::hex(t.zxid) + " " + hash_text(txn_hash(t));
}
std::string note_recovered(Zxid z) { return "recovered " + zk::hex(z); }
std::string note_state(PeerState s) { return std::string("state ") + peer_state_name(s); }
std::string note_established(int64_t epoch, Zxid z) {
  return "established leader of epoch " + std::to_string(epoch) + " at " + zk::hex(z);
}
std::string note_synced(int64_t leader, int64_t epoch, SyncMode mode, Zxid z) {
  return "synced with leader " + std::to_string(leader) + " in epoch " + std::to_string(epoch) + " by " +
         sync_mode_name(mode) + " at " + zk::hex(z);
}
std::string note_trunc(Zxid z) { return "TRUNC to " + zk::hex(z); }
std::string note_snap(Zxid z) { return "SNAP loaded at " + zk::hex(z); }

std::optional<ZabNote> parse_zab_note(std::string_view text) {
  const auto w = words(text);
  if (w.size() < 2) return std::nullopt;
  ZabNote n;
  using K = ZabNote::Kind;
  auto zxid_hash = [&](K kind) -> std::optional<ZabNote> {
    if (w.size() < 3 || !parse_hex(w[1], n.zxid) || !parse_hash(w[2], n.hash)) return std::nullopt;
    n.kind = kind;
    return n;
  };
  if (w[0] == "PROPOSAL") return zxid_hash(K::kPropose);
  if (w[0] == "deliver") return zxid_hash(K::kDeliver);
  if (w[0] == "fast-forward") return zxid_hash(K::kFastForward);
  if (w[0] == "COMMIT") {
    auto r = zxid_hash(K::kCommit);
    if (!r || w.size() < 5 || w[3] != "acks") return std::nullopt;
    std::string_view list = w[4];
    size_t i = 0;
    while (i <= list.size()) {
      size_t j = list.find(',', i);
      if (j == std::string_view::npos) j = list.size();
      int64_t v = 0;
      if (!parse_dec(list.substr(i, j - i), v)) return std::nullopt;
      r->acks.push_back(v);
      i = j + 1;
    }
    return r;
  }
  if (w[0] == "recovered" && parse_hex(w[1], n.zxid)) {
    n.kind = K::kRecovered;
    return n;
  }
  if (w[0] == "state" && w.size() == 2) {
    for (PeerState s : {PeerState::kLooking, PeerState::kFollowing, PeerState::kLeading, PeerState::kObserving})
      if (w[1] == peer_state_name(s)) {
        n.kind = K::kState;
        n.state = s;
        return n;
      }
    return std::nullopt;
  }
  if (w[0] == "established" && w.size() == 7 && w[1] == "leader" && parse_dec(w[4], n.epoch) &&
      parse_hex(w[6], n.zxid)) {
    n.kind = K::kEstablished;
    return n;
  }
  if (w[0] == "synced" && w.size() == 11 && parse_dec(w[3], n.leader) && parse_dec(w[6], n.epoch) &&
      parse_hex(w[10], n.zxid)) {
    for (SyncMode m : {SyncMode::kNone, SyncMode::kDiff, SyncMode::kSnap, SyncMode::kTrunc})
      if (w[8] == sync_mode_name(m)) {
        n.kind = K::kSynced;
        n.mode = m;
        return n;
      }
    return std::nullopt;
  }
  if (w[0] == "TRUNC" && w.size() == 3 && parse_hex(w[2], n.zxid)) {
    n.kind = K::kTrunc;
    return n;
  }
  if (w[0] == "SNAP" && w.size() == 4 && parse_hex(w[3], n.zxid)) {
    n.kind = K::kSnap;
    return n;
  }
  return std::nullopt;
}

const char* zab_phase_name(ZabPhase p) {
  switch (p) {
    case ZabPhase::kElection: return "ELECTION";
    case ZabPhase::kDiscovery: return "DISCOVERY";
    case ZabPhase::kSynchronization: return "SYNCHRONIZATION";
    case ZabPhase::kBroadcast: return "BROADCAST";
  }
  return "?";
}

const char* sync_mode_name(SyncMode m) {
  switch (m) {
    case SyncMode::kNone: return "NONE";
    case SyncMode::kDiff: return "DIFF";
    case SyncMode::kSnap: return "SNAP";
    case SyncMode::kTrunc: return "TRUNC";
  }
  return "?";
}

}  // namespace zoolab::core::zab
