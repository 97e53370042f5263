// Who the lock service says holds a worker's lock right now: the Redis key's value (unless
// expired on the server's own clock), a majority of Redlock masters, the memcached item, or the
// owner of the lowest ZooKeeper lock node. Used to measure time held by a dead owner.
#pragma once

#include <string>

#include "core/locks/lock_worker.h"
#include "sim/kernel/world.h"

namespace zoolab::sim::duel {

// The owner's name (a worker's machine name) or "" when the lock is free.
std::string service_holder(const World& w, const core::locks::LockWorker& wk);

}  // namespace zoolab::sim::duel
