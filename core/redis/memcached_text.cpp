// memcached text-protocol framing (see memcached_text.h); the checks follow proto_text.c of 1.6.
#include "core/redis/memcached_text.h"

namespace zoolab::core::redis {
namespace {

// Digits with an optional sign; the whole word.
std::optional<std::pair<bool, uint64_t>> digits(std::string_view s) {
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || s.size() > 20) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return std::make_pair(neg, v);
}

}  // namespace

std::optional<uint32_t> mc_u32(std::string_view s) {
  auto d = digits(s);
  if (!d || (d->first && d->second != 0) || d->second > UINT32_MAX) return std::nullopt;
  return static_cast<uint32_t>(d->second);
}
std::optional<int32_t> mc_i32(std::string_view s) {
  auto d = digits(s);
  if (!d) return std::nullopt;
  if (d->first) {
    if (d->second > static_cast<uint64_t>(INT32_MAX) + 1) return std::nullopt;
    return static_cast<int32_t>(-static_cast<int64_t>(d->second));
  }
  if (d->second > INT32_MAX) return std::nullopt;
  return static_cast<int32_t>(d->second);
}
std::optional<uint64_t> mc_u64(std::string_view s) {
  auto d = digits(s);
  if (!d || (d->first && d->second != 0)) return std::nullopt;
  return d->second;
}

bool is_storage_command(std::string_view n) {
  return n == "set" || n == "add" || n == "replace" || n == "append" || n == "prepend" || n == "cas";
}

McRequest parse_memcached(std::string_view input) {
  McRequest r;
  const size_t nl = input.find('\n');
  if (nl == std::string_view::npos) return r;  // kIncomplete
  std::string_view line = input.substr(0, nl);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  for (size_t i = 0; i < line.size();) {
    const size_t sp = std::min(line.find(' ', i), line.size());
    if (sp > i) r.tokens.emplace_back(line.substr(i, sp - i));
    i = sp + 1;
  }
  r.consumed = nl + 1;
  r.kind = McRequest::Kind::kCommand;
  r.noreply = r.tokens.size() > 1 && r.tokens.back() == "noreply";
  if (r.tokens.empty() || !is_storage_command(r.tokens[0])) {
    if (r.tokens.empty()) {
      r.kind = McRequest::Kind::kError;
      r.error = "ERROR";
    }
    return r;
  }
  const bool cas = r.tokens[0] == "cas";
  const size_t base = cas ? 6 : 5;  // words without noreply
  if (r.tokens.size() != base && !(r.tokens.size() == base + 1 && r.noreply)) {
    r.kind = McRequest::Kind::kError;
    r.error = "ERROR";
    r.noreply = false;
    return r;
  }
  auto flags = mc_u32(r.tokens[2]);
  auto exptime = mc_i32(r.tokens[3]);
  auto bytes = mc_i32(r.tokens[4]);
  std::optional<uint64_t> unique = cas ? mc_u64(r.tokens[5]) : std::optional<uint64_t>(0);
  // The line is answered and the data block is then read as the next command (memcached does not
  // swallow it), which is why a rejected storage command is followed by ERROR.
  if (r.tokens[1].size() > kMemcachedKeyMax || !flags || !exptime || !bytes || !unique || *bytes < 0) {
    r.kind = McRequest::Kind::kError;
    r.error = "CLIENT_ERROR bad command line format";
    return r;
  }
  const size_t need = nl + 1 + static_cast<size_t>(*bytes) + 2;
  if (input.size() < need) {
    r.kind = McRequest::Kind::kIncomplete;
    r.consumed = 0;
    return r;
  }
  r.flags = *flags;
  r.exptime = *exptime;
  r.cas_unique = *unique;
  r.data = std::string(input.substr(nl + 1, static_cast<size_t>(*bytes)));
  r.consumed = need;
  if (input.substr(need - 2, 2) != "\r\n") {
    r.kind = McRequest::Kind::kError;
    r.error = "CLIENT_ERROR bad data chunk";
  }
  return r;
}

}  // namespace zoolab::core::redis
