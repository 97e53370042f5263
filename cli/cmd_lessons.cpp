// `zoolab lessons`: the lesson library by topic, one line per lesson with its title.
#include <memory>
#include <string>

#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/scenario_files.h"
#include "sim/scenario/lesson_catalog.h"

namespace zoolab::cli {
namespace {

struct LessonsArgs {
  std::string lang = "en";
  std::string topic;
  std::string root;
};

int list(const LessonsArgs& args) {
  const std::string root = args.root.empty() ? lessons_root() : args.root;
  const std::vector<sim::LessonEntry> lessons = sim::list_lessons(root);
  if (lessons.empty()) {
    fmt::print(stderr, "error: no lessons (.zls files) under {}\n", root);
    return kExitBrokenInput;
  }
  size_t width = 0;
  for (const sim::LessonEntry& e : lessons) width = std::max(width, e.name.size());
  std::string topic = "\x01";
  size_t shown = 0, broken = 0;
  for (const sim::LessonEntry& e : lessons) {
    if (!args.topic.empty() && e.topic != args.topic) continue;
    if (e.topic != topic) {
      topic = e.topic;
      fmt::print("{}{}\n", shown == 0 ? "" : "\n", topic.empty() ? (args.lang == "zh" ? "（其他）" : "(other)") : topic);
    }
    const std::string& title = args.lang == "zh" && !e.title_zh.empty() ? e.title_zh : e.title;
    fmt::print("  {:<{}}  {}\n", e.name, width, e.error.empty() ? title : "BROKEN: " + e.error);
    ++shown;
    if (!e.error.empty()) ++broken;
  }
  if (shown == 0) {
    fmt::print(stderr, "error: no lessons in topic '{}'\n", args.topic);
    return kExitBrokenInput;
  }
  if (args.lang == "zh")
    fmt::print("\n共 {} 个课程。在终端播放：zoolab run 名称 --lang zh --narrate [--explain]；"
               "在窗口中观看：zoolab gui 名称 --lang zh\n", shown);
  else
    fmt::print("\n{} lessons. Play one: zoolab run NAME [--lang en|zh] [--narrate] [--explain]; "
               "watch one: zoolab gui NAME\n", shown);
  return broken == 0 ? kExitOk : kExitFailed;
}

}  // namespace

void add_lessons_command(CLI::App& app, int* status) {
  auto args = std::make_shared<LessonsArgs>();
  CLI::App* cmd = app.add_subcommand("lessons", "List the lesson library by topic, with each lesson's title");
  cmd->add_option("--lang", args->lang, "Title language: en or zh")->check(CLI::IsMember({"en", "zh"}));
  cmd->add_option("--topic", args->topic, "Only this topic (election, zab, locks, ...)");
  cmd->add_option("--root", args->root, "Lesson folder (default: $ZOOLAB_LESSONS, else the repo's scenarios/)");
  cmd->callback([args, status] { *status = list(*args); });
}

}  // namespace zoolab::cli
