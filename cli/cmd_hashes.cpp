// `zoolab hashes PATH... [--seeds 1,2,3]`: the trace hash of every scenario run to its end,
// one line each, so two builds (g++, clang++) can be diffed.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/scenario_files.h"
#include "sim/scenario/run.h"

namespace zoolab::cli {
namespace {

namespace fs = std::filesystem;

struct HashesArgs {
  std::vector<std::string> paths;
  std::vector<uint64_t> seeds;
};

// Every .zls file under the paths (files as given, folders recursively), sorted.
std::vector<std::string> scenario_files(const std::vector<std::string>& paths, bool* all_found) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const fs::directory_entry& e : fs::recursive_directory_iterator(p, ec)) {
        if (e.is_regular_file() && e.path().extension() == ".zls")
          files.push_back(e.path().lexically_normal().generic_string());
      }
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(fs::path(p).lexically_normal().generic_string());
    } else {
      fmt::print(stderr, "error: {} is neither a scenario file nor a folder\n", p);
      *all_found = false;
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

int print_hashes(const HashesArgs& args) {
  bool ok = true;
  for (const std::string& file : scenario_files(args.paths, &ok)) {
    const std::shared_ptr<const sim::Scenario> sc = load_or_report(file);
    if (!sc) {
      ok = false;
      continue;
    }
    std::vector<uint64_t> seeds = args.seeds;
    if (seeds.empty()) seeds.push_back(sc->seed.value_or(1));
    for (uint64_t seed : seeds) {
      try {
        sim::Run run(sc, seed, sim::product_processes());
        run.run_to_end();
        fmt::print("{} seed={} events={} trace-hash={}\n", file, seed, run.world().events_fired(),
                   sim::format_hash(run.world().trace_hash()));
      } catch (const std::runtime_error& e) {
        fmt::print(stderr, "{}\n", e.what());
        ok = false;
      }
    }
  }
  return ok ? kExitOk : kExitBrokenInput;
}

}  // namespace

void add_hashes_command(CLI::App& app, int* status) {
  auto args = std::make_shared<HashesArgs>();
  CLI::App* cmd =
      app.add_subcommand("hashes", "Print the trace hash of every scenario under the paths");
  cmd->add_option("paths", args->paths, "Scenario files or folders (searched recursively for .zls)")
      ->required();
  cmd->add_option("--seeds", args->seeds,
                  "Comma-separated seeds (default: each scenario's seed, else 1)")
      ->check(seed_validator())
      ->delimiter(',');
  cmd->callback([args, status] { *status = print_hashes(*args); });
}

}  // namespace zoolab::cli
