// Quota records (StatsTrack, Quotas): the text of zookeeper_limits / zookeeper_stats (§5.11).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/znode/types.h"

namespace zoolab::core::zk {

// "count=4,bytes=5=;byteHardLimit=10;countHardLimit=10": count and bytes first, then the other
// keys sorted, after an extra "=" that keeps 3.4 parsers happy. Missing keys read as -1.
class StatsTrack {
 public:
  StatsTrack() = default;
  explicit StatsTrack(std::string_view text);
  int64_t count() const { return get("count"); }
  int64_t bytes() const { return get("bytes"); }
  int64_t count_hard_limit() const { return get("countHardLimit"); }
  int64_t byte_hard_limit() const { return get("byteHardLimit"); }
  void set_count(int64_t v) { stats_["count"] = v; }
  void set_bytes(int64_t v) { stats_["bytes"] = v; }
  std::string to_string() const;

 private:
  int64_t get(const std::string& k) const {
    auto it = stats_.find(k);
    return it == stats_.end() ? -1 : it->second;
  }
  std::map<std::string, int64_t> stats_;
};

std::string quota_limit_path(std::string_view prefix);  // /zookeeper/quota<prefix>/zookeeper_limits
std::string quota_stat_path(std::string_view prefix);   // /zookeeper/quota<prefix>/zookeeper_stats

}  // namespace zoolab::core::zk

namespace zoolab::core::zk {
class DataTree;
// ZooKeeperServer.checkQuota at prep time for a create (count +1) or setData. Soft limits only
// add a "Quota exceeded: ..." line to `notes`; a hard limit gives kQuotaExceeded when `enforce`.
Err check_quota(const DataTree& tree, std::string_view path, int64_t bytes_diff, int64_t count_diff, bool enforce,
                std::vector<std::string>& notes);
}  // namespace zoolab::core::zk
