// Simulated time: integer nanoseconds in strong types, never floating point.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace zoolab::core {

// A span of simulated time.
struct Duration {
  int64_t ns = 0;
  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return {ns + o.ns}; }
  constexpr Duration operator-(Duration o) const { return {ns - o.ns}; }
  constexpr Duration operator-() const { return {-ns}; }
  constexpr Duration operator*(int64_t k) const { return {ns * k}; }
  constexpr Duration operator/(int64_t k) const { return {ns / k}; }
  constexpr Duration& operator+=(Duration o) { ns += o.ns; return *this; }
};

// A point on a clock (the global simulation clock or a machine's local clock).
struct Time {
  int64_t ns = 0;
  constexpr auto operator<=>(const Time&) const = default;
  constexpr Time operator+(Duration d) const { return {ns + d.ns}; }
  constexpr Time operator-(Duration d) const { return {ns - d.ns}; }
  constexpr Duration operator-(Time o) const { return {ns - o.ns}; }
  constexpr Time& operator+=(Duration d) { ns += d.ns; return *this; }
};

constexpr Duration nanoseconds(int64_t n) { return {n}; }
constexpr Duration microseconds(int64_t n) { return {n * 1'000}; }
constexpr Duration milliseconds(int64_t n) { return {n * 1'000'000}; }
constexpr Duration seconds(int64_t n) { return {n * 1'000'000'000}; }

constexpr Time kTimeZero{0};
constexpr Time kTimeNever{INT64_MAX};

// "12.004100" (seconds with microseconds), as trace lines print it.
std::string format_seconds(Time t);
// Human form for durations: "500ms", "2s", "1.5s", "250us", "7ns".
std::string format_duration(Duration d);

}  // namespace zoolab::core
