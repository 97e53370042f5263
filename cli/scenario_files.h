// Loading what the user names on the command line (a scenario file, a lesson name, a saved
// session), with the error printed for the user: FILE:line:col or "FILE: error: ...".
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "sim/scenario/run_source.h"
#include "sim/scenario/scenario.h"

namespace zoolab::cli {

using sim::RunSource;

// The parsed scenario, or null after printing why it is broken.
std::shared_ptr<const sim::Scenario> load_or_report(const std::string& path);

// The lesson library folder the CLI lists and searches.
inline std::string lessons_root() { return sim::default_lessons_root(); }

// sim::load_run_source, or nullopt after printing why.
std::optional<RunSource> load_source_or_report(const std::string& arg);

}  // namespace zoolab::cli
