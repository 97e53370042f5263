// AclParser behaviour (see header): malformed entries are reported and skipped.
#include "core/client/acl_parser.h"

#include "core/client/java_text.h"

namespace zoolab::core::zk {

int32_t parse_perms(std::string_view letters, std::vector<std::string>& errors) {
  int32_t p = 0;
  for (uint32_t cp : utf8_code_points(letters)) {
    switch (cp) {
      case 'r': p |= perm::kRead; break;
      case 'w': p |= perm::kWrite; break;
      case 'c': p |= perm::kCreate; break;
      case 'd': p |= perm::kDelete; break;
      case 'a': p |= perm::kAdmin; break;
      default:
        if (cp >= 0x10000) {
          // Java iterates UTF-16 units: a supplementary character is two unprintable halves.
          errors.push_back("Unknown perm type: ?");
          errors.push_back("Unknown perm type: ?");
        } else {
          errors.push_back("Unknown perm type: " + utf8_encode(cp));
        }
    }
  }
  return p;
}

ParsedAcl parse_acl(std::string_view text) {
  // String.split(","): trailing empty pieces are dropped; an empty input gives one empty piece.
  std::vector<std::string> pieces;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    pieces.emplace_back(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (!text.empty())
    while (!pieces.empty() && pieces.back().empty()) pieces.pop_back();

  ParsedAcl out;
  for (const auto& a : pieces) {
    const size_t first = a.find(':');
    const size_t last = a.rfind(':');
    if (first == std::string::npos || first == last) {
      out.errors.push_back(a + " does not have the form scheme:id:perm");
      continue;
    }
    AclEntry e;
    e.id = Id{a.substr(0, first), a.substr(first + 1, last - first - 1)};
    e.perms = parse_perms(std::string_view(a).substr(last + 1), out.errors);
    out.acl.push_back(std::move(e));
  }
  return out;
}

}  // namespace zoolab::core::zk
