// The checker framework: trace-text parsing, each checker catching a hand-made broken trace,
// every shipped scenario running clean, time travel restoring checker state, and the cost.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/client/zkcli_process.h"
#include "core/server/zookeeper_server.h"
#include "sim/check/checker.h"
#include "sim/check/trace_text.h"
#include "sim/check/zk_checkers.h"
#include "sim/scenario/parser.h"
#include "sim/scenario/run.h"

namespace zoolab::sim::check {
namespace {

TEST_CASE("trace text parsers read core::describe renderings") {
  auto d = parse_delivery("from c1: getData /a b watch xid=5");
  REQUIRE(d);
  CHECK(d->from == "c1");
  auto req = parse_request(d->body);
  REQUIRE(req);
  CHECK(req->op == "getData");
  CHECK(req->path == "/a b");
  CHECK(req->flag == "watch");
  CHECK(req->xid == 5);
  auto aw = parse_request("addWatch /r PERSISTENT_RECURSIVE xid=7");
  REQUIRE(aw);
  CHECK(aw->flag == "PERSISTENT_RECURSIVE");
  CHECK(aw->path == "/r");
  auto ping = parse_request("ping xid=-2");
  REQUIRE(ping);
  CHECK(ping->op == "ping");
  CHECK(ping->xid == -2);
  auto rep = parse_reply("reply xid=5 zxid=0x7 NoNode");
  REQUIRE(rep);
  CHECK(rep->xid == 5);
  CHECK(rep->zxid == 7);
  CHECK(rep->err == "NoNode");
  auto created = parse_reply("reply xid=3 zxid=0x2 /a");
  REQUIRE(created);
  CHECK(created->err.empty());
  CHECK(parse_reply("reply xid=-1 zxid=0xffffffffffffffff")->zxid == -1);
  auto ev = parse_event("event NodeDataChanged /a (SyncConnected)");
  REQUIRE(ev);
  CHECK(ev->type == "NodeDataChanged");
  CHECK(ev->path == "/a");
  auto cr = parse_connect_response("ConnectResponse(session=0x1000000000000, timeout=4000ms)");
  REQUIRE(cr);
  CHECK(cr->session == 0x1000000000000);
  CHECK(cr->timeout_ms == 4000);
  auto txn = parse_txn_note("txn 0x5 setData /a");
  REQUIRE(txn);
  CHECK(txn->zxid == 5);
  CHECK(txn->op == "setData");
  CHECK(txn->path == "/a");
  CHECK(parse_txn_note("txn 0x6 closeSession (2 ephemerals)")->path.empty());
}

// A world with a server zk1 (node 0) and clients c1, c2 that never run: the checkers only need names.
World names_world() {
  World w;
  w.add_node("zk1", core::zk::make_zookeeper_server(core::zk::ServerConfig{}));
  w.add_node("c1", std::make_unique<core::zk::ZkCliProcess>());
  w.add_node("c2", std::make_unique<core::zk::ZkCliProcess>());
  return w;
}

TraceRecord rec(NodeId node, RecordKind kind, std::string text) {
  TraceRecord r;
  r.node = node;
  r.kind = kind;
  r.text = std::move(text);
  return r;
}

std::vector<Finding> feed(Checker& c, const World& w, const std::vector<TraceRecord>& records) {
  std::vector<Finding> out;
  for (const TraceRecord& r : records) c.observe(w, std::span<const TraceRecord>(&r, 1), out);
  return out;
}

TEST_CASE("client-fifo flags a reply that overtakes an earlier one") {
  const World w = names_world();
  auto c = make_client_fifo_checker();
  CHECK(feed(*c, w, {rec(1, RecordKind::kDeliver, "from zk1: reply xid=1 zxid=0x1"),
                     rec(1, RecordKind::kDeliver, "from zk1: reply xid=-2 zxid=0x1"),
                     rec(1, RecordKind::kDeliver, "from zk1: reply xid=2 zxid=0x1")})
            .empty());
  const auto bad = feed(*c, w, {rec(1, RecordKind::kDeliver, "from zk1: reply xid=4 zxid=0x2"),
                                rec(1, RecordKind::kDeliver, "from zk1: reply xid=3 zxid=0x2")});
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].text == "c1 received the reply to xid 3 from zk1 after the reply to xid 4 (replies must arrive in request order)");
}

TEST_CASE("zxid-order flags a txn zxid that does not increase, but not across a restart") {
  const World w = names_world();
  auto c = make_zxid_order_checker();
  CHECK(feed(*c, w, {rec(0, RecordKind::kNote, "txn 0x1 createSession timeout 30000"),
                     rec(0, RecordKind::kNote, "txn 0x2 create /a"), rec(0, RecordKind::kStart, "starts"),
                     rec(0, RecordKind::kNote, "txn 0x2 create /b")})
            .empty());
  const auto bad = feed(*c, w, {rec(0, RecordKind::kNote, "txn 0x2 create /c")});
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].text == "zk1 assigned txn zxid 0x2 after 0x2 (zxids must strictly increase)");
}

