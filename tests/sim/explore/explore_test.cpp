// Fuzzing: scenario generation is a pure function of the seed, every generated scenario parses,
// swarm faults stay within --faults, the minimiser drops what does not matter, shards partition.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "sim/explore/fuzz_run.h"
#include "sim/explore/generate.h"
#include "sim/explore/minimise.h"
#include "sim/explore/seeds.h"
#include "sim/scenario/parser.h"

namespace ex = zoolab::sim::explore;
using zoolab::core::seconds;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    const size_t nl = std::min(text.find('\n', start), text.size());
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

size_t count_kind(const std::string& text, ex::LineKind kind) {
  size_t n = 0;
  for (const std::string& l : lines_of(text))
    n += ex::classify_line(l) == kind ? 1 : 0;
  return n;
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("generation is a pure function of the seed and the config") {
  const ex::FuzzConfig cfg;
  for (uint64_t seed : {1ULL, 2ULL, 77ULL, 123456789ULL}) {
    const ex::GeneratedScenario a = ex::generate_scenario(seed, cfg);
    const ex::GeneratedScenario b = ex::generate_scenario(seed, cfg);
    CHECK(a.text == b.text);
    CHECK(a.enabled == b.enabled);
    CHECK(contains(a.text, "\nseed " + std::to_string(seed) + "\n"));
  }
  std::set<std::string> texts;
  for (uint64_t seed = 1; seed <= 50; ++seed)
    texts.insert(ex::generate_scenario(seed, cfg).text);
  CHECK(texts.size() == 50);
}

TEST_CASE("every generated scenario parses, with the ensemble, the clients and the probe") {
  for (int servers : {1, 3, 5}) {
    ex::FuzzConfig cfg;
    cfg.servers = servers;
    cfg.duration = seconds(servers == 3 ? 60 : 20);
    for (uint64_t seed = 1; seed <= 150; ++seed) {
      const ex::GeneratedScenario g = ex::generate_scenario(seed, cfg);
      INFO("servers " << servers << " seed " << seed << "\n" << g.text);
      zoolab::sim::Scenario sc;
      REQUIRE_NOTHROW(sc = zoolab::sim::parse_scenario(g.text, "gen.zls"));
      int voters = 0;
      for (const auto& n : sc.nodes)
        voters += n.kind == "zookeeper" ? 1 : 0;
      CHECK(voters == servers);
      CHECK(sc.config.at("tickTime") == "2000");
      CHECK(sc.config.at("initLimit") == "5");
      CHECK(sc.config.at("syncLimit") == "2");
      REQUIRE(sc.seed.has_value());
      CHECK(*sc.seed == seed);
      CHECK(sc.find("probe").has_value());
      CHECK(sc.find("c1").has_value());
      CHECK(sc.until == g.probe.deadline);
      CHECK(g.probe.from == zoolab::core::Time{0} + cfg.duration + seconds(1));
      // Absolute times only, so the minimiser may drop any line.
      for (const std::string& l : lines_of(g.text))
        CHECK_FALSE(l.starts_with("+"));
    }
  }
}

TEST_CASE("swarm faults: a non-empty subset of --faults, and only those kinds appear") {
  std::string why;
  const auto crash_only = ex::parse_fault_kinds("crash", &why);
  REQUIRE(crash_only.has_value());
  ex::FuzzConfig cfg;
  cfg.faults = *crash_only;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    const ex::GeneratedScenario g = ex::generate_scenario(seed, cfg);
    CHECK(g.enabled == *crash_only);
    CHECK(contains(g.text, " crash zk"));
    CHECK_FALSE(contains(g.text, "partition"));
    CHECK_FALSE(contains(g.text, "pause"));
    CHECK_FALSE(contains(g.text, "slow-disk"));
  }
  cfg.faults = ex::all_fault_kinds();
  std::set<std::vector<ex::FaultKind>> subsets;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    const ex::GeneratedScenario g = ex::generate_scenario(seed, cfg);
    CHECK_FALSE(g.enabled.empty());
    subsets.insert(g.enabled);
  }
  CHECK(subsets.size() > 20);  // seeds really differ in what they enable
  cfg.faults.clear();
  const ex::GeneratedScenario quiet = ex::generate_scenario(3, cfg);
  CHECK(quiet.enabled.empty());
  CHECK(count_kind(quiet.text, ex::LineKind::kFault) == 0);
  CHECK(count_kind(quiet.text, ex::LineKind::kWorkload) > 10);
}

TEST_CASE("protocol-bug switches become header keys") {
  ex::FuzzConfig cfg;
  cfg.bugs = {"ack-before-fsync", "commit-without-quorum"};
  const ex::GeneratedScenario g = ex::generate_scenario(4, cfg);
  const zoolab::sim::Scenario sc = zoolab::sim::parse_scenario(g.text, "bug.zls");
  CHECK(sc.config.at("bug.ack-before-fsync") == "on");
  CHECK(sc.config.at("bug.commit-without-quorum") == "on");
}

