// ZkCliProcess against a tiny in-test server: banner, framing, every command's usage and error
// texts, the liveness rule, history/redo, ls -R order, deleteall batches, drops and quit.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "core/base/overloaded.h"

#include "core/client/zkcli_process.h"
#include "core/client/zkcli_text.h"
#include "core/znode/path.h"
#include "tests/core/client/client_rig.h"

using namespace zoolab;
using namespace zoolab::core::zk;
using testing::ClientRig;

namespace {

// Answers requests from a map of nodes (enough for reads, create/delete/set and multi deletes).
struct FakeServer {
  std::map<std::string, Data> nodes = {{"/", std::string()}, {"/zookeeper", std::string()}};
  std::vector<Request> seen;
  bool answer = true;  // false: leave requests unanswered (the client stays busy)

  std::vector<std::string> children(const std::string& p) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : nodes)
      if (k != "/" && parent_path(k) == p) out.emplace_back(last_component(k));
    // Server order is not sorted: reverse it so the shell's sorting shows.
    return {out.rbegin(), out.rend()};
  }
  Err del(const std::string& p) {
    if (!nodes.count(p)) return Err::kNoNode;
    if (!children(p).empty()) return Err::kNotEmpty;
    if (p == "/" || p == "/zookeeper") return Err::kBadArguments;
    nodes.erase(p);
    return Err::kOk;
  }
  Response reply(const Request& q) {
    Response r;
    r.xid = q.xid;
    r.zxid = 1;
    std::visit(core::Overloaded{
                   [&](const GetDataOp& o) {
                     if (!nodes.count(o.path)) r.err = Err::kNoNode;
                     else r.body = DataResult{nodes[o.path], Stat{}};
                   },
                   [&](const ExistsOp& o) {
                     if (!nodes.count(o.path)) r.err = Err::kNoNode;
                     else r.body = StatResult{Stat{}};
                   },
                   [&](const GetChildrenOp& o) {
                     if (!nodes.count(o.path)) r.err = Err::kNoNode;
                     else r.body = ChildrenResult{children(o.path), std::nullopt};
                   },
                   [&](const CreateOp& o) {
                     if (nodes.count(o.path)) r.err = Err::kNodeExists;
                     else if (!nodes.count(parent_path(o.path))) r.err = Err::kNoNode;
                     else {
                       nodes[o.path] = o.data;
                       r.body = CreateResult{o.path, std::nullopt};
                     }
                   },
                   [&](const DeleteOp& o) { r.err = del(o.path); },
                   [&](const SetDataOp& o) {
                     if (!nodes.count(o.path)) r.err = Err::kNoNode;
                     else {
                       nodes[o.path] = o.data;
                       r.body = StatResult{};
                     }
                   },
                   [&](const MultiOp& m) {
                     MultiResult res;
                     for (const auto& op : m.ops) {
                       const Err e = del(std::get<DeleteOp>(op).path);
                       res.results.push_back(OpResult{e, EmptyResult{}});
                       if (e != Err::kOk) r.err = e;
                     }
                     r.body = res;
                   },
                   [&](const SyncOp&) { r.body = PathResult{}; },
                   [&](const ReconfigOp&) { r.err = Err::kReconfigDisabled; },
                   [&](const WhoAmIOp&) { r.body = WhoAmIResult{{Id{"ip", "127.0.0.1"}}}; },
                   [&](const auto&) {},
               },
               q.body);
    return r;
  }
};

struct Rig {
  ClientRig rig;
  FakeServer server;
  ZkCliProcess p;
  core::ConnId conn = core::kNoConn;
  std::string out, err;

  explicit Rig(bool connect_ok = true) : p(config()) {
    auto env = rig.env();
    p.on_start(env, {});
    auto cmds = rig.take();
    collect(cmds);
    conn = ClientRig::only<core::ConnectCmd>(cmds).at(0).conn;
    if (connect_ok) {
      p.on_message(env, conn, 1, ConnectResponse{0, 30000, 0x1000004f6730000, "pw", false});
      settle();
    }
  }
  static ZkCliProcessConfig config() {
    ZkCliProcessConfig c;
    c.servers = {1};
    return c;
  }
  void collect(const std::vector<core::Command>& cmds) {
    out += ClientRig::printed(cmds, core::OutStream::kOut);
    err += ClientRig::printed(cmds, core::OutStream::kErr);
  }
  // Plays the server until nothing more is sent.
  void settle() {
    auto env = rig.env();
    for (int guard = 0; guard < 10000; ++guard) {
      auto cmds = rig.take();
      collect(cmds);
      const auto reqs = ClientRig::requests(cmds);
      if (reqs.empty() || !server.answer) break;
      for (const auto& q : reqs) {
        server.seen.push_back(q);
        if (q.xid == kXidPing) continue;
        p.on_message(env, conn, 1, server.reply(q));
      }
    }
  }
  std::pair<std::string, std::string> type(const std::string& line) {
    out.clear();
    err.clear();
    auto env = rig.env();
    p.on_input(env, line);
    settle();
    return {out, err};
  }
};

