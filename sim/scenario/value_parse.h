// Exact parsing of the small values scenario lines carry: durations, counts, percentages, ppm.
// Integer arithmetic only, so "1.5s" is exactly 1'500'000'000 ns on every machine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/time.h"

namespace zoolab::sim::scenario_text {

// Scenario times and durations stay below this (about 11.6 days), far from int64 overflow.
constexpr int64_t kMaxScenarioNs = 1'000'000'000'000'000;
constexpr std::string_view kDurationHint =
    "a duration like 500ms, 1.5s or 2m (units ns, us, ms, s, m)";

// "500ms", "1.5s", "2m", "250us", "0". On failure returns nullopt and says why in `*why`.
std::optional<core::Duration> parse_duration(std::string_view s, std::string* why);
// "+2s", "-500ms": a duration with a mandatory sign.
std::optional<core::Duration> parse_signed_duration(std::string_view s, std::string* why);
// Plain decimal digits, at most `max`.
std::optional<uint64_t> parse_uint(std::string_view s, uint64_t max);
// "5%", "0.5%", "100%" as permille (at most one decimal).
std::optional<uint32_t> parse_percent_permille(std::string_view s, std::string* why);
// "+200ppm", "-50ppm", "0ppm": clock drift, strictly between -1000000 and +1000000.
std::optional<int64_t> parse_ppm(std::string_view s, std::string* why);

}  // namespace zoolab::sim::scenario_text
