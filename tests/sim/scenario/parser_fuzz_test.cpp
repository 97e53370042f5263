// Deterministic fuzzing of the parser: mutated copies of every shipped scenario must either
// parse into a consistent Scenario or fail with a ScenarioError in the file:line:col form —
// never another exception, never a crash.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/base/rng.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/run.h"

namespace zoolab::sim {
namespace {

// Spread evenly over the shipped files. Sanitized debug builds lex ~20x slower, so they try a
// third as many (the plain build, where the full count takes ~2 s, runs in CI as well).
#if defined(__SANITIZE_ADDRESS__)
#define ZOOLAB_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ZOOLAB_SANITIZED 1
#endif
#endif
#ifdef ZOOLAB_SANITIZED
constexpr size_t kMutants = 8'000;
#else
constexpr size_t kMutants = 24'000;
#endif

// Words the language uses, and words that stress it.
const std::vector<std::string> kTokens = {
    "at",
    "+",
    "+1s",
    "+0s",
    "-1s",
    "run",
    "until",
    "start",
    "crash",
    "restart",
    "poweroff",
    "pause",
    "partition",
    "heal",
    "latency",
    "clock",
    "drift",
    "slow-disk",
    "not-tcp",
    "loss",
    "duplicate",
    "reorder",
    "off",
    "say",
    "en",
    "zh",
    "expect",
    "up",
    "down",
    "cut",
    "reachable",
    "events",
    "time",
    "state",
    "fsync",
    "seed",
    "title",
    "process",
    "uniform",
    "normal",
    "longtail",
    "fixed",
    "server.1=",
    "server.9=zk9:1:2",
    "tickTime=",
    "=",
    ":",
    ";",
    "|",
    "->",
    "-",
    ">",
    ">=",
    "<=",
    "\"",
    "\\",
    "\\\"",
    "#",
    "%",
    "5%",
    "100.5%",
    "+200ppm",
    "ppm",
    "0",
    "1",
    "1.5",
    "1.5s",
    "500ms",
    "2m",
    "7ns",
    "250us",
    "1.5ns",
    "999999999999999999999s",
    "1000000s",
    "18446744073709551616",
    "zk1",
    "zk2",
    "zk3",
    "zk4",
    "zk9",
    "中文",
    "\t",
    " ",
    "\n",
    "\r\n",
    "\xEF\xBB\xBF",
    "\xC3",
    "\xFF",
    "\x01",
    "\x7F",
    "\xF4\x90\x80\x80",
    "\xED\xA0\x80",
};

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> seed_texts() {
  std::vector<std::filesystem::path> files;
  for (const auto& e :
       std::filesystem::recursive_directory_iterator(ZOOLAB_SOURCE_DIR "/scenarios")) {
    if (e.path().extension() == ".zls") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> texts;
  for (const auto& f : files)
    texts.push_back(read_file(f));
  return texts;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines)
    out += l + "\n";
  return out;
}

size_t pick(core::Rng& rng, size_t n) {
  return n == 0 ? 0 : static_cast<size_t>(rng.uniform_u64(0, n - 1));
}

void mutate(std::string& s, core::Rng& rng) {
  switch (rng.uniform_u64(0, 7)) {
    case 0:  // byte flip
      if (!s.empty()) s[pick(rng, s.size())] = static_cast<char>(rng.uniform_u64(0, 255));
      break;
    case 1:  // bit flip
      if (!s.empty()) s[pick(rng, s.size())] ^= static_cast<char>(1u << rng.uniform_u64(0, 7));
      break;
    case 2:  // truncation
      s.resize(pick(rng, s.size() + 1));
      break;
    case 3: {  // delete a short range
      const size_t at = pick(rng, s.size() + 1);
      s.erase(at, static_cast<size_t>(rng.uniform_u64(1, 12)));
      break;
    }
    case 4: {  // insert a token
      s.insert(pick(rng, s.size() + 1), kTokens[pick(rng, kTokens.size())]);
      break;
    }
    case 5: {  // replace a word with a token
      const size_t at = pick(rng, s.size() + 1);
      const size_t end = std::min(s.find_first_of(" \n", at), s.size());
      s.replace(at, end - at, kTokens[pick(rng, kTokens.size())]);
      break;
    }
    case 6: {  // swap two lines
      std::vector<std::string> lines = split_lines(s);
      if (lines.size() >= 2)
        std::swap(lines[pick(rng, lines.size())], lines[pick(rng, lines.size())]);
      s = join_lines(lines);
      break;
    }
    default: {  // duplicate a line somewhere else
      std::vector<std::string> lines = split_lines(s);
      if (!lines.empty()) {
        const std::string copy = lines[pick(rng, lines.size())];
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(pick(rng, lines.size() + 1)),
                     copy);
      }
      s = join_lines(lines);
    }
  }
}

// What every parsed scenario promises its users (Run, the GUI); "" when it holds. Plain code,
// not doctest assertions: this runs for every mutant.
std::string inconsistency(const Scenario& sc) {
  core::Time last{0};
  for (const Step& step : sc.steps) {
    if (step.at < last) return "steps out of time order at " + step.loc.str();
    last = step.at;
    bool node_ok = true;
    if (const Action* a = std::get_if<Action>(&step.body)) {
      std::visit(
          [&](const auto& act) {
            if constexpr (requires { act.node; }) node_ok = act.node < sc.nodes.size();
          },
          *a);
    }
    if (!node_ok) return "a step names a machine that does not exist at " + step.loc.str();
  }
  if (sc.until < last) return "the run ends before its last step";
  for (size_t i = 1; i < sc.nodes.size(); ++i) {
    if (sc.nodes[i].server_id != 0 && sc.nodes[i - 1].server_id >= sc.nodes[i].server_id) {
      return "servers are not in ascending id order";
    }
  }
  return "";
}

TEST_CASE("mutated scenarios parse or fail with a ScenarioError") {
  const std::vector<std::string> texts = seed_texts();
  REQUIRE(texts.size() >= 3);
  core::Rng rng(20240601);
  size_t parsed = 0, rejected = 0, ran = 0;
  for (const std::string& original : texts) {
    for (size_t i = 0; i < kMutants / texts.size(); ++i) {
      std::string text = original;
      const uint64_t rounds = rng.uniform_u64(1, 4);
      for (uint64_t r = 0; r < rounds; ++r)
        mutate(text, rng);
      try {
        const Scenario sc = parse_scenario(text, "fuzz.zls");
        if (const std::string problem = inconsistency(sc); !problem.empty()) {
          FAIL(problem << "\ninput:\n" << text);
        }
        ++parsed;
        if (parsed % 25 == 0) {  // now and then, run what parsed (placeholders: few events)
          try {
            Run run(std::make_shared<const Scenario>(sc), 1, product_processes());
            run.run_to_end();
            ++ran;
          } catch (const std::runtime_error&) {  // a process kind the product lacks
          }
        }
      } catch (const ScenarioError& e) {
        const std::string what = e.what();
        if (what.rfind("fuzz.zls:", 0) != 0 || what.find(": error: ") == std::string::npos ||
            what.find("; expected ") == std::string::npos || e.loc().line < 1 ||
            e.loc().column < 1) {
          FAIL_CHECK("badly formed error: " << what);
        }
        ++rejected;
      } catch (const std::exception& e) {
        FAIL("not a ScenarioError: " << e.what() << "\ninput:\n" << text);
      }
    }
  }
  MESSAGE(parsed << " parsed, " << rejected << " rejected, " << ran << " run");
  CHECK(parsed + rejected >= kMutants - texts.size());
  CHECK(parsed > 100);    // mutations that keep the file valid happen
  CHECK(rejected > 100);  // and so do ones that break it
}

}  // namespace
}  // namespace zoolab::sim
