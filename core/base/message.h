// Messages that travel between processes: plain, printable, comparable data in one variant.
// Each protocol adds its own alternative (election notifications, quorum packets, client
// requests, Redis commands) as it arrives.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/proto/client_protocol.h"
#include "core/proto/lock_protocol.h"
#include "core/proto/quorum_protocol.h"
#include "core/proto/redis_protocol.h"
#include "core/proto/registry_protocol.h"

namespace zoolab::core {

// A labelled tuple of integers: the neutral message used by simulator tests and by any
// process that only needs to say "label(1, 2)".
struct RawMessage {
  std::string label;
  std::vector<int64_t> fields;
  bool operator==(const RawMessage&) const = default;
};

using Message = std::variant<RawMessage, zk::ConnectRequest, zk::ConnectResponse, zk::Request, zk::Response,
                             zk::WatchEvent, zk::FourLetterWord, zk::FourLetterReply, zab::Notification,
                             zab::QuorumPacket, redis::RedisCommand, redis::RedisReply, redis::ReplicaHello,
                             redis::ReplFullSync, redis::ReplStream, redis::MemcachedRequest,
                             redis::MemcachedReply, locks::ResourceRequest, locks::ResourceReply,
                             registry::RegistryMessage>;

// One line, deterministic: what the trace, the event list and the GUI print.
std::string describe(const Message& m);

}  // namespace zoolab::core
