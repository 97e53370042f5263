// Redis (RESP) and Memcached (text protocol) on the simulated wire, and Redis master→replica
// replication, as plain structs: what redis-cli, lock clients and Sentinel exchange with servers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace zoolab::core::redis {

// A command as redis-cli sends it: RESP array of bulk strings ("SET", "lock", "c1", "NX", "PX", "30000").
struct RedisCommand {
  uint64_t id = 0;  // the sender's request number; the reply carries it back
  std::vector<std::string> argv;
  bool operator==(const RedisCommand&) const = default;
};

// One RESP reply. kArray holds `elements`; every other kind uses text or integer.
enum class ReplyKind : uint8_t { kStatus, kError, kInteger, kBulk, kNil, kArray };
struct RedisReply {
  uint64_t id = 0;
  ReplyKind kind = ReplyKind::kNil;
  std::string text;      // status ("OK"), error ("ERR syntax error"), bulk bytes
  int64_t integer = 0;   // kInteger
  std::vector<RedisReply> elements;  // kArray (ids of elements are 0)
  bool operator==(const RedisReply&) const = default;
};

// Replication (PSYNC-like, simplified): the replica says hello, the master answers with a full
// copy of its keyspace (absolute expiry times on the master's clock) and then streams every write
// it applied, asynchronously (the master never waits for the replica: that is how failover
// loses the latest writes).
struct ReplicaHello {
  std::string replica_name;
  uint64_t offset = 0;
  bool operator==(const ReplicaHello&) const = default;
};
struct ReplEntry {  // one key of a full sync
  std::string key, value;
  int64_t expire_at_ms = -1;  // absolute, master clock; -1 = no expiry
  bool operator==(const ReplEntry&) const = default;
};
struct ReplFullSync {
  uint64_t offset = 0;
  std::vector<ReplEntry> entries;
  bool operator==(const ReplFullSync&) const = default;
};
struct ReplStream {  // one propagated write (expiries rewritten as absolute PEXPIREAT / DEL)
  uint64_t offset = 0;
  std::vector<std::string> argv;
  bool operator==(const ReplStream&) const = default;
};

// Memcached text protocol: the exact bytes of one request (command line + data block) and of
// one reply (every line ends "\r\n").
struct MemcachedRequest {
  uint64_t id = 0;
  std::string text;
  bool operator==(const MemcachedRequest&) const = default;
};
struct MemcachedReply {
  uint64_t id = 0;
  std::string text;
  bool operator==(const MemcachedReply&) const = default;
};

std::string describe(const RedisCommand& m);
std::string describe(const RedisReply& m);
std::string describe(const ReplicaHello& m);
std::string describe(const ReplFullSync& m);
std::string describe(const ReplStream& m);
std::string describe(const MemcachedRequest& m);
std::string describe(const MemcachedReply& m);

}  // namespace zoolab::core::redis
