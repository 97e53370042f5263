// Exports: the SVG is well-formed XML (expat) that draws lanes, arrows, crashes and captions; the
// Chrome trace and every JSON Line parse (RapidJSON) and keep sender/receiver and times straight;
// --from/--to windows cut; 50+ machines fold into a readable number of lanes.
#include <doctest/doctest.h>
#include <expat.h>
#include <rapidjson/document.h>

#include <map>
#include <set>
#include <sstream>

#include "sim/export/chrome_trace.h"
#include "sim/export/svg_diagram.h"
#include "sim/export/trace_jsonl.h"
#include "tests/sim/export/run_lesson.h"

using namespace zoolab;

namespace {

// Element counts by name, text of every <text>, and whether expat accepted the document.
struct XmlSummary {
  bool well_formed = false;
  std::string error;
  std::map<std::string, int> elements;
  std::vector<std::string> texts;
};

XmlSummary parse_xml(const std::string& doc) {
  struct State {
    XmlSummary* out;
    int in_text = 0;
    std::string text;
  };
  XmlSummary out;
  State st{&out, 0, {}};
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, &st);
  XML_SetElementHandler(
      p,
      [](void* d, const XML_Char* name, const XML_Char**) {
        auto* s = static_cast<State*>(d);
        ++s->out->elements[name];
        if (std::string(name) == "text") {
          ++s->in_text;
          s->text.clear();
        }
      },
      [](void* d, const XML_Char* name) {
        auto* s = static_cast<State*>(d);
        if (std::string(name) == "text") {
          --s->in_text;
          s->out->texts.push_back(s->text);
        }
      });
  XML_SetCharacterDataHandler(p, [](void* d, const XML_Char* s, int len) {
    auto* st = static_cast<State*>(d);
    if (st->in_text > 0) st->text.append(s, static_cast<size_t>(len));
  });
  out.well_formed = XML_Parse(p, doc.data(), static_cast<int>(doc.size()), 1) == XML_STATUS_OK;
  if (!out.well_formed)
    out.error = std::string(XML_ErrorString(XML_GetErrorCode(p))) + " at line " +
                std::to_string(XML_GetCurrentLineNumber(p));
  XML_ParserFree(p);
  return out;
}

int count(const XmlSummary& x, const std::string& element) {
  const auto it = x.elements.find(element);
  return it == x.elements.end() ? 0 : it->second;
}

