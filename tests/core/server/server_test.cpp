// Standalone server fed directly: sessions, zxids, watches before replies, expiry, restart.
#include "tests/core/server/server_harness.h"

using namespace zoolab::testing;

TEST_CASE("first session takes zxid 0x1, its first create 0x2 (worked values of §9.4)") {
  ServerHarness h;
  h.start();
  CHECK(h.server->last_processed_zxid() == 0);
  CHECK(h.server->tree().zk_node_count() == 5);
  const ConnId c = h.connect();
  const ConnectResponse cr = h.connect_response(c);
  CHECK(cr.timeout_ms == 30000);
  CHECK(cr.session_id == static_cast<SessionId>(0x1000004f6730000LL));
  CHECK(h.server->last_processed_zxid() == 1);
  h.request(c, 1, create_op("/a", std::string("hello")));
  const Response r = h.response(c, 1);
  CHECK(r.err == Err::kOk);
  CHECK(r.zxid == 2);
  const Stat root = h.stat("/");
  CHECK(root.czxid == 0);
  CHECK(root.pzxid == 2);
  CHECK(root.cversion == 0);
  CHECK(root.num_children == 2);
  const Stat a = h.stat("/a");
  CHECK(a.czxid == 2);
  CHECK(a.mzxid == 2);
  CHECK(a.pzxid == 2);
  CHECK(a.data_length == 5);
  CHECK(a.ctime_ms == kCalendarStartMs);
  CHECK(h.stat("/zookeeper").cversion == -2);
  CHECK(h.server->tree().persisted(h.server->tree().find("/zookeeper/config")).aversion == -1);
}

TEST_CASE("every failed write consumes a zxid; reads do not") {
  ServerHarness h;
  h.start();
  const ConnId c = h.connect();
  h.request(c, 1, create_op("/a"));
  h.request(c, 2, create_op("/a"));
  CHECK(h.response(c, 2).err == Err::kNodeExists);
  CHECK(h.server->last_processed_zxid() == 3);
  h.request(c, 3, DeleteOp{"/missing/x", -1});
  CHECK(h.response(c, 3).err == Err::kNoNode);
  h.request(c, 4, SetDataOp{"/a", std::string("x"), 7});
  CHECK(h.response(c, 4).err == Err::kBadVersion);
  h.request(c, 5, DeleteOp{"/zookeeper", -1});
  CHECK(h.response(c, 5).err == Err::kBadArguments);
  CHECK(h.server->last_processed_zxid() == 6);
  h.request(c, 6, GetDataOp{"/nope", false});
  CHECK(h.response(c, 6).err == Err::kNoNode);
  h.request(c, 7, SyncOp{"/"});
  CHECK(h.server->last_processed_zxid() == 6);
  h.request(c, 8, ReconfigOp{""});
  CHECK(h.response(c, 8).err == Err::kReconfigDisabled);
  CHECK(h.server->last_processed_zxid() == 7);
}

TEST_CASE("delete error precedence: BadVersion before NotEmpty, NoAuth before NoNode") {
  ServerHarness h;
  h.start();
  const ConnId c = h.connect();
  h.request(c, 1, create_op("/p"));
  h.request(c, 2, create_op("/p/c"));
  h.request(c, 3, DeleteOp{"/p", 99});
  CHECK(h.response(c, 3).err == Err::kBadVersion);
  h.request(c, 4, DeleteOp{"/p", -1});
  CHECK(h.response(c, 4).err == Err::kNotEmpty);
  h.request(c, 5, SetAclOp{"/p", read_acl_unsafe(), -1});
  h.request(c, 6, DeleteOp{"/p/missing", -1});
  CHECK(h.response(c, 6).err == Err::kNoAuth);
  h.request(c, 7, create_op("/p/x"));
  CHECK(h.response(c, 7).err == Err::kNoAuth);
}

TEST_CASE("watch event reaches the watcher before the write's reply") {
  ServerHarness h;
  h.start();
  const ConnId c = h.connect();
  h.request(c, 1, ExistsOp{"/w", true});
  CHECK(h.response(c, 1).err == Err::kNoNode);
  const size_t before = h.sent.size();
  h.request(c, 2, create_op("/w"));
  REQUIRE(h.sent.size() == before + 2);
  const auto* ev = std::get_if<WatchEvent>(&h.sent[before].msg);
  REQUIRE(ev != nullptr);
  CHECK(ev->type == EventType::kNodeCreated);
  CHECK(ev->path == "/w");
  CHECK(std::holds_alternative<Response>(h.sent[before + 1].msg));
  // One-shot: a second change fires nothing.
  h.request(c, 3, SetDataOp{"/w", std::string("x"), -1});
  CHECK(h.events(c).size() == 1);
}

