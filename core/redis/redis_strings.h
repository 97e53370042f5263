// Redis's own string helpers: strict integer parsing (string2ll), glob matching (KEYS), case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zoolab::core::redis {

// Like Redis' string2ll: optional '-', digits, no '+', no spaces, no leading zeros, fits int64.
std::optional<int64_t> parse_int64(std::string_view s);
// Like Redis' stringmatchlen: `*`, `?`, `[abc]`, `[^a-z]`, `\x` escapes.
bool glob_match(std::string_view pattern, std::string_view text);
std::string to_lower(std::string s);
std::string to_upper(std::string s);

}  // namespace zoolab::core::redis
