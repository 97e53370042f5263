// Scenario, lesson and session loading with the error printed for the user.
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

std::optional<RunSource> load_source_or_report(const std::string& arg) {
  try {
    return sim::load_run_source(arg);
  } catch (const std::exception& e) {  // ScenarioError, SessionError, no such lesson
    fmt::print(stderr, "{}\n", e.what());
    return std::nullopt;
  }
}

}  // namespace zoolab::cli