const std::string kWatcherConnected = "\nWATCHER::\n\nWatchedEvent state:SyncConnected type:None path:null\n";

}  // namespace

TEST_CASE("banner, SyncConnected block and prompt") {
  Rig r(false);
  CHECK(r.out == "Connecting to localhost:2181\nWelcome to ZooKeeper!\nJLine support is disabled\n");
  CHECK(r.p.prompt() == "[zk: localhost:2181(CONNECTING) 0] ");
  auto env = r.rig.env();
  r.p.on_message(env, r.conn, 1, ConnectResponse{0, 30000, 0x1000004f6730000, "pw", false});
  r.settle();
  CHECK(r.out.ends_with(kWatcherConnected));
  CHECK(r.p.prompt() == "[zk: localhost:2181(CONNECTED) 0] ");
  CHECK(r.p.kind() == "zkcli");
  CHECK(r.p.session_id() == 0x1000004f6730000);
  r.type("");
  CHECK(r.p.prompt() == "[zk: localhost:2181(CONNECTED) 0] ");  // empty lines do not count
  r.type("ls /");
  CHECK(r.p.prompt() == "[zk: localhost:2181(CONNECTED) 1] ");
}

TEST_CASE("unknown commands and help print the usage list then the doubled message") {
  Rig r;
  auto [o, e] = r.type("help");
  CHECK(o.empty());
  CHECK(e == usage_text() + "Command not found: Command not found help\n");
  std::tie(o, e) = r.type("bogus x y");
  CHECK(e.ends_with("\twhoami \nCommand not found: Command not found bogus\n"));
}

TEST_CASE("missing arguments print the command's usage line on stderr") {
  Rig r;
  for (const char* c : {"create", "get", "set", "ls", "stat", "delete", "deleteall", "getAcl", "setAcl", "sync",
                        "addauth", "addWatch", "removewatches", "listquota", "delquota", "getAllChildrenNumber",
                        "reconfig"}) {
    CAPTURE(c);
    auto [o, e] = r.type(c);
    CHECK(o.empty());
    CHECK(e == command_usage(c) + "\n");
  }
  CHECK(r.type("set /a").second == "set [-s] [-v version] path data\n");
  CHECK(r.type("setAcl /a").second == "setAcl [-s] [-v version] [-R] path acl\n");
  CHECK(r.type("version x").second == "version \n");
  CHECK(r.type("addWatch -m bogus /a").second == command_usage("addWatch") + "\n");
  CHECK(r.type("setquota -n 3").second == "setquota -n|-b|-N|-B val path\n");
  CHECK(r.type("get -z /a").second == "org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -z\n");
}

TEST_CASE("create: flag checks, TTLs, data, ACLs and path validation") {
  Rig r;
  CHECK(r.type("create -c -s /a").second == "-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.\n");
  CHECK(r.type("create -t x /a").second == "-t argument must be a long value\n");
  CHECK(r.type("create -t 10 -e /a").second == "TTLs cannot be used with Ephemeral znodes\n");
  CHECK(r.type("create -t 10 -c /a").second == "TTLs cannot be used with Container znodes\n");
  CHECK(r.type("create -t 0 /a").second == "ttl must be positive and cannot be larger than: 1099511627775\n");
  CHECK(r.type("create a").second == "Path must start with / character\n");
  CHECK(r.type("create /a/").second == "Path must not end with / character\n");
  CHECK(r.type("create -s /a//").second == "Invalid path string \"/a//1\" caused by empty node name specified @3\n");
  CHECK(r.type("create /a b c").second ==
        "c does not have the form scheme:id:perm\nKeeperErrorCode = InvalidACL\nAcl is not valid : null\n");
  CHECK(r.type("create /a hello").second == "Created /a\n");
  CHECK(r.server.nodes.at("/a") == Data("hello"));
  CHECK(r.type("create /n").second == "Created /n\n");
  CHECK(r.server.nodes.at("/n") == std::nullopt);
  CHECK(r.type("get /n").first == "null\n");
  CHECK(r.type("create /a again").second == "Node already exists: /a\n");
  CHECK(r.type("create /q \"two words\"").second == "Created /q\n");
  CHECK(r.server.nodes.at("/q") == Data("two words"));
  CHECK(r.type("create /x/y").second == "Node does not exist: /x/y\n");
  const auto& last = std::get<CreateOp>(r.server.seen.back().body);
  CHECK(last.acl == open_acl_unsafe());
}

