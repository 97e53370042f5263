// The `zoolab` subcommands. Each adds itself to the app; its callback stores the process
// exit status in `*status` (0 ok, 1 failed expectations or checks, 2 a broken scenario or
// argument).
#pragma once

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "sim/scenario/value_parse.h"

namespace zoolab::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBrokenInput = 2;

// Seeds are plain unsigned decimal integers; CLI11 alone would wrap "-1" around to 2^64-1.
inline CLI::Validator seed_validator() {
  return CLI::Validator(
      [](std::string& s) {
        return sim::scenario_text::parse_uint(s, UINT64_MAX)
                   ? std::string()
                   : "`" + s + "` is not a seed (a non-negative integer below 2^64)";
      },
      "SEED");
}

void add_run_command(CLI::App& app, int* status);
void add_hashes_command(CLI::App& app, int* status);
void add_check_command(CLI::App& app, int* status);
void add_version_command(CLI::App& app, int* status);
void add_shell_command(CLI::App& app, int* status);
void add_fuzz_command(CLI::App& app, int* status);
void add_compare_locks_command(CLI::App& app, int* status);
void add_compare_registries_command(CLI::App& app, int* status);
void add_lessons_command(CLI::App& app, int* status);
void add_export_command(CLI::App& app, int* status);

}  // namespace zoolab::cli
