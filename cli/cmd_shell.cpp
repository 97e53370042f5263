// `zoolab shell [--config FILE.zls] [--redis]`: a zkCli-compatible shell on a simulated standalone
// server, or on the ensemble that the config's server.N lines declare; with --redis a redis-cli.
// Without a terminal it prints no prompt and does not echo, like zkCli without JLine; on a
// terminal it edits lines with libedit and shows the real prompt.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <editline/readline.h>

#include "cli/commands.h"
#include "cli/scenario_files.h"
#include "cli/shell_session.h"
#include "sim/scenario/parser.h"

namespace zoolab::cli {
namespace {

struct ShellArgs {
  std::string config;
  std::optional<uint64_t> seed;
  bool redis = false;
  bool raw = false, no_raw = false;
};

void write_out(core::OutStream s, const std::string& text) {
  std::FILE* f = s == core::OutStream::kErr ? stderr : stdout;
  std::fwrite(text.data(), 1, text.size(), f);
  std::fflush(f);
}

// One line from stdin; libedit on a terminal (with history), plain getline otherwise.
std::optional<std::string> read_line(bool terminal, const std::string& prompt) {
  if (terminal) {
    char* raw = readline(prompt.c_str());
    if (raw == nullptr) return std::nullopt;
    std::string line(raw);
    std::free(raw);
    if (!line.empty()) add_history(line.c_str());
    return line;
  }
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int run_shell(const ShellArgs& args) {
  ShellOptions options;
  options.terminal = isatty(STDIN_FILENO) != 0;
  options.seed = args.seed.value_or(1);
  options.redis = args.redis;
  // Like redis-cli: raw replies when stdout is not a terminal, unless --no-raw.
  options.redis_raw = args.raw || (!args.no_raw && isatty(STDOUT_FILENO) == 0);
  if (!args.config.empty()) {
    try {
      options.config = std::make_shared<const sim::Scenario>(sim::load_scenario(args.config));
    } catch (const sim::ScenarioError& e) {
      std::fprintf(stderr, "%s\n", e.what());
      return kExitBrokenInput;
    }
  }
  try {
    ShellSession shell(options, write_out);
    while (!shell.finished()) {
      const auto line = read_line(options.terminal, shell.prompt());
      if (!line) break;
      shell.handle_line(*line);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "zoolab shell: error: %s\n", e.what());
    return kExitBrokenInput;
  }
  return kExitOk;
}

}  // namespace

void add_shell_command(CLI::App& app, int* status) {
  auto args = std::make_shared<ShellArgs>();
  CLI::App* cmd = app.add_subcommand(
      "shell", "zkCli-compatible shell on a simulated ZooKeeper, standalone or an ensemble (workbench commands start with !)");
  cmd->add_option("--config", args->config, "scenario file whose header configures the server or the ensemble (tickTime, server.N, bug, ...)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--seed", args->seed, "random seed of the simulated world")->check(seed_validator());
  cmd->add_flag("--redis", args->redis,
                "redis-cli on a simulated Redis server r1 (or the --config's Redis machines) instead of zkCli");
  cmd->add_flag("--raw", args->raw, "with --redis: print replies raw, as redis-cli does when stdout is not a terminal");
  cmd->add_flag("--no-raw", args->no_raw, "with --redis: print replies as on a terminal ((integer) 1, \"owner1\", (nil))");
  cmd->callback([args, status] { *status = run_shell(*args); });
}

}  // namespace zoolab::cli
