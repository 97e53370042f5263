// The lesson library: the .zls files under a scenarios folder, found by name
// ("election/startup-1-2-3" or just "startup-1-2-3"), with their titles for `zoolab lessons`.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace zoolab::sim {

struct LessonEntry {
  std::string name;   // path under the root without ".zls": "election/startup-1-2-3"
  std::string topic;  // first folder: "election" ("" for a file at the root)
  std::string path;   // full path of the file
  std::string title;     // the `title` line (English), or the file's first comment line
  std::string title_zh;  // `title en "..." zh "..."`: the Chinese one ("" when none)
  std::string error;     // the parse error when the lesson is broken ("" when it parses)
};

// Every .zls file under `root`, sorted by name (byte order: the same on every machine), each
// parsed for its titles; a broken one is listed with its error.
std::vector<LessonEntry> list_lessons(const std::string& root);

struct LessonLookup {
  std::optional<std::string> path;     // the file to load
  std::vector<std::string> candidates; // names that matched when the name was ambiguous
};

// `arg` as a lesson: an exact name ("zab/diff-sync"), a name with ".zls", or a unique file
// name without its folder ("diff-sync"). No path when nothing or more than one lesson matches.
LessonLookup find_lesson(const std::vector<LessonEntry>& lessons, const std::string& arg);

}  // namespace zoolab::sim
