// Replays the zkCli transcripts of tests/cli/transcripts against a simulated standalone server
// and a ZkCliProcess directly (no `zoolab shell`), comparing stdout/stderr lines in order.
// Transcript format: `$ LINE` typed, `! TEXT` on stderr, `# ...` comment, other lines stdout;
// `*` matches any run of characters; `$ !crash`, `$ !restart`, `$ !advance MS` act on the world.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/client/zkcli_process.h"
#include "core/server/server_config.h"
#include "core/server/zookeeper_server.h"
#include "sim/kernel/world.h"

using namespace zoolab;
using core::zk::ZkCliProcess;

namespace {

struct Line {
  bool input = false, err = false;
  std::string text;
  int number = 0;
};

std::vector<Line> load(const std::filesystem::path& f) {
  std::ifstream in(f);
  std::vector<Line> out;
  std::string s;
  for (int n = 1; std::getline(in, s); ++n) {
    if (s.starts_with("#")) continue;
    if (s == "$" || s.starts_with("$ ")) out.push_back({true, false, s.size() > 2 ? s.substr(2) : "", n});
    else if (s == "!" || s.starts_with("! ")) out.push_back({false, true, s.size() > 2 ? s.substr(2) : "", n});
    else out.push_back({false, false, s, n});
  }
  return out;
}

struct MiniShell {
  sim::World world{1};
  core::NodeId server = 0, client = 0;
  size_t printed = 0;
  std::string partial[2];
  std::vector<std::pair<bool, std::string>> lines;

  MiniShell() {
    const std::map<std::string, std::string> cfg = {{"tickTime", "2000"}, {"initLimit", "10"}, {"syncLimit", "5"},
                                                    {"dataDir", "/tmp/zookeeper"}, {"clientPort", "2181"}};
    server = world.add_node("localhost", core::zk::make_zookeeper_server(core::zk::server_config_from(cfg, 1)));
    core::zk::ZkCliProcessConfig c;
    c.connect_string = "localhost:2181";
    c.servers = {server};
    client = world.add_node("c1", std::make_unique<ZkCliProcess>(c));
    world.apply(sim::StartNode{server});
    world.apply(sim::StartNode{client});
    settle(core::milliseconds(2000));
    run();
  }
  // Peeks with pending_events(): World::next_time() refills the radix heap past `now`, after
  // which typing a line would schedule "in the past".
  std::optional<core::Time> peek() const {
    const auto p = world.pending_events();
    if (p.empty()) return std::nullopt;
    return p.front().time;
  }
  void settle(core::Duration d) {
    const core::Time end = world.now() + d;
    for (auto t = peek(); t && *t <= end; t = peek()) world.step();
    world.advance_to(end);
  }
  void run() {
    const core::Time limit = world.now() + core::milliseconds(120000);
    for (;;) {
      const auto& n = world.node(client);
      if (!n.process || !n.process->busy()) break;
      const auto t = peek();
      if (!t || *t > limit) break;
      world.step();
    }
    settle(core::milliseconds(20));
    const auto& con = world.console();
    for (; printed < con.size(); ++printed) {
      const int k = con[printed].stream == core::OutStream::kErr ? 1 : 0;
      partial[k] += con[printed].text;
      for (size_t nl; (nl = partial[k].find('\n')) != std::string::npos;) {
        lines.emplace_back(k == 1, partial[k].substr(0, nl));
        partial[k].erase(0, nl + 1);
      }
    }
  }
  // `!crash`, `!restart` and `!advance MS` act on the world instead of typing.
  void type(const std::string& l) {
    if (l == "!crash") world.apply(sim::CrashNode{server});
    else if (l == "!restart") world.apply(sim::RestartNode{server});
    else if (l.starts_with("!advance ")) settle(core::milliseconds(std::stoll(l.substr(9))));
    else world.apply(sim::TypeLine{client, l});
    run();
  }
};

// '*' matches any run of characters (dates and session ids vary with timing).
bool matches(std::string_view want, std::string_view got) {
  const size_t star = want.find('*');
  if (star == std::string_view::npos) return want == got;
  if (!got.starts_with(want.substr(0, star))) return false;
  const std::string_view rest = want.substr(star + 1);
  for (size_t k = star; k <= got.size(); ++k)
    if (matches(rest, got.substr(k))) return true;
  return false;
}

void replay(const std::filesystem::path& f) {
  const auto script = load(f);
  MiniShell sh;
  size_t i = 0;
  std::string after = "start-up";
  while (true) {
    std::vector<Line> want;
    while (i < script.size() && !script[i].input) want.push_back(script[i++]);
    std::ostringstream msg;
    msg << f.filename().string() << " after " << after << "\nexpected:\n";
    for (const auto& w : want) msg << (w.err ? "! " : "  ") << w.text << "  (line " << w.number << ")\n";
    msg << "got:\n";
    for (const auto& g : sh.lines) msg << (g.first ? "! " : "  ") << g.second << "\n";
    INFO(msg.str());
    CHECK(sh.lines.size() == want.size());
    for (size_t k = 0; k < std::min(want.size(), sh.lines.size()); ++k) {
      CHECK(sh.lines[k].first == want[k].err);
      CHECK(matches(want[k].text, sh.lines[k].second));
    }
    sh.lines.clear();
    if (i >= script.size()) break;
    after = "`" + script[i].text + "`";
    sh.type(script[i++].text);
  }
}

}  // namespace

TEST_CASE("zkCli transcripts replay against ZkCliProcess and the standalone server") {
  std::vector<std::filesystem::path> files;
  for (const char* dir : {ZOOLAB_TRANSCRIPT_DIR, ZOOLAB_CLIENT_TRANSCRIPT_DIR})
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  for (const auto& f : files) {
    SUBCASE(f.filename().string().c_str()) { replay(f); }
  }
}
