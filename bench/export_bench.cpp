// Export and explanation benchmarks: a finished 3-server run with 50 clients (about 1,700 trace
// records per simulated second of start-up) rendered as an SVG space-time diagram, a Chrome
// trace and JSON Lines, and explained; reports records per second. The run itself is set up
// once, outside the timed loop.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "sim/export/chrome_trace.h"
#include "sim/export/svg_diagram.h"
#include "sim/export/trace_jsonl.h"
#include "sim/scenario/explain.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/run.h"

namespace {

using namespace zoolab;

struct FinishedRun {
  std::unique_ptr<sim::Run> run;
  sim::ExportInput in;
};

const FinishedRun& fifty_clients() {
  static const FinishedRun kRun = [] {
    std::string text = "tickTime=2000\ninitLimit=5\nsyncLimit=2\nserver.1=zk1:2888:3888\n"
                       "server.2=zk2:2888:3888\nserver.3=zk3:2888:3888\nlatency uniform 0.1ms 0.3ms\n";
    for (int i = 1; i <= 50; ++i)
      text += "at " + std::to_string(1000 + i * 10) + "ms client c" + std::to_string(i) + " connect zk" +
              std::to_string(1 + i % 3) + "\n";
    text += "at 3s crash zk3\nat 4s restart zk3\nrun until 10s\n";
    FinishedRun f;
    auto sc = std::make_shared<const sim::Scenario>(sim::parse_scenario(text, "fifty.zls"));
    f.run = std::make_unique<sim::Run>(sc, 1, sim::product_processes());
    f.run->run_to_end();
    f.in.title = "fifty clients";
    f.in.nodes = sim::export_nodes(*f.run);
    f.in.records = &f.run->trace().records;
    return f;
  }();
  return kRun;
}

template <class Render>
void export_bench(benchmark::State& state, Render render) {
  const FinishedRun& f = fifty_clients();
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string out = render(f.in);
    bytes += out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["records_per_s"] = benchmark::Counter(
      static_cast<double>(f.in.records->size() * state.iterations()), benchmark::Counter::kIsRate);
  state.counters["bytes"] = benchmark::Counter(static_cast<double>(bytes) / static_cast<double>(state.iterations()));
}

void BM_ExportSvg(benchmark::State& state) {
  export_bench(state, [](const sim::ExportInput& in) { return sim::export_svg(in); });
}
void BM_ExportChromeTrace(benchmark::State& state) { export_bench(state, sim::export_chrome_trace); }
void BM_ExportJsonl(benchmark::State& state) { export_bench(state, sim::export_jsonl); }

void BM_Explain(benchmark::State& state) {
  const FinishedRun& f = fifty_clients();
  std::vector<std::string> names;
  for (const sim::ExportNode& n : f.in.nodes) names.push_back(n.name);
  size_t lines = 0;
  for (auto _ : state) {
    sim::Explainer ex(sim::quorum_config_of(f.run->scenario()), names);
    for (const sim::TraceRecord& r : *f.in.records) lines += ex.explain(r).size();
  }
  benchmark::DoNotOptimize(lines);
  state.counters["records_per_s"] = benchmark::Counter(
      static_cast<double>(f.in.records->size() * state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_ExportSvg)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExportChromeTrace)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExportJsonl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Explain)->Unit(benchmark::kMillisecond);

}  // namespace
