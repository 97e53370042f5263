// The protected resource's wire protocol: the seeds' shared "variable A" that lock holders
// read-modify-write over the network, optionally presenting a fencing token.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace zoolab::core::locks {

// kAbandon: the client read but will not write (it learned it lost the lock).
enum class ResourceOp : uint8_t { kRead, kWrite, kAbandon };
struct ResourceRequest {
  uint64_t id = 0;
  ResourceOp op = ResourceOp::kRead;
  int64_t value = 0;                  // kWrite: the new value
  std::optional<int64_t> token;       // fencing token (Redis INCR counter, lock node czxid/sequence)
  bool operator==(const ResourceRequest&) const = default;
};
struct ResourceReply {
  uint64_t id = 0;
  bool ok = true;          // false: rejected (stale fencing token)
  int64_t value = 0;       // kRead: the current value; kWrite: the value now stored
  std::string error;       // why it was rejected
  bool operator==(const ResourceReply&) const = default;
};

std::string describe(const ResourceRequest& m);
std::string describe(const ResourceReply& m);

}  // namespace zoolab::core::locks
