// memcached's text protocol, line by line of §14.15: add/set/get/gets/delete/touch/cas/incr/decr,
// expiry rules (0, negative, > 30 days absolute), noreply, and the error replies.
#include <doctest/doctest.h>

#include "core/redis/memcached_server.h"
#include "core/znode/types.h"

using namespace zoolab::core;
using namespace zoolab::core::redis;

namespace {

struct Mc {
  MemcachedServer server;
  Rng rng;
  uint32_t seq = 0;
  Time now{0};
  Mc() { run([&](Env& e) { server.on_start(e, {}); }); }
  template <class F> void run(F f) {
    Outbox out(0, seq);
    Env env{now, out, rng};
    f(env);
  }
  std::string operator()(const std::string& text, ConnId conn = 9) {
    std::string reply;
    run([&](Env& e) { reply = server.feed(e, conn, text); });
    return reply;
  }
};

const int64_t kNowUnix = zoolab::core::zk::kCalendarStartMs / 1000;

}  // namespace

TEST_CASE("add: STORED when absent, NOT_STORED when present; after expiry get is just END and add works again") {
  Mc mc;
  CHECK(mc("add lock 0 30 8\r\nclient-3\r\n") == "STORED\r\n");
  CHECK(mc("add lock 0 30 8\r\nclient-4\r\n") == "NOT_STORED\r\n");
  CHECK(mc("get lock\r\n") == "VALUE lock 0 8\r\nclient-3\r\nEND\r\n");
  mc.now += seconds(29);
  CHECK(mc("get lock\r\n") == "VALUE lock 0 8\r\nclient-3\r\nEND\r\n");
  mc.now += seconds(1);
  CHECK(mc("get lock\r\n") == "END\r\n");
  CHECK(mc("add lock 0 30 8\r\nclient-4\r\n") == "STORED\r\n");
  CHECK(mc.server.items().at("lock").value == "client-4");
}

TEST_CASE("exptime: 0 never, negative gone at once, > 2592000 absolute unix time") {
  Mc mc;
  CHECK(mc("set forever 5 0 1\r\na\r\n") == "STORED\r\n");
  mc.now += seconds(100000);
  CHECK(mc("get forever\r\n") == "VALUE forever 5 1\r\na\r\nEND\r\n");
  CHECK(mc("set neg 0 -1 1\r\na\r\n") == "STORED\r\n");
  CHECK(mc("get neg\r\n") == "END\r\n");
  CHECK(mc("add neg 0 0 1\r\nb\r\n") == "STORED\r\n");
  CHECK(mc("set old 0 2592001 1\r\na\r\n") == "STORED\r\n");  // 1970
  CHECK(mc("get old\r\n") == "END\r\n");
  const int64_t future = MemcachedServer::unix_seconds(mc.now) + 10;
  CHECK(mc("set abs 0 " + std::to_string(future) + " 1\r\na\r\n") == "STORED\r\n");
  mc.now += seconds(9);
  CHECK(mc("get abs\r\n") == "VALUE abs 0 1\r\na\r\nEND\r\n");
  mc.now += seconds(1);
  CHECK(mc("get abs\r\n") == "END\r\n");
  CHECK(kNowUnix == 1736154000);
}

TEST_CASE("delete, touch, replace, append, gets and cas") {
  Mc mc;
  CHECK(mc("delete k\r\n") == "NOT_FOUND\r\n");
  CHECK(mc("touch k 10\r\n") == "NOT_FOUND\r\n");
  CHECK(mc("replace k 0 0 1\r\nx\r\n") == "NOT_STORED\r\n");
  CHECK(mc("set k 7 5 2\r\nv1\r\n") == "STORED\r\n");
  CHECK(mc("touch k 100\r\n") == "TOUCHED\r\n");
  mc.now += seconds(50);
  CHECK(mc("append k 0 0 1\r\n!\r\n") == "STORED\r\n");
  const std::string gets = mc("gets k\r\n");
  CHECK(gets.rfind("VALUE k 7 3 ", 0) == 0);
  const std::string unique = gets.substr(12, gets.find("\r\n") - 12);
  CHECK(mc("cas k 0 0 1 999\r\nz\r\n") == "EXISTS\r\n");
  CHECK(mc("cas k 0 0 1 " + unique + "\r\nz\r\n") == "STORED\r\n");
  CHECK(mc("cas k 0 0 1 " + unique + "\r\nw\r\n") == "EXISTS\r\n");
  CHECK(mc("cas nope 0 0 1 1\r\nz\r\n") == "NOT_FOUND\r\n");
  CHECK(mc("delete k\r\n") == "DELETED\r\n");
  CHECK(mc("delete k\r\n") == "NOT_FOUND\r\n");
  CHECK(mc("delete k 5\r\n") == "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n");
}

