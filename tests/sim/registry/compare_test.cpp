// The registry comparison: metrics on hand-made histories, the plan parser, and a short run of
// both worlds whose numbers must be sane (ZooKeeper loses writes briefly on a leader crash,
// Eureka keeps answering).
#include <stdexcept>

#include <doctest/doctest.h>

#include "sim/compare/registry_compare.h"

namespace zoolab::sim::compare {
namespace {

namespace reg = core::registry;
using core::milliseconds;
using core::seconds;

Time at_ms(int64_t ms) { return Time{} + milliseconds(ms); }

TEST_CASE("registry metrics: outages are gaps between successes; availability counts probes") {
  reg::ClientStats s;
  for (int64_t t = 0; t <= 2000; t += 100) {
    const bool ok = t < 500 || t >= 1300;
    s.record_probe({reg::ProbeKind::kRegister, at_ms(t), at_ms(t + 2), ok ? reg::ProbeOutcome::kOk : reg::ProbeOutcome::kError, ""});
  }
  const Availability a = availability(s, reg::ProbeKind::kRegister, at_ms(0));
  CHECK(a.total == 21);
  CHECK(a.ok == 13);
  const auto o = outages(s, reg::ProbeKind::kRegister, at_ms(0), at_ms(2100), milliseconds(200));
  REQUIRE(o.size() == 1);
  CHECK(o[0].from == at_ms(402));
  CHECK(o[0].to == at_ms(1302));
  CHECK(longest(o) == milliseconds(900));
  CHECK(overlapping(o, at_ms(1000), at_ms(5000)).size() == 1);
  CHECK(overlapping(o, at_ms(1400), at_ms(5000)).empty());
}

TEST_CASE("registry metrics: staleness and ghost/missing time against the truth") {
  reg::ClientStats s;
  s.record_cache(at_ms(0), {"p2", "p1"});
  s.record_cache(at_ms(9000), {"p2"});
  s.record_cache(at_ms(9500), {"p2"});  // unchanged: not recorded
  CHECK(s.cache_history.size() == 2);
  CHECK(staleness_after(s, "p1", at_ms(5000), false, at_ms(20000)) == milliseconds(4000));
  CHECK_FALSE(staleness_after(s, "p3", at_ms(5000), true, at_ms(20000)).has_value());
  const std::vector<Alive> truth = {{"p1", {{at_ms(0), at_ms(5000)}}}, {"p2", {{at_ms(0), at_ms(30000)}}}, {"p3", {{at_ms(8000), at_ms(30000)}}}};
  const Disagreement d = disagreement(s, truth, at_ms(1000), at_ms(10000));
  CHECK(d.ghost == milliseconds(4000));    // p1 listed from 5 s to 9 s while dead
  CHECK(d.missing == milliseconds(2000));  // p3 alive from 8 s, never listed
  CHECK(median({seconds(3), seconds(1), seconds(2)}) == seconds(2));
}

TEST_CASE("registry plan: names, order, errors") {
  const auto plan = make_plan("leader-crash,provider-crash", at_ms(60000), seconds(30));
  REQUIRE(plan.size() == 2);
  CHECK(plan[0].at == at_ms(60000));
  CHECK(plan[0].until == at_ms(90000));
  CHECK(plan[1].at == at_ms(120000));
  CHECK(make_plan("default", at_ms(0), seconds(30)).size() == 5);
  CHECK(make_plan("all", at_ms(0), seconds(30)).size() == fault_specs().size());
  CHECK_THROWS_AS(make_plan("leader-crash,nonsense", at_ms(0), seconds(1)), std::invalid_argument);
  CHECK_THROWS_AS(make_plan("leader-crash,leader-crash", at_ms(0), seconds(1)), std::invalid_argument);
}

TEST_CASE("compare-registries: a leader crash costs ZooKeeper writes for well under a second, Eureka nothing") {
  CompareOptions o;
  o.seed = 2;
  o.faults = "leader-crash";
  o.duration = seconds(100);
  o.providers = 4;
  const CompareReport r = compare_registries(o);
  REQUIRE(r.zk.faults.size() == 1);
  CHECK(r.zk.faults[0].target == "zk3");  // 1,2,3 start together: zk3 leads epoch 1
  CHECK(r.zk.faults[0].write_outage > milliseconds(150));
  CHECK(r.zk.faults[0].write_outage < seconds(3));  // not the seed's 30-120 s
  CHECK(r.zk.reg.total > 800);
  CHECK(r.zk.reg.percent() > 97.0);
  CHECK(r.eureka.look.percent() == 100.0);
  CHECK(r.eureka.reg.percent() > 99.0);  // the clients on e1 fail over after the reset
  CHECK(r.eureka.faults[0].target == "e1");
  CHECK(r.zk.disagreement.ghost == Duration{});
  const std::string text = format_report(r);
  CHECK(text.find("ZooKeeper (CP)") != std::string::npos);
  CHECK(text.find("Eureka (AP)") != std::string::npos);
  CHECK(text.find("30-120 s") != std::string::npos);
}

}  // namespace
}  // namespace zoolab::sim::compare
