// redis-cli's argument splitting and reply printing (see redis_cli_text.h).
#include "core/redis/redis_cli_text.h"

namespace zoolab::core::redis {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f'; }
bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

std::string format_tty(const RedisReply& r, const std::string& prefix) {
  switch (r.kind) {
    case ReplyKind::kStatus: return r.text + "\n";
    case ReplyKind::kError: return "(error) " + r.text + "\n";
    case ReplyKind::kInteger: return "(integer) " + std::to_string(r.integer) + "\n";
    case ReplyKind::kBulk: return repr(r.text) + "\n";
    case ReplyKind::kNil: return "(nil)\n";
    case ReplyKind::kArray: {
      if (r.elements.empty()) return "(empty array)\n";
      const std::string count = std::to_string(r.elements.size());
      const size_t width = count.size();
      const std::string nested = prefix + std::string(width + 2, ' ');
      std::string out;
      for (size_t i = 0; i < r.elements.size(); ++i) {
        std::string idx = std::to_string(i + 1);
        idx = std::string(width - idx.size(), ' ') + idx;
        out += (i == 0 ? "" : prefix) + idx + ") " + format_tty(r.elements[i], nested);
      }
      return out;
    }
  }
  return "\n";
}

std::string format_raw(const RedisReply& r) {
  switch (r.kind) {
    case ReplyKind::kStatus:
    case ReplyKind::kBulk: return r.text;
    case ReplyKind::kError: return r.text + "\n";
    case ReplyKind::kInteger: return std::to_string(r.integer);
    case ReplyKind::kNil: return "";
    case ReplyKind::kArray: {
      std::string out;
      for (size_t i = 0; i < r.elements.size(); ++i) out += (i ? "\n" : "") + format_raw(r.elements[i]);
      return out;
    }
  }
  return "";
}

}  // namespace

std::optional<std::vector<std::string>> split_args(std::string_view line) {
  std::vector<std::string> out;
  size_t p = 0;
  const size_t n = line.size();
  auto at = [&](size_t i) { return i < n ? line[i] : '\0'; };
  while (true) {
    while (p < n && is_space(line[p])) ++p;
    if (p >= n) return out;
    bool inq = false, insq = false, done = false;
    std::string cur;
    while (!done) {
      const char c = at(p);
      if (inq) {
        if (c == '\\' && at(p + 1) == 'x' && is_hex(at(p + 2)) && is_hex(at(p + 3))) {
          cur += static_cast<char>(hex_value(at(p + 2)) * 16 + hex_value(at(p + 3)));
          p += 3;
        } else if (c == '\\' && p + 1 < n) {
          ++p;
          switch (line[p]) {
            case 'n': cur += '\n'; break;
            case 'r': cur += '\r'; break;
            case 't': cur += '\t'; break;
            case 'b': cur += '\b'; break;
            case 'a': cur += '\a'; break;
            default: cur += line[p]; break;
          }
        } else if (c == '"') {
          if (p + 1 < n && !is_space(line[p + 1])) return std::nullopt;  // closing quote must end the word
          done = true;
        } else if (p >= n) {
          return std::nullopt;  // unterminated quotes
        } else {
          cur += c;
        }
      } else if (insq) {
        if (c == '\\' && at(p + 1) == '\'') {
          ++p;
          cur += '\'';
        } else if (c == '\'') {
          if (p + 1 < n && !is_space(line[p + 1])) return std::nullopt;
          done = true;
        } else if (p >= n) {
          return std::nullopt;
        } else {
          cur += c;
        }
      } else if (p >= n || is_space(c)) {
        done = true;
      } else if (c == '"') {
        inq = true;
      } else if (c == '\'') {
        insq = true;
      } else {
        cur += c;
      }
      if (p < n) ++p;
    }
    out.push_back(std::move(cur));
  }
}

std::string repr(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      default:
        if (c >= 0x20 && c < 0x7f) out += ch;
        else out += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
    }
  }
  return out + "\"";
}

std::string format_reply_tty(const RedisReply& r) { return format_tty(r, ""); }
std::string format_reply_raw(const RedisReply& r) { return format_raw(r) + "\n"; }

}  // namespace zoolab::core::redis
