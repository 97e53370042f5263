// Quota bookkeeping: StatsTrack text, the quota'd-prefix lookup, zookeeper_stats upkeep, and the
// prep-time quota check (DataTree.updateQuotaStat/updateQuotaForPath, ZooKeeperServer.checkQuota).
#include "core/znode/quota.h"

#include "core/znode/acl.h"
#include "core/znode/data_tree.h"

namespace zoolab::core::zk {

StatsTrack::StatsTrack(std::string_view text) {
  std::string cur;
  auto flush = [&] {
    if (cur.empty()) return;
    const auto kv = java_split(cur, '=');
    cur.clear();
    if (kv.empty()) return;
    const std::string v = kv.size() < 2 || kv[1].empty() ? "-1" : kv[1];
    char* end = nullptr;
    const long long parsed = std::strtoll(v.c_str(), &end, 10);
    if (end && *end == '\0') stats_[kv[0]] = parsed;
  };
  for (char c : text) {
    if (c == ',' || c == ';') flush(); else cur += c;
  }
  flush();
}

std::string StatsTrack::to_string() const {
  std::string s = "count=" + std::to_string(count()) + ",bytes=" + std::to_string(bytes());
  bool first = true;
  for (const auto& [k, v] : stats_) {  // std::map: keys already sorted like Collections.sort
    if (k == "count" || k == "bytes") continue;
    if (first) s += "=";
    first = false;
    s += ";" + k + "=" + std::to_string(v);
  }
  return s;
}

std::string quota_limit_path(std::string_view prefix) {
  return std::string(kQuotaRoot) + std::string(prefix) + "/" + std::string(kLimitNode);
}
std::string quota_stat_path(std::string_view prefix) {
  return std::string(kQuotaRoot) + std::string(prefix) + "/" + std::string(kStatNode);
}

std::optional<std::string> DataTree::max_prefix_with_quota(std::string_view path) const {
  if (quota_prefixes_.empty()) return std::nullopt;
  // PathTrie.findMaxPrefix: the deepest registered ancestor-or-self, by whole components.
  std::string_view p = path;
  while (!p.empty() && p != "/") {
    if (quota_prefixes_.count(std::string(p))) {
      if (p == "/zookeeper") return std::nullopt;
      return std::string(p);
    }
    const size_t slash = p.rfind('/');
    p = p.substr(0, slash);
  }
  return std::nullopt;
}

void DataTree::update_quota_for_path(const std::string& prefix) {
  const NodeRef top = find(prefix);
  int64_t count = 0, bytes = 0;
  if (top != kNone) {
    std::vector<NodeRef> stack{top};
    while (!stack.empty()) {
      const NodeRef n = stack.back();
      stack.pop_back();
      ++count;
      bytes += data_length(n);
      for (NodeRef c : child_refs(n)) stack.push_back(c);
    }
  }
  StatsTrack st;
  st.set_bytes(bytes);
  st.set_count(count);
  const NodeRef sn = find(quota_stat_path(prefix));
  if (sn == kNone) return;
  // The stat node's bytes change without a new mzxid or version (the tree does it, not a client).
  Node& x = nodes_[sn];
  const int64_t before = data_length(sn);
  set_node_data(x, st.to_string());
  data_size_ += data_length(sn) - before;
}

void DataTree::update_quota_stat(const std::string& prefix, int64_t bytes_diff, int64_t count_diff) {
  const NodeRef sn = find(quota_stat_path(prefix));
  if (sn == kNone) return;
  const Data d = data(sn);
  StatsTrack st(d ? std::string_view(*d) : std::string_view());
  st.set_count(st.count() + count_diff);
  st.set_bytes(st.bytes() + bytes_diff);
  const int64_t before = data_length(sn);
  set_node_data(nodes_[sn], st.to_string());
  data_size_ += data_length(sn) - before;
}

Err check_quota(const DataTree& tree, std::string_view path, int64_t bytes_diff, int64_t count_diff, bool enforce,
                std::vector<std::string>& notes) {
  const auto prefix = tree.max_prefix_with_quota(path);
  if (!prefix) return Err::kOk;
  const auto ln = tree.find(quota_limit_path(*prefix));
  if (ln == DataTree::kNone) return Err::kOk;
  const Data ld = tree.data(ln);
  const StatsTrack limits(ld ? std::string_view(*ld) : std::string_view());
  const bool check_count = count_diff != 0 && (limits.count() > -1 || limits.count_hard_limit() > -1);
  const bool check_bytes = bytes_diff != 0 && (limits.bytes() > -1 || limits.byte_hard_limit() > -1);
  if (!check_count && !check_bytes) return Err::kOk;
  const auto sn = tree.find(quota_stat_path(*prefix));
  if (sn == DataTree::kNone) return Err::kOk;
  const Data sd = tree.data(sn);
  const StatsTrack current(sd ? std::string_view(*sd) : std::string_view());
  if (check_count) {
    const int64_t now = current.count() + count_diff;
    const bool hard = limits.count_hard_limit() > -1;
    const int64_t limit = hard ? limits.count_hard_limit() : limits.count();
    if (now > limit) {
      notes.push_back("Quota exceeded: " + *prefix + " [current count=" + std::to_string(now) + ", " +
                      (hard ? "hard" : "soft") + "CountLimit=" + std::to_string(limit) + "]");
      if (hard && enforce) return Err::kQuotaExceeded;
    }
  }
  if (check_bytes) {
    const int64_t now = current.bytes() + bytes_diff;
    const bool hard = limits.byte_hard_limit() > -1;
    const int64_t limit = hard ? limits.byte_hard_limit() : limits.bytes();
    if (now > limit) {
      notes.push_back("Quota exceeded: " + *prefix + " [current bytes=" + std::to_string(now) + ", " +
                      (hard ? "hard" : "soft") + "ByteLimit=" + std::to_string(limit) + "]");
      if (hard && enforce) return Err::kQuotaExceeded;
    }
  }
  return Err::kOk;
}

}  // namespace zoolab::core::zk
