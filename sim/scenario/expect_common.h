// Helpers every family of `expect` checks shares: the malformed-arguments outcome, quoting,
// numbers (decimal or 0x hex) and the ==, !=, >=, <= comparisons. One definition, so the check
// files agree on them (and can be compiled together in a unity build).
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/scenario/expect.h"

namespace zoolab::sim::expect_common {

// Evaluating a step the parser did not validate (built by hand) fails instead of misreading it.
inline const ExpectOutcome kBadArguments{false, "the check's arguments are malformed"};

inline std::string code_quoted(std::string_view s) { return "`" + std::string(s) + "`"; }

inline bool is_comparison(const std::string& op) { return op == "==" || op == "!=" || op == ">=" || op == "<="; }

// False for an operator is_comparison() rejects.
inline bool compare(const std::string& op, int64_t seen, int64_t want) {
  if (op == "==") return seen == want;
  if (op == "!=") return seen != want;
  if (op == ">=") return seen >= want;
  if (op == "<=") return seen <= want;
  return false;
}

// "42", "-1", "0x100000002" (hex as an unsigned 64-bit pattern, as zxids are printed).
inline std::optional<int64_t> parse_number(const std::string& s) {
  int64_t v = 0;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  std::from_chars_result r{};
  if (s.starts_with("0x") || s.starts_with("0X")) {
    uint64_t u = 0;
    r = std::from_chars(b + 2, e, u, 16);
    v = static_cast<int64_t>(u);
  } else {
    r = std::from_chars(b, e, v, 10);
  }
  if (r.ec != std::errc() || r.ptr != e || b == e) return std::nullopt;
  return v;
}

}  // namespace zoolab::sim::expect_common
