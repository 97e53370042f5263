// DataTree storage and mutations: arena nodes linked by index, an open-addressing (parent, name)
// index instead of a per-node map, interned ACLs (reference §5.1-§5.5, §5.10, §5.11).
#include "core/znode/data_tree.h"

#include <algorithm>
#include <stdexcept>

#include "core/znode/path.h"
#include "core/znode/quota.h"

namespace zoolab::core::zk {
namespace {
// FNV-1a over the name, seeded with the parent index: the (parent, name) slot hash.
uint64_t fnv1a_mix(std::string_view name, uint32_t parent) {
  uint64_t h = 0xcbf29ce484222325ULL ^ (static_cast<uint64_t>(parent) * 0x9e3779b97f4a7c15ULL);
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h ^ (h >> 29);
}
}  // namespace

NodeKind node_kind(SessionId owner) {
  if (owner == kContainerOwner) return NodeKind::kContainer;
  // EphemeralType: TTL when the top byte is 0xff (extended types), else an ordinary session.
  if ((static_cast<uint64_t>(owner) >> 56) == 0xff) return NodeKind::kTtl;
  return owner == 0 ? NodeKind::kPersistent : NodeKind::kEphemeral;
}
int64_t ttl_of(SessionId owner) { return owner & 0x00ffffffffffffffLL; }

bool is_special_path(std::string_view p) {
  return p == "/" || p == "/zookeeper" || p == kQuotaRoot || p == kConfigPath;
}

int32_t java_string_hash(std::string_view s) {
  uint32_t h = 0;
  auto add = [&](uint32_t unit) { h = h * 31u + unit; };
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp = c;
    size_t len = 1;
    if (c >= 0xf0 && i + 3 < s.size() + 0) { cp = c & 0x07; len = 4; }
    else if (c >= 0xe0) { cp = c & 0x0f; len = 3; }
    else if (c >= 0xc0) { cp = c & 0x1f; len = 2; }
    if (i + len > s.size()) len = 1, cp = c;
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      add(0xd800 + (cp >> 10));
      add(0xdc00 + (cp & 0x3ff));
    } else {
      add(cp);
    }
  }
  return static_cast<int32_t>(h);
}

DataTree::DataTree() {
  const NodeRef r = alloc_node();
  nodes_[r].flags = kLive;
  nodes_[r].acl = acls_.intern(open_acl_unsafe());
  live_ = 1;
  slots_.assign(16, kNone);
  index_insert(r);
  add_special("/zookeeper", open_acl_unsafe(), 0);
  add_special(kQuotaRoot, open_acl_unsafe(), 0);
  add_special(kConfigPath, read_acl_unsafe(), -1);
  data_size_ = 0;
  for (std::string_view p : {"/zookeeper", "/zookeeper/quota", "/zookeeper/config"})
    data_size_ += static_cast<int64_t>(p.size());
  data_size_ += 1;  // "/" (the "" alias adds nothing)
}

void DataTree::add_special(std::string_view path, const Acl& acl, int32_t aversion) {
  // System nodes carry all-zero stat; the config node is created with aclVersion -1 (§5.10).
  create_node(path, std::string(), acl, 0, -1, 0, 0);
  const NodeRef n = find(path);
  nodes_[n].stat = PersistedStat{};
  nodes_[n].stat.aversion = aversion;
  nodes_[nodes_[n].parent].stat.cversion = 0;
  nodes_[nodes_[n].parent].stat.pzxid = 0;
}

// ---- index ------------------------------------------------------------------------------------

uint64_t DataTree::slot_hash(NodeRef parent, std::string_view name) const {
  return fnv1a_mix(name, parent);
}

DataTree::NodeRef DataTree::find_child(NodeRef parent, std::string_view nm) const {
  const size_t mask = slots_.size() - 1;
  for (size_t i = slot_hash(parent, nm) & mask;; i = (i + 1) & mask) {
    const NodeRef s = slots_[i];
    if (s == kNone) return kNone;
    if (nodes_[s].parent == parent && name(s) == nm) return s;
  }
}

void DataTree::index_insert(NodeRef n) {
  if ((live_ + 1) * 4 > slots_.size() * 3) index_grow();
  const size_t mask = slots_.size() - 1;
  size_t i = slot_hash(nodes_[n].parent, name(n)) & mask;
  while (slots_[i] != kNone) i = (i + 1) & mask;
  slots_[i] = n;
}

