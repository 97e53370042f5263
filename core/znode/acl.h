// ACL rules of ZooKeeper 3.8.0 (reference §7): digest ids, client ACL fix-up, permission checks,
// and the reference-counted ACL table the data tree interns node ACLs in.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/znode/types.h"

namespace zoolab::core::zk {

// DigestAuthenticationProvider.generateDigest: "user:" + base64(sha1("user:password")).
std::string digest_id(std::string_view user_password);

// IPAuthenticationProvider.isValid / matches ("10.0.0.0/8" style, IPv4 and IPv6).
bool ip_acl_valid(std::string_view acl_expr);
bool ip_matches(std::string_view client_ip, std::string_view acl_expr);

// PrepRequestProcessor.fixupACL: removes duplicates, expands `auth` into the caller's authenticated
// (digest) ids, rejects what no provider accepts. kInvalidAcl on failure; `out` is the stored ACL.
Err fixup_acl(const Acl& in, const std::vector<Id>& auth_ids, Acl& out);

// ZooKeeperServer.checkACL: true when `auth_ids` may do `perm` on a node with `acl`.
bool acl_allows(const Acl& acl, int32_t perm, const std::vector<Id>& auth_ids);

// Java String.split(regex-free single char) semantics: trailing empty strings removed.
std::vector<std::string> java_split(std::string_view s, char sep, int limit = 0);

// ReferenceCountedACLCache: every distinct ACL list is stored once; nodes hold a 32-bit index.
class AclTable {
 public:
  uint32_t intern(const Acl& acl);  // adds one use
  void release(uint32_t index);     // drops one use; the entry is freed at zero
  const Acl& get(uint32_t index) const { return entries_[index].acl; }
  size_t size() const { return by_acl_.size(); }
  uint32_t uses(uint32_t index) const { return entries_[index].refs; }
  size_t memory_bytes() const;

 private:
  struct Entry {
    Acl acl;
    uint32_t refs = 0;
  };
  std::vector<Entry> entries_;
  std::vector<uint32_t> free_;
  std::map<Acl, uint32_t> by_acl_;
};

}  // namespace zoolab::core::zk
