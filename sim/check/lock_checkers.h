// Lock safety checkers (DESIGN §4): mutual exclusion among lock workers (two workers that both
// believe they hold the same lock) and lost updates at the protected resource.
#pragma once

#include <string>
#include <string_view>

#include "sim/check/checker.h"

namespace zoolab::sim::check {

// "mutual-exclusion" findings start with "[VARIANT] " so lessons can count them per variant.
constexpr std::string_view kMutualExclusion = "mutual-exclusion";
constexpr std::string_view kLostUpdate = "lost-update";

void add_lock_checkers(CheckerSet& set);

// "[redis-cad] " — the prefix of a mutual-exclusion finding about that variant.
std::string variant_tag(std::string_view variant);

}  // namespace zoolab::sim::check
