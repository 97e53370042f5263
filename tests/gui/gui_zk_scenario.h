// The ZooKeeper scenario of the GUI tests: one real standalone server and two real zkCli
// clients (product processes) that create persistent, ephemeral and container znodes, leave
// data, child and persistent-recursive watches behind, and type one unknown command.
#pragma once

#include <memory>

#include "sim/scenario/parser.h"

namespace zoolab::testing {

inline constexpr const char* kGuiZkScenario = R"(title GUI ZooKeeper test
tickTime=2000
server.1=zk1:2888:3888
at 100ms client c1 connect zk1
at 150ms client c2 connect zk1 timeout 6000
at 300ms c1: create /a hello
at 400ms c1: create -e /e x
at 500ms c1: get -w /a
at 600ms c2: create /b
at 650ms c2: create /b/child ""
at 700ms c2: ls -w /b
at 800ms c2: addWatch -m PERSISTENT_RECURSIVE /b
at 900ms c2: create -c /box
at 950ms c2: create -e /b/eph2 y
at 1s c2: ls -w /a
at 1100ms c2: nosuchcommand
run until 3s
)";

inline std::shared_ptr<const sim::Scenario> gui_zk_scenario() {
  return std::make_shared<const sim::Scenario>(sim::parse_scenario(kGuiZkScenario, "gui_zk.zls"));
}

}  // namespace zoolab::testing
