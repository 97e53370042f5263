// Small helpers the subcommands share: rates for the speed summaries and duration options
// ("--duration 60s") read with the scenario language's own duration syntax.
#pragma once

#include <optional>
#include <string>

#include <fmt/core.h>

#include "core/base/time.h"
#include "sim/scenario/value_parse.h"

namespace zoolab::cli {

// "1.25M", "12.3k", "840": a count per wall second, as the speed summaries print it.
inline std::string per_second(double count, double wall_seconds) {
  const double rate = count / (wall_seconds > 1e-9 ? wall_seconds : 1e-9);
  if (rate >= 1e6) return fmt::format("{:.2f}M", rate / 1e6);
  if (rate >= 1e3) return fmt::format("{:.1f}k", rate / 1e3);
  return fmt::format("{:.0f}", rate);
}

// The duration given to `option`, or nullopt after printing "error: OPTION: why; expected ...".
inline std::optional<core::Duration> duration_option(const std::string& option, const std::string& text,
                                                     bool positive = false) {
  std::string why;
  const std::optional<core::Duration> d = sim::scenario_text::parse_duration(text, &why);
  if (!d || (positive && d->ns <= 0)) {
    fmt::print(stderr, "error: {}: {}; expected {}\n", option, d ? "must be positive" : why,
               sim::scenario_text::kDurationHint);
    return std::nullopt;
  }
  return d;
}

}  // namespace zoolab::cli
