// `expect` checks on the lock duel: who holds, how often workers acquired, what the protected
// resource saw, who watches whom in a ZooKeeper lock queue, and deadlocks (a lock held forever by
// a dead owner). `expect violations VARIANT == N` is evaluated by the run (it owns the checkers).
#pragma once

#include <map>
#include <string>

#include "sim/scenario/expect.h"

namespace zoolab::sim {

void add_lock_checks(std::map<std::string, ExpectCheck>& checks);

// Why `variant`'s lock is held forever by a dead owner right now ("" when it is not).
std::string deadlock_reason(const World& w, const std::string& variant);

}  // namespace zoolab::sim
