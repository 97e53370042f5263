// `expect` checks on ZooKeeper state: znode data, stat fields, existence, children, zxids.
#pragma once

#include <map>
#include <string>

#include "sim/scenario/expect.h"

namespace zoolab::sim {

// Adds get, stat, exists, not, ls, zxid and sessions to `checks`.
void add_zookeeper_checks(std::map<std::string, ExpectCheck>& checks);

}  // namespace zoolab::sim
