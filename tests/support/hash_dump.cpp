// Prints the trace hash of every scenario under the given paths, run with the test processes
// (which send traffic over random-latency links), for comparing builds from different compilers.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sim/scenario/parser.h"
#include "sim/scenario/run.h"
#include "tests/support/test_processes.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (fs::is_directory(argv[i])) {
      for (const auto& e : fs::recursive_directory_iterator(argv[i]))
        if (e.path().extension() == ".zls") files.push_back(e.path().string());
    } else {
      files.push_back(argv[i]);
    }
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    auto sc = std::make_shared<const zoolab::sim::Scenario>(zoolab::sim::load_scenario(f));
    for (uint64_t seed : {1, 2, 3}) {
      zoolab::sim::Run run(sc, seed, zoolab::testing::test_processes());
      run.run_to_end();
      std::printf("%s seed=%llu events=%llu trace-hash=%s\n", f.c_str(), static_cast<unsigned long long>(seed),
                  static_cast<unsigned long long>(run.world().events_fired()),
                  zoolab::sim::format_hash(run.world().trace_hash()).c_str());
    }
  }
  return files.empty() ? 1 : 0;
}
