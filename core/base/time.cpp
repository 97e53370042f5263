// Formatting of simulated times and durations.
#include "core/base/time.h"

#include <cstdio>

namespace zoolab::core {

std::string format_seconds(Time t) {
  const int64_t us = t.ns / 1000;
  const bool neg = us < 0;
  const int64_t a = neg ? -us : us;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%lld.%06lld", neg ? "-" : "", static_cast<long long>(a / 1000000),
                static_cast<long long>(a % 1000000));
  return buf;
}

std::string format_duration(Duration d) {
  struct Unit { int64_t ns; const char* name; };
  static constexpr Unit kUnits[] = {{1'000'000'000, "s"}, {1'000'000, "ms"}, {1'000, "us"}, {1, "ns"}};
  if (d.ns == 0) return "0s";
  const bool neg = d.ns < 0;
  const int64_t a = neg ? -d.ns : d.ns;
  for (const Unit& u : kUnits) {
    if (a < u.ns) continue;
    std::string out = neg ? "-" : "";
    out += std::to_string(a / u.ns);
    int64_t rest = a % u.ns;
    if (rest != 0) {
      // Up to three decimals, trailing zeros trimmed ("1.5s", "2.25ms").
      int64_t milli = rest * 1000 / u.ns;
      if (milli != 0 && milli * (u.ns / 1000) == rest) {
        std::string frac = std::to_string(milli + 1000).substr(1);
        while (!frac.empty() && frac.back() == '0') frac.pop_back();
        out += "." + frac;
      } else if (u.ns > 1) {
        continue;  // not expressible in three decimals of this unit: use a smaller unit
      }
    }
    return out + u.name;
  }
  return std::to_string(d.ns) + "ns";
}

}  // namespace zoolab::core
