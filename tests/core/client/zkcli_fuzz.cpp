// libFuzzer entry point for the zkCli interpreter (clang -fsanitize=fuzzer): each input is split
// into lines typed into one shell session.
#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/core/client/zkcli_fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  zoolab::testing::ZkCliFuzzRig rig;
  std::string line;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] != '\n') {
      line += static_cast<char>(data[i]);
      continue;
    }
    if (!rig.feed(line)) return 0;
    line.clear();
  }
  if (!line.empty()) rig.feed(line);
  return 0;
}
