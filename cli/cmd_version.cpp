// `zoolab version`: the project version this binary was built from.
#include <fmt/core.h>

#include "cli/commands.h"

namespace zoolab::cli {

void add_version_command(CLI::App& app, int* status) {
  app.add_subcommand("version", "Print the ZooLab version")->callback([status] {
    fmt::print("zoolab {}\n", ZOOLAB_VERSION);
    *status = kExitOk;
  });
}

}  // namespace zoolab::cli
