// Scenario files: split into header and timeline, parse each, report the first error.
#include "sim/scenario/parser.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/scenario/header_parser.h"
#include "sim/scenario/lexer.h"
#include "sim/scenario/timeline_parser.h"

namespace zoolab::sim {

ScenarioError::ScenarioError(SourceLoc loc, std::string problem, std::string expected)
    : std::runtime_error(loc.str() + ": error: " + problem + "; expected " + expected),
      loc_(std::move(loc)),
      problem_(std::move(problem)),
      expected_(std::move(expected)) {}

Scenario parse_scenario(std::string_view text, std::string file_name) {
  using namespace scenario_text;
  Scenario sc;
  sc.file = std::move(file_name);
  const std::vector<Line> lines = split_lines(text, sc.file);
  // The header is everything before the first timeline line; later header lines are errors
  // that the timeline parser explains.
  std::vector<const Line*> header, timeline;
  for (const Line& line : lines)
    (timeline.empty() && !is_timeline_line(line) ? header : timeline).push_back(&line);
  parse_header(header, sc.file, sc);
  parse_timeline(timeline, sc.file, sc);
  sc.source = std::string(text);
  return sc;
}

Scenario load_scenario(const std::string& path) {
  std::error_code ec;
  std::ifstream in;
  if (std::filesystem::is_regular_file(path, ec)) in.open(path, std::ios::binary);
  if (!in.is_open()) {
    throw ScenarioError(SourceLoc{path, 1, 1}, "cannot read the file",
                        "a readable .zls scenario file");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path);
}

}  // namespace zoolab::sim
