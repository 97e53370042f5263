// zkCli's AclParser: "scheme:id:perm[,...]" split at the first and last ':' of each entry.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/znode/types.h"

namespace zoolab::core::zk {

struct ParsedAcl {
  Acl acl;
  std::vector<std::string> errors;  // stderr lines, in the order Java prints them
};

ParsedAcl parse_acl(std::string_view text);
// Permission bits from "cdrwa" letters; unknown letters add "Unknown perm type: x" lines.
int32_t parse_perms(std::string_view letters, std::vector<std::string>& errors);

}  // namespace zoolab::core::zk
