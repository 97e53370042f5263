// What a user names to play: a scenario file, a lesson of the lesson library ("startup-1-2-3",
// "election/startup-1-2-3") or a saved session (.json: scenario + seed + interventions). The CLI
// and the GUI open all three the same way.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/scenario/run.h"
#include "sim/scenario/scenario.h"

namespace zoolab::sim {

struct RunSource {
  std::string path;  // the file actually read
  std::shared_ptr<const Scenario> scenario;
  std::optional<uint64_t> seed;              // a saved session's seed
  std::vector<Intervention> interventions;   // a saved session's interventions
  bool from_session = false;
};

// The lesson library folder: $ZOOLAB_LESSONS when set, else the source tree's scenarios/.
std::string default_lessons_root();

// `arg` as a file, else as a lesson name under `lessons_root`. Throws ScenarioError (a broken
// scenario: FILE:line:col), SessionError (a broken session file) or std::runtime_error (no such
// file or lesson, or an ambiguous name; the message lists the candidates).
RunSource load_run_source(const std::string& arg, const std::string& lessons_root = default_lessons_root());

}  // namespace zoolab::sim
