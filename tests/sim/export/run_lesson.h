// Runs a shipped lesson to its end for the export and explain tests.
#pragma once

#include <memory>
#include <string>

#include "sim/export/export_input.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/run.h"

namespace zoolab::testing {

inline std::unique_ptr<sim::Run> run_lesson(const std::string& name, uint64_t seed = 1) {
  auto sc = std::make_shared<const sim::Scenario>(
      sim::load_scenario(std::string(ZOOLAB_SOURCE_DIR) + "/scenarios/" + name));
  auto run = std::make_unique<sim::Run>(sc, seed, sim::product_processes());
  run->run_to_end();
  return run;
}

inline sim::ExportInput export_input(const sim::Run& run) {
  sim::ExportInput in;
  in.title = run.scenario().title;
  in.scenario = run.scenario().file;
  in.seed = run.seed();
  in.nodes = sim::export_nodes(run);
  in.records = &run.trace().records;
  return in;
}

}  // namespace zoolab::testing
