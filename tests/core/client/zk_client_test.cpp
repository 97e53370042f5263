// ZkClient driven by hand-made server messages: handshake, requests, watches, drops,
// reconnect with auth + SetWatches, expiry, auth failure, pings and close.
#include <doctest/doctest.h>

#include "core/client/zk_client.h"
#include "tests/core/client/client_rig.h"

using namespace zoolab;
using namespace zoolab::core::zk;
using testing::ClientRig;
using core::milliseconds;

namespace {

ZkClientConfig one_server() {
  ZkClientConfig c;
  c.servers = {{3, "localhost:2181"}};
  c.session_timeout_ms = 30000;
  c.timer_kind_base = 100;
  return c;
}

// Starts the client and completes the handshake with the given negotiated timeout.
core::ConnId connect(ZkClient& zk, ClientRig& rig, int32_t timeout = 30000, SessionId sid = 0x1000001) {
  auto env = rig.env();
  zk.start(env);
  const auto cmds = rig.take();
  const auto conns = ClientRig::only<core::ConnectCmd>(cmds);
  REQUIRE(conns.size() == 1);
  zk.on_message(env, conns[0].conn, ConnectResponse{0, timeout, sid, "pw", false});
  return conns[0].conn;
}

template <class T>
std::vector<T> outs(ZkClient& zk) {
  std::vector<T> r;
  for (auto& o : zk.take_outputs())
    if (auto* x = std::get_if<T>(&o)) r.push_back(*x);
  return r;
}

}  // namespace

TEST_CASE("start sends ConnectRequest and waits connectTimeout; the response connects") {
  ClientRig rig;
  ZkClient zk(one_server());
  auto env = rig.env();
  CHECK(zk.state() == ClientState::kNotConnected);
  zk.start(env);
  CHECK(zk.state() == ClientState::kConnecting);
  auto cmds = rig.take();
  const auto conns = ClientRig::only<core::ConnectCmd>(cmds);
  REQUIRE(conns.size() == 1);
  CHECK(conns[0].peer == 3);
  const auto sends = ClientRig::only<core::SendCmd>(cmds);
  REQUIRE(sends.size() == 1);
  CHECK(std::get<ConnectRequest>(sends[0].msg) == ConnectRequest{0, 0, 30000, 0, "", false});
  const auto timers = ClientRig::only<core::SetTimerCmd>(cmds);
  REQUIRE(timers.size() == 1);
  CHECK(timers[0].delay == milliseconds(30000));  // connectTimeout = timeout / 1 host

  zk.on_message(env, conns[0].conn, ConnectResponse{0, 4000, 0x1000001, "pw", false});
  CHECK(zk.state() == ClientState::kConnected);
  CHECK(zk.negotiated_timeout_ms() == 4000);
  CHECK(zk.session_id() == 0x1000001);
  CHECK(outs<ClientSessionEvent>(zk) == std::vector<ClientSessionEvent>{{KeeperState::kSyncConnected}});
  cmds = rig.take();
  bool read_timer = false;
  for (const auto& t : ClientRig::only<core::SetTimerCmd>(cmds))
    if (t.timer.kind == 101 && t.delay == milliseconds(2666)) read_timer = true;  // 2/3 of 4000
  CHECK(read_timer);
  CHECK(zk.connected_server()->host_port == "localhost:2181");
}

TEST_CASE("replies register watches; events consume them per table") {
  ClientRig rig;
  ZkClient zk(one_server());
  const auto conn = connect(zk, rig);
  auto env = rig.env();
  zk.take_outputs();
  const Xid x = zk.submit(env, GetDataOp{"/a", true});
  const Xid y = zk.submit(env, ExistsOp{"/b", true});
  const Xid z = zk.submit(env, GetChildrenOp{"/", true, false});
  const auto reqs = ClientRig::requests(rig.take());
  REQUIRE(reqs.size() == 3);
  CHECK(reqs[0].xid == x);
  CHECK(x == 1);
  zk.on_message(env, conn, Response{x, 5, Err::kOk, DataResult{"v", {}}});
  zk.on_message(env, conn, Response{y, 5, Err::kNoNode, EmptyResult{}});
  zk.on_message(env, conn, Response{z, 5, Err::kOk, ChildrenResult{{"a"}, std::nullopt}});
  CHECK(zk.last_zxid_seen() == 5);
  CHECK(zk.watches().data.count("/a"));
  CHECK(zk.watches().exist.count("/b"));
  CHECK(zk.watches().child.count("/"));
  CHECK(outs<ClientReply>(zk).size() == 3);

  zk.on_message(env, conn, WatchEvent{EventType::kNodeDataChanged, KeeperState::kSyncConnected, "/a", -1});
  zk.on_message(env, conn, WatchEvent{EventType::kNodeDataChanged, KeeperState::kSyncConnected, "/a", -1});
  zk.on_message(env, conn, WatchEvent{EventType::kNodeCreated, KeeperState::kSyncConnected, "/b", -1});
  zk.on_message(env, conn, WatchEvent{EventType::kNodeChildrenChanged, KeeperState::kSyncConnected, "/", -1});
  const auto ev = outs<ClientWatchEvent>(zk);
  REQUIRE(ev.size() == 4);
  CHECK(ev[0].fired == watch_table::kData);
  CHECK(ev[1].fired == 0);  // one-shot: already consumed
  CHECK(ev[2].fired == watch_table::kExist);
  CHECK(ev[3].fired == watch_table::kChild);
  CHECK(zk.watches().empty());
}