bool has_text(const XmlSummary& x, const std::string& needle) {
  for (const std::string& t : x.texts)
    if (t.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("svg: the leader-crash lesson as a well-formed space-time diagram") {
  auto run = testing::run_lesson("election/leader-crash.zls");
  sim::ExportInput in = testing::export_input(*run);
  const std::string svg = sim::export_svg(in);
  const XmlSummary x = parse_xml(svg);
  REQUIRE_MESSAGE(x.well_formed, x.error);
  CHECK(x.elements.at("svg") == 1);
  for (const char* lane : {"zk1", "zk2", "zk3", "c1"}) CHECK_MESSAGE(has_text(x, lane), lane);
  CHECK(count(x, "line") > 100);               // lifelines and message arrows
  CHECK(has_text(x, "crash"));                   // zk3's crash marker
  CHECK(has_text(x, "state LEADING"));           // role changes are drawn
  CHECK(has_text(x, "vote LOOKING leader=3"));   // election notifications are labelled
  CHECK(has_text(x, "Three servers start"));     // captions are bands
  CHECK(svg.find("stroke-dasharray=\"3 3\"") != std::string::npos);  // zk3's lane while down
}

TEST_CASE("svg: --from/--to keep only the window, and a crash-only window still parses") {
  auto run = testing::run_lesson("election/leader-crash.zls");
  sim::ExportInput whole = testing::export_input(*run);
  sim::ExportInput window = whole;
  window.from = core::Time{5'000'000'000};
  window.to = core::Time{5'500'000'000};
  const XmlSummary all = parse_xml(sim::export_svg(whole));
  const XmlSummary part = parse_xml(sim::export_svg(window));
  REQUIRE(part.well_formed);
  CHECK(count(part, "g") < count(all, "g"));
  CHECK(has_text(part, "crash"));
  CHECK_FALSE(has_text(part, "Three servers start"));  // the 0 s caption is outside the window
  sim::ExportInput empty = whole;
  empty.from = core::Time{1'000'000'000'000};
  CHECK(parse_xml(sim::export_svg(empty)).well_formed);
}

TEST_CASE("svg: a row cap says what it left out") {
  auto run = testing::run_lesson("election/leader-crash.zls");
  sim::SvgOptions small;
  small.max_rows = 40;
  const XmlSummary x = parse_xml(sim::export_svg(testing::export_input(*run), small));
  REQUIRE(x.well_formed);
  CHECK(has_text(x, "more rows from"));
}

TEST_CASE("svg: 3 servers and 50 clients fold into 4 lanes and stay well-formed") {
  std::string text = "tickTime=2000\ninitLimit=5\nsyncLimit=2\nserver.1=zk1:2888:3888\nserver.2=zk2:2888:3888\nserver.3=zk3:2888:3888\n";
  for (int i = 1; i <= 50; ++i)
    text += "at " + std::to_string(1000 + i * 10) + "ms client c" + std::to_string(i) + " connect zk" +
            std::to_string(1 + i % 3) + "\n";
  text += "at 3s c7: create /x y\nrun until 4s\n";
  auto sc = std::make_shared<const sim::Scenario>(sim::parse_scenario(text, "fifty.zls"));
  sim::Run run(sc, 1, sim::product_processes());
  run.run_to_end();
  sim::ExportInput in = testing::export_input(run);
  REQUIRE(in.nodes.size() == 53);
  std::vector<size_t> lane_of;
  const auto lanes = sim::plan_lanes(in.nodes, sim::SvgOptions{}.fold_above, &lane_of);
  REQUIRE(lanes.size() == 4);
  CHECK(lanes[3].members.size() == 50);
  CHECK(lanes[3].label == "c1..c50");
  CHECK(lane_of[in.nodes.size() - 1] == 3);
  const std::string svg = sim::export_svg(in);
  const XmlSummary x = parse_xml(svg);
  REQUIRE_MESSAGE(x.well_formed, x.error);
  CHECK(has_text(x, "c1..c50"));
  CHECK(has_text(x, "(50 "));
  // Unfolded, the same run needs 53 lanes.
  CHECK(sim::plan_lanes(in.nodes, 100, &lane_of).size() == 53);
}

TEST_CASE("chrome-trace: parses as JSON; processes, role spans, flows that pair up") {
  auto run = testing::run_lesson("election/leader-crash.zls");
  const std::string json = sim::export_chrome_trace(testing::export_input(*run));
  rapidjson::Document d;
  d.Parse(json.c_str());
  REQUIRE_FALSE(d.HasParseError());
  REQUIRE(d.HasMember("traceEvents"));
  const auto& events = d["traceEvents"];
  REQUIRE(events.IsArray());
  std::set<std::string> processes, roles;
  std::map<int64_t, int> flows;
  for (const auto& e : events.GetArray()) {
    REQUIRE(e.HasMember("ph"));
    const std::string ph = e["ph"].GetString();
    if (ph == "M" && std::string(e["name"].GetString()) == "process_name")
      processes.insert(e["args"]["name"].GetString());
    if (ph == "X" && std::string(e["cat"].GetString()) == "role")
      roles.insert(std::to_string(e["pid"].GetInt()) + " " + e["name"].GetString());
    if (ph == "s") ++flows[e["id"].GetInt64()];
    if (ph == "f") flows[e["id"].GetInt64()] += 10;
    if (ph != "M") CHECK(e["ts"].GetDouble() >= 0);
  }
  CHECK(processes.count("zk1 (zookeeper)") == 1);
  CHECK(processes.size() == 5);  // world + zk1..zk3 + c1
  CHECK(roles.count("3 LEADING") == 1);  // zk3 (pid 3) leads epoch 1
  CHECK(roles.count("2 LEADING") == 1);  // zk2 after the crash
  REQUIRE(flows.size() > 50);
  for (const auto& flow : flows) CHECK_MESSAGE(flow.second == 11, "flow " << flow.first);
}

TEST_CASE("jsonl: one parseable object per record; arrivals name their sender and send time") {
  auto run = testing::run_lesson("election/startup-1-2-3.zls");
  sim::ExportInput in = testing::export_input(*run);
  std::istringstream lines(sim::export_jsonl(in));
  std::string line;
  size_t count = 0, arrivals = 0;
  while (std::getline(lines, line)) {
    rapidjson::Document d;
    d.Parse(line.c_str());
    REQUIRE_MESSAGE(!d.HasParseError(), line);
    CHECK(d["index"].GetUint64() == count);
    if (std::string(d["kind"].GetString()) == "deliver") {
      ++arrivals;
      REQUIRE(d.HasMember("from"));
      CHECK(d["sent_ns"].GetInt64() <= d["time_ns"].GetInt64());
      CHECK(std::string(d["text"].GetString()).find(std::string("from ") + d["from"].GetString()) == 0);
    }
    ++count;
  }
  CHECK(count == run->trace().records.size());
  CHECK(arrivals > 20);
}
