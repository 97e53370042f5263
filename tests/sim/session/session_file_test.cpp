// Saved sessions: every action round-trips, a saved run replays bit for bit, and corrupt files
// are clear errors (fuzzed), never crashes.
#include <doctest/doctest.h>

#include "core/base/rng.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/session_file.h"
#include "tests/support/test_processes.h"

using namespace zoolab;
using core::milliseconds;
using core::Time;

namespace {

constexpr const char* kScenario = R"(# three servers
tickTime=2000
server.1=zk1:2888:3888
server.2=zk2:2888:3888
server.3=zk3:2888:3888
latency uniform 1ms 9ms
at 1s crash zk2
+1s restart zk2
run until 6s
)";

std::vector<sim::Intervention> every_action() {
  using namespace sim;
  auto at = [](uint64_t e) { return Time{0} + milliseconds(static_cast<int64_t>(e)); };
  return {
      {1, at(1), StartNode{0}},
      {2, at(2), CrashNode{1}},
      {3, at(3), RestartNode{1}},
      {4, at(4), PowerOffNode{2}},
      {5, at(5), PauseNode{0, milliseconds(700)}},
      {6, at(6), PartitionNet{{{0, 1}, {2}}, true}},
      {7, at(7), HealNet{}},
      {8, at(8), SetLatency{0, 2, NormalLatency{milliseconds(5), milliseconds(1)}}},
      {9, at(9), SetLatency{kAllNodes, kAllNodes, LongTailLatency{milliseconds(2), milliseconds(50)}}},
      {10, at(10), ShiftClock{2, -milliseconds(1500)}},
      {11, at(11), SetClockDrift{1, 250}},
      {12, at(12), SlowDisk{0, milliseconds(40)}},
      {13, at(13), SetNotTcp{{10, 20, 30}}},
      {14, at(14), DeliverEvent{12345}},
  };
}

}  // namespace

TEST_CASE("every action survives a save and a load") {
  const sim::Scenario sc = sim::parse_scenario(kScenario, "three.zls");
  const sim::SavedSession saved{"three.zls", kScenario, 77, every_action()};
  const std::string json = sim::session_to_json(saved, sc);
  CHECK(json.find("\"format\": \"zoolab-session\"") != std::string::npos);
  const sim::SavedSession back = sim::session_from_json(json, "s.json");
  CHECK(back.seed == 77);
  CHECK(back.scenario_text == kScenario);
  CHECK(back.interventions == saved.interventions);
}

TEST_CASE("a saved session replays bit for bit") {
  auto sc = std::make_shared<const sim::Scenario>(sim::parse_scenario(kScenario, "three.zls"));
  sim::Run run(sc, 3, testing::test_processes());
  run.run_until(Time{0} + milliseconds(2500));
  run.intervene(sim::PartitionNet{{{0}, {1, 2}}, false});
  run.run_until(Time{0} + milliseconds(3500));
  run.intervene(sim::PauseNode{2, milliseconds(400)});
  run.run_to_end();
  const std::string json = sim::session_to_json({"three.zls", kScenario, run.seed(), run.interventions()}, *sc);

  const sim::SavedSession loaded = sim::session_from_json(json, "saved.json");
  auto sc2 = std::make_shared<const sim::Scenario>(sim::parse_scenario(loaded.scenario_text, loaded.scenario_file));
  sim::Run replay(sc2, loaded.seed, testing::test_processes());
  replay.set_interventions(loaded.interventions);
  replay.run_to_end();
  CHECK(replay.world().trace_hash() == run.world().trace_hash());
  CHECK(replay.world().events_fired() == run.world().events_fired());
}

TEST_CASE("corrupt sessions are clear errors naming the file") {
  const sim::Scenario sc = sim::parse_scenario(kScenario, "three.zls");
  const std::string good = sim::session_to_json({"three.zls", kScenario, 1, every_action()}, sc);
  auto error_of = [](const std::string& text) {
    try {
      sim::session_from_json(text, "bad.json");
    } catch (const sim::SessionError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("").find("bad.json: error: not a readable ZooLab session") == 0);
  CHECK(error_of("{\"session\": 5}").find("bad.json: error:") == 0);
  std::string v2 = good;
  v2.replace(v2.find("\"version\": 1"), 12, "\"version\": 2");
  CHECK(error_of(v2).find("bad.json: error: this session was saved by a newer ZooLab (session format version 2") == 0);
  std::string v0 = good;
  v0.replace(v0.find("\"version\": 1"), 12, "\"version\": 0");
  CHECK(error_of(v0).find("bad.json: error: session format version 0 is not supported") == 0);
  std::string stranger = good;
  stranger.replace(stranger.find("\"zk3\""), 5, "\"zk9\"");
  CHECK(error_of(stranger).find("unknown machine 'zk9'") != std::string::npos);
  std::string broken_scenario = good;
  broken_scenario.replace(broken_scenario.find("crash zk2"), 9, "crush zk2");
  CHECK(error_of(broken_scenario).find("bad.json (embedded three.zls):7:") == 0);
}

TEST_CASE("fuzzed session files never crash the loader") {
  const sim::Scenario sc = sim::parse_scenario(kScenario, "three.zls");
  const std::string good = sim::session_to_json({"three.zls", kScenario, 1, every_action()}, sc);
  core::Rng rng(2024);
  int loaded = 0, rejected = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string s = good;
    const int edits = static_cast<int>(rng.uniform_u64(1, 6));
    for (int k = 0; k < edits; ++k) {
      const size_t at = rng.uniform_u64(0, s.size() - 1);
      switch (rng.uniform_u64(0, 3)) {
        case 0: s[at] = static_cast<char>(rng.uniform_u64(0, 255)); break;
        case 1: s.erase(at, rng.uniform_u64(1, 40)); break;
        case 2: s.insert(at, std::string(1, "{}[]\",:0-9e"[rng.uniform_u64(0, 10)])); break;
        default: s.resize(at); break;
      }
      if (s.empty()) s = "x";
    }
    try {
      sim::session_from_json(s, "fuzz.json");
      ++loaded;
    } catch (const sim::SessionError&) {
      ++rejected;
    }
  }
  CHECK(rejected > 0);
  CHECK(loaded + rejected == 3000);
}