TEST_CASE("persistent and recursive watches follow D4") {
  ClientWatchTables t;
  t.register_reply(AddWatchOp{"/p", WatcherMode::kPersistent}, Err::kOk);
  t.register_reply(AddWatchOp{"/r", WatcherMode::kPersistentRecursive}, Err::kOk);
  t.register_reply(AddWatchOp{"/x", WatcherMode::kPersistent}, Err::kNoAuth);
  CHECK(t.materialize({EventType::kNodeChildrenChanged, KeeperState::kSyncConnected, "/p", -1}) == watch_table::kPersistent);
  CHECK(t.materialize({EventType::kNodeChildrenChanged, KeeperState::kSyncConnected, "/r", -1}) == 0);
  CHECK(t.materialize({EventType::kNodeCreated, KeeperState::kSyncConnected, "/r/a/b", -1}) == watch_table::kPersistentRecursive);
  CHECK(t.materialize({EventType::kNodeDeleted, KeeperState::kSyncConnected, "/p", -1}) == watch_table::kPersistent);
  CHECK(t.persistent.count("/p"));  // persistent watches stay
  CHECK_FALSE(t.persistent.count("/x"));
  CHECK(t.contains("/r", WatcherType::kAny));
  CHECK_FALSE(t.contains("/r", WatcherType::kData));
  CHECK(t.remove("/r", WatcherType::kAny) == watch_table::kPersistentRecursive);
  const SetWatchesOp sw = t.set_watches(9);
  CHECK(sw.relative_zxid == 9);
  CHECK(sw.persistent == std::vector<std::string>{"/p"});
}

TEST_CASE("a dropped connection fails pending requests, then reconnects with auth and SetWatches first") {
  ClientRig rig;
  ZkClient zk(one_server());
  const auto conn = connect(zk, rig, 30000, 0x77);
  auto env = rig.env();
  zk.take_outputs();
  const Xid a = zk.submit(env, AuthOp{"digest", "u:p"});
  CHECK(a == kXidAuth);
  zk.on_message(env, conn, Response{kXidAuth, 0, Err::kOk, EmptyResult{}});
  const Xid w = zk.submit(env, ExistsOp{"/w", true});
  zk.on_message(env, conn, Response{w, 7, Err::kOk, StatResult{}});
  const Xid lost = zk.submit(env, GetDataOp{"/x", false});
  rig.take();
  zk.take_outputs();

  zk.on_closed(env, conn);
  auto o = zk.take_outputs();
  REQUIRE(o.size() == 2);
  CHECK(std::get<ClientReply>(o[0]).xid == lost);
  CHECK(std::get<ClientReply>(o[0]).response.err == Err::kConnectionLoss);
  CHECK(std::get<ClientSessionEvent>(o[1]).state == KeeperState::kDisconnected);
  CHECK(zk.state() == ClientState::kConnecting);
  auto cmds = rig.take();
  const auto timers = ClientRig::only<core::SetTimerCmd>(cmds);
  REQUIRE(timers.size() == 1);
  // One host: back at the last good server -> 1000 ms spin delay plus 0..999 ms random sleep.
  CHECK(timers[0].delay >= milliseconds(1000));
  CHECK(timers[0].delay <= milliseconds(1999));

  const Xid queued = zk.submit(env, GetDataOp{"/q", false});  // while CONNECTING: queued
  CHECK(ClientRig::requests(rig.take()).empty());
  zk.on_timer(env, timers[0].timer);
  cmds = rig.take();
  const auto conns = ClientRig::only<core::ConnectCmd>(cmds);
  REQUIRE(conns.size() == 1);
  const auto sends = ClientRig::only<core::SendCmd>(cmds);
  REQUIRE(sends.size() == 1);
  CHECK(std::get<ConnectRequest>(sends[0].msg) == ConnectRequest{0, 7, 30000, 0x77, "pw", false});
  zk.on_message(env, conns[0].conn, ConnectResponse{0, 30000, 0x77, "pw", false});
  const auto reqs = ClientRig::requests(rig.take());
  REQUIRE(reqs.size() == 3);
  CHECK(reqs[0].xid == kXidAuth);
  CHECK(std::get<AuthOp>(reqs[0].body) == AuthOp{"digest", "u:p"});
  CHECK(reqs[1].xid == kXidSetWatches);
  CHECK(std::get<SetWatchesOp>(reqs[1].body).data == std::vector<std::string>{"/w"});
  CHECK(std::get<SetWatchesOp>(reqs[1].body).relative_zxid == 7);
  CHECK(reqs[2].xid == queued);
  CHECK(outs<ClientSessionEvent>(zk) == std::vector<ClientSessionEvent>{{KeeperState::kSyncConnected}});
}