void DataTree::index_grow() {
  std::vector<NodeRef> old = std::move(slots_);
  slots_.assign(old.size() * 2, kNone);
  const size_t mask = slots_.size() - 1;
  for (NodeRef n : old) {
    if (n == kNone) continue;
    size_t i = slot_hash(nodes_[n].parent, name(n)) & mask;
    while (slots_[i] != kNone) i = (i + 1) & mask;
    slots_[i] = n;
  }
}

void DataTree::index_erase(NodeRef n) {
  const size_t mask = slots_.size() - 1;
  size_t i = slot_hash(nodes_[n].parent, name(n)) & mask;
  while (slots_[i] != n) i = (i + 1) & mask;
  // Backward-shift deletion keeps every probe chain unbroken without tombstones.
  size_t hole = i;
  for (size_t j = (i + 1) & mask; slots_[j] != kNone; j = (j + 1) & mask) {
    const NodeRef m = slots_[j];
    const size_t home = slot_hash(nodes_[m].parent, name(m)) & mask;
    const bool movable = (hole <= j) ? (home <= hole || home > j) : (home <= hole && home > j);
    if (movable) {
      slots_[hole] = m;
      hole = j;
    }
  }
  slots_[hole] = kNone;
}

// ---- reads ------------------------------------------------------------------------------------

DataTree::NodeRef DataTree::find(std::string_view path) const {
  if (path.empty() || path[0] != '/') return kNone;
  NodeRef cur = 0;
  size_t pos = 1;
  if (path.size() == 1) return 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view comp = path.substr(pos, slash - pos);
    if (comp.empty()) return kNone;
    cur = find_child(cur, comp);
    if (cur == kNone) return kNone;
    pos = slash + 1;
  }
  return cur;
}

std::string DataTree::path_of(NodeRef n) const {
  if (n == 0) return "/";
  std::vector<std::string_view> parts;
  for (NodeRef c = n; c != 0; c = nodes_[c].parent) parts.push_back(name(c));
  std::string p;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    p += '/';
    p += *it;
  }
  return p;
}

Data DataTree::data(NodeRef n) const {
  if (nodes_[n].flags & kNullData) return std::nullopt;
  return nodes_[n].bytes.substr(nodes_[n].name_len);
}

Stat DataTree::stat(NodeRef n) const {
  const Node& x = nodes_[n];
  Stat s;
  s.czxid = x.stat.czxid;
  s.mzxid = x.stat.mzxid;
  s.ctime_ms = x.stat.ctime_ms;
  s.mtime_ms = x.stat.mtime_ms;
  s.version = x.stat.version;
  // 2 * creations - numChildren, in Java int arithmetic (wraps).
  s.cversion = static_cast<int32_t>(static_cast<uint32_t>(x.stat.cversion) * 2u - static_cast<uint32_t>(x.num_children));
  s.aversion = x.stat.aversion;
  s.ephemeral_owner = node_kind(x.stat.ephemeral_owner) == NodeKind::kEphemeral ? x.stat.ephemeral_owner : 0;
  s.data_length = data_length(n);
  s.num_children = x.num_children;
  s.pzxid = x.stat.pzxid;
  return s;
}

std::vector<DataTree::NodeRef> DataTree::child_refs(NodeRef n) const {
  std::vector<NodeRef> out;
  for (NodeRef c = nodes_[n].first_child; c != kNone; c = nodes_[c].next) out.push_back(c);
  return out;
}

std::vector<std::string> DataTree::children(NodeRef n) const {
  std::vector<std::string> out;
  for (NodeRef c = nodes_[n].first_child; c != kNone; c = nodes_[c].next) out.emplace_back(name(c));
  std::sort(out.begin(), out.end());
  return out;
}

int32_t DataTree::all_children_number(NodeRef n) const {
  if (n == 0) return static_cast<int32_t>(zk_node_count()) - 2;
  int32_t count = 0;
  std::vector<NodeRef> stack{n};
  while (!stack.empty()) {
    const NodeRef c = stack.back();
    stack.pop_back();
    for (NodeRef k = nodes_[c].first_child; k != kNone; k = nodes_[k].next) {
      ++count;
      stack.push_back(k);
    }
  }
  return count;
}

int64_t DataTree::approximate_data_size() const { return data_size_; }

size_t DataTree::ephemeral_count() const {
  size_t n = 0;
  for (const auto& [s, paths] : ephemerals_) n += paths.size();
  return n;
}

