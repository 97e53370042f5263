// Running one fuzzed scenario: the invariant checkers during the whole run, then the liveness
// probe (a write confirmed by the deadline), and minimising a failure to fewer lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/check/checker.h"
#include "sim/explore/generate.h"
#include "sim/explore/minimise.h"
#include "sim/scenario/run.h"

namespace zoolab::sim::explore {

enum class Liveness : uint8_t {
  kNotChecked,  // the run stopped at a violation (or the scenario has no probe client)
  kOk,          // the probe's create was confirmed by the deadline
  kFailed,      // it was not
};

struct SeedOutcome {
  uint64_t seed = 0;
  std::optional<check::Violation> violation;  // the first unexpected one; the run stops there
  Liveness liveness = Liveness::kNotChecked;
  core::Duration commit_latency{0};  // probe.from to the confirmation, when kOk
  uint64_t events = 0;
  core::Time end;     // simulated time reached
  std::string error;  // the scenario did not parse or a program threw (a bug either way)

  bool failed() const {
    return violation.has_value() || liveness == Liveness::kFailed || !error.empty();
  }
  // The checker's name, "liveness", "error", or "" when the seed passed.
  std::string failure_name() const;
};

// Parses and runs `text` with the product programs. Stops at the first unexpected violation,
// or as soon as the probe's write is confirmed, or at the scenario's end.
SeedOutcome run_fuzz_scenario(std::string_view text, uint64_t seed, const LivenessProbe& probe,
                              const ProcessRegistry& registry = product_processes());

// generate_scenario + run_fuzz_scenario.
SeedOutcome run_seed(const GeneratedScenario& g,
                     const ProcessRegistry& registry = product_processes());

// The candidate fails the way the original did: the same checker, liveness again, or an error
// (a model invariant that threw) with the same message up to its numbers.
bool same_failure(const SeedOutcome& original, const SeedOutcome& candidate);

// Drops fault lines, then workload lines, of a failing generated scenario while the same
// failure persists.
MinimiseResult minimise_failure(const GeneratedScenario& g, const SeedOutcome& original,
                                MinimiseOptions options = {},
                                const ProcessRegistry& registry = product_processes());

}  // namespace zoolab::sim::explore
