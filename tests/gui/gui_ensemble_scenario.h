// The ensemble scenario of the GUI tests: three real quorum peers started one second apart
// (zk1 alone cannot elect; with zk2 the higher id wins, zk3 joins the leader), then a zkCli
// client writes two znodes through the ensemble. No `expect` lines: the test checks the views.
#pragma once

#include <memory>

#include "sim/scenario/parser.h"

namespace zoolab::testing {

inline constexpr const char* kGuiEnsembleScenario = R"(title GUI ensemble test
tickTime=2000
initLimit=5
syncLimit=2
server.1=zk1:2888:3888
server.2=zk2:2888:3888
server.3=zk3:2888:3888
latency uniform 0.1ms 0.3ms
fsync 1ms
at 0s start zk1
at 1s start zk2
at 2s start zk3
at 4s client c1 connect zk1,zk2,zk3 timeout 10000
at 5s c1: create /a hello
at 5100ms c1: create /b x
run until 8s
)";

inline std::shared_ptr<const sim::Scenario> gui_ensemble_scenario() {
  return std::make_shared<const sim::Scenario>(
      sim::parse_scenario(kGuiEnsembleScenario, "gui_ensemble.zls"));
}

}  // namespace zoolab::testing
