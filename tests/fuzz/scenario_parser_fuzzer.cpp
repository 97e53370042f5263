// libFuzzer target: any bytes as a scenario file. The parser must never crash, hang or throw
// anything but ScenarioError, and every rejection must name fuzz.zls:LINE:COLUMN with a
// problem and what was expected (the form every error message of the language has).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sim/scenario/parser.h"

namespace {

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// "fuzz.zls:12:7: error: ...; expected ..."
bool names_file_line_column(const std::string& what) {
  constexpr std::string_view kFile = "fuzz.zls:";
  if (what.rfind(kFile, 0) != 0) return false;
  const size_t line_end = what.find(':', kFile.size());
  if (line_end == std::string::npos) return false;
  const size_t col_end = what.find(':', line_end + 1);
  if (col_end == std::string::npos) return false;
  return digits(std::string_view(what).substr(kFile.size(), line_end - kFile.size())) &&
         digits(std::string_view(what).substr(line_end + 1, col_end - line_end - 1)) &&
         what.compare(col_end, 9, ": error: ") == 0 && what.find("; expected ") != std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)zoolab::sim::parse_scenario(text, "fuzz.zls");
  } catch (const zoolab::sim::ScenarioError& e) {
    if (!names_file_line_column(e.what())) {
      std::fprintf(stderr, "rejection without file:line:column: %s\n", e.what());
      std::abort();
    }
  }
  return 0;
}