std::vector<std::string> DataTree::ephemerals(SessionId s) const {
  auto it = ephemerals_.find(s);
  if (it == ephemerals_.end()) return {};
  // The session's HashSet has the capacity its largest size forced; getEphemerals returns a
  // clone sized for the current count, filled in the original's iteration order.
  auto capacity_for = [](size_t max_size) {
    size_t cap = 16;
    while (max_size * 4 > cap * 3) cap *= 2;
    return cap;
  };
  auto bucket = [](const std::string& p, size_t cap) {
    const auto h = static_cast<uint32_t>(java_string_hash(p));
    return (h ^ (h >> 16)) & (cap - 1);
  };
  const size_t cap1 = capacity_for(ephemeral_max_.count(s) ? ephemeral_max_.at(s) : it->second.size());
  std::vector<std::pair<std::string, uint64_t>> v(it->second.begin(), it->second.end());
  std::stable_sort(v.begin(), v.end(), [&](const auto& a, const auto& b) {
    const auto ba = bucket(a.first, cap1), bb = bucket(b.first, cap1);
    return ba != bb ? ba < bb : a.second < b.second;
  });
  size_t cap2 = 1;
  const auto t = static_cast<size_t>(static_cast<float>(v.size()) / 0.75f + 1.0f);
  while (cap2 < t) cap2 *= 2;
  std::stable_sort(v.begin(), v.end(), [&](const auto& a, const auto& b) {
    return bucket(a.first, cap2) < bucket(b.first, cap2);
  });
  std::vector<std::string> out;
  for (auto& [p, seq] : v) out.push_back(std::move(p));
  return out;
}

// ---- writes -----------------------------------------------------------------------------------

DataTree::NodeRef DataTree::alloc_node() {
  if (!free_.empty()) {
    const NodeRef n = free_.back();
    free_.pop_back();
    nodes_[n] = Node{};
    return n;
  }
  nodes_.emplace_back();
  return static_cast<NodeRef>(nodes_.size() - 1);
}

void DataTree::link_child(NodeRef parent, NodeRef child) {
  Node& p = nodes_[parent];
  nodes_[child].parent = parent;
  nodes_[child].prev = kNone;
  nodes_[child].next = p.first_child;
  if (p.first_child != kNone) nodes_[p.first_child].prev = child;
  p.first_child = child;
  ++p.num_children;
}

void DataTree::unlink_child(NodeRef child) {
  Node& c = nodes_[child];
  Node& p = nodes_[c.parent];
  if (c.prev != kNone) nodes_[c.prev].next = c.next; else p.first_child = c.next;
  if (c.next != kNone) nodes_[c.next].prev = c.prev;
  --p.num_children;
}

void DataTree::set_node_data(Node& n, const Data& d) {
  n.bytes.resize(n.name_len);
  if (d) {
    n.bytes += *d;
    n.flags &= static_cast<uint8_t>(~kNullData);
  } else {
    n.flags |= kNullData;
  }
  n.bytes.shrink_to_fit();
}

Err DataTree::create_node(std::string_view path, const Data& data, const Acl& acl, SessionId owner,
                          int32_t parent_cversion, Zxid zxid, int64_t time_ms, Stat* out) {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos || path.size() == 1) return Err::kNodeExists;
  const std::string parent_path_s(slash == 0 ? std::string_view("/") : path.substr(0, slash));
  const std::string_view child_name = path.substr(slash + 1);
  const NodeRef parent = find(parent_path_s);
  if (parent == kNone) return Err::kNoNode;
  if (find_child(parent, child_name) != kNone) return Err::kNodeExists;
  Node& pn = nodes_[parent];
  if (parent_cversion == -1) parent_cversion = pn.stat.cversion + 1;
  // Replays may carry an older cversion (fuzzy snapshots); only move forward.
  if (parent_cversion > pn.stat.cversion) {
    pn.stat.cversion = parent_cversion;
    pn.stat.pzxid = zxid;
  }
  const NodeRef n = alloc_node();
  Node& x = nodes_[n];
  x.bytes.assign(child_name);
  x.name_len = static_cast<uint32_t>(child_name.size());
  set_node_data(x, data);
  x.flags |= kLive;
  x.acl = acls_.intern(acl);
  x.stat = PersistedStat{zxid, zxid, time_ms, time_ms, owner, zxid, 0, 0, 0};
  link_child(parent, n);
  ++live_;
  index_insert(n);
  const std::string p(path);
  const int64_t bytes = data ? static_cast<int64_t>(data->size()) : 0;
  data_size_ += static_cast<int64_t>(p.size()) + bytes;
  on_created(p, owner);
  // Quota bookkeeping exactly where DataTree.createNode does it.
  if (std::string_view(parent_path_s).substr(0, kQuotaRoot.size()) == kQuotaRoot) {
    const std::string prefix = parent_path_s.substr(kQuotaRoot.size());
    if (!prefix.empty() && child_name == kLimitNode) quota_prefixes_.insert(prefix);
    if (!prefix.empty() && child_name == kStatNode) update_quota_for_path(prefix);
  }
  if (auto prefix = max_prefix_with_quota(p)) update_quota_stat(*prefix, bytes, 1);
  if (out) *out = stat(n);
  return Err::kOk;
}