TEST_CASE("reads: get, ls sorted, stat, deprecated forms") {
  Rig r;
  r.server.nodes["/b"] = "2";
  r.server.nodes["/a"] = "1";
  r.server.nodes["/B"] = "3";
  CHECK(r.type("ls /") == std::pair<std::string, std::string>{"[B, a, b, zookeeper]\n", ""});
  CHECK(r.type("ls /a").first == "[]\n");
  CHECK(r.type("get /a").first == "1\n");
  CHECK(r.type("get /nope").second == "Node does not exist: /nope\n");
  CHECK(r.type("stat /nope").second == "Node does not exist: /nope\n");
  CHECK(r.type("stat /a").first.starts_with("cZxid = 0x0\nctime = Thu Jan 01 00:00:00 UTC 1970\n"));
  auto [o, e] = r.type("get /a watch");
  CHECK(e == "'get path [watch]' has been deprecated. Please use 'get [-s] [-w] path' instead.\n");
  CHECK(o == "1\n");
  CHECK(r.p.watches().data.count("/a"));
  std::tie(o, e) = r.type("ls / watch");
  CHECK(e == "'ls path [watch]' has been deprecated. Please use 'ls [-w] path' instead.\n");
  CHECK(r.p.watches().child.count("/"));
  std::tie(o, e) = r.type("delete /a 3");
  CHECK(e == "'delete path [version]' has been deprecated. Please use 'delete [-v version] path' instead.\n");
  CHECK(std::get<DeleteOp>(r.server.seen.back().body).version == -1);
  CHECK(r.type("sync /whatever").first == "Sync is OK\n");
  CHECK(r.type("reconfig -add server.5=h:1:2;3").second == "KeeperErrorCode = Reconfig is disabled\n");
  CHECK(r.type("whoami").first == "Auth scheme: User\nip: 127.0.0.1\n");
  CHECK(r.type("version").first == "ZooKeeper CLI version: 3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC\n");
  CHECK(r.type("removewatches /zz").second == "KeeperErrorCode = No such watcher for /zz\n");
}

TEST_CASE("ls -R prints the path, then children before recursing, in Java order") {
  Rig r;
  for (const char* n : {"/a", "/a/c", "/a/b", "/a/b/x", "/a/c/y", "/a/B"}) r.server.nodes[n] = std::string();
  CHECK(r.type("ls -R /a").first == "/a\n/a/B\n/a/b\n/a/c\n/a/b/x\n/a/c/y\n");
  CHECK(r.type("ls -R /").first.starts_with("/\n/a\n/zookeeper\n/a/B\n"));
  CHECK(r.type("ls -R /none").second == "Node does not exist: /none\n");
}

TEST_CASE("deleteall lists breadth-first, deletes leaves first in multi batches") {
  Rig r;
  for (const char* n : {"/d", "/d/1", "/d/2", "/d/1/x"}) r.server.nodes[n] = std::string();
  r.server.seen.clear();
  CHECK(r.type("deleteall /d -b 2") == std::pair<std::string, std::string>{"", ""});
  std::vector<std::vector<std::string>> batches;
  for (const auto& q : r.server.seen)
    if (const auto* m = std::get_if<MultiOp>(&q.body)) {
      batches.emplace_back();
      for (const auto& op : m->ops) batches.back().push_back(std::get<DeleteOp>(op).path);
    }
  REQUIRE(batches.size() == 2);
  CHECK(batches[0] == std::vector<std::string>{"/d/1/x", "/d/1"});
  CHECK(batches[1] == std::vector<std::string>{"/d/2", "/d"});
  CHECK_FALSE(r.server.nodes.count("/d"));
  CHECK(r.type("deleteall /nonexist").second == "Node does not exist: /nonexist\n");
  CHECK(r.type("deleteall /").second == "Failed to delete some node(s) in the subtree!\n");
  CHECK(r.type("deleteall /x -b y").second == "-b argument must be an int value\n");
}

TEST_CASE("history, redo and printwatches") {
  Rig r;
  r.type("ls /");
  r.type("printwatches off");
  CHECK(r.type("printwatches").first == "printwatches is off\n");
  r.type("printwatches on");
  CHECK(r.type("history").first == "0 - ls /\n1 - printwatches off\n2 - printwatches\n3 - printwatches on\n4 - history\n");
  CHECK(r.type("redo 9").second == "Command index out of range\n");
  CHECK(r.type("redo 0").first == "[zookeeper]\n");
  CHECK(r.type("redo 5").second == "No redoing redos\n");  // entry 5 is "redo 9" (it failed, so it stayed)
  CHECK(r.type("redo 6").first == "[zookeeper]\n");        // entry 6 was replaced by the line it redid
  CHECK(r.type("history").first.find("6 - ls /\n7 - redo 5\n8 - ls /\n") != std::string::npos);
  for (int i = 0; i < 12; ++i) r.type("version");
  const std::string h = r.type("history").first;
  CHECK(std::count(h.begin(), h.end(), '\n') == 11);
  CHECK(h.ends_with("22 - history\n"));
}

