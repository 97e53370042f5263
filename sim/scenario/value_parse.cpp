// Durations, counts, percentages and ppm from scenario words, in exact integer arithmetic.
#include "sim/scenario/value_parse.h"

#include <numeric>

namespace zoolab::sim::scenario_text {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

struct Unit {
  std::string_view name;
  int64_t ns;
};
constexpr Unit kUnits[] = {
    {"ns", 1}, {"us", 1'000}, {"ms", 1'000'000}, {"s", 1'000'000'000}, {"m", 60'000'000'000},
};

// Leading digits of `s` as a number no larger than `limit`; nullopt when there are none or
// the number is larger. Advances `s` past them.
std::optional<int64_t> take_digits(std::string_view& s, int64_t limit) {
  size_t i = 0;
  int64_t v = 0;
  bool too_large = false;
  for (; i < s.size() && is_digit(s[i]); ++i) {
    if (!too_large) {
      v = v * 10 + (s[i] - '0');
      too_large = v > limit;
    }
  }
  if (i == 0 || too_large) {
    s.remove_prefix(i);
    return std::nullopt;
  }
  s.remove_prefix(i);
  return v;
}

std::string quoted(std::string_view s) {
  return "`" + std::string(s) + "`";
}

}  // namespace

std::optional<core::Duration> parse_duration(std::string_view s, std::string* why) {
  const std::string_view whole = s;
  const size_t int_len = [&] {
    size_t i = 0;
    while (i < s.size() && is_digit(s[i]))
      ++i;
    return i;
  }();
  if (int_len == 0) {
    *why = quoted(whole) + " is not a duration";
    return std::nullopt;
  }
  const std::optional<int64_t> whole_part = take_digits(s, kMaxScenarioNs);
  if (!whole_part) {
    *why = quoted(whole) + " is longer than a scenario may run (1000000s)";
    return std::nullopt;
  }
  std::string_view fraction;
  if (!s.empty() && s[0] == '.') {
    s.remove_prefix(1);
    size_t n = 0;
    while (n < s.size() && is_digit(s[n]))
      ++n;
    if (n == 0) {
      *why = quoted(whole) + " has no digits after the decimal point";
      return std::nullopt;
    }
    fraction = s.substr(0, n);
    s.remove_prefix(n);
  }
  if (s.empty()) {
    if (*whole_part == 0 && fraction.empty()) return core::Duration{0};
    *why = quoted(whole) + " has no unit";
    return std::nullopt;
  }
  const Unit* unit = nullptr;
  for (const Unit& u : kUnits) {
    if (s == u.name) unit = &u;
  }
  if (unit == nullptr) {
    *why = quoted(whole) + " has an unknown unit " + quoted(s);
    return std::nullopt;
  }
  // The fraction must be a whole number of nanoseconds: fraction_digits * unit / 10^k exactly.
  while (!fraction.empty() && fraction.back() == '0')
    fraction.remove_suffix(1);
  int64_t fraction_ns = 0;
  if (!fraction.empty()) {
    std::string_view digits = fraction;
    const std::optional<int64_t> numerator =
        fraction.size() <= 12 ? take_digits(digits, INT64_MAX / 10) : std::nullopt;
    int64_t denominator = 1;
    for (size_t k = 0; k < fraction.size() && k < 12; ++k)
      denominator *= 10;
    const int64_t g = std::gcd(unit->ns, denominator);
    if (!numerator || *numerator % (denominator / g) != 0) {
      *why = quoted(whole) + " is not a whole number of nanoseconds";
      return std::nullopt;
    }
    fraction_ns = *numerator / (denominator / g) * (unit->ns / g);
  }
  if (*whole_part > (kMaxScenarioNs - fraction_ns) / unit->ns) {
    *why = quoted(whole) + " is longer than a scenario may run (1000000s)";
    return std::nullopt;
  }
  return core::Duration{*whole_part * unit->ns + fraction_ns};
}

std::optional<core::Duration> parse_signed_duration(std::string_view s, std::string* why) {
  if (s.empty() || (s[0] != '+' && s[0] != '-')) {
    *why = quoted(s) + " has no sign";
    return std::nullopt;
  }
  const bool negative = s[0] == '-';
  std::optional<core::Duration> d = parse_duration(s.substr(1), why);
  if (d && negative) *d = -*d;
  return d;
}

std::optional<uint64_t> parse_uint(std::string_view s, uint64_t max) {
  if (s.empty() || s.size() > 20) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (!is_digit(c)) return std::nullopt;
    const auto digit = static_cast<uint64_t>(c - '0');
    if (v > (max - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  return v;
}

std::optional<uint32_t> parse_percent_permille(std::string_view s, std::string* why) {
  std::string_view rest = s;
  const std::optional<int64_t> whole = take_digits(rest, 1000);
  int64_t tenths = 0;
  if (whole && rest.size() >= 2 && rest[0] == '.' && is_digit(rest[1])) {
    tenths = rest[1] - '0';
    rest.remove_prefix(2);
  }
  if (!whole || rest != "%") {
    *why = quoted(s) + " is not a percentage with at most one decimal";
    return std::nullopt;
  }
  const int64_t permille = *whole * 10 + tenths;
  if (permille > 1000) {
    *why = quoted(s) + " is more than 100%";
    return std::nullopt;
  }
  return static_cast<uint32_t>(permille);
}

std::optional<int64_t> parse_ppm(std::string_view s, std::string* why) {
  std::string_view rest = s;
  const bool negative = !rest.empty() && rest[0] == '-';
  if (!rest.empty() && (rest[0] == '+' || rest[0] == '-')) rest.remove_prefix(1);
  const std::optional<int64_t> value = take_digits(rest, 999'999);
  if (!value || rest != "ppm") {
    *why = quoted(s) + " is not a drift between -999999ppm and +999999ppm";
    return std::nullopt;
  }
  return negative ? -*value : *value;
}

}  // namespace zoolab::sim::scenario_text
