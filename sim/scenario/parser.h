// Reads .zls scenario text (docs/scenario-language.md) into a Scenario, or explains what is wrong.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/scenario/scenario.h"

namespace zoolab::sim {

// A broken scenario file. what() is "FILE:LINE:COL: error: <problem>; expected <expectation>".
class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(SourceLoc loc, std::string problem, std::string expected);

  const SourceLoc& loc() const { return loc_; }
  const std::string& problem() const { return problem_; }
  const std::string& expected() const { return expected_; }

 private:
  SourceLoc loc_;
  std::string problem_;
  std::string expected_;
};

// Parses a whole scenario; `file_name` only labels error messages and Scenario::file.
// Throws ScenarioError and nothing else, whatever the input bytes are.
Scenario parse_scenario(std::string_view text, std::string file_name);

// Reads and parses a file (ScenarioError also when it cannot be read).
Scenario load_scenario(const std::string& path);

}  // namespace zoolab::sim
