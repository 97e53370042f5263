// `zoolab check FILE...`: parses scenario files without running them.
#include <memory>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli/commands.h"
#include "sim/scenario/parser.h"

namespace zoolab::cli {

void add_check_command(CLI::App& app, int* status) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd =
      app.add_subcommand("check", "Parse scenario files and report the first error of each");
  cmd->add_option("files", *files, "Scenario files (.zls)")->required();
  cmd->callback([files, status] {
    *status = kExitOk;
    for (const std::string& file : *files) {
      try {
        sim::load_scenario(file);
        fmt::print("ok {}\n", file);
      } catch (const sim::ScenarioError& e) {
        fmt::print(stderr, "{}\n", e.what());
        *status = kExitFailed;
      }
    }
  });
}

}  // namespace zoolab::cli
