// Finds lessons by name and reads their titles without parsing the whole scenario.
#include "sim/scenario/lesson_catalog.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "sim/scenario/parser.h"

namespace zoolab::sim {
namespace {

std::string trim(std::string s) {
  const auto not_space = [](unsigned char c) { return c != ' ' && c != '\t' && c != '\r'; };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

// A file without a title line is described by its first comment line.
std::string first_comment(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const std::string t = trim(line);
    if (t.rfind('#', 0) == 0) return trim(t.substr(1));
  }
  return "";
}

void read_titles(LessonEntry& e) {
  try {
    const Scenario sc = load_scenario(e.path);
    e.title = sc.title;
    e.title_zh = sc.title_zh;
  } catch (const ScenarioError& err) {
    e.error = err.what();
  }
  if (e.title.empty()) e.title = first_comment(e.path);
}

}  // namespace

std::vector<LessonEntry> list_lessons(const std::string& root) {
  std::vector<LessonEntry> out;
  std::error_code ec;
  const std::filesystem::path base(root);
  if (!std::filesystem::is_directory(base, ec)) return out;
  for (auto it = std::filesystem::recursive_directory_iterator(base, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != ".zls") continue;
    std::string name = it->path().lexically_relative(base).generic_string();
    name.resize(name.size() - 4);
    const size_t slash = name.find('/');
    LessonEntry e{name, slash == std::string::npos ? "" : name.substr(0, slash), it->path().string(), "", "", ""};
    read_titles(e);
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(),
            [](const LessonEntry& a, const LessonEntry& b) { return a.name < b.name; });
  return out;
}

LessonLookup find_lesson(const std::vector<LessonEntry>& lessons, const std::string& arg) {
  std::string want = arg;
  if (want.size() > 4 && want.ends_with(".zls")) want.resize(want.size() - 4);
  LessonLookup result;
  for (const LessonEntry& e : lessons)
    if (e.name == want) return {e.path, {}};
  for (const LessonEntry& e : lessons) {
    const size_t slash = e.name.rfind('/');
    const std::string file = slash == std::string::npos ? e.name : e.name.substr(slash + 1);
    if (file == want) result.candidates.push_back(e.name);
  }
  if (result.candidates.size() == 1) {
    for (const LessonEntry& e : lessons)
      if (e.name == result.candidates.front()) result.path = e.path;
    result.candidates.clear();
  }
  return result;
}

}  // namespace zoolab::sim