TEST_CASE("close: Closed event, then every command prints Not connected (local ones first)") {
  Rig r;
  auto [o, e] = r.type("close");
  CHECK(o == "\nWATCHER::\n\nWatchedEvent state:Closed type:None path:null\n");
  CHECK(r.p.prompt() == "[zk: localhost:2181(CLOSED) 1] ");
  CHECK(r.type("ls /").first == "Not connected\n");
  CHECK(r.type("get -z /").first == "Not connected\n");
  CHECK(r.type("printwatches").first == "printwatches is on\nNot connected\n");
  CHECK(r.type("history").first.ends_with("4 - history\nNot connected\n"));
  CHECK(r.type("bogus").second.ends_with("Command not found: Command not found bogus\n"));
  std::tie(o, e) = r.type("quit");
  CHECK(o.empty());  // session already closed: no Closed block
  CHECK(r.p.wants_exit());
}

TEST_CASE("quit on a live session prints the Closed block and asks to exit") {
  Rig r;
  auto [o, e] = r.type("quit");
  CHECK(o == "\nWATCHER::\n\nWatchedEvent state:Closed type:None path:null\n");
  CHECK(r.p.wants_exit());
  CHECK(std::holds_alternative<CloseSessionOp>(r.server.seen.back().body));
  CHECK_FALSE(r.p.busy());
}

TEST_CASE("busy while a reply is outstanding; a dropped connection gives ConnectionLoss and Disconnected") {
  Rig r;
  r.server.answer = false;
  auto env = r.rig.env();
  r.p.on_input(env, "get /a");
  CHECK(r.p.busy());
  r.rig.take();
  r.p.on_closed(env, r.conn, 1);
  auto cmds = r.rig.take();
  CHECK(ClientRig::printed(cmds, core::OutStream::kErr) == "KeeperErrorCode = ConnectionLoss for /a\n");
  CHECK(ClientRig::printed(cmds, core::OutStream::kOut) == "\nWATCHER::\n\nWatchedEvent state:Disconnected type:None path:null\n");
  CHECK_FALSE(r.p.busy());
  CHECK(r.p.prompt() == "[zk: localhost:2181(CONNECTING) 1] ");
  // Commands while CONNECTING wait for the next connection.
  r.p.on_input(env, "sync /");
  CHECK(r.p.busy());
}

TEST_CASE("watch events print only when a client watch fired; printwatches off hides them") {
  Rig r;
  r.server.nodes["/w"] = "x";
  r.type("get -w /w");
  auto env = r.rig.env();
  r.p.on_message(env, r.conn, 1, WatchEvent{EventType::kNodeDataChanged, KeeperState::kSyncConnected, "/w", -1});
  CHECK(ClientRig::printed(r.rig.take(), core::OutStream::kOut) ==
        "\nWATCHER::\n\nWatchedEvent state:SyncConnected type:NodeDataChanged path:/w\n");
  r.p.on_message(env, r.conn, 1, WatchEvent{EventType::kNodeDataChanged, KeeperState::kSyncConnected, "/w", -1});
  CHECK(ClientRig::printed(r.rig.take(), core::OutStream::kOut).empty());
}

TEST_CASE("!4lw opens its own connection and prints the reply as is") {
  Rig r;
  auto env = r.rig.env();
  r.p.on_input(env, "!4lw ruok");
  auto cmds = r.rig.take();
  const auto conns = ClientRig::only<core::ConnectCmd>(cmds);
  REQUIRE(conns.size() == 1);
  CHECK(std::get<FourLetterWord>(ClientRig::only<core::SendCmd>(cmds).at(0).msg).cmd == "ruok");
  CHECK(r.p.busy());
  r.p.on_message(env, conns[0].conn, 1, FourLetterReply{"imok"});
  CHECK(ClientRig::printed(r.rig.take(), core::OutStream::kOut) == "imok");
  CHECK_FALSE(r.p.busy());
  CHECK(r.p.shell().command_count() == 0);
}

TEST_CASE("the process clones into an equal copy") {
  Rig r;
  r.type("ls /");
  auto c = r.p.clone();
  const auto* z = dynamic_cast<const ZkCliProcess*>(c.get());
  REQUIRE(z);
  CHECK(z->shell() == r.p.shell());
}