TEST_CASE("fault-kind lists") {
  std::string why;
  const auto kinds = ex::parse_fault_kinds("gc,crash,power-off,crash", &why);
  REQUIRE(kinds.has_value());
  CHECK(ex::fault_kind_list(*kinds) == "crash,poweroff,pause");
  CHECK(ex::parse_fault_kinds("all", &why)->size() == ex::all_fault_kinds().size());
  CHECK(ex::parse_fault_kinds("none", &why)->empty());
  CHECK_FALSE(ex::parse_fault_kinds("crash,none", &why).has_value());
  CHECK_FALSE(ex::parse_fault_kinds("", &why).has_value());
  CHECK_FALSE(ex::parse_fault_kinds("crash,meteor", &why).has_value());
  CHECK(contains(why, "meteor"));
}

TEST_CASE("line classes for the minimiser") {
  CHECK(ex::classify_line("at 1s crash zk1") == ex::LineKind::kFault);
  CHECK(ex::classify_line("at 1.5s partition zk1 | zk2 zk3") == ex::LineKind::kFault);
  CHECK(ex::classify_line("at 2s slow-disk zk2 off") == ex::LineKind::kFault);
  CHECK(ex::classify_line("at 2s c1: create /a x") == ex::LineKind::kWorkload);
  CHECK(ex::classify_line("at 0s client c1 connect zk1") == ex::LineKind::kFixed);
  CHECK(ex::classify_line("at 2s expect up zk1") == ex::LineKind::kFixed);
  CHECK(ex::classify_line("+1s crash zk1") ==
        ex::LineKind::kFixed);  // relative: dropping moves the rest
  CHECK(ex::classify_line("server.1=zk1:2888:3888") == ex::LineKind::kFixed);
  CHECK(ex::classify_line("# at 1s crash zk1") == ex::LineKind::kFixed);
}

TEST_CASE("the minimiser keeps only the lines the predicate needs, and nothing below the marker") {
  const std::string text =
      "tickTime=2000\n"
      "server.1=zk1:2888:3888\n"
      "at 0s client c1 connect zk1\n"
      "at 1s crash zk1\n"
      "at 1s c1: create /a x\n"
      "at 2s restart zk1\n"
      "at 3s c1: create /b x\n"
      "at 4s pause zk1 1s\n"
      "at 5s c1: get /a\n"
      "at 6s partition zk1 | c1\n"
      "at 7s c1: delete /a\n" +
      std::string(ex::kRecoveryMarker) +
      "\n"
      "at 8s heal\n"
      "at 9s c1: create /live x\n"
      "run until 10s\n";
  size_t calls = 0;
  const auto still_fails = [&](const std::string& t) {
    ++calls;
    return contains(t, "at 1s crash zk1\n") && contains(t, "c1: get /a\n");
  };
  const ex::MinimiseResult r = ex::minimise(text, still_fails);
  CHECK(r.text ==
        "tickTime=2000\n"
        "server.1=zk1:2888:3888\n"
        "at 0s client c1 connect zk1\n"
        "at 1s crash zk1\n"
        "at 5s c1: get /a\n" +
            std::string(ex::kRecoveryMarker) +
            "\n"
            "at 8s heal\n"
            "at 9s c1: create /live x\n"
            "run until 10s\n");
  CHECK(r.dropped_faults == 3);
  CHECK(r.dropped_workload == 3);
  CHECK(r.runs == calls);
  CHECK_FALSE(r.budget_exhausted);

  // Steps after the violation cannot matter: cut them first (but never below the marker).
  const std::string early = ex::drop_lines_after(text, zoolab::core::Time{seconds(5).ns});
  CHECK(contains(early, "at 5s c1: get /a\n"));
  CHECK_FALSE(contains(early, "at 6s partition"));
  CHECK_FALSE(contains(early, "at 7s c1: delete /a"));
  CHECK(contains(early, "at 8s heal\nat 9s c1: create /live x\nrun until 10s\n"));
  CHECK(ex::drop_lines_after(text, zoolab::core::Time{seconds(100).ns}) == text);

  ex::MinimiseOptions tight;
  tight.max_runs = 2;
  const ex::MinimiseResult cut = ex::minimise(text, still_fails, tight);
  CHECK(cut.runs == 2);
  CHECK(cut.budget_exhausted);
  CHECK(still_fails(cut.text));
}

