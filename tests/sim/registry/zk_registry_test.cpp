// The ZooKeeper registry recipe in scenarios: ephemeral instance nodes, consumers' watched child
// lists, session expiry and re-registration, and CP behaviour on a minority side (vs Eureka).
#include <doctest/doctest.h>

#include "tests/sim/registry/registry_script.h"

namespace zoolab::sim::testing {
namespace {

namespace reg = core::registry;

const std::string kEnsemble =
    "tickTime=2000\ninitLimit=10\nsyncLimit=5\nserver.1=zk1:2888:3888\nserver.2=zk2:2888:3888\nserver.3=zk3:2888:3888\n"
    "latency uniform 0.2ms 1ms\nfsync 1ms\n";
const std::string kArgs = " app=orders shuffle=false timeout=6000";

std::string zk_world() {
  return kEnsemble + "process p1 zk-registry-client servers=zk1,zk2,zk3" + kArgs + " provider=true consumer=false\n" +
         "process p2 zk-registry-client servers=zk2,zk3,zk1" + kArgs + " provider=true consumer=false\n" +
         "process c1 zk-registry-client servers=zk3,zk1,zk2" + kArgs + " provider=false consumer=true\n";
}

TEST_CASE("zk registry: a consumer sees a crashed provider's node vanish after the session timeout") {
  RegistryScript s(zk_world() + "at 10s crash p1\nrun until 30s\n");
  s.until_s(5);
  CHECK(s.sees("c1") == std::vector<std::string>{"p1", "p2"});
  CHECK(s.process<reg::ZkRegistryClient>("p1").registration() == reg::ZkRegistrationState::kRegistered);
  CHECK(s.process<reg::ZkRegistryClient>("c1").watch_state() == reg::ZkWatchState::kWatching);
  s.until_s(15.5);
  CHECK(s.lists("c1", "p1"));  // the session (6 s) has not expired yet
  s.until_s(25);
  CHECK(s.sees("c1") == std::vector<std::string>{"p2"});
  CHECK(s.sees("zk2") == std::vector<std::string>{"p2"});
  // The watch delivered it: the cache changed 6 s + at most two ticks after the crash.
  const auto& h = s.process<reg::ZkRegistryClient>("c1").stats().cache_history;
  const core::Duration lag = h.back().at - core::Time{core::seconds(10).ns};
  CHECK(lag >= core::seconds(6));
  CHECK(lag <= core::milliseconds(10500));
}

TEST_CASE("zk registry: a provider whose session expired registers again with a new session") {
  RegistryScript s(zk_world() + "at 10s partition p1 | zk1,zk2,zk3,p2,c1\nat 25s heal\nrun until 45s\n");
  s.until_s(9);
  const core::zk::SessionId first = s.process<reg::ZkRegistryClient>("p1").client().session_id();
  s.until_s(24);
  CHECK_FALSE(s.lists("c1", "p1"));  // expired on the ensemble: the ephemeral is gone
  s.until_s(44);
  const auto& p1 = s.process<reg::ZkRegistryClient>("p1");
  CHECK(p1.registration() == reg::ZkRegistrationState::kRegistered);
  CHECK(p1.sessions_opened() == 2);
  CHECK(p1.client().session_id() != first);
  CHECK(s.lists("c1", "p1"));
}

TEST_CASE("CP vs AP: a minority-partitioned ZooKeeper server refuses a registration that Eureka accepts") {
  SUBCASE("ZooKeeper: p9 can only reach zk1, which has lost the quorum") {
    RegistryScript s(zk_world() + "process p9 zk-registry-client servers=zk1" + kArgs + " provider=true consumer=false\n" +
                     "at 10s partition zk1,p9 | zk2,zk3,p1,p2,c1\nat 25s start p9\nat 60s heal\nrun until 80s\n");
    s.until_s(59);
    CHECK(s.process<reg::ZkRegistryClient>("p9").registration() != reg::ZkRegistrationState::kRegistered);
    CHECK_FALSE(s.lists("c1", "p9"));
    CHECK_FALSE(s.lists("zk2", "p9"));
    s.until_s(79);  // after the heal zk1 rejoins and the registration goes through
    CHECK(s.process<reg::ZkRegistryClient>("p9").registration() == reg::ZkRegistrationState::kRegistered);
    CHECK(s.lists("c1", "p9"));
  }
  SUBCASE("Eureka: p9 registers at e1 on the minority side and e1 serves it") {
    RegistryScript s("process e1 eureka peers=e2,e3\nprocess e2 eureka peers=e1,e3\nprocess e3 eureka peers=e1,e2\n"
                     "process p1 eureka-client servers=e2,e3 app=orders fetch=false\n"
                     "process p9 eureka-client servers=e1 app=orders fetch=false\n"
                     "process c1 eureka-client servers=e2,e3 app=orders register=false\n"
                     "latency uniform 0.2ms 1ms\nat 10s partition e1,p9 | e2,e3,p1,c1\nat 25s start p9\nrun until 60s\n");
    s.until_s(30);
    CHECK(s.process<reg::EurekaClient>("p9").state() == reg::EurekaClientState::kUp);
    CHECK(s.lists("e1", "p9"));
    CHECK_FALSE(s.lists("e2", "p9"));  // not replicated across the cut
  }
}

TEST_CASE("zk registry: expectations in a scenario file") {
  RegistryScript s(zk_world() + "at 5s expect registry c1 orders == 2\n+0s expect registered p1\n+0s expect registry-has zk1 orders p2\n"
                                "at 10s crash p1\n+0s expect registry-lacks c1 orders p1 within 10s\nrun until 25s\n");
  s.until_s(25);
  REQUIRE(s.run().expect_results().size() == 4);
  s.expects_pass();
}

}  // namespace
}  // namespace zoolab::sim::testing
