// One-line descriptions of registry messages.
#include "core/proto/registry_protocol.h"

namespace zoolab::core::registry {
namespace {
const char* op_name(RegistryOp op) {
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
}  // namespace

std::string describe(const RegistryMessage& m) {
  std::string out = std::string("registry #") + std::to_string(m.id) + " " + op_name(m.op);
  if (m.op == RegistryOp::kReplicate) out += std::string(" ") + op_name(m.replicated_op);
  if (!m.app.empty()) out += " " + m.app;
  if (!m.instance.empty()) out += "/" + m.instance;
  if (m.op == RegistryOp::kReply)
    out += " " + std::to_string(m.status) + " (" + std::to_string(m.instances.size()) + " instances)";
  return out;
}

}  // namespace zoolab::core::registry
