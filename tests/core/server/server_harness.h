// Feeds a ZooKeeperServer directly with a hand-made Env/Outbox; fsyncs complete when asked
// (or at once with auto_disk), so tests can look between "logged" and "applied".
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <variant>
#include <vector>

#include "core/server/zookeeper_server.h"

namespace zoolab::testing {

using namespace zoolab::core;
using namespace zoolab::core::zk;

struct Sent {
  ConnId conn;
  Message msg;
};

struct ServerHarness {
  explicit ServerHarness(ServerConfig cfg = {}) : server(std::make_unique<ZooKeeperServer>(std::move(cfg))) {}

  std::unique_ptr<ZooKeeperServer> server;
  uint32_t seq = 0;
  Rng rng{7};
  Time now{0};
  DiskImage disk;
  std::vector<AppendCmd> unsynced;
  std::vector<uint64_t> fsyncs;
  std::vector<Sent> sent;
  std::vector<ConnId> closed;
  std::vector<std::string> notes;
  std::map<TimerId, Time> timers;
  bool auto_disk = true;

  template <class F> void handle(F f) {
    Outbox out(0, seq);
    Env env{now, out, rng};
    f(env);
    for (auto& c : out.commands()) {
      if (auto* s = std::get_if<SendCmd>(&c)) sent.push_back({s->conn, s->msg});
      else if (auto* a = std::get_if<AppendCmd>(&c)) unsynced.push_back(*a);
      else if (auto* fs = std::get_if<FsyncCmd>(&c)) fsyncs.push_back(fs->token);
      else if (auto* cl = std::get_if<CloseCmd>(&c)) closed.push_back(cl->conn);
      else if (auto* n = std::get_if<NoteCmd>(&c)) notes.push_back(n->text);
      else if (auto* t = std::get_if<SetTimerCmd>(&c)) timers[t->timer] = now + t->delay;
      else if (auto* t2 = std::get_if<CancelTimerCmd>(&c)) timers.erase(t2->timer);
    }
    server->check_invariants();
    if (auto_disk) complete_disk();
  }
  void complete_disk() {
    while (!fsyncs.empty()) {
      for (auto& a : unsynced) disk[a.file] += a.bytes;
      unsynced.clear();
      const uint64_t token = fsyncs.front();
      fsyncs.erase(fsyncs.begin());
      handle([&](Env& env) { server->on_disk_done(env, token); });
    }
  }
  void start() { handle([&](Env& env) { server->on_start(env, disk); }); }
  void crash_restart() {
    unsynced.clear();
    fsyncs.clear();
    timers.clear();
    start();
  }
  // Advances the clock, firing due timers in time order.
  void advance_to(Time t) {
    while (true) {
      auto next = timers.end();
      for (auto it = timers.begin(); it != timers.end(); ++it)
        if (it->second <= t && (next == timers.end() || it->second < next->second)) next = it;
      if (next == timers.end()) break;
      const TimerId id = next->first;
      now = next->second;
      timers.erase(next);
      handle([&](Env& env) { server->on_timer(env, id); });
    }
    now = t;
  }
  void advance_ms(int64_t ms) { advance_to(now + milliseconds(ms)); }

  ConnId connect(int32_t timeout_ms = 30000, SessionId sid = 0, std::string passwd = "") {
    const ConnId c = make_conn_id(1, ++client_seq);
    handle([&](Env& env) { server->on_accept(env, c, 1); });
    handle([&](Env& env) { server->on_message(env, c, 1, ConnectRequest{0, 0, timeout_ms, sid, passwd, false}); });
    return c;
  }
  void request(ConnId c, Xid xid, RequestBody body) {
    handle([&](Env& env) { server->on_message(env, c, 1, Request{xid, std::move(body)}); });
  }
  void drop(ConnId c) { handle([&](Env& env) { server->on_closed(env, c, 1); }); }

  // The last Response with this xid on this connection.
  Response response(ConnId c, Xid xid) const {
    for (auto it = sent.rbegin(); it != sent.rend(); ++it)
      if (it->conn == c)
        if (auto* r = std::get_if<Response>(&it->msg); r && r->xid == xid) return *r;
    FAIL("no response xid " << xid);
    return {};
  }
  ConnectResponse connect_response(ConnId c) const {
    for (auto it = sent.rbegin(); it != sent.rend(); ++it)
      if (it->conn == c)
        if (auto* r = std::get_if<ConnectResponse>(&it->msg)) return *r;
    FAIL("no connect response");
    return {};
  }
  std::vector<WatchEvent> events(ConnId c) const {
    std::vector<WatchEvent> out;
    for (const auto& s : sent)
      if (s.conn == c)
        if (auto* e = std::get_if<WatchEvent>(&s.msg)) out.push_back(*e);
    return out;
  }
  Stat stat(const std::string& path) const {
    const auto n = server->tree().find(path);
    REQUIRE(n != DataTree::kNone);
    return server->tree().stat(n);
  }
  uint32_t client_seq = 0;
};

inline CreateOp create_op(std::string path, Data data = std::string(), CreateMode mode = CreateMode::kPersistent) {
  CreateOp op;
  op.path = std::move(path);
  op.data = std::move(data);
  op.acl = open_acl_unsafe();
  op.mode = mode;
  return op;
}

}  // namespace zoolab::testing
