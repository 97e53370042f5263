// The lesson library as a whole: enough lessons in every topic the product teaches, every one
// parses, has an English and a Chinese title, a caption in both languages on every teaching step
// and at least one expectation; lessons are found by name.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "sim/scenario/lesson_catalog.h"
#include "sim/scenario/parser.h"

using namespace zoolab::sim;

namespace {

const std::string kRoot = ZOOLAB_SOURCE_DIR "/scenarios";

}  // namespace

TEST_CASE("at least 20 lessons, in every topic folder the issue names") {
  const std::vector<LessonEntry> lessons = list_lessons(kRoot);
  CHECK(lessons.size() >= 20);
  std::map<std::string, int> per_topic;
  for (const LessonEntry& e : lessons) ++per_topic[e.topic];
  for (const char* topic : {"election", "zab", "sessions-and-watches", "locks", "registry", "deployment"})
    CHECK_MESSAGE(per_topic[topic] >= 2, topic);
}

TEST_CASE("every lesson parses, has en and zh titles, bilingual captions and an expectation") {
  for (const LessonEntry& e : list_lessons(kRoot)) {
    CAPTURE(e.name);
    CHECK(e.error == "");
    if (!e.error.empty()) continue;
    CHECK(e.title != "");
    CHECK(e.title_zh != "");
    const Scenario sc = load_scenario(e.path);
    size_t expects = 0;
    for (const Step& step : sc.steps) {
      if (const auto* say = std::get_if<SayStep>(&step.body)) {
        CHECK_MESSAGE(!say->en.empty(), step.loc.str() << ": caption without English");
        CHECK_MESSAGE(!say->zh.empty(), step.loc.str() << ": caption without Chinese");
      }
      expects += std::holds_alternative<ExpectStep>(step.body);
    }
    CHECK(expects >= 1);
  }
}

TEST_CASE("lessons are found by topic/name, by file name, with .zls; ambiguity is reported") {
  const std::vector<LessonEntry> lessons = list_lessons(kRoot);
  const LessonLookup exact = find_lesson(lessons, "election/startup-1-2-3");
  REQUIRE(exact.path);
  CHECK(exact.path->ends_with("scenarios/election/startup-1-2-3.zls"));
  CHECK(find_lesson(lessons, "startup-1-2-3").path == exact.path);
  CHECK(find_lesson(lessons, "startup-1-2-3.zls").path == exact.path);
  CHECK_FALSE(find_lesson(lessons, "no-such-lesson").path);
  const std::vector<LessonEntry> twins{{"a/x", "a", "/r/a/x.zls", "", "", ""}, {"b/x", "b", "/r/b/x.zls", "", "", ""}};
  const LessonLookup both = find_lesson(twins, "x");
  CHECK_FALSE(both.path);
  CHECK(both.candidates == std::vector<std::string>{"a/x", "b/x"});
  CHECK(find_lesson(twins, "b/x").path == "/r/b/x.zls");
}

TEST_CASE("title en \"...\" zh \"...\": both titles; malformed forms name the word") {
  const Scenario sc = parse_scenario("title en \"Startup\" zh \"启动选举\"\nserver.1=zk1:2888:3888\n", "t.zls");
  CHECK(sc.title == "Startup");
  CHECK(sc.title_zh == "启动选举");
  CHECK(parse_scenario("title Plain words here\nserver.1=zk1:2888:3888\n", "t.zls").title == "Plain words here");
  CHECK_THROWS_WITH_AS(parse_scenario("title en \"A\" zh\nserver.1=zk1:2888:3888\n", "t.zls"),
                       doctest::Contains("t.zls:1:"), ScenarioError);
  CHECK_THROWS_WITH_AS(parse_scenario("title en \"A\" fr \"B\"\nserver.1=zk1:2888:3888\n", "t.zls"),
                       doctest::Contains("t.zls:1:14: error: unknown title language `fr`; expected en or zh"), ScenarioError);
}
