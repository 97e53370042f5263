// Scenario loading with the error printed for the user.
#include "cli/scenario_files.h"

#include <fmt/core.h>

#include "sim/scenario/parser.h"

namespace zoolab::cli {

std::shared_ptr<const sim::Scenario> load_or_report(const std::string& path) {
  try {
    return std::make_shared<const sim::Scenario>(sim::load_scenario(path));
  } catch (const sim::ScenarioError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return nullptr;
  }
}

}  // namespace zoolab::cli