TEST_CASE("incr/decr: NOT_FOUND on a missing key, decr stops at 0, non-numeric refused") {
  Mc mc;
  CHECK(mc("incr n 1\r\n") == "NOT_FOUND\r\n");
  CHECK(mc("set n 0 0 1\r\n5\r\n") == "STORED\r\n");
  CHECK(mc("incr n 10\r\n") == "15\r\n");
  CHECK(mc("decr n 100\r\n") == "0\r\n");
  CHECK(mc("incr n x\r\n") == "CLIENT_ERROR invalid numeric delta argument\r\n");
  CHECK(mc("set s 0 0 3\r\nabc\r\n") == "STORED\r\n");
  CHECK(mc("incr s 1\r\n") == "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
  CHECK(mc("set w 0 0 20\r\n18446744073709551615\r\n") == "STORED\r\n");
  CHECK(mc("incr w 2\r\n") == "1\r\n");  // wraps at 2^64
}

TEST_CASE("noreply suppresses the answer") {
  Mc mc;
  CHECK(mc("set k 0 0 1 noreply\r\na\r\n").empty());
  CHECK(mc("add k 0 0 1 noreply\r\nb\r\n").empty());
  CHECK(mc("delete k noreply\r\n").empty());
  CHECK(mc("get k\r\n") == "END\r\n");
}

TEST_CASE("errors: unknown/incomplete command ERROR; bad data chunk, bad number, long key then ERROR") {
  Mc mc;
  CHECK(mc("bogus\r\n") == "ERROR\r\n");
  CHECK(mc("get\r\n") == "ERROR\r\n");
  CHECK(mc("set k 0 0\r\n") == "ERROR\r\n");
  CHECK(mc("\r\n") == "ERROR\r\n");
  CHECK(mc("set k 0 0 5\r\nhelloXX\r\n") == "CLIENT_ERROR bad data chunk\r\nERROR\r\n");
  CHECK(mc("get k\r\n") == "END\r\n");
  CHECK(mc("set k 0 abc 5\r\nhello\r\n") == "CLIENT_ERROR bad command line format\r\nERROR\r\n");
  CHECK(mc("set k -1 0 5\r\nhello\r\n") == "CLIENT_ERROR bad command line format\r\nERROR\r\n");
  const std::string long_key(251, 'k');
  CHECK(mc("set " + long_key + " 0 0 5\r\nhello\r\n") == "CLIENT_ERROR bad command line format\r\nERROR\r\n");
  CHECK(mc("get " + long_key + "\r\n") == "CLIENT_ERROR bad command line format\r\n");
  const std::string max_key(250, 'k');
  CHECK(mc("set " + max_key + " 0 0 1\r\nx\r\n") == "STORED\r\n");
  CHECK(mc("version\r\n") == "VERSION 1.6.18\r\n");
}

TEST_CASE("a connection is a byte stream: a data block may arrive later, several requests at once") {
  Mc mc;
  CHECK(mc("set k 0 0 5\r\nhel", 1).empty());
  CHECK(mc("get k\r\n", 2) == "END\r\n");
  CHECK(mc("lo\r\nget k\r\n", 1) == "STORED\r\nVALUE k 0 5\r\nhello\r\nEND\r\n");
  CHECK(mc("get k", 3).empty());
  CHECK(mc("\n", 3) == "VALUE k 0 5\r\nhello\r\nEND\r\n");
}

TEST_CASE("parser: framing and number rules") {
  const McRequest r = parse_memcached("add lock 0 30 8\r\nclient-3\r\nrest");
  CHECK(r.kind == McRequest::Kind::kCommand);
  CHECK(r.tokens == std::vector<std::string>{"add", "lock", "0", "30", "8"});
  CHECK(r.data == "client-3");
  CHECK(r.consumed == 27);
  CHECK(r.exptime == 30);
  CHECK(parse_memcached("get  a   b\n").tokens == std::vector<std::string>{"get", "a", "b"});
  CHECK(parse_memcached("set k 0 0 5\r\nabc").kind == McRequest::Kind::kIncomplete);
  CHECK(mc_u32("4294967295") == 4294967295u);
  CHECK_FALSE(mc_u32("4294967296"));
  CHECK_FALSE(mc_u32("-1"));
  CHECK(mc_i32("-5") == -5);
  CHECK_FALSE(mc_i32("1x"));
  CHECK_FALSE(mc_u64(""));
}
