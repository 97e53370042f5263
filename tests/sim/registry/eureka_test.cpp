// The Eureka-like AP registry in scenarios: lease eviction, self-preservation, peer replication
// under a partition and convergence after it, and acceptance of writes on a minority side.
#include <doctest/doctest.h>

#include "tests/sim/registry/registry_script.h"

namespace zoolab::sim::testing {
namespace {

namespace reg = core::registry;

// Three peers; providers rotate their server lists; c1 (on e1) and c2 (on e2) consume.
std::string cluster(int providers, const std::string& server_args = "") {
  std::string t = "process e1 eureka peers=e2,e3" + server_args + "\nprocess e2 eureka peers=e1,e3" + server_args +
                  "\nprocess e3 eureka peers=e1,e2" + server_args + "\n";
  const char* lists[] = {"e1,e2,e3", "e2,e3,e1", "e3,e1,e2"};
  for (int i = 1; i <= providers; ++i)
    t += "process p" + std::to_string(i) + " eureka-client servers=" + lists[(i - 1) % 3] + " app=orders fetch=false\n";
  t += "process c1 eureka-client servers=e1,e2,e3 app=orders register=false\n";
  t += "process c2 eureka-client servers=e2,e3,e1 app=orders register=false\n";
  return t + "latency uniform 1ms 2ms\n";
}

TEST_CASE("eureka: a crashed provider is evicted only after its lease (twice 90 s with Eureka's lease bug)") {
  RegistryScript s(cluster(8) + "at 40s crash p1\nrun until 400s\n");
  s.until_s(35);
  CHECK(s.sees("c1").size() == 8);
  CHECK(s.process<reg::EurekaClient>("p1").state() == reg::EurekaClientState::kUp);
  // p1 last renewed at 30 s; with the bug its lease runs until 30 + 2*90 = 210 s.
  s.until_s(205);
  CHECK(s.lists("e1", "p1"));
  CHECK(s.lists("c1", "p1"));  // the consumer's cache is staler still
  s.until_s(300);              // evicted at the first eviction run after 210 s (240 s)
  CHECK_FALSE(s.lists("e1", "p1"));
  CHECK_FALSE(s.lists("e2", "p1"));
  CHECK(s.sees("e3").size() == 7);
  s.until_s(330);  // and the next fetch brings the news
  CHECK_FALSE(s.lists("c1", "p1"));
  CHECK_FALSE(s.lists("c2", "p1"));
  CHECK_FALSE(s.process<reg::EurekaServer>("e1").self_preservation_on());
}

TEST_CASE("eureka: without the lease bug eviction follows 90 s after the last renewal") {
  RegistryScript s(cluster(8, " lease-bug=false") + "at 40s crash p1\nrun until 200s\n");
  s.until_s(115);
  CHECK(s.lists("e1", "p1"));  // 30 + 90 = 120 s
  s.until_s(185);              // evicted at 180 s
  CHECK_FALSE(s.lists("e1", "p1"));
  CHECK(s.process<reg::EurekaServer>("e1").view().evicted_total == 1);
}

TEST_CASE("eureka: self-preservation stops eviction when more than 15% of renewals are lost") {
  // e1 is cut from everything: no renewals reach it, directly or replicated. p1 dies meanwhile.
  RegistryScript s(cluster(8) + "at 100s partition e1 | e2,e3,p1,p2,p3,p4,p5,p6,p7,p8,c1,c2\n+0s crash p1\nrun until 420s\n");
  s.until_s(99);
  CHECK_FALSE(s.process<reg::EurekaServer>("e1").self_preservation_on());
  s.until_s(200);
  const auto v = s.process<reg::EurekaServer>("e1").view();
  CHECK(v.self_preservation_on);
  CHECK(v.renews_last_min < v.renews_threshold);
  CHECK(v.renews_threshold == 8 * 2 * 85 / 100);
  bool banner = false;
  for (const TraceRecord& r : s.run().trace().records) banner = banner || r.text.find("EMERGENCY! EUREKA MAY BE INCORRECTLY") != std::string::npos;
  CHECK(banner);
  s.until_s(410);
  // e2 and e3 evicted p1 (one dead provider of eight is under 15%); e1 keeps every lease.
  CHECK_FALSE(s.lists("e2", "p1"));
  CHECK(s.sees("e1").size() == 8);
  CHECK(s.process<reg::EurekaServer>("e1").self_preservation_on());
  CHECK_FALSE(s.process<reg::EurekaServer>("e2").self_preservation_on());
}

TEST_CASE("eureka: partitioned peers serve different views (AP) and converge after the heal") {
  // During a peer partition p9 registers at e1 only; c1 (e1) sees it, c2 (e2) does not.
  RegistryScript s(cluster(3) + "process p9 eureka-client servers=e1 app=orders fetch=false\n"
                   "at 50s partition e1,p9,c1 | e2,e3,c2\n+10s start p9\nat 110s heal\nrun until 200s\n");
  s.until_s(105);
  CHECK(s.lists("e1", "p9"));
  CHECK(s.lists("c1", "p9"));
  CHECK_FALSE(s.lists("e2", "p9"));
  CHECK_FALSE(s.lists("c2", "p9"));
  CHECK(s.process<reg::EurekaClient>("p9").state() == reg::EurekaClientState::kUp);
  // After the heal p9's next renewal is replicated; e2 and e3 answer 404 and e1 registers it there.
  s.until_s(180);
  CHECK(s.lists("e2", "p9"));
  CHECK(s.lists("e3", "p9"));
  CHECK(s.lists("c2", "p9"));
  CHECK(s.sees("e1") == s.sees("e2"));
  bool repaired = false;
  for (const TraceRecord& r : s.run().trace().records) repaired = repaired || r.text.find("(404): registering it there") != std::string::npos;
  CHECK(repaired);
}

TEST_CASE("eureka: a restarted server relearns its registry from renewals (404 -> register)") {
  RegistryScript s(cluster(3) + "at 40s restart e1\nrun until 120s\n");
  s.until_s(41);
  CHECK(s.sees("e1").empty());
  s.until_s(100);
  CHECK(s.sees("e1").size() == 3);
}

TEST_CASE("eureka: expectations in a scenario file") {
  RegistryScript s(cluster(8) +
                   "at 35s expect registry c1 orders == 8\n+0s expect registered p1\n+0s expect registry-has e2 orders p4\n"
                   "at 100s partition e1 | e2,e3,p1,p2,p3,p4,p5,p6,p7,p8,c1,c2\n"
                   "+0s expect self-preservation e1 == off\n+0s expect self-preservation e1 == on within 100s\n"
                   "run until 220s\n");
  s.until_s(220);
  REQUIRE(s.run().expect_results().size() == 5);
  s.expects_pass();
}

}  // namespace
}  // namespace zoolab::sim::testing
