// Printing of messages for traces and views.
#include "core/base/message.h"

#include <type_traits>

namespace zoolab::core {
namespace {

std::string describe_one(const RawMessage& m) {
  std::string out = m.label;
  if (!m.fields.empty()) {
    out += '(';
    for (size_t i = 0; i < m.fields.size(); ++i) {
      if (i) out += ", ";
      out += std::to_string(m.fields[i]);
    }
    out += ')';
  }
  return out;
}

}  // namespace

std::string describe(const Message& m) {
  return std::visit(
      [](const auto& alt) {
        if constexpr (std::is_same_v<std::decay_t<decltype(alt)>, RawMessage>) return describe_one(alt);
        else if constexpr (std::is_same_v<std::decay_t<decltype(alt)>, zab::Notification> ||
                           std::is_same_v<std::decay_t<decltype(alt)>, zab::QuorumPacket>)
          return zab::describe(alt);
        else if constexpr (requires { redis::describe(alt); }) return redis::describe(alt);
        else if constexpr (requires { locks::describe(alt); }) return locks::describe(alt);
        else if constexpr (requires { registry::describe(alt); }) return registry::describe(alt);
        else return zk::describe(alt);
      },
      m);
}

}  // namespace zoolab::core
