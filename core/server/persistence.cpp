// Encoding of log records and snapshots with cereal, and recovery from a DiskImage.
#include "core/server/persistence.h"

#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/utility.hpp>
#include <cereal/types/variant.hpp>
#include <cereal/types/vector.hpp>
#include <sstream>

#include "core/znode/txn_apply.h"

namespace zoolab::core::zk {

template <class A> void serialize(A& a, Id& x) { a(x.scheme, x.id); }
template <class A> void serialize(A& a, AclEntry& x) { a(x.perms, x.id); }
template <class A> void serialize(A& a, PersistedStat& s) {
  a(s.czxid, s.mzxid, s.ctime_ms, s.mtime_ms, s.ephemeral_owner, s.pzxid, s.version, s.cversion, s.aversion);
}
template <class A> void serialize(A& a, CreateTxn& t) { a(t.path, t.data, t.acl, t.ephemeral_owner, t.parent_cversion); }
template <class A> void serialize(A& a, DeleteTxn& t) { a(t.path); }
template <class A> void serialize(A& a, SetDataTxn& t) { a(t.path, t.data, t.version); }
template <class A> void serialize(A& a, SetAclTxn& t) { a(t.path, t.acl, t.version); }
template <class A> void serialize(A& a, CheckVersionTxn& t) { a(t.path, t.version); }
template <class A> void serialize(A& a, ErrorTxn& t) { a(t.err); }
template <class A> void serialize(A& a, CreateSessionTxn& t) { a(t.timeout_ms); }
template <class A> void serialize(A& a, CloseSessionTxn& t) { a(t.paths); }
template <class A> void serialize(A& a, DeleteContainerTxn& t) { a(t.path); }
template <class A> void serialize(A& a, MultiTxn& t) { a(t.ops); }
template <class A> void serialize(A& a, Txn& t) { a(t.session, t.cxid, t.zxid, t.time_ms, t.body); }

namespace {

struct SnapNode {
  std::string path;
  Data data;
  Acl acl;
  PersistedStat stat;
  template <class A> void serialize(A& a) { a(path, data, acl, stat); }
};
struct SnapshotFile {
  Zxid last_zxid = 0;
  std::vector<SnapNode> nodes;  // parents before children
  std::map<SessionId, int32_t> sessions;
  template <class A> void serialize(A& a) { a(last_zxid, nodes, sessions); }
};
constexpr std::string_view kSnapTrailer = "ZOOLAB-SNAP-END";

std::string hex16(Zxid z) {
  static constexpr char d[] = "0123456789abcdef";
  std::string s(16, '0');
  auto u = static_cast<uint64_t>(z);
  for (int i = 15; i >= 0; --i, u >>= 4) s[static_cast<size_t>(i)] = d[u & 0xf];
  return s;
}

void put_u32(std::string& s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xff);
}
uint32_t get_u32(std::string_view s, size_t at) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(s[at + static_cast<size_t>(i)])) << (8 * i);
  return v;
}

}  // namespace

std::string log_file_name(const std::string& dir, Zxid z) { return dir + "/log." + hex16(z); }
std::string snapshot_file_name(const std::string& dir, Zxid z) { return dir + "/snapshot." + hex16(z); }

std::string encode_log_record(const Txn& t) {
  std::ostringstream os;
  {
    cereal::PortableBinaryOutputArchive ar(os);
    Txn copy = t;
    ar(copy);
  }
  const std::string payload = os.str();
  std::string out;
  put_u32(out, static_cast<uint32_t>(payload.size()));
  out += payload;
  return out;
}

std::string encode_snapshot(const DataTree& tree, const std::map<SessionId, int32_t>& sessions, Zxid last_zxid) {
  SnapshotFile f;
  f.last_zxid = last_zxid;
  f.sessions = sessions;
  std::vector<DataTree::NodeRef> stack{tree.root()};
  while (!stack.empty()) {
    const auto n = stack.back();
    stack.pop_back();
    f.nodes.push_back(SnapNode{tree.path_of(n), tree.data(n), tree.acl(n), tree.persisted(n)});
    auto kids = tree.child_refs(n);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
  }
  std::ostringstream os;
  {
    cereal::PortableBinaryOutputArchive ar(os);
    ar(f);
  }
  return os.str() + std::string(kSnapTrailer);
}

void apply_session_txn(std::map<SessionId, int32_t>& sessions, const Txn& t) {
  if (const auto* c = std::get_if<CreateSessionTxn>(&t.body)) sessions[t.session] = c->timeout_ms;
  if (std::holds_alternative<CloseSessionTxn>(t.body)) sessions.erase(t.session);
}

Recovered recover(const DiskImage& disk, const std::string& dir) {
  Recovered r;
  const std::string snap_prefix = dir + "/snapshot.", log_prefix = dir + "/log.";
  // Newest complete snapshot (names sort by zxid).
  for (auto it = disk.rbegin(); it != disk.rend(); ++it) {
    if (it->first.rfind(snap_prefix, 0) != 0) continue;
    const std::string& bytes = it->second;
    if (bytes.size() < kSnapTrailer.size() || bytes.compare(bytes.size() - kSnapTrailer.size(), kSnapTrailer.size(), kSnapTrailer) != 0)
      continue;
    SnapshotFile f;
    try {
      std::istringstream is(bytes.substr(0, bytes.size() - kSnapTrailer.size()));
      cereal::PortableBinaryInputArchive ar(is);
      ar(f);
    } catch (const std::exception&) {
      continue;
    }
    for (const auto& n : f.nodes) r.tree.restore(n.path, n.data, n.acl, n.stat);
    r.sessions = f.sessions;
    r.last_zxid = f.last_zxid;
    r.snapshot_zxid = f.last_zxid;
    r.snapshot_file = it->first;
    r.snapshot_bytes = bytes;
    break;
  }
  for (const auto& [name, bytes] : disk) {
    if (name.rfind(log_prefix, 0) != 0) continue;
    size_t at = 0;
    while (at + 4 <= bytes.size()) {
      const uint32_t len = get_u32(bytes, at);
      if (at + 4 + len > bytes.size()) break;  // torn tail
      Txn t;
      const size_t record_at = at;
      try {
        std::istringstream is(bytes.substr(at + 4, len));
        cereal::PortableBinaryInputArchive ar(is);
        ar(t);
      } catch (const std::exception&) {
        break;
      }
      at += 4 + len;
      if (t.zxid <= r.last_zxid) continue;
      std::vector<TreeEvent> ignored;
      apply_txn(r.tree, t, ignored);
      apply_session_txn(r.sessions, t);
      r.last_zxid = t.zxid;
      ++r.txns_replayed;
      r.replayed.push_back(ReplayedTxn{std::move(t), name, record_at});
    }
  }
  return r;
}

}  // namespace zoolab::core::zk