TEST_CASE("a read waits behind the same connection's pending write") {
  ServerHarness h;
  h.start();
  const ConnId c = h.connect();
  h.auto_disk = false;
  h.request(c, 1, create_op("/q", std::string("v")));
  h.request(c, 2, GetDataOp{"/q", false});
  for (const auto& s : h.sent) CHECK_FALSE(std::holds_alternative<Response>(s.msg));
  h.complete_disk();
  CHECK(h.response(c, 1).err == Err::kOk);
  CHECK(h.response(c, 2).err == Err::kOk);
  CHECK(std::get<DataResult>(h.response(c, 2).body).data == std::optional<std::string>("v"));
}

TEST_CASE("session expiry: timeout plus at most one tick, ephemerals deleted, watchers told") {
  ServerConfig cfg;
  cfg.tick_time_ms = 2000;
  ServerHarness h(cfg);
  h.start();
  const ConnId a = h.connect(4000);
  CHECK(h.connect_response(a).timeout_ms == 4000);
  const ConnId b = h.connect(30000);
  h.request(a, 1, create_op("/e", std::string(), CreateMode::kEphemeral));
  h.request(b, 1, ExistsOp{"/e", true});
  h.drop(a);  // the client crashed; its session lingers until expiry
  CHECK(h.server->tree().find("/e") != DataTree::kNone);
  h.advance_ms(4000);
  CHECK(h.server->tree().find("/e") != DataTree::kNone);
  h.advance_ms(2000);  // bucket ((0+4000)/2000+1)*2000 = 6000
  CHECK(h.server->tree().find("/e") == DataTree::kNone);
  const auto evs = h.events(b);
  REQUIRE(evs.size() == 1);
  CHECK(evs[0].type == EventType::kNodeDeleted);
  CHECK(h.stat("/").pzxid == h.server->last_processed_zxid());
  bool noted = false;
  for (const auto& n : h.notes) noted = noted || n.find("Expiring session 0x1000004f6730000, timeout of 4000ms exceeded") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("timeout is clamped to [2, 20] ticks; a bad reconnect gets timeout 0 and is closed") {
  ServerConfig cfg;
  cfg.tick_time_ms = 2000;
  ServerHarness h(cfg);
  h.start();
  const ConnId a = h.connect(100000);
  CHECK(h.connect_response(a).timeout_ms == 40000);
  const ConnectResponse first = h.connect_response(a);
  const ConnId b = h.connect(1000, first.session_id, "wrong");
  CHECK(h.connect_response(b).timeout_ms == 0);
  CHECK(h.connect_response(b).session_id == 0);
  const ConnId c = h.connect(30000, first.session_id, first.passwd);
  CHECK(h.connect_response(c).session_id == first.session_id);
  CHECK(h.connect_response(c).timeout_ms == 30000);
}

TEST_CASE("multi: one zxid, results per op, nothing applied on failure") {
  ServerHarness h;
  h.start();
  const ConnId c = h.connect();
  MultiOp ok;
  ok.ops = {create_op("/m"), create_op("/m/child"), SetDataOp{"/m", std::string("d"), 0}};
  h.request(c, 1, ok);
  CHECK(h.server->last_processed_zxid() == 2);
  const auto res = std::get<MultiResult>(h.response(c, 1).body);
  REQUIRE(res.results.size() == 3);
  CHECK(std::get<CreateResult>(res.results[1].result).path == "/m/child");
  CHECK(h.stat("/m").version == 1);
  MultiOp bad;
  bad.ops = {create_op("/n"), DeleteOp{"/nothing", -1}, create_op("/o")};
  h.request(c, 2, bad);
  const Response r = h.response(c, 2);
  CHECK(r.err == Err::kOk);
  const auto br = std::get<MultiResult>(r.body);
  REQUIRE(br.results.size() == 3);
  CHECK(br.results[0].err == Err::kOk);
  CHECK(br.results[1].err == Err::kNoNode);
  CHECK(br.results[2].err == Err::kRuntimeInconsistency);
  CHECK(h.server->tree().find("/n") == DataTree::kNone);
  CHECK(h.server->last_processed_zxid() == 3);
}

TEST_CASE("auth: digest always succeeds, unknown scheme fails and closes; whoami order") {
  ServerHarness h;
  h.start();
  const ConnId c = h.connect();
  h.request(c, kXidAuth, AuthOp{"digest", "user1:12345"});
  CHECK(h.response(c, kXidAuth).err == Err::kOk);
  h.request(c, 1, WhoAmIOp{});
  const auto ids = std::get<WhoAmIResult>(h.response(c, 1).body).ids;
  REQUIRE(ids.size() == 2);
  CHECK(ids[0] == Id{"digest", "user1:+owfoSBn/am19roBPzR1/MfCblE="});
  CHECK(ids[1] == Id{"ip", "127.0.0.1"});
  h.request(c, 2, CreateOp{"/s", std::string("x"), Acl{{perm::kAll, Id{"auth", ""}}}, CreateMode::kPersistent, -1, false});
  CHECK(h.response(c, 2).err == Err::kOk);
  const ConnId d = h.connect();
  h.request(d, 1, GetDataOp{"/s", false});
  CHECK(h.response(d, 1).err == Err::kNoAuth);
  h.request(d, 2, ExistsOp{"/s", false});
  CHECK(h.response(d, 2).err == Err::kOk);  // 3.8.0: exists has no ACL check
  h.request(d, 3, CreateOp{"/t", std::string("x"), Acl{{perm::kAll, Id{"auth", ""}}}, CreateMode::kPersistent, -1, false});
  CHECK(h.response(d, 3).err == Err::kInvalidAcl);
  h.request(d, kXidAuth, AuthOp{"foo", "bar"});
  CHECK(h.response(d, kXidAuth).err == Err::kAuthFailed);
  CHECK(h.closed.back() == d);
}

TEST_CASE("oversized request closes the connection without a zxid") {
  ServerHarness h;
  h.start();
  const ConnId c = h.connect();
  const Zxid before = h.server->last_processed_zxid();
  h.request(c, 1, create_op("/big", std::string(1048575, 'x')));
  CHECK(h.closed.back() == c);
  CHECK(h.server->last_processed_zxid() == before);
  CHECK(h.server->sessions().sessions().size() == 1);  // the session survives
}

TEST_CASE("restart recovers tree, zxid and sessions from the durable log") {
  ServerHarness h;
  h.start();
  const ConnId c = h.connect();
  h.request(c, 1, create_op("/keep", std::string("v")));
  h.request(c, 2, create_op("/eph", std::string(), CreateMode::kEphemeral));
  h.auto_disk = false;
  h.request(c, 3, create_op("/lost"));  // appended, never fsynced
  h.crash_restart();
  h.auto_disk = true;
  h.complete_disk();
  CHECK(h.server->last_processed_zxid() == 3);
  CHECK(h.server->tree().find("/keep") != DataTree::kNone);
  CHECK(h.server->tree().find("/eph") != DataTree::kNone);
  CHECK(h.server->tree().find("/lost") == DataTree::kNone);
  CHECK(h.server->sessions().sessions().size() == 1);
  // And once more from the start-up snapshot plus an empty log.
  h.crash_restart();
  CHECK(h.server->last_processed_zxid() == 3);
  CHECK(h.stat("/keep").czxid == 2);
}

TEST_CASE("four-letter words: whitelist and srvr shape") {
  ServerHarness h;
  h.start();
  CHECK(h.server->four_letter_reply("srvr", 0) ==
        "Zookeeper version: 3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC\n"
        "Latency min/avg/max: 0/0.0/0\nReceived: 0\nSent: 0\nConnections: 0\nOutstanding: 0\nZxid: 0x0\n"
        "Mode: standalone\nNode count: 5\n");
  CHECK(h.server->four_letter_reply("ruok", 0) == "ruok is not executed because it is not in the whitelist.\n");
  ServerConfig all = server_config_from({{"4lw.commands.whitelist", "*"}, {"tickTime", "2000"}}, 1);
  ServerHarness g(all);
  g.start();
  CHECK(g.server->four_letter_reply("ruok", 0) == "imok");
  const std::string conf = g.server->four_letter_reply("conf", 0);
  CHECK(conf.find("minSessionTimeout=4000\nmaxSessionTimeout=40000\n") != std::string::npos);
}

TEST_CASE("container and TTL reaper runs on the fixed interval") {
  ServerConfig cfg = server_config_from({{"extendedTypesEnabled", "true"}}, 1);
  ServerHarness h(cfg);
  h.start();
  const ConnId c = h.connect(40000);
  h.request(c, 1, create_op("/c", std::string(), CreateMode::kContainer));
  h.request(c, 2, create_op("/c/x"));
  h.request(c, 3, DeleteOp{"/c/x", -1});
  h.request(c, 4, create_op("/never", std::string(), CreateMode::kContainer));
  CreateOp ttl = create_op("/t", std::string(), CreateMode::kPersistentWithTtl);
  ttl.ttl_ms = 3000;
  h.request(c, 5, ttl);
  CHECK(h.response(c, 5).err == Err::kOk);
  for (int i = 0; i < 6; ++i) {
    h.advance_ms(10000);
    h.request(c, 100 + i, PingOp{});
  }
  CHECK(h.server->tree().find("/c") == DataTree::kNone);
  CHECK(h.server->tree().find("/t") == DataTree::kNone);
  CHECK(h.server->tree().find("/never") != DataTree::kNone);
}

TEST_CASE("TTL create without extended types is Unimplemented and takes a zxid") {
  ServerHarness h;
  h.start();
  const ConnId c = h.connect();
  CreateOp ttl = create_op("/t", std::string(), CreateMode::kPersistentWithTtl);
  ttl.ttl_ms = 3000;
  h.request(c, 1, ttl);
  CHECK(h.response(c, 1).err == Err::kUnimplemented);
  CHECK(h.server->last_processed_zxid() == 2);
}