Err DataTree::delete_node(std::string_view path, Zxid zxid) {
  const NodeRef n = find(path);
  if (n == kNone || n == 0) return Err::kNoNode;
  const NodeRef parent = nodes_[n].parent;
  if (zxid > nodes_[parent].stat.pzxid) nodes_[parent].stat.pzxid = zxid;
  const std::string p(path);
  const Node& x = nodes_[n];
  const int64_t bytes = x.flags & kNullData ? 0 : data_length(n);
  const SessionId owner = x.stat.ephemeral_owner;
  data_size_ -= static_cast<int64_t>(p.size()) + bytes;
  index_erase(n);
  unlink_child(n);
  acls_.release(nodes_[n].acl);
  nodes_[n] = Node{};
  free_.push_back(n);
  --live_;
  on_deleted(p, owner);
  const std::string parent_s = parent_path(p);
  if (std::string_view(parent_s).substr(0, kQuotaRoot.size()) == kQuotaRoot && last_component(p) == kLimitNode) {
    const std::string prefix = parent_s.substr(kQuotaRoot.size());
    if (!prefix.empty()) quota_prefixes_.erase(prefix);
  }
  if (auto prefix = max_prefix_with_quota(p)) update_quota_stat(*prefix, -bytes, -1);
  return Err::kOk;
}

Err DataTree::set_data(std::string_view path, const Data& data, int32_t version, Zxid zxid, int64_t time_ms,
                       Stat* out) {
  const NodeRef n = find(path);
  if (n == kNone) return Err::kNoNode;
  Node& x = nodes_[n];
  const int64_t old_bytes = data_length(n);
  set_node_data(x, data);
  x.stat.mtime_ms = time_ms;
  x.stat.mzxid = zxid;
  x.stat.version = version;
  const int64_t new_bytes = data_length(n);
  data_size_ += new_bytes - old_bytes;
  if (out) *out = stat(n);
  if (auto prefix = max_prefix_with_quota(path)) update_quota_stat(*prefix, new_bytes - old_bytes, 0);
  return Err::kOk;
}

Err DataTree::set_acl(std::string_view path, const Acl& acl, int32_t aversion, Stat* out) {
  const NodeRef n = find(path);
  if (n == kNone) return Err::kNoNode;
  Node& x = nodes_[n];
  acls_.release(x.acl);
  x.acl = acls_.intern(acl);
  x.stat.aversion = aversion;
  if (out) *out = stat(n);
  return Err::kOk;
}

void DataTree::on_created(const std::string& path, SessionId owner) {
  switch (node_kind(owner)) {
    case NodeKind::kContainer: containers_.insert(path); break;
    case NodeKind::kTtl: ttls_.insert(path); break;
    case NodeKind::kEphemeral: {
      auto& set = ephemerals_[owner];
      set[path] = ++ephemeral_seq_;
      size_t& mx = ephemeral_max_[owner];
      mx = std::max(mx, set.size());
      break;
    }
    case NodeKind::kPersistent: break;
  }
}

void DataTree::on_deleted(const std::string& path, SessionId owner) {
  switch (node_kind(owner)) {
    case NodeKind::kContainer: containers_.erase(path); break;
    case NodeKind::kTtl: ttls_.erase(path); break;
    case NodeKind::kEphemeral: {
      auto it = ephemerals_.find(owner);
      if (it != ephemerals_.end()) it->second.erase(path);
      break;
    }
    case NodeKind::kPersistent: break;
  }
}

}  // namespace zoolab::core::zk
