// Formatting of simulated times.
#include <doctest/doctest.h>

#include "core/base/time.h"

using namespace zoolab::core;

TEST_CASE("format_seconds prints seconds with microseconds") {
  CHECK(format_seconds(Time{0}) == "0.000000");
  CHECK(format_seconds(Time{12'004'100'000}) == "12.004100");
  CHECK(format_seconds(Time{999}) == "0.000000");
}

TEST_CASE("format_duration picks the natural unit") {
  CHECK(format_duration(seconds(2)) == "2s");
  CHECK(format_duration(milliseconds(1500)) == "1.5s");
  CHECK(format_duration(milliseconds(500)) == "500ms");
  CHECK(format_duration(microseconds(250)) == "250us");
  CHECK(format_duration(nanoseconds(7)) == "7ns");
  CHECK(format_duration(Duration{0}) == "0s");
  CHECK(format_duration(-milliseconds(20)) == "-20ms");
  CHECK(format_duration(nanoseconds(1'000'000'001)) == "1000000.001us");
}
