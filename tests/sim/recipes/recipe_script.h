// Recipe scenario tests: ZkScript plus typed access to the recipe programs' views.
#pragma once

#include <string>

#include "core/recipes/recipe_programs.h"
#include "core/recipes/zk_lock_process.h"
#include "tests/sim/zookeeper/zk_script.h"

namespace zoolab::sim::testing {

template <typename P>
const P& recipe(const ZkScript& s, const std::string& name) {
  const auto* p = dynamic_cast<const P*>(s.world().node(s.id(name)).process.get());
  REQUIRE(p != nullptr);
  return *p;
}

inline const core::recipes::ZkLock& lock_of(const ZkScript& s, const std::string& name) {
  return recipe<core::recipes::ZkLockProcess>(s, name).lock();
}

inline std::string seq_of(const std::string& node) { return node.size() >= 10 ? node.substr(node.size() - 10) : node; }

// Three voters, tickTime 2000, 1–3 ms links.
inline std::string ensemble_header() {
  return "tickTime=2000\ninitLimit=5\nsyncLimit=2\n"
         "server.1=zk1:2888:3888\nserver.2=zk2:2888:3888\nserver.3=zk3:2888:3888\n"
         "latency uniform 1ms 3ms\nfsync 2ms\n";
}
inline std::string standalone_header() { return "tickTime=2000\nserver.1=zk1:2888:3888\nlatency uniform 1ms 3ms\nfsync 2ms\n"; }

}  // namespace zoolab::sim::testing