TEST_CASE("a session refused with timeout 0 expires: CLOSED, Expired, queued requests fail") {
  ClientRig rig;
  ZkClient zk(one_server());
  const auto conn = connect(zk, rig, 30000, 0x55);
  auto env = rig.env();
  rig.take();
  zk.on_closed(env, conn);
  zk.take_outputs();
  auto cmds = rig.take();
  const auto t = ClientRig::only<core::SetTimerCmd>(cmds).at(0).timer;
  const Xid q = zk.submit(env, ExistsOp{"/a", false});
  zk.on_timer(env, t);
  const auto c2 = ClientRig::only<core::ConnectCmd>(rig.take()).at(0).conn;
  zk.on_message(env, c2, ConnectResponse{0, 0, 0, "", false});
  CHECK(zk.state() == ClientState::kClosed);
  auto o = zk.take_outputs();
  REQUIRE(o.size() == 2);
  CHECK(std::get<ClientSessionEvent>(o[0]).state == KeeperState::kExpired);
  CHECK(std::get<ClientReply>(o[1]).xid == q);
  CHECK(std::get<ClientReply>(o[1]).response.err == Err::kSessionExpired);
  zk.submit(env, GetDataOp{"/a", false});
  CHECK(std::get<ClientReply>(zk.take_outputs().at(0)).response.err == Err::kSessionExpired);
}

TEST_CASE("silence for readTimeout drops the connection; idle sessions ping") {
  ClientRig rig;
  ZkClient zk(one_server());
  const auto conn = connect(zk, rig, 30000);
  auto env = rig.env();
  zk.take_outputs();
  auto cmds = rig.take();
  core::TimerId ping{}, read{};
  for (const auto& t : ClientRig::only<core::SetTimerCmd>(cmds)) {
    if (t.timer.kind == 102) {
      ping = t.timer;
      CHECK(t.delay == milliseconds(9000));  // readTimeout/2 - 1000
    }
    if (t.timer.kind == 101) read = t.timer;
  }
  zk.on_timer(env, ping);
  const auto reqs = ClientRig::requests(rig.take());
  REQUIRE(reqs.size() == 1);
  CHECK(reqs[0].xid == kXidPing);
  CHECK(std::holds_alternative<PingOp>(reqs[0].body));
  zk.on_message(env, conn, Response{kXidPing, 99, Err::kOk, EmptyResult{}});
  CHECK(zk.last_zxid_seen() == 0);  // ping replies do not move lastZxidSeen
  zk.on_timer(env, read);
  CHECK(zk.state() == ClientState::kConnecting);
  CHECK(outs<ClientSessionEvent>(zk) == std::vector<ClientSessionEvent>{{KeeperState::kDisconnected}});
  CHECK(ClientRig::only<core::CloseCmd>(rig.take()).size() == 1);
}

TEST_CASE("AuthFailed makes the session unusable") {
  ClientRig rig;
  ZkClient zk(one_server());
  const auto conn = connect(zk, rig);
  auto env = rig.env();
  zk.take_outputs();
  zk.submit(env, AuthOp{"foo", "bar"});
  zk.on_message(env, conn, Response{kXidAuth, 0, Err::kAuthFailed, EmptyResult{}});
  CHECK(zk.state() == ClientState::kAuthFailed);
  auto o = zk.take_outputs();
  REQUIRE(o.size() == 2);
  CHECK(std::get<ClientSessionEvent>(o[0]).state == KeeperState::kAuthFailed);
  CHECK(std::get<ClientReply>(o[1]).xid == kXidAuth);
  zk.on_closed(env, conn);
  CHECK(zk.state() == ClientState::kAuthFailed);
  CHECK(outs<ClientSessionEvent>(zk).empty());  // no Disconnected, no reconnect
  zk.submit(env, GetDataOp{"/a", false});
  CHECK(std::get<ClientReply>(zk.take_outputs().at(0)).response.err == Err::kAuthFailed);
}

