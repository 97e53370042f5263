// Small helpers every ZooKeeper recipe shares: protected-name UUIDs from the process's own RNG,
// sequence suffixes, parent paths, and the table of requests a recipe is waiting for.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/process.h"
#include "core/client/zk_client.h"

namespace zoolab::core::recipes {

// A version-4 UUID in canonical form ("2f7b8c3e-…"), Curator's protected-mode id.
std::string random_uuid(Rng& rng);
// The same 128 random bits as 32 lowercase hex digits, kazoo's `uuid.uuid4().hex`.
std::string random_uuid_hex(Rng& rng);

// "/a/b/c" -> "/a/b"; "/a" -> "/".
std::string parent_of(const std::string& path);
// "/a/b/c" -> "c".
std::string last_segment(const std::string& path);
// "/a" + "x" -> "/a/x" (and "/" + "x" -> "/x").
std::string child_path(const std::string& dir, const std::string& name);
// The ancestors of `path` from the top down, excluding "/" and `path` itself: "/a/b/c" -> {"/a", "/a/b"}.
std::vector<std::string> ancestors(const std::string& path);

// The number after the LAST occurrence of `marker` when exactly 10 digits follow it ("…lock-0000000003" -> 3).
std::optional<int64_t> sequence_after(std::string_view name, std::string_view marker);

// Requests a recipe submitted and not yet answered: xid -> what it was for.
template <typename Purpose>
class PendingTable {
 public:
  void add(zk::Xid xid, Purpose p) { pending_[xid] = std::move(p); }
  // Removes and returns the purpose of an answered xid, if it was ours.
  std::optional<Purpose> take(zk::Xid xid) {
    auto it = pending_.find(xid);
    if (it == pending_.end()) return std::nullopt;
    Purpose p = std::move(it->second);
    pending_.erase(it);
    return p;
  }
  void clear() { pending_.clear(); }
  size_t size() const { return pending_.size(); }
  bool operator==(const PendingTable&) const = default;

 private:
  std::map<zk::Xid, Purpose> pending_;
};

}  // namespace zoolab::core::recipes
