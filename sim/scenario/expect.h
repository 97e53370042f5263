// The `expect` framework: named checks evaluated against the world when their step fires.
// Later issues register more checks (leader, zxid, znode data, lock safety...).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/kernel/world.h"
#include "sim/scenario/scenario.h"

namespace zoolab::sim {

struct ExpectOutcome {
  bool passed = false;
  std::string detail;
};

struct ExpectCheck {
  std::string usage;  // "up NAME" — shown in parse errors and docs
  // Checked at parse time; returns an error message or "" when the arguments are fine.
  std::function<std::string(const Scenario&, const std::vector<std::string>&)> validate;
  std::function<ExpectOutcome(const World&, const Scenario&, const std::vector<std::string>&)> evaluate;
};

const std::map<std::string, ExpectCheck>& expect_checks();

}  // namespace zoolab::sim
