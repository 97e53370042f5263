// The lock implementations ZooLab compares, by the names scenarios, the CLI and the GUI use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zoolab::core::locks {

// In the order of the seeds' progression: each Redis variant fixes the previous one's problem.
enum class LockVariant : uint8_t {
  kRedisSetnxExpire,  // SETNX then EXPIRE: a crash between them leaves a lock that never expires
  kRedisSetNxEx,      // SET k v NX PX: atomic expiry, but DEL may delete someone else's lock
  kRedisGetDel,       // owner value, GET-compare-then-DEL: the check and the delete can interleave
  kRedisCad,          // owner value, atomic compare-and-delete script: a slow holder still outlives its lease
  kRedisWatchdog,     // compare-and-delete + a watchdog renewing the lease (Redisson: 30 s lease, renew every 10 s)
  kRedlock,           // SET NX PX on N independent masters, a majority within the validity time
  kMemcachedAdd,      // memcached `add` with an exptime, `delete` to release
  kZkSequential,      // ephemeral-sequential nodes, each waiter watches its predecessor (Curator)
  kZkNaive,           // one ephemeral node everybody watches (the herd effect)
};

std::string_view variant_name(LockVariant v);     // "redis-setnx-expire", "zk-seq-lock", ...
std::optional<LockVariant> parse_variant(std::string_view name);
const std::vector<LockVariant>& all_variants();
std::string variant_names_joined();               // for error messages
std::string_view variant_summary(LockVariant v);  // one line for tables and the GUI
bool is_zookeeper(LockVariant v);
bool is_redis(LockVariant v);  // single- or multi-master Redis

// What a lock client tells its owner.
struct LockClientEvent {
  enum class Kind : uint8_t { kAcquired, kReleased, kLost, kReleaseFailed };
  Kind kind = Kind::kAcquired;
  std::optional<int64_t> token;  // kAcquired with fencing: the token to present to the resource
  std::string detail;
  bool operator==(const LockClientEvent&) const = default;
};

}  // namespace zoolab::core::locks