// ---- files on disk: atomic save, clear refusals ----------------------------------------------

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/scenario/session_io.h"

namespace {

std::filesystem::path temp_dir(const char* name) {
  const auto dir = std::filesystem::temp_directory_path() / ("zoolab-session-test-" + std::string(name));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string load_error(const std::string& path) {
  try {
    sim::load_session_file(path);
  } catch (const sim::SessionError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("session files: saved atomically, loaded back equal, no temporary left behind") {
  const auto dir = temp_dir("atomic");
  const sim::Scenario sc = sim::parse_scenario(kScenario, "three.zls");
  CHECK(sc.source == kScenario);
  const sim::SavedSession s{"three.zls", sc.source, 42, every_action()};
  const std::string path = (dir / "run.json").string();
  sim::save_session_file(path, s, sc);
  const sim::SavedSession back = sim::load_session_file(path);
  CHECK(back.seed == 42);
  CHECK(back.scenario_text == kScenario);
  CHECK(back.interventions == s.interventions);
  CHECK(sim::looks_like_session_file(path));
  // Overwriting replaces the whole file; only the one file is in the folder afterwards.
  sim::save_session_file(path, {"three.zls", sc.source, 7, {}}, sc);
  CHECK(sim::load_session_file(path).seed == 7);
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
  CHECK(files == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("session files: a failed save leaves the old file as it was") {
  const auto dir = temp_dir("failed");
  const sim::Scenario sc = sim::parse_scenario(kScenario, "three.zls");
  const std::string path = (dir / "run.json").string();
  sim::save_session_file(path, {"three.zls", sc.source, 3, {}}, sc);
  const std::string before = slurp(path);
  // A target that is a folder cannot be replaced by a file: rename fails.
  const std::string folder = (dir / "a-folder").string();
  std::filesystem::create_directories(std::filesystem::path(folder) / "inside");
  CHECK_THROWS_WITH_AS(sim::save_session_file(folder, {"three.zls", sc.source, 4, {}}, sc),
                       doctest::Contains("cannot write the session"), sim::SessionError);
  CHECK_THROWS_WITH_AS(sim::save_session_file((dir / "no" / "such" / "x.json").string(), {"three.zls", sc.source, 4, {}}, sc),
                       doctest::Contains("x.json: error: cannot write the session"), sim::SessionError);
  CHECK(slurp(path) == before);
  std::filesystem::remove_all(dir);
}

TEST_CASE("session files: missing, corrupt, truncated and newer files are refused by name") {
  const auto dir = temp_dir("refused");
  const sim::Scenario sc = sim::parse_scenario(kScenario, "three.zls");
  const std::string good_path = (dir / "good.json").string();
  sim::save_session_file(good_path, {"three.zls", sc.source, 1, every_action()}, sc);
  const std::string good = slurp(good_path);

  const std::string missing = (dir / "missing.json").string();
  CHECK(load_error(missing).find(missing + ": error: no such session file") == 0);
  auto write = [&](const char* name, const std::string& text) {
    const std::string p = (dir / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  };
  const std::string truncated = write("truncated.json", good.substr(0, good.size() / 2));
  CHECK(load_error(truncated).find(truncated + ": error: not a readable ZooLab session") == 0);
  std::string newer = good;
  newer.replace(newer.find("\"version\": 1"), 12, "\"version\": 9");
  // A newer file is named as newer even when its fields changed beyond what this reader knows.
  newer.replace(newer.find("\"seed\""), 6, "\"seed_v9\"");
  const std::string newer_path = write("newer.json", newer);
  const std::string why = load_error(newer_path);
  CHECK(why.find(newer_path + ": error: this session was saved by a newer ZooLab (session format version 9") == 0);
  CHECK(why.find("the file was not changed") != std::string::npos);
  CHECK(slurp(newer_path) == newer);
  std::filesystem::remove_all(dir);
}
