// ACL checks, digest ids and ACL fix-up as ZooKeeper 3.8.0 does them (reference §7).
#include "core/znode/acl.h"

#include <nettle/base64.h>
#include <nettle/sha1.h>

#include <algorithm>
#include <optional>

namespace zoolab::core::zk {
namespace {

// Integer.parseInt: optional sign, decimal digits only, must fit in int32.
std::optional<int64_t> parse_java_int(std::string_view s) {
  if (s.empty()) return std::nullopt;
  size_t i = 0;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    i = 1;
    if (s.size() == 1) return std::nullopt;
  }
  int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
    if (v > 2147483648LL) return std::nullopt;
  }
  v = neg ? -v : v;
  if (v > 2147483647LL || v < -2147483648LL) return std::nullopt;
  return v;
}

std::optional<std::vector<uint8_t>> v4_bytes(std::string_view addr) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= addr.size(); ++i) {
    if (i == addr.size() || addr[i] == '.') {
      parts.emplace_back(addr.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 4) return std::nullopt;
  std::vector<uint8_t> b;
  for (const auto& p : parts) {
    auto v = parse_java_int(p);
    if (!v || *v < 0 || *v > 255) return std::nullopt;
    b.push_back(static_cast<uint8_t>(*v));
  }
  return b;
}

std::optional<std::vector<uint16_t>> hex_groups(std::string_view s) {
  std::vector<uint16_t> out;
  if (s.empty()) return out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == ':') {
      std::string_view g = s.substr(start, i - start);
      if (g.empty() || g.size() > 4) return std::nullopt;
      uint32_t v = 0;
      for (char c : g) {
        int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (d < 0) return std::nullopt;
        v = v * 16 + static_cast<uint32_t>(d);
      }
      out.push_back(static_cast<uint16_t>(v));
      start = i + 1;
    }
  }
  return out;
}

std::optional<std::vector<uint8_t>> v6_bytes(std::string_view addr) {
  if (addr.find(':') == std::string_view::npos) return std::nullopt;
  std::vector<uint16_t> groups;
  const size_t dbl = addr.find("::");
  if (dbl != std::string_view::npos) {
    auto head = hex_groups(addr.substr(0, dbl));
    auto tail = hex_groups(addr.substr(dbl + 2));
    if (!head || !tail || head->size() + tail->size() > 7) return std::nullopt;
    groups = *head;
    groups.resize(8 - tail->size(), 0);
    groups.insert(groups.end(), tail->begin(), tail->end());
  } else {
    auto all = hex_groups(addr);
    if (!all || all->size() != 8) return std::nullopt;
    groups = *all;
  }
  std::vector<uint8_t> b;
  for (uint16_t g : groups) {
    b.push_back(static_cast<uint8_t>(g >> 8));
    b.push_back(static_cast<uint8_t>(g & 0xff));
  }
  return b;
}

std::optional<std::vector<uint8_t>> addr_bytes(std::string_view addr) {
  if (auto b = v4_bytes(addr)) return b;
  return v6_bytes(addr);
}

void mask_bits(std::vector<uint8_t>& b, int64_t bits) {
  for (size_t i = 0; i < b.size(); ++i) {
    const int64_t keep = std::clamp<int64_t>(bits - static_cast<int64_t>(i) * 8, 0, 8);
    b[i] &= static_cast<uint8_t>(0xff00u >> keep);
  }
}

// Providers ZooLab's server knows (ProviderRegistry minus sasl/x509/key).
bool is_known_provider(std::string_view scheme) { return scheme == "digest" || scheme == "ip"; }
bool provider_valid(const Id& id) {
  if (id.scheme == "digest") return java_split(id.id, ':').size() == 2;
  if (id.scheme == "ip") return ip_acl_valid(id.id);
  return false;
}
bool provider_matches(const Id& auth, const Id& acl_id) {
  if (acl_id.scheme == "digest") return auth.id == acl_id.id;
  if (acl_id.scheme == "ip") return ip_matches(auth.id, acl_id.id);
  return false;
}

}  // namespace

std::vector<std::string> java_split(std::string_view s, char sep, int limit) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == sep && (limit <= 0 || static_cast<int>(parts.size()) < limit - 1)) {
      parts.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.emplace_back(s.substr(start));
  if (limit == 0)
    while (!parts.empty() && parts.back().empty()) parts.pop_back();
  return parts;
}

