// One-line descriptions of Redis, replication and Memcached messages for traces and views.
#include "core/proto/redis_protocol.h"

namespace zoolab::core::redis {
namespace {

// Printable: control bytes (memcached's \r\n) shown escaped, long values cut.
std::string printable(const std::string& s, size_t max = 60) {
  std::string out;
  for (char c : s) {
    if (out.size() >= max) { out += "..."; break; }
    if (c == '\r') out += "\\r";
    else if (c == '\n') out += "\\n";
    else if (static_cast<unsigned char>(c) < 0x20) out += '?';
    else out += c;
  }
  return out;
}

std::string join(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    if (!out.empty()) out += ' ';
    const bool quote = a.empty() || a.find(' ') != std::string::npos;
    out += quote ? "\"" + printable(a) + "\"" : printable(a);
  }
  return out;
}

std::string reply_text(const RedisReply& m) {
  switch (m.kind) {
    case ReplyKind::kStatus: return m.text;
    case ReplyKind::kError: return "(error) " + printable(m.text);
    case ReplyKind::kInteger: return "(integer) " + std::to_string(m.integer);
    case ReplyKind::kBulk: return "\"" + printable(m.text) + "\"";
    case ReplyKind::kNil: return "(nil)";
    case ReplyKind::kArray: {
      std::string out = "[";
      for (size_t i = 0; i < m.elements.size(); ++i) out += (i ? ", " : "") + reply_text(m.elements[i]);
      return out + "]";
    }
  }
  return "?";
}

}  // namespace

std::string describe(const RedisCommand& m) { return "redis #" + std::to_string(m.id) + " " + join(m.argv); }
std::string describe(const RedisReply& m) { return "redis-reply #" + std::to_string(m.id) + " " + reply_text(m); }
std::string describe(const ReplicaHello& m) {
  return "REPLCONF " + m.replica_name + " offset " + std::to_string(m.offset);
}
std::string describe(const ReplFullSync& m) {
  return "FULLRESYNC offset " + std::to_string(m.offset) + " keys " + std::to_string(m.entries.size());
}
std::string describe(const ReplStream& m) { return "repl @" + std::to_string(m.offset) + " " + join(m.argv); }
std::string describe(const MemcachedRequest& m) { return "memcached #" + std::to_string(m.id) + " " + printable(m.text); }
std::string describe(const MemcachedReply& m) {
  return "memcached-reply #" + std::to_string(m.id) + " " + printable(m.text);
}

}  // namespace zoolab::core::redis
