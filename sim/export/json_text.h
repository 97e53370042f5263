// JSON string literals for the exporters (quotes, backslashes and control characters escaped;
// UTF-8 passed through), and a number format that is the same on every machine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace zoolab::sim {

std::string json_string(std::string_view s);
// At most `max` code points of UTF-8 text, with "…" when cut (never splits a character).
std::string clip_text(std::string_view s, size_t max);
// Nanoseconds as microseconds with three decimals ("1234.567"): Chrome traces count in µs.
std::string micros_text(int64_t ns);

}  // namespace zoolab::sim