TEST_CASE("watch-order flags a read of new data before the watch event, and accepts the right order") {
  const World w = names_world();
  const std::vector<TraceRecord> setup = {
      rec(1, RecordKind::kDeliver, "from zk1: ConnectResponse(session=0x100, timeout=30000ms)"),
      rec(0, RecordKind::kDeliver, "from c1: getData /a watch xid=1"),
      rec(1, RecordKind::kDeliver, "from zk1: reply xid=1 zxid=0x3"),
      rec(0, RecordKind::kNote, "txn 0x4 setData /a"),
      rec(0, RecordKind::kDeliver, "from c1: getData /a xid=2"),
  };
  SUBCASE("event first") {
    auto c = make_watch_order_checker();
    auto records = setup;
    records.push_back(rec(1, RecordKind::kDeliver, "from zk1: event NodeDataChanged /a (SyncConnected)"));
    records.push_back(rec(1, RecordKind::kDeliver, "from zk1: reply xid=2 zxid=0x4"));
    CHECK(feed(*c, w, records).empty());
  }
  SUBCASE("data first") {
    auto c = make_watch_order_checker();
    auto records = setup;
    records.push_back(rec(1, RecordKind::kDeliver, "from zk1: reply xid=2 zxid=0x4"));
    records.push_back(rec(1, RecordKind::kDeliver, "from zk1: event NodeDataChanged /a (SyncConnected)"));
    const auto bad = feed(*c, w, records);
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].text ==
          "c1 read /a at zxid 0x4 (reply xid=2) before the watch event for the change at zxid 0x4 (watch set at 0x3)");
  }
  SUBCASE("a persistent watch needs one event per change") {
    auto c = make_watch_order_checker();
    const auto bad = feed(*c, w,
                          {rec(0, RecordKind::kDeliver, "from c1: addWatch /a PERSISTENT xid=1"),
                           rec(1, RecordKind::kDeliver, "from zk1: reply xid=1 zxid=0x3"),
                           rec(0, RecordKind::kNote, "txn 0x4 setData /a"), rec(0, RecordKind::kNote, "txn 0x5 setData /a"),
                           rec(1, RecordKind::kDeliver, "from zk1: event NodeDataChanged /a (SyncConnected)"),
                           rec(0, RecordKind::kDeliver, "from c1: exists /a xid=2"),
                           rec(1, RecordKind::kDeliver, "from zk1: reply xid=2 zxid=0x5")});
    CHECK(bad.size() == 1);
  }
}

std::string source_path(const std::string& relative) { return std::string(ZOOLAB_SOURCE_DIR) + "/" + relative; }

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(source_path("scenarios")))
    if (e.path().extension() == ".zls") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

TEST_CASE("every shipped scenario runs without an unexpected violation; checker cost per event") {
  for (const std::string& file : shipped_scenarios()) {
    CAPTURE(file);
    auto sc = std::make_shared<const Scenario>(load_scenario(file));
    double seconds[2] = {1e9, 1e9};
    uint64_t events = 0, hashes[2] = {0, 0};
    size_t violations = 0;
    for (int rep = 0; rep < 10; ++rep)  // best of 10, alternating, to see through the noise
    for (int with = 0; with < 2; ++with) {
      RunOptions opt;
      opt.checkers = with == 1;
      const auto t0 = std::chrono::steady_clock::now();
      Run run(sc, sc->seed.value_or(1), product_processes(), opt);
      run.run_to_end();
      seconds[with] = std::min(seconds[with], std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      violations = with == 1 ? run.violations().size() : violations;
      if (rep > 0) continue;
      events = run.world().events_fired();
      hashes[with] = run.world().trace_hash();
      if (with == 1) {
        for (const Violation& v : run.unexpected_violations()) FAIL_CHECK(v.checker << ": " << v.text);
        for (const ExpectResult& r : run.expect_results()) CHECK_MESSAGE(r.passed, r.detail);
      }
    }
    // Checkers write nothing on a clean run: the trace hash is the same with and without them.
    if (violations == 0) CHECK(hashes[0] == hashes[1]);
    MESSAGE(std::filesystem::path(file).filename().string()
            << ": " << events << " events, checkers add "
            << (events ? (seconds[1] - seconds[0]) * 1e9 / static_cast<double>(events) : 0.0) << " ns/event");
  }
}

TEST_CASE("time travel restores what the checkers know") {
  auto sc = std::make_shared<const Scenario>(parse_scenario(
      "tickTime=2000\nserver.1=zk1:2888:3888\nlatency uniform 1ms 3ms\n"
      "at 500ms client c1 connect zk1\nat 600ms client c2 connect zk1\n"
      "at 1s c1: create /a v1\nat 2s c2: get -w /a\nat 3s c1: set /a v2\n+0s c2: get /a\nrun until 5s\n",
      "tt.zls"));
  RunOptions opt;
  opt.checkpoint_every = 7;
  Run run(sc, 1, product_processes(), opt);
  run.run_to_end();
  const uint64_t end = run.world().events_fired();
  const uint64_t hash = run.world().trace_hash();
  run.seek(end / 2);
  run.seek(3);
  run.run_to_end();
  CHECK(run.world().trace_hash() == hash);
  CHECK(run.violations().empty());
}

TEST_CASE("expect violation NAME: unknown names are parse errors; a violation it names is expected") {
  CHECK_THROWS_AS(parse_scenario("server.1=zk1:2888:3888\nat 1s expect violation nonsense\n", "x.zls"), ScenarioError);
  // NOT-TCP reordering lets a read reply overtake the watch event: the lesson expects the checker.
  auto sc = std::make_shared<const Scenario>(load_scenario(source_path("scenarios/sessions-and-watches/not-tcp-watch-order.zls")));
  Run run(sc, 1, product_processes());
  run.run_to_end();
  REQUIRE_FALSE(run.expect_results().empty());
  for (const ExpectResult& r : run.expect_results()) CHECK_MESSAGE(r.passed, r.detail);
  bool seen = false;
  for (const Violation& v : run.violations()) seen = seen || v.checker == "watch-order";
  CHECK(seen);
  CHECK(run.unexpected_violations().empty());
  bool recorded = false;
  for (const TraceRecord& r : run.trace().records)
    recorded = recorded || (r.kind == RecordKind::kViolation && r.text.starts_with("watch-order: "));
  CHECK(recorded);
}

}  // namespace
}  // namespace zoolab::sim::check
