// Stand-in for the ZooKeeper server until its model arrives (issue 3): a machine that runs
// no server, so scenarios with server lines already show machines, network and faults.
#pragma once

#include <memory>

#include "core/base/process.h"

namespace zoolab::sim {

// kind() is "zookeeper"; on every start it notes that no server runs yet, then it ignores
// messages and closes the connections peers open to it.
std::unique_ptr<core::Process> make_zookeeper_placeholder();

}  // namespace zoolab::sim
