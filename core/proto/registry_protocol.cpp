// One-line descriptions of registry messages.
#include "core/proto/registry_protocol.h"

namespace zoolab::core::registry {

const char* registry_op_name(RegistryOp op) {
  switch (op) {
    case RegistryOp::kRegister: return "register";
    case RegistryOp::kRenew: return "renew";
    case RegistryOp::kCancel: return "cancel";
    case RegistryOp::kFetch: return "fetch";
    case RegistryOp::kReply: return "reply";
    case RegistryOp::kReplicate: return "replicate";
  }
  return "?";
}

std::string describe(const RegistryMessage& m) {
  std::string out = std::string("registry #") + std::to_string(m.id) + " " + registry_op_name(m.op);
  if (m.op == RegistryOp::kReplicate || m.op == RegistryOp::kReply) out += std::string(" ") + registry_op_name(m.replicated_op);
  if (!m.app.empty()) out += " " + m.app;
  if (!m.instance.empty()) out += "/" + m.instance;
  if (m.op == RegistryOp::kReply) {
    out += " " + std::to_string(m.status);
    if (m.replicated_op == RegistryOp::kFetch) out += " (" + std::to_string(m.instances.size()) + " instances)";
  }
  return out;
}

}  // namespace zoolab::core::registry
