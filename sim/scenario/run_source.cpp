// Opening files, lessons and saved sessions by the name the user typed.
#include "sim/scenario/run_source.h"

#include <cstdlib>
#include <filesystem>

#include "sim/scenario/lesson_catalog.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/session_io.h"

#ifndef ZOOLAB_SCENARIOS_DIR
#define ZOOLAB_SCENARIOS_DIR "scenarios"
#endif

namespace zoolab::sim {

std::string default_lessons_root() {
  // The environment is read only here, at the edge: which folder to list is not part of a run.
  const char* env = std::getenv("ZOOLAB_LESSONS");
  if (env != nullptr && *env != '\0') return env;
  return ZOOLAB_SCENARIOS_DIR;
}

RunSource load_run_source(const std::string& arg, const std::string& lessons_root) {
  std::error_code ec;
  std::string path = arg;
  if (!std::filesystem::exists(path, ec)) {
    const LessonLookup found = find_lesson(list_lessons(lessons_root), arg);
    if (!found.path) {
      if (found.candidates.empty())
        throw std::runtime_error("error: no file or lesson named '" + arg + "' (`zoolab lessons` lists the lessons in " +
                                 lessons_root + ")");
      std::string names;
      for (const std::string& c : found.candidates) names += "\n  " + c;
      throw std::runtime_error("error: '" + arg + "' names more than one lesson; say which:" + names);
    }
    path = *found.path;
  }
  RunSource src;
  src.path = path;
  if (looks_like_session_file(path)) {
    SavedSession saved = load_session_file(path);
    src.scenario = std::make_shared<const Scenario>(
        parse_scenario(saved.scenario_text, path + " (embedded " + saved.scenario_file + ")"));
    src.seed = saved.seed;
    src.interventions = std::move(saved.interventions);
    src.from_session = true;
    return src;
  }
  src.scenario = std::make_shared<const Scenario>(load_scenario(path));
  return src;
}

}  // namespace zoolab::sim
