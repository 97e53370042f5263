// A Redis server fed by hand: commands in, replies and other outbox commands out, with a clock
// the test moves (the server machine's local clock).
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/base/process.h"
#include "core/redis/redis_reply.h"
#include "core/redis/redis_server.h"

namespace zoolab::testing {

using namespace zoolab::core;
using namespace zoolab::core::redis;

struct RedisHarness {
  explicit RedisHarness(RedisServerConfig cfg = {}) : server(std::move(cfg)) {}

  RedisServer server;
  Rng rng;
  uint32_t seq = 0;
  Time now{0};
  uint64_t next_id = 0;
  std::vector<Command> last;  // what the last handler asked for

  template <class F> void with_env(F f) {
    Outbox out(0, seq);
    Env env{now, out, rng};
    f(env);
    last = out.commands();
    server.check_invariants();
  }
  void start() { with_env([&](Env& e) { server.on_start(e, {}); }); }
  void advance(Duration d) { now += d; }
  // Fires the active expire timer once (Redis' serverCron → activeExpireCycle).
  void cron() { with_env([&](Env& e) { server.on_timer(e, TimerId{server.config().timer_kind_base + 0, 0}); }); }

  RedisReply cmd(std::vector<std::string> argv, ConnId conn = 77) {
    const uint64_t id = ++next_id;
    with_env([&](Env& e) { server.on_message(e, conn, 1, RedisCommand{id, std::move(argv)}); });
    for (const Command& c : last)
      if (const auto* s = std::get_if<SendCmd>(&c); s && s->conn == conn)
        if (const auto* r = std::get_if<RedisReply>(&s->msg)) {
          CHECK(r->id == id);
          RedisReply copy = *r;
          copy.id = 0;
          return copy;
        }
    FAIL("no reply");
    return {};
  }
  template <class T> std::vector<T> sent() const {
    std::vector<T> out;
    for (const Command& c : last)
      if (const auto* s = std::get_if<SendCmd>(&c))
        if (const auto* m = std::get_if<T>(&s->msg)) out.push_back(*m);
    return out;
  }
  std::vector<std::string> notes() const {
    std::vector<std::string> out;
    for (const Command& c : last)
      if (const auto* n = std::get_if<NoteCmd>(&c)) out.push_back(n->text);
    return out;
  }
  bool noted(const std::string& needle) const {
    for (const auto& n : notes())
      if (n.find(needle) != std::string::npos) return true;
    return false;
  }
};

inline RedisReply R(ReplyKind k, std::string text = {}, int64_t i = 0) { return {0, k, std::move(text), i, {}}; }
inline RedisReply Ok() { return R(ReplyKind::kStatus, "OK"); }
inline RedisReply Int(int64_t v) { return R(ReplyKind::kInteger, {}, v); }
inline RedisReply Bulk(std::string s) { return R(ReplyKind::kBulk, std::move(s)); }
inline RedisReply Nil() { return R(ReplyKind::kNil); }
inline RedisReply Err(std::string s) { return R(ReplyKind::kError, std::move(s)); }

}  // namespace zoolab::testing