std::string digest_id(std::string_view user_password) {
  uint8_t digest[SHA1_DIGEST_SIZE];
  sha1_ctx ctx;
  sha1_init(&ctx);
  sha1_update(&ctx, user_password.size(), reinterpret_cast<const uint8_t*>(user_password.data()));
  sha1_digest(&ctx, SHA1_DIGEST_SIZE, digest);
  char b64[BASE64_ENCODE_RAW_LENGTH(SHA1_DIGEST_SIZE) + 1];
  base64_encode_raw(b64, SHA1_DIGEST_SIZE, digest);
  b64[BASE64_ENCODE_RAW_LENGTH(SHA1_DIGEST_SIZE)] = '\0';
  const auto parts = java_split(user_password, ':', 2);
  const std::string user = parts.empty() ? std::string() : parts[0];
  return user + ":" + b64;
}

bool ip_acl_valid(std::string_view acl_expr) {
  const auto parts = java_split(acl_expr, '/', 2);
  const auto addr = addr_bytes(parts.empty() ? std::string_view() : std::string_view(parts[0]));
  if (!addr) return false;
  if (parts.size() > 1) {
    const auto bits = parse_java_int(parts[1]);
    if (!bits || *bits < 0 || *bits > static_cast<int64_t>(addr->size() * 8)) return false;
  }
  return true;
}

bool ip_matches(std::string_view client_ip, std::string_view acl_expr) {
  const auto parts = java_split(acl_expr, '/', 2);
  auto acl_addr = addr_bytes(parts.empty() ? std::string_view() : std::string_view(parts[0]));
  if (!acl_addr) return false;
  int64_t bits = static_cast<int64_t>(acl_addr->size() * 8);
  if (parts.size() == 2) {
    const auto b = parse_java_int(parts[1]);
    if (!b || *b < 0 || *b > bits) return false;
    bits = *b;
  }
  auto remote = addr_bytes(client_ip);
  if (!remote || remote->size() != acl_addr->size()) return false;
  mask_bits(*acl_addr, bits);
  mask_bits(*remote, bits);
  return *acl_addr == *remote;
}

Err fixup_acl(const Acl& in, const std::vector<Id>& auth_ids, Acl& out) {
  Acl unique;  // LinkedHashSet order: first occurrence wins
  for (const auto& a : in)
    if (std::find(unique.begin(), unique.end(), a) == unique.end()) unique.push_back(a);
  if (unique.empty()) return Err::kInvalidAcl;
  Acl rv;
  for (const auto& a : unique) {
    if (a.id.scheme == "world" && a.id.id == "anyone") {
      rv.push_back(a);
    } else if (a.id.scheme == "auth") {
      bool any = false;
      for (const auto& cid : auth_ids) {
        if (cid.scheme == "digest") {  // the only "authenticated" provider here (ip is not)
          any = true;
          rv.push_back(AclEntry{a.perms, cid});
        }
      }
      if (!any) return Err::kInvalidAcl;
    } else {
      if (!is_known_provider(a.id.scheme) || !provider_valid(a.id)) return Err::kInvalidAcl;
      rv.push_back(a);
    }
  }
  out = std::move(rv);
  return Err::kOk;
}

bool acl_allows(const Acl& acl, int32_t perm, const std::vector<Id>& auth_ids) {
  if (acl.empty()) return true;
  for (const auto& id : auth_ids)
    if (id.scheme == "super") return true;
  for (const auto& a : acl) {
    if ((a.perms & perm) == 0) continue;
    if (a.id.scheme == "world" && a.id.id == "anyone") return true;
    if (!is_known_provider(a.id.scheme)) continue;
    for (const auto& id : auth_ids)
      if (id.scheme == a.id.scheme && provider_matches(id, a.id)) return true;
  }
  return false;
}

uint32_t AclTable::intern(const Acl& acl) {
  auto it = by_acl_.find(acl);
  if (it != by_acl_.end()) {
    ++entries_[it->second].refs;
    return it->second;
  }
  uint32_t index;
  if (!free_.empty()) {
    index = free_.back();
    free_.pop_back();
  } else {
    index = static_cast<uint32_t>(entries_.size());
    entries_.emplace_back();
  }
  entries_[index] = Entry{acl, 1};
  by_acl_.emplace(acl, index);
  return index;
}

void AclTable::release(uint32_t index) {
  Entry& e = entries_[index];
  if (e.refs == 0) return;
  if (--e.refs == 0) {
    by_acl_.erase(e.acl);
    e.acl.clear();
    free_.push_back(index);
  }
}

size_t AclTable::memory_bytes() const {
  size_t n = entries_.capacity() * sizeof(Entry) + free_.capacity() * sizeof(uint32_t);
  for (const auto& [acl, idx] : by_acl_) n += 2 * (acl.size() * sizeof(AclEntry)) + 64;
  return n;
}

}  // namespace zoolab::core::zk
