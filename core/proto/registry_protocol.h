// The Eureka-like AP registry's wire protocol (register, renew, cancel, fetch, peer replication).
// Modelled on Eureka's REST calls: POST/PUT/DELETE /apps/APP/ID and GET /apps, each answered
// with an HTTP-like status; replication is the same call marked as coming from a peer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace zoolab::core::registry {

enum class RegistryOp : uint8_t {
  kRegister, kRenew, kCancel, kFetch,   // client -> registry server
  kReply,                               // server -> client or peer (status + instances for kFetch)
  kReplicate,                           // server -> peer server (register/renew/cancel copied)
};
const char* registry_op_name(RegistryOp op);

struct RegistryInstance {
  std::string app, instance;
  int64_t last_renew_ms = 0;   // on the server that holds it (its own clock)
  bool operator==(const RegistryInstance&) const = default;
};
struct RegistryMessage {
  uint64_t id = 0;                                   // request id; a reply carries the request's
  RegistryOp op = RegistryOp::kRegister;
  RegistryOp replicated_op = RegistryOp::kRegister;  // kReplicate: which op is copied; kReply: what it answers
  std::string app, instance;                         // kFetch with an empty app: every app
  bool ok = true;
  int32_t status = 200;                     // HTTP-like: 200/204, 404 (unknown instance on renew), 503
  std::vector<RegistryInstance> instances;  // kReply to kFetch
  bool operator==(const RegistryMessage&) const = default;
};

std::string describe(const RegistryMessage& m);

}  // namespace zoolab::core::registry
