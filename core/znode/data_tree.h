// The znode tree of one server (DataTree + DataNode, reference §5): compact arena storage,
// persisted stat, client stat via copyStat, ephemeral/container/TTL indexes, quota prefixes.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/znode/acl.h"
#include "core/znode/types.h"

namespace zoolab::core::zk {

// StatPersisted: what a node stores (cversion counts child creations only).
struct PersistedStat {
  Zxid czxid = 0, mzxid = 0;
  int64_t ctime_ms = 0, mtime_ms = 0;
  SessionId ephemeral_owner = 0;  // session, kContainerOwner, or kTtlOwnerMask | ttl
  Zxid pzxid = 0;
  int32_t version = 0, cversion = 0, aversion = 0;
  bool operator==(const PersistedStat&) const = default;
};

enum class NodeKind : uint8_t { kPersistent, kEphemeral, kContainer, kTtl };
NodeKind node_kind(SessionId ephemeral_owner);  // EphemeralType.get
int64_t ttl_of(SessionId ephemeral_owner);      // only for kTtl

// Special paths that can never be deleted (§5.10).
bool is_special_path(std::string_view path);
constexpr std::string_view kQuotaRoot = "/zookeeper/quota";
constexpr std::string_view kConfigPath = "/zookeeper/config";
constexpr std::string_view kLimitNode = "zookeeper_limits";
constexpr std::string_view kStatNode = "zookeeper_stats";

class DataTree {
 public:
  using NodeRef = uint32_t;
  static constexpr NodeRef kNone = UINT32_MAX;

  DataTree();  // "/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config"

  // ---- reads ----
  NodeRef find(std::string_view path) const;
  NodeRef root() const { return 0; }
  NodeRef parent_of(NodeRef n) const { return nodes_[n].parent; }
  std::string_view name(NodeRef n) const { return std::string_view(nodes_[n].bytes).substr(0, nodes_[n].name_len); }
  std::string path_of(NodeRef n) const;
  Data data(NodeRef n) const;
  int32_t data_length(NodeRef n) const {
    return static_cast<int32_t>(nodes_[n].bytes.size() - nodes_[n].name_len);
  }
  const PersistedStat& persisted(NodeRef n) const { return nodes_[n].stat; }
  Stat stat(NodeRef n) const;  // DataNode.copyStat
  const Acl& acl(NodeRef n) const { return acls_.get(nodes_[n].acl); }
  int32_t num_children(NodeRef n) const { return nodes_[n].num_children; }
  std::vector<std::string> children(NodeRef n) const;  // sorted
  std::vector<NodeRef> child_refs(NodeRef n) const;    // link order
  // Znodes in the tree, root included.
  size_t size() const { return live_; }
  // DataTree.getNodeCount(): the map holds root twice ("" and "/"), so size() + 1.
  size_t zk_node_count() const { return live_ + 1; }
  // getAllChildrenNumber: total - 2 for "/", else the number of descendants.
  int32_t all_children_number(NodeRef n) const;
  int64_t approximate_data_size() const;
  // A session's ephemeral paths in java.util.HashSet iteration order (what ZooKeeper returns).
  std::vector<std::string> ephemerals(SessionId s) const;
  const std::map<SessionId, std::map<std::string, uint64_t>>& ephemeral_table() const { return ephemerals_; }
  const std::set<std::string>& containers() const { return containers_; }
  const std::set<std::string>& ttls() const { return ttls_; }
  size_t ephemeral_count() const;
  const AclTable& acl_table() const { return acls_; }

  // ---- writes (DataTree.createNode/deleteNode/setData/setACL); errors as values ----
  // parent_cversion -1 = parent's persisted cversion + 1. Fills `out` with the new node's stat.
  Err create_node(std::string_view path, const Data& data, const Acl& acl, SessionId owner,
                  int32_t parent_cversion, Zxid zxid, int64_t time_ms, Stat* out = nullptr);
  Err delete_node(std::string_view path, Zxid zxid);
  Err set_data(std::string_view path, const Data& data, int32_t version, Zxid zxid, int64_t time_ms,
               Stat* out = nullptr);
  Err set_acl(std::string_view path, const Acl& acl, int32_t aversion, Stat* out = nullptr);

  // Snapshot loading: puts a node back exactly as saved (parents first).
  void restore(std::string_view path, const Data& data, const Acl& acl, const PersistedStat& stat);

  // ---- quotas (§5.11) ----
  // getMaxPrefixWithQuota: the deepest quota'd prefix of `path` (never "/zookeeper").
  std::optional<std::string> max_prefix_with_quota(std::string_view path) const;
  const std::set<std::string>& quota_prefixes() const { return quota_prefixes_; }
  // A closed session's (empty) ephemeral set goes away with it.
  void forget_session(SessionId s) { ephemerals_.erase(s); ephemeral_max_.erase(s); }

  // ---- memory accounting (bench) ----
  size_t structure_bytes() const;  // arena + index + ACL table, excluding name/data heap bytes

  // Throws std::logic_error when links, counts or indexes disagree.
  void check_invariants() const;

 private:
  struct Node {
    std::string bytes;  // name bytes followed by data bytes: one string per node
    PersistedStat stat;
    uint32_t name_len = 0;
    uint32_t acl = 0;
    NodeRef parent = kNone, first_child = kNone, next = kNone, prev = kNone;
    int32_t num_children = 0;
    uint8_t flags = 0;  // kNullData, kLive
  };
  static constexpr uint8_t kNullData = 1, kLive = 2;

  NodeRef find_child(NodeRef parent, std::string_view name) const;
  NodeRef alloc_node();
  void link_child(NodeRef parent, NodeRef child);
  void unlink_child(NodeRef child);
  void set_node_data(Node& n, const Data& d);
  void index_insert(NodeRef n);
  void index_erase(NodeRef n);
  void index_grow();
  uint64_t slot_hash(NodeRef parent, std::string_view name) const;
  void add_special(std::string_view path, const Acl& acl, int32_t aversion);
  void update_quota_for_path(const std::string& prefix);
  void update_quota_stat(const std::string& prefix, int64_t bytes_diff, int64_t count_diff);
  void on_created(const std::string& path, SessionId owner);
  void on_deleted(const std::string& path, SessionId owner);

  std::deque<Node> nodes_;
  std::vector<NodeRef> free_;
  std::vector<NodeRef> slots_;  // open addressing (parent, name) -> node; kNone = empty
  size_t live_ = 0;
  AclTable acls_;
  std::map<SessionId, std::map<std::string, uint64_t>> ephemerals_;  // path -> insertion seq
  std::map<SessionId, size_t> ephemeral_max_;  // largest size each HashSet ever had (its capacity)
  uint64_t ephemeral_seq_ = 0;
  std::set<std::string> containers_, ttls_;
  std::set<std::string> quota_prefixes_;
  int64_t data_size_ = 0;
};

// java.lang.String.hashCode of a UTF-8 string (computed over UTF-16 code units).
int32_t java_string_hash(std::string_view s);

}  // namespace zoolab::core::zk
