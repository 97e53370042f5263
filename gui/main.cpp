// zoolab-gui: a window onto a ZooLab simulation, or (--screenshot) a headless picture of one.
//
// Exit status: 0 done; 1 no display or a GL failure; 2 bad arguments or a broken scenario.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "gui/app.h"
#include "gui/layout.h"
#include "gui/screenshot.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/run_source.h"
#include "sim/scenario/value_parse.h"

namespace {

using namespace zoolab;

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBrokenInput = 2;

struct Args {
  std::string file;
  std::optional<uint64_t> seed;
  std::string until;
  std::string screenshot;
  int width = 1280;
  int height = 800;
  std::string panel;
  std::string select;
  std::string znode;
  int frames = 3;
  bool play = false;
  std::string save_to;
  std::string lang = "both";
};

std::string panel_names() {
  std::string s;
  for (gui::PanelId id : gui::kAllPanels)
    s += (s.empty() ? "" : ", ") + std::string(gui::panel_name(id));
  return s;
}

int run(const Args& args) {
  // No file: an empty world, so the window still opens and says how to load one. A file may be a
  // scenario, a lesson name or a saved session (its seed and interventions replay as recorded).
  sim::RunSource source;
  source.scenario = std::make_shared<const sim::Scenario>();
  if (!args.file.empty()) {
    try {
      source = sim::load_run_source(args.file);
    } catch (const std::exception& e) {
      fmt::print(stderr, "{}\n", e.what());
      return kExitBrokenInput;
    }
  }
  const std::shared_ptr<const sim::Scenario>& scenario = source.scenario;

  gui::AppOptions options;
  options.width = args.width;
  options.height = args.height;
  options.headless = !args.screenshot.empty();
  options.seed = args.seed.value_or(source.seed.value_or(scenario->seed.value_or(1)));
  options.interventions = source.interventions;
  options.play = args.play && args.screenshot.empty();
  options.caption_lang = args.lang;
  options.source_path = source.path;
  options.session_path = !args.save_to.empty()       ? args.save_to
                         : source.from_session       ? source.path
                         : !source.path.empty()      ? std::filesystem::path(source.path).stem().string() + ".session.json"
                                                     : "";
  std::optional<core::Time> until;
  if (!args.until.empty()) {
    std::string why;
    const auto d = sim::scenario_text::parse_duration(args.until, &why);
    if (!d) {
      fmt::print(stderr, "error: --until: {}; expected {}\n", why,
                 sim::scenario_text::kDurationHint);
      return kExitBrokenInput;
    }
    until = core::Time{d->ns};
  }
  if (!args.panel.empty()) options.only_panel = gui::panel_from_name(args.panel);

  std::unique_ptr<gui::App> app;
  try {
    app = std::make_unique<gui::App>(scenario, sim::product_processes(), options);
  } catch (const gui::GraphicsError& e) {  // no display, no GL 3.3
    fmt::print(stderr, "zoolab-gui: {}\n", e.what());
    return kExitFailed;
  } catch (const std::runtime_error& e) {  // a process kind no program implements
    fmt::print(stderr, "{}\n", e.what());
    return kExitBrokenInput;
  }
  if (!args.select.empty()) {
    const auto node = scenario->find(args.select);
    if (!node) {
      fmt::print(stderr, "error: --select: no machine named '{}' in the scenario\n", args.select);
      return kExitBrokenInput;
    }
    app->execute(gui::SelectNode{*node});
  }
  if (!args.znode.empty()) app->select_znode(args.znode);
  if (until) app->advance_to(*until);  // interactive: open the window at that moment, paused
  if (args.screenshot.empty()) return app->run_interactive();

  const gui::Image image = app->render_still(args.frames);
  if (!gui::write_png(image, args.screenshot)) {
    fmt::print(stderr, "zoolab-gui: cannot write {}\n", args.screenshot);
    return kExitFailed;
  }
  fmt::print("wrote {} ({}x{}, t = {} s, {} events, trace-hash: {})\n", args.screenshot,
             image.width, image.height, core::format_seconds(app->run().world().now()),
             app->run().world().events_fired(), sim::format_hash(app->run().world().trace_hash()));
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{
      "zoolab-gui: watch and steer a ZooLab simulation.\n"
      "Headless: zoolab-gui FILE.zls --until 20s --screenshot out.png (under xvfb-run)"};
  Args args;
  cli.add_option("FILE", args.file,
                 "Scenario file (.zls), lesson name (zoolab lessons) or saved session (.json); "
                 "without one the window opens empty");
  cli.add_flag("--play", args.play, "Start playing at once (the demo)");
  cli.add_option("--lang", args.lang, "Caption language: en, zh or both (default both)")
      ->check(CLI::IsMember({"en", "zh", "both"}));
  cli.add_option("--save-to", args.save_to,
                 "Where Save (Ctrl+S) writes the session (default: NAME.session.json here, or the session opened)");
  cli.add_option("--seed", args.seed, "Seed of the run (default: the scenario's, else 1)");
  cli.add_option("--until", args.until,
                 "Run to this simulated time first (e.g. 10s); interactive mode then opens paused");
  cli.add_option("--screenshot", args.screenshot,
                 "Render headless, write this PNG and exit (needs a display; use xvfb-run)");
  cli.add_option("--width", args.width, "Window width in pixels")->check(CLI::Range(320, 8192));
  cli.add_option("--height", args.height, "Window height in pixels")->check(CLI::Range(240, 8192));
  cli.add_option("--panel", args.panel,
                 "Draw only this panel, over the whole window: " + panel_names())
      ->check(CLI::IsMember([] {
        std::vector<std::string> names;
        for (zoolab::gui::PanelId id : zoolab::gui::kAllPanels)
          names.emplace_back(zoolab::gui::panel_name(id));
        return names;
      }()));
  cli.add_option("--select", args.select, "Show this machine in the inspector (e.g. zk1)");
  cli.add_option("--znode", args.znode, "Show this znode in the znode tree (e.g. /a/b)");
  cli.add_option("--frames", args.frames, "Frames rendered before the screenshot is taken")
      ->check(CLI::Range(1, 100));
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = cli.exit(e);
    return status == 0 ? kExitOk : kExitBrokenInput;
  }
  return run(args);
}
