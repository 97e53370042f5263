// `expect violation NAME`: a lesson that shows a pitfall names the checker it expects to fire.
#pragma once

#include <map>
#include <string>

#include "sim/scenario/expect.h"

namespace zoolab::sim::check {

// Names of the checkers standard_checkers() runs.
const std::vector<std::string>& standard_checker_names();
// Registers "violation NAME" (parse-time validation; sim::Run evaluates it against its checkers).
void add_violation_expect(std::map<std::string, ExpectCheck>& checks);

}  // namespace zoolab::sim::check
