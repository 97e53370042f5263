// Saved sessions: a run's (scenario text, seed, interventions) as versioned JSON (cereal), so a
// session replays bit for bit on any machine. A corrupt file is a clear error, never a crash.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/run.h"

namespace zoolab::sim {

constexpr int kSessionFormatVersion = 1;

struct SavedSession {
  std::string scenario_file;  // where it came from (informative)
  std::string scenario_text;  // the whole scenario, so the file stands alone
  uint64_t seed = 1;
  std::vector<Intervention> interventions;
};

// "FILE: error: <what is wrong>"
class SessionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Node names are written instead of ids; `scenario` resolves them.
std::string session_to_json(const SavedSession& s, const Scenario& scenario);
// Parses and validates (format, version, actions, node names against the embedded scenario).
SavedSession session_from_json(std::string_view json, const std::string& file_label);

}  // namespace zoolab::sim
