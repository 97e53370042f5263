// DataTree self-checks (links, counts, index, ephemeral table) and memory accounting.
#include <stdexcept>

#include "core/znode/data_tree.h"

namespace zoolab::core::zk {

void DataTree::check_invariants() const {
  auto fail = [](const std::string& what) { throw std::logic_error("DataTree: " + what); };
  size_t live = 0, ephem = 0;
  std::vector<NodeRef> stack{0};
  while (!stack.empty()) {
    const NodeRef n = stack.back();
    stack.pop_back();
    ++live;
    const Node& x = nodes_[n];
    if (!(x.flags & kLive)) fail("dead node linked at " + path_of(n));
    if (n != 0 && find_child(x.parent, name(n)) != n) fail("index misses " + path_of(n));
    if (acls_.uses(x.acl) == 0) fail("ACL entry without uses at " + path_of(n));
    int32_t count = 0;
    NodeRef prev = kNone;
    for (NodeRef c = x.first_child; c != kNone; c = nodes_[c].next) {
      if (nodes_[c].parent != n) fail("parent link of " + path_of(c));
      if (nodes_[c].prev != prev) fail("prev link of " + path_of(c));
      prev = c;
      ++count;
      stack.push_back(c);
    }
    if (count != x.num_children) fail("numChildren of " + path_of(n));
    const SessionId owner = x.stat.ephemeral_owner;
    if (node_kind(owner) == NodeKind::kEphemeral) {
      ++ephem;
      if (x.first_child != kNone) fail("ephemeral with children " + path_of(n));
      auto it = ephemerals_.find(owner);
      if (it == ephemerals_.end() || !it->second.count(path_of(n))) fail("ephemeral not indexed " + path_of(n));
    }
  }
  if (live != live_) fail("live count " + std::to_string(live) + " != " + std::to_string(live_));
  if (ephem != ephemeral_count()) fail("ephemeral table has stale paths");
  for (const auto& p : containers_)
    if (find(p) == kNone || node_kind(persisted(find(p)).ephemeral_owner) != NodeKind::kContainer) fail("container " + p);
  for (const auto& p : ttls_)
    if (find(p) == kNone || node_kind(persisted(find(p)).ephemeral_owner) != NodeKind::kTtl) fail("ttl " + p);
}

size_t DataTree::structure_bytes() const {
  // Arena nodes (whole deque blocks), free list, slot index and the ACL table; the name+data
  // string's heap block is the excluded name/data bytes.
  return nodes_.size() * sizeof(Node) + free_.capacity() * sizeof(NodeRef) + slots_.capacity() * sizeof(NodeRef) +
         acls_.memory_bytes();
}

}  // namespace zoolab::core::zk

namespace zoolab::core::zk {

void DataTree::restore(std::string_view path, const Data& data, const Acl& acl, const PersistedStat& stat) {
  NodeRef n = find(path);
  if (n == kNone) {
    const std::string parent(path.rfind('/') == 0 ? std::string_view("/") : path.substr(0, path.rfind('/')));
    const NodeRef p = find(parent);
    if (p == kNone) return;
    const PersistedStat keep = nodes_[p].stat;  // the parent's saved stat stays as saved
    if (create_node(path, data, acl, stat.ephemeral_owner, -1, stat.czxid, stat.ctime_ms) != Err::kOk) return;
    nodes_[p].stat = keep;
    n = find(path);
  } else {
    set_node_data(nodes_[n], data);
    acls_.release(nodes_[n].acl);
    nodes_[n].acl = acls_.intern(acl);
  }
  nodes_[n].stat = stat;
}

}  // namespace zoolab::core::zk
