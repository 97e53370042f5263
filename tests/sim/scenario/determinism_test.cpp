// Same scenario, same seed, same trace: every file in scenarios/ runs twice per seed, with the
// product's programs and with the heartbeat test processes, and the trace hashes must agree.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "sim/scenario/parser.h"
#include "sim/scenario/run.h"
#include "tests/support/test_processes.h"

namespace zoolab::sim {
namespace {

struct Outcome {
  uint64_t hash = 0;
  uint64_t records = 0;
  uint64_t events = 0;
};

Outcome run_once(const std::shared_ptr<const Scenario>& sc, uint64_t seed,
                 const ProcessRegistry& registry) {
  Run run(sc, seed, registry);
  run.run_to_end();
  CHECK(run.trace().records.size() == run.world().record_count());
  return {run.world().trace_hash(), run.world().record_count(), run.world().events_fired()};
}

std::vector<std::filesystem::path> all_scenarios() {
  std::vector<std::filesystem::path> files;
  for (const auto& e :
       std::filesystem::recursive_directory_iterator(ZOOLAB_SOURCE_DIR "/scenarios")) {
    if (e.path().extension() == ".zls") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST_CASE("every scenario replays bit for bit, per seed and registry") {
  const auto files = all_scenarios();
  REQUIRE(files.size() >= 3);
  for (const auto& file : files) {
    const auto sc = std::make_shared<const Scenario>(load_scenario(file.string()));
    for (const ProcessRegistry* registry : {&product_processes(), &testing::test_processes()}) {
      for (uint64_t seed : {1, 2, 3}) {
        CAPTURE(file.string());
        CAPTURE(seed);
        const Outcome first = run_once(sc, seed, *registry);
        const Outcome second = run_once(sc, seed, *registry);
        CHECK(first.hash == second.hash);
        CHECK(first.records == second.records);
        CHECK(first.events == second.events);
        CHECK(first.records > 0);
      }
    }
  }
}

TEST_CASE("a copied scenario parsed again gives the same hash") {
  const auto file = all_scenarios().front();
  const auto a = std::make_shared<const Scenario>(load_scenario(file.string()));
  const auto b = std::make_shared<const Scenario>(load_scenario(file.string()));
  CHECK(run_once(a, 7, testing::test_processes()).hash ==
        run_once(b, 7, testing::test_processes()).hash);
}

TEST_CASE("the seed matters where latency is random") {
  // faults-tour.zls draws link latencies from normal and long-tail models; the heartbeats'
  // traffic samples them, so different seeds must give different traces.
  const auto sc = std::make_shared<const Scenario>(
      load_scenario(ZOOLAB_SOURCE_DIR "/scenarios/foundation/faults-tour.zls"));
  std::set<uint64_t> hashes;
  for (uint64_t seed : {1, 2, 3})
    hashes.insert(run_once(sc, seed, testing::test_processes()).hash);
  CHECK(hashes.size() == 3);
}

}  // namespace
}  // namespace zoolab::sim
