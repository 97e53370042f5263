// The `zoolab` subcommands. Each adds itself to the app; its callback stores the process
// exit status in `*status` (0 ok, 1 failed expectations or checks, 2 a broken scenario or
// argument).
#pragma once

#include <CLI/CLI.hpp>

namespace zoolab::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBrokenInput = 2;

void add_run_command(CLI::App& app, int* status);
void add_hashes_command(CLI::App& app, int* status);
void add_check_command(CLI::App& app, int* status);
void add_version_command(CLI::App& app, int* status);

}  // namespace zoolab::cli
