// The scenario the GUI tests share: three heartbeat peers (test processes) with traffic,
// a caption in English and Chinese, a GC pause and a partition.
#pragma once

#include <memory>

#include "sim/scenario/parser.h"

namespace zoolab::testing {

inline std::shared_ptr<const sim::Scenario> gui_test_scenario() {
  return std::make_shared<const sim::Scenario>(sim::parse_scenario(R"(title GUI test
tickTime=2000
server.1=zk1:2888:3888
server.2=zk2:2888:3888
server.3=zk3:2888:3888
latency 20ms
at 1s say en "Three heartbeat peers ping each other" zh "三个心跳节点互相发送心跳"
at 2s pause zk3 2s
at 3s partition zk1 | zk2 zk3
at 6s heal
run until 10s
)",
                                                                   "gui_test.zls"));
}

}  // namespace zoolab::testing
