// Recipe helpers (see header).
#include "core/recipes/recipe_common.h"

namespace zoolab::core::recipes {
namespace {

void append_hex(std::string& out, uint64_t v, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) out += kDigits[(v >> (4 * i)) & 0xf];
}

// 128 bits with the version (4) and variant (10xx) bits of RFC 4122 set.
std::pair<uint64_t, uint64_t> uuid_bits(Rng& rng) {
  uint64_t hi = rng.next_u64();
  uint64_t lo = rng.next_u64();
  hi = (hi & ~0xf000ULL) | 0x4000ULL;
  lo = (lo & ~(3ULL << 62)) | (2ULL << 62);
  return {hi, lo};
}

}  // namespace

std::string random_uuid(Rng& rng) {
  const auto [hi, lo] = uuid_bits(rng);
  std::string s;
  append_hex(s, hi >> 32, 8);
  s += '-';
  append_hex(s, (hi >> 16) & 0xffff, 4);
  s += '-';
  append_hex(s, hi & 0xffff, 4);
  s += '-';
  append_hex(s, lo >> 48, 4);
  s += '-';
  append_hex(s, lo & 0xffffffffffffULL, 12);
  return s;
}

std::string random_uuid_hex(Rng& rng) {
  const auto [hi, lo] = uuid_bits(rng);
  std::string s;
  append_hex(s, hi, 16);
  append_hex(s, lo, 16);
  return s;
}

std::string parent_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) return "/";
  return path.substr(0, slash);
}

std::string last_segment(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string child_path(const std::string& dir, const std::string& name) {
  return dir == "/" ? "/" + name : dir + "/" + name;
}

std::vector<std::string> ancestors(const std::string& path) {
  std::vector<std::string> out;
  for (size_t at = path.find('/', 1); at != std::string::npos; at = path.find('/', at + 1)) out.push_back(path.substr(0, at));
  return out;
}

std::optional<int64_t> sequence_after(std::string_view name, std::string_view marker) {
  const size_t at = name.rfind(marker);
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view digits = name.substr(at + marker.size());
  if (digits.size() != 10) return std::nullopt;
  int64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace zoolab::core::recipes
