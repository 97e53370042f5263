// Path validation with ZooKeeper's exact messages; the indexes are Java char (UTF-16) indexes.
#include "core/znode/path.h"

#include <cstdint>
#include <vector>

namespace zoolab::core::zk {
namespace {

// Decodes UTF-8 into code points; invalid bytes become U+FFFD (what Java's decoder does).
std::vector<uint32_t> code_points(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    uint32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 2) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (!ok) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

// Java chars: code points above the BMP become a surrogate pair (two chars).
std::vector<uint32_t> java_chars(std::string_view s) {
  std::vector<uint32_t> chars;
  for (uint32_t cp : code_points(s)) {
    if (cp >= 0x10000) {
      cp -= 0x10000;
      chars.push_back(0xD800 + (cp >> 10));
      chars.push_back(0xDC00 + (cp & 0x3FF));
    } else {
      chars.push_back(cp);
    }
  }
  return chars;
}

bool invalid_char(uint32_t c) {
  return (c > 0x0000 && c <= 0x001f) || (c >= 0x007f && c <= 0x009F) || (c >= 0xd800 && c <= 0xf8ff) ||
         (c >= 0xfff0 && c <= 0xffff);
}

}  // namespace

std::optional<std::string> validate_path(std::string_view path) {
  if (path.empty()) return "Path length must be > 0";
  if (path[0] != '/') return "Path must start with / character";
  if (path.size() == 1) return std::nullopt;
  if (path.back() == '/') return "Path must not end with / character";
  const std::vector<uint32_t> chars = java_chars(path);
  std::optional<std::string> reason;
  uint32_t last = '/';
  for (size_t i = 1; i < chars.size() && !reason; last = chars[i], ++i) {
    const uint32_t c = chars[i];
    const auto at = "@" + std::to_string(i);
    if (c == 0) {
      reason = "null character not allowed " + at;
    } else if (c == '/' && last == '/') {
      reason = "empty node name specified " + at;
    } else if (c == '.' && last == '.') {
      if (chars[i - 2] == '/' && (i + 1 == chars.size() || chars[i + 1] == '/'))
        reason = "relative paths not allowed " + at;
    } else if (c == '.') {
      if (chars[i - 1] == '/' && (i + 1 == chars.size() || chars[i + 1] == '/'))
        reason = "relative paths not allowed " + at;
    } else if (invalid_char(c)) {
      reason = "invalid character " + at;
    }
  }
  if (reason) return "Invalid path string \"" + std::string(path) + "\" caused by " + *reason;
  return std::nullopt;
}

std::optional<std::string> validate_create_path(std::string_view path, bool sequential) {
  if (!sequential) return validate_path(path);
  return validate_path(std::string(path) + "1");
}

std::string parent_path(std::string_view path) {
  if (path.size() <= 1) return "";
  const size_t slash = path.rfind('/');
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

std::string_view last_component(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string join_path(std::string_view parent, std::string_view child) {
  std::string s(parent);
  if (s.empty() || s.back() != '/') s += '/';
  s += child;
  return s;
}

}  // namespace zoolab::core::zk
