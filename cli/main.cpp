// `zoolab`: the headless ZooLab tool (run, shell, fuzz, hashes, check, version).
#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"ZooLab: a deterministic simulation and teaching workbench for Apache ZooKeeper"};
  app.require_subcommand(1);
  int status = zoolab::cli::kExitOk;
  zoolab::cli::add_run_command(app, &status);
  zoolab::cli::add_hashes_command(app, &status);
  zoolab::cli::add_check_command(app, &status);
  zoolab::cli::add_version_command(app, &status);
  zoolab::cli::add_shell_command(app, &status);
  zoolab::cli::add_fuzz_command(app, &status);
  zoolab::cli::add_compare_locks_command(app, &status);
  zoolab::cli::add_compare_registries_command(app, &status);
  zoolab::cli::add_lessons_command(app, &status);
  zoolab::cli::add_export_command(app, &status);
  CLI11_PARSE(app, argc, argv);
  return status;
}
