// Printing of messages for traces and views.
#include "core/base/message.h"

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
  return std::visit([](const auto& alt) { return describe_one(alt); }, m);
}

}  // namespace zoolab::core
