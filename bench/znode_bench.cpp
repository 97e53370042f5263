// DataTree benchmarks: create/lookup throughput and structural bytes per znode at 1M znodes.
#include <benchmark/benchmark.h>

#include <string>

#include "core/znode/data_tree.h"

using namespace zoolab::core::zk;

namespace {

void build(DataTree& t, int64_t n) {
  for (int64_t i = 0; i < 1000; ++i)
    t.create_node("/d" + std::to_string(i), std::string("x"), open_acl_unsafe(), 0, -1, i + 1, 0);
  for (int64_t i = 0; i < n - 1000; ++i)
    t.create_node("/d" + std::to_string(i % 1000) + "/n" + std::to_string(i), std::string("data"), open_acl_unsafe(),
                  0, -1, i + 1001, 0);
}

void BM_ZnodeCreate(benchmark::State& state) {
  for (auto _ : state) {
    DataTree t;
    build(t, state.range(0));
    benchmark::DoNotOptimize(t.size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ZnodeCreate)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_ZnodeLookup(benchmark::State& state) {
  DataTree t;
  build(t, 100000);
  int64_t i = 0;
  for (auto _ : state) {
    const std::string p = "/d" + std::to_string(i % 1000) + "/n" + std::to_string(i % 99000);
    benchmark::DoNotOptimize(t.find(p));
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ZnodeLookup);

// Structural bytes per znode at 1M znodes (arena + slot index + ACL table; names and data excluded).
void BM_ZnodeBytesPerNode(benchmark::State& state) {
  for (auto _ : state) {
    DataTree t;
    build(t, 1000000);
    state.counters["bytes_per_znode"] = static_cast<double>(t.structure_bytes()) / static_cast<double>(t.size());
  }
}
BENCHMARK(BM_ZnodeBytesPerNode)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
