// One-line descriptions of protected-resource messages.
#include "core/proto/lock_protocol.h"

namespace zoolab::core::locks {

std::string describe(const ResourceRequest& m) {
  std::string out = "resource #" + std::to_string(m.id) +
                    (m.op == ResourceOp::kRead    ? " read"
                     : m.op == ResourceOp::kWrite ? " write " + std::to_string(m.value)
                                                  : " abandon");
  if (m.token) out += " token " + std::to_string(*m.token);
  return out;
}
std::string describe(const ResourceReply& m) {
  if (!m.ok) return "resource-reply #" + std::to_string(m.id) + " rejected: " + m.error;
  return "resource-reply #" + std::to_string(m.id) + " value " + std::to_string(m.value);
}

}  // namespace zoolab::core::locks
