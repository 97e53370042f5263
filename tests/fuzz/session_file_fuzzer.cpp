// libFuzzer target: any bytes as a saved session file. Loading must never crash and must refuse
// anything it cannot replay with a SessionError that names the file.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sim/scenario/session_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  try {
    (void)zoolab::sim::session_from_json(json, "fuzz.json");
  } catch (const zoolab::sim::SessionError& e) {
    if (std::string_view(e.what()).rfind("fuzz.json", 0) != 0) {
      std::fprintf(stderr, "rejection without the file name: %s\n", e.what());
      std::abort();
    }
  }
  return 0;
}