TEST_CASE("removeWatches: NoWatcher without asking the server, local removal at once") {
  ClientRig rig;
  ZkClient zk(one_server());
  const auto conn = connect(zk, rig);
  auto env = rig.env();
  zk.take_outputs();
  rig.take();
  zk.remove_watches(env, "/n", WatcherType::kAny, false);
  CHECK(ClientRig::requests(rig.take()).empty());
  CHECK(std::get<ClientReply>(zk.take_outputs().at(0)).response.err == Err::kNoWatcher);
  const Xid g = zk.submit(env, GetDataOp{"/d", true});
  zk.on_message(env, conn, Response{g, 3, Err::kOk, DataResult{}});
  const Xid c = zk.submit(env, GetChildrenOp{"/d", true, false});
  zk.on_message(env, conn, Response{c, 3, Err::kOk, ChildrenResult{}});
  zk.take_outputs();
  zk.remove_watches(env, "/d", WatcherType::kAny, true);
  auto ev = outs<ClientWatchEvent>(zk);
  REQUIRE(ev.size() == 2);
  CHECK(ev[0].event.type == EventType::kChildWatchRemoved);
  CHECK(ev[1].event.type == EventType::kDataWatchRemoved);
  CHECK(zk.watches().empty());
  const Xid a = zk.submit(env, AddWatchOp{"/p", WatcherMode::kPersistent});
  zk.on_message(env, conn, Response{a, 3, Err::kOk, EmptyResult{}});
  rig.take();
  const Xid r = zk.remove_watches(env, "/p", WatcherType::kAny, false);
  REQUIRE(ClientRig::requests(rig.take()).size() == 1);
  zk.on_message(env, conn, Response{r, 3, Err::kOk, EmptyResult{}});
  ev = outs<ClientWatchEvent>(zk);
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].event.type == EventType::kPersistentWatchRemoved);
}

TEST_CASE("close sends closeSession and ends in CLOSED with a Closed event") {
  ClientRig rig;
  ZkClient zk(one_server());
  const auto conn = connect(zk, rig);
  auto env = rig.env();
  zk.take_outputs();
  const Xid x = zk.submit(env, CloseSessionOp{});
  const auto reqs = ClientRig::requests(rig.take());
  REQUIRE(reqs.size() == 1);
  zk.on_message(env, conn, Response{x, 9, Err::kOk, EmptyResult{}});
  CHECK(zk.state() == ClientState::kClosed);
  auto o = zk.take_outputs();
  REQUIRE(o.size() == 2);
  CHECK(std::get<ClientReply>(o[0]).xid == x);
  CHECK(std::get<ClientSessionEvent>(o[1]).state == KeeperState::kClosed);
  // Closing again does nothing but answer.
  zk.submit(env, CloseSessionOp{});
  CHECK(std::get<ClientReply>(zk.take_outputs().at(0)).response.err == Err::kOk);
}

TEST_CASE("several hosts: shuffled once, connectTimeout = timeout / n, a dead host is skipped") {
  ClientRig rig;
  ZkClientConfig c;
  c.servers = {{1, "a:2181"}, {2, "b:2181"}, {core::kNoNode, "c:2181"}};
  ZkClient zk(c);
  auto env = rig.env();
  zk.start(env);
  CHECK(zk.host_order().size() == 3);
  auto cmds = rig.take();
  // Every host gets a turn within a few attempts, each bounded by 10000 ms.
  std::set<std::string> tried;
  for (int i = 0; i < 6; ++i) {
    if (auto s = zk.current_server()) tried.insert(s->host_port);
    for (const auto& t : ClientRig::only<core::SetTimerCmd>(cmds))
      if (t.timer.kind == 100) {
        CHECK(t.delay <= milliseconds(10000 + 1999));
        zk.on_timer(env, t.timer);
      }
    cmds = rig.take();
  }
  CHECK(tried.size() == 3);
  CHECK(zk.state() == ClientState::kConnecting);
}

TEST_CASE("the client is a copyable value") {
  ClientRig rig;
  ZkClient zk(one_server());
  connect(zk, rig);
  ZkClient copy = zk;
  CHECK(copy == zk);
}