// A real failure: reordering inside connections (not TCP) lets a read overtake a watch event,
// which the watch-order checker reports. The minimiser must keep the reorder line, drop the
// faults that cannot matter (one before anything happens, two after the violation), and its
// result must still fail the same way.
TEST_CASE("minimising a real watch-order violation keeps the cause and drops the noise") {
  std::string text =
      "tickTime=2000\n"
      "server.1=zk1:2888:3888\n"
      "seed 1\n"
      "latency uniform 1ms 30ms\n"
      "at 100ms clock zk1 +1s\n"
      "at 500ms client c1 connect zk1\n"
      "at 600ms client c2 connect zk1\n"
      "at 700ms client c3 connect zk1\n"
      "at 800ms client c4 connect zk1\n"
      "at 1s c1: create /a v0\n"
      "at 1500ms c2: addWatch -m PERSISTENT /a\n"
      "at 2s not-tcp reorder 50%\n";
  for (int i = 1; i <= 10; ++i) {
    const std::string t = "at " + std::to_string(2000 + 200 * i) + "ms ";
    const std::string n = std::to_string(i);
    text += t + "c1: set /a v" + n + "\n" + t + "c3: set /a w" + n + "\n" + t + "c4: set /a x" + n +
            "\n";
    text += "at " + std::to_string(2001 + 200 * i) + "ms c2: get /a\n";
  }
  text += "at 5500ms slow-disk zk1 3ms\nat 5600ms pause zk1 100ms\n" +
          std::string(ex::kRecoveryMarker) + "\nat 5800ms not-tcp off\nrun until 6s\n";
  const ex::LivenessProbe none;
  const ex::SeedOutcome original = ex::run_fuzz_scenario(text, 1, none);
  REQUIRE(original.error.empty());
  REQUIRE(original.violation.has_value());
  CHECK(original.violation->checker == "watch-order");
  CHECK(original.liveness == ex::Liveness::kNotChecked);

  const auto still_fails = [&](const std::string& t) {
    return ex::same_failure(original, ex::run_fuzz_scenario(t, 1, none));
  };
  const ex::MinimiseResult r = ex::minimise(text, still_fails);
  CHECK(still_fails(r.text));
  CHECK(contains(r.text, "at 2s not-tcp reorder 50%"));
  CHECK(contains(r.text, "at 5800ms not-tcp off"));  // below the marker: kept
  CHECK_FALSE(contains(r.text, "clock zk1"));
  CHECK_FALSE(contains(r.text, "slow-disk"));
  CHECK_FALSE(contains(r.text, "pause"));
  CHECK(r.dropped_faults == 3);
  CHECK(r.dropped_workload > 0);
  CHECK(contains(r.text, "c2: get /a"));  // the read that overtook the event
  CHECK(lines_of(r.text).size() < lines_of(text).size());
}

TEST_CASE("a fuzz run is deterministic and the generated scenario runs without error") {
  ex::FuzzConfig cfg;
  cfg.duration = seconds(8);
  cfg.liveness = seconds(15);
  for (uint64_t seed : {1ULL, 2ULL, 3ULL}) {
    const ex::GeneratedScenario g = ex::generate_scenario(seed, cfg);
    const ex::SeedOutcome a = ex::run_seed(g);
    const ex::SeedOutcome b = ex::run_seed(g);
    INFO("seed " << seed << ": " << a.error);
    CHECK(a.error.empty());
    CHECK(a.events > 0);
    CHECK(a.events == b.events);
    CHECK(a.end == b.end);
    CHECK(a.failure_name() == b.failure_name());
    CHECK((a.liveness != ex::Liveness::kNotChecked) == !a.violation.has_value());
  }
}

TEST_CASE("seed sets, shards and workers") {
  std::string why;
  const auto seeds = ex::parse_seed_set("1..10", &why);
  REQUIRE(seeds.has_value());
  CHECK(seeds->size() == 10);
  CHECK(*ex::parse_seed_set("5", &why) == std::vector<uint64_t>{5});
  CHECK(*ex::parse_seed_set("3,1..2,3,9", &why) == std::vector<uint64_t>{3, 1, 2, 9});
  CHECK_FALSE(ex::parse_seed_set("10..1", &why).has_value());
  CHECK_FALSE(ex::parse_seed_set("x", &why).has_value());
  CHECK_FALSE(ex::parse_seed_set("1..", &why).has_value());
  CHECK_FALSE(ex::parse_seed_set("-1", &why).has_value());
  CHECK_FALSE(ex::parse_seed_set("1..1000000000000", &why).has_value());

  CHECK(ex::parse_shard("2/4", &why)->index == 2);
  CHECK(ex::parse_shard("2/4", &why)->count == 4);
  CHECK_FALSE(ex::parse_shard("0/4", &why).has_value());
  CHECK_FALSE(ex::parse_shard("5/4", &why).has_value());
  CHECK_FALSE(ex::parse_shard("2", &why).has_value());

  const std::vector<uint64_t> all = *ex::parse_seed_set("1..1000", &why);
  for (uint64_t n : {1, 3, 7}) {
    std::vector<uint64_t> seen;
    for (uint64_t k = 1; k <= n; ++k) {
      const std::vector<uint64_t> part = ex::shard_seeds(all, ex::Shard{k, n});
      for (size_t i = 0; i < part.size(); ++i)
        CHECK((part[i] - 1) % n == k - 1);  // index % N == K-1
      seen.insert(seen.end(), part.begin(), part.end());
    }
    std::sort(seen.begin(), seen.end());
    CHECK(seen == all);  // disjoint, and together every seed
  }
  const std::vector<uint64_t> shard = ex::shard_seeds(all, ex::Shard{2, 3});
  std::vector<uint64_t> dealt;
  for (uint64_t w = 0; w < 4; ++w) {
    const std::vector<uint64_t> mine = ex::worker_seeds(shard, w, 4);
    dealt.insert(dealt.end(), mine.begin(), mine.end());
  }
  std::sort(dealt.begin(), dealt.end());
  CHECK(dealt == shard);
}
