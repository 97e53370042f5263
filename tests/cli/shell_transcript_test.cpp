// Replays zkCli transcripts (tests/cli/transcripts/*.txt) through `zoolab shell`'s session and
// compares stdout and stderr line by line, in order. Format of a transcript:
//   `$ LINE`    a line typed on stdin (a `$` alone types an empty line)
//   `! TEXT`    a line expected on stderr
//   `% LINE`    a line of the `--config` scenario header (without any: zoo_sample.cfg, one server)
//   `# ...`     a comment
//   anything else is a line expected on stdout; a line ending in `*` matches any line that
//   starts with the text before the `*` (dates and session ids vary with timing).
// Lines before the first `$` are the start-up output (banner and the SyncConnected block).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/shell_session.h"
#include "sim/scenario/parser.h"

namespace {

struct Expected {
  bool err = false;
  std::string text;
  int line = 0;
};

struct Transcript {
  std::vector<std::string> inputs;
  std::vector<Expected> lines;
  std::string config;  // the `%` lines
};

Transcript load(const std::filesystem::path& file) {
  std::ifstream in(file);
  Transcript t;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.starts_with("#")) continue;
    if (line == "%" || line.starts_with("% ")) {
      t.config += (line.size() > 2 ? line.substr(2) : std::string()) + "\n";
    } else if (line == "$" || line.starts_with("$ ")) {
      t.inputs.push_back(line.size() > 2 ? line.substr(2) : std::string());
      t.lines.push_back({false, "\x01input", number});  // marks where the input happened
    } else if (line == "!" || line.starts_with("! ")) {
      t.lines.push_back({true, line.size() > 2 ? line.substr(2) : std::string(), number});
    } else {
      t.lines.push_back({false, line, number});
    }
  }
  return t;
}

// Everything the shell wrote, split into lines tagged with their stream.
struct Capture {
  std::vector<std::pair<bool, std::string>> lines;
  std::string partial[2];
  void write(zoolab::core::OutStream s, const std::string& text) {
    const int k = s == zoolab::core::OutStream::kErr ? 1 : 0;
    partial[k] += text;
    size_t nl;
    while ((nl = partial[k].find('\n')) != std::string::npos) {
      lines.emplace_back(k == 1, partial[k].substr(0, nl));
      partial[k].erase(0, nl + 1);
    }
  }
};

bool matches(const std::string& expected, const std::string& got) {
  if (!expected.empty() && expected.back() == '*')
    return got.starts_with(std::string_view(expected).substr(0, expected.size() - 1));
  return expected == got;
}

// `redis`: `zoolab shell --redis`; `raw`: its replies as redis-cli prints them into a pipe.
void replay(const std::filesystem::path& file, bool redis = false, bool raw = false) {
  const Transcript t = load(file);
  Capture cap;
  zoolab::cli::ShellOptions options;
  options.redis = redis;
  options.redis_raw = raw;
  if (!t.config.empty())
    options.config = std::make_shared<const zoolab::sim::Scenario>(
        zoolab::sim::parse_scenario(t.config, file.filename().string()));
  zoolab::cli::ShellSession shell(options, [&](zoolab::core::OutStream s, const std::string& text) { cap.write(s, text); });
  // Output is compared per input: what the start-up printed, then what each line printed.
  size_t expect_at = 0, input = 0;
  auto check_block = [&](const std::string& after) {
    std::vector<Expected> want;
    while (expect_at < t.lines.size() && t.lines[expect_at].text != "\x01input") want.push_back(t.lines[expect_at++]);
    const auto got = cap.lines;
    cap.lines.clear();
    INFO(file.filename().string() << " after " << after);
    std::ostringstream both;
    both << "expected:\n";
    for (const auto& w : want) both << (w.err ? "! " : "  ") << w.text << "   (line " << w.line << ")\n";
    both << "got:\n";
    for (const auto& g : got) both << (g.first ? "! " : "  ") << g.second << "\n";
    INFO(both.str());
    REQUIRE(got.size() == want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      INFO("transcript line " << want[i].line);
      CHECK(got[i].first == want[i].err);
      CHECK(matches(want[i].text, got[i].second));
    }
  };
  check_block("start-up");
  while (expect_at < t.lines.size()) {
    ++expect_at;  // the input marker
    const std::string& line = t.inputs.at(input++);
    shell.handle_line(line);
    check_block("`" + line + "`");
  }
}

std::vector<std::filesystem::path> transcripts(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("zkCli transcripts replay byte for byte") {
  const auto files = transcripts(ZOOLAB_TRANSCRIPT_DIR);
  REQUIRE(files.size() >= 5);
  for (const auto& f : files) {
    SUBCASE(f.filename().string().c_str()) { replay(f); }
  }
}

// Sessions with ZooLab's workbench commands (`!leader`, `!4lw WORD SERVER`, `!partition`, ...) and
// `%` config lines live in workbench/: tests/core/client replays transcripts/ without the shell.
TEST_CASE("workbench transcripts replay byte for byte") {
  const auto files = transcripts(ZOOLAB_WORKBENCH_DIR);
  REQUIRE_FALSE(files.empty());
  for (const auto& f : files) {
    SUBCASE(f.filename().string().c_str()) { replay(f); }
  }
}

// redis-cli sessions through `zoolab shell --redis` (tests/cli/redis): files with "raw" in their
// name are redis-cli writing into a pipe, the others redis-cli on a terminal (§14.14).
TEST_CASE("redis-cli transcripts replay byte for byte") {
  const auto files = transcripts(ZOOLAB_REDIS_TRANSCRIPT_DIR);
  REQUIRE(files.size() >= 2);
  for (const auto& f : files) {
    SUBCASE(f.filename().string().c_str()) {
      const std::string name = f.filename().string();
      replay(f, name.find("zk-shell") == std::string::npos, name.find("raw") != std::string::npos);
    }
  }
}
