// Loading scenarios for the CLI: parse errors go to stderr in the file:line:col form.
#pragma once

#include <memory>
#include <string>

#include "sim/scenario/scenario.h"

namespace zoolab::cli {

// The parsed scenario, or null after printing why it is broken.
std::shared_ptr<const sim::Scenario> load_or_report(const std::string& path);

}  // namespace zoolab::cli
