// The lock and registry scenarios of the GUI tests. Redis: the seeds' problem 2 (w1's 8 s
// critical section outlives its 5 s lease, w2 takes the lock: two holders, one lost update) next
// to two compare-and-delete workers looping on another key (many short holder spans). ZooKeeper:
// a standalone server with three sequential-lock workers (a waiting chain), two naive-lock
// workers (both watch one node) and a zk-lock program. Registry: two Eureka servers with two
// providers and a consumer, a ZooKeeper registry provider and consumer; one provider of each
// kind crashes at 40 s, so both registries list a dead instance for a while (stale entries).
// No `expect` lines: the tests check the views.
#pragma once

#include <memory>

#include "sim/scenario/parser.h"

namespace zoolab::testing {

inline constexpr const char* kGuiRedisLockScenario = R"(title GUI Redis lock test
seed 1
latency uniform 200us 1ms
process r1 redis
process res resource
process res2 resource fencing=on
process w1 lock-worker lock=redis-set-nx-ex redis=r1 resource=res lease=5s hold=200ms slow-at=0s slow-hold=8s iterations=1
process w2 lock-worker lock=redis-set-nx-ex redis=r1 resource=res lease=5s hold=4s start=100ms iterations=1
process c1 lock-worker lock=redis-cad key=lock2 redis=r1 resource=res2 lease=5s hold=50ms..150ms
process c2 lock-worker lock=redis-cad key=lock2 redis=r1 resource=res2 lease=5s hold=50ms..150ms start=20ms
run until 12s
)";

inline constexpr const char* kGuiZkLockScenario = R"(title GUI ZooKeeper lock test
tickTime=2000
server.1=zk1:2888:3888
seed 1
latency uniform 200us 1ms
fsync 1ms
process res resource
process w1 lock-worker lock=zk-seq-lock servers=zk1 timeout=4000 resource=res hold=3s start=1s iterations=1
process w2 lock-worker lock=zk-seq-lock servers=zk1 timeout=4000 resource=res hold=1s start=1100ms iterations=1
process w3 lock-worker lock=zk-seq-lock servers=zk1 timeout=4000 resource=res hold=1s start=1200ms iterations=1
process n1 lock-worker lock=zk-naive-lock path=/locks/naive servers=zk1 timeout=4000 hold=3s start=1s iterations=1
process n2 lock-worker lock=zk-naive-lock path=/locks/naive servers=zk1 timeout=4000 hold=1s start=1100ms iterations=1
process n3 lock-worker lock=zk-naive-lock path=/locks/naive servers=zk1 timeout=4000 hold=1s start=1200ms iterations=1
process p1 zk-lock servers=zk1 path=/ParentLock timeout=4000 start=1000
process p2 zk-lock servers=zk1 path=/ParentLock timeout=4000 start=1300
run until 10s
)";

inline constexpr const char* kGuiRegistryScenario = R"(title GUI registry test
tickTime=2000
server.1=zk1:2888:3888
seed 1
latency uniform 1ms 2ms
fsync 1ms
process e1 eureka peers=e2
process e2 eureka peers=e1
process p1 eureka-client servers=e1,e2 app=orders instance=orders-1 fetch=false
process p2 eureka-client servers=e2,e1 app=orders instance=orders-2 fetch=false
process c1 eureka-client servers=e1,e2 app=orders register=false
process z1 zk-registry-client servers=zk1 app=orders instance=orders-z1 provider=true consumer=false timeout=30000
process z2 zk-registry-client servers=zk1 app=orders instance=orders-z2 provider=true consumer=true timeout=30000
at 40s crash p1
+0s crash z1
run until 70s
)";

inline std::shared_ptr<const sim::Scenario> gui_redis_lock_scenario() {
  return std::make_shared<const sim::Scenario>(
      sim::parse_scenario(kGuiRedisLockScenario, "gui_redis_lock.zls"));
}
inline std::shared_ptr<const sim::Scenario> gui_zk_lock_scenario() {
  return std::make_shared<const sim::Scenario>(
      sim::parse_scenario(kGuiZkLockScenario, "gui_zk_lock.zls"));
}
inline std::shared_ptr<const sim::Scenario> gui_registry_scenario() {
  return std::make_shared<const sim::Scenario>(
      sim::parse_scenario(kGuiRegistryScenario, "gui_registry.zls"));
}

}  // namespace zoolab::testing
