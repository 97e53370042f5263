// The Redis server model fed directly: every reply and error of §14.14, expiry (lazy, active,
// clock jumps), the lock scripts, replicas refusing writes and what a master propagates.
#include "core/redis/redis_scripts.h"
#include "core/redis/redis_strings.h"
#include "tests/core/redis/redis_harness.h"

using namespace zoolab::testing;

TEST_CASE("strings: SET/GET/DEL/EXISTS, nil for a missing key, commands case-insensitive") {
  RedisHarness h;
  h.start();
  CHECK(h.cmd({"SET", "k", "owner1"}) == Ok());
  CHECK(h.cmd({"get", "k"}) == Bulk("owner1"));
  CHECK(h.cmd({"GeT", "missing"}) == Nil());
  CHECK(h.cmd({"SET", "a", "1"}) == Ok());
  CHECK(h.cmd({"EXISTS", "k", "a", "k", "nope"}) == Int(3));
  CHECK(h.cmd({"DEL", "k", "a", "nope"}) == Int(2));
  CHECK(h.cmd({"DBSIZE"}) == Int(0));
  CHECK(h.cmd({"SETNX", "n", "x"}) == Int(1));
  CHECK(h.cmd({"SETNX", "n", "y"}) == Int(0));
  CHECK(h.cmd({"GET", "n"}) == Bulk("x"));
  CHECK(h.cmd({"PING"}) == R(ReplyKind::kStatus, "PONG"));
  CHECK(h.cmd({"PING", "hi"}) == Bulk("hi"));
  CHECK(h.cmd({"ECHO", "hello world"}) == Bulk("hello world"));
  CHECK(h.server.commands_processed() == 13);
}

TEST_CASE("§14.14 errors: invalid expire, syntax, not an integer, arity, unknown command") {
  RedisHarness h;
  h.start();
  const RedisReply invalid_set = Err("ERR invalid expire time in 'set' command");
  CHECK(h.cmd({"SET", "k", "v", "EX", "0"}) == invalid_set);
  CHECK(h.cmd({"SET", "k", "v", "EX", "-1"}) == invalid_set);
  CHECK(h.cmd({"SET", "k", "v", "PX", "0"}) == invalid_set);
  CHECK(h.cmd({"SETEX", "k", "0", "v"}) == Err("ERR invalid expire time in 'setex' command"));
  CHECK(h.cmd({"PSETEX", "k", "-5", "v"}) == Err("ERR invalid expire time in 'psetex' command"));
  CHECK(h.cmd({"SET", "k", "v", "NX", "XX"}) == Err("ERR syntax error"));
  CHECK(h.cmd({"SET", "k", "v", "EX", "10", "PX", "100"}) == Err("ERR syntax error"));
  CHECK(h.cmd({"SET", "k", "v", "EX"}) == Err("ERR syntax error"));
  CHECK(h.cmd({"SET", "k", "v", "KEEPTTL", "EX", "5"}) == Err("ERR syntax error"));
  CHECK(h.cmd({"SET", "k", "v", "BOGUS"}) == Err("ERR syntax error"));
  CHECK(h.cmd({"SET", "k", "v", "EX", "ten"}) == Err("ERR value is not an integer or out of range"));
  CHECK(h.cmd({"SET", "k", "v", "EX", "+10"}) == Err("ERR value is not an integer or out of range"));
  CHECK(h.cmd({"EXPIRE", "k", "1.5"}) == Err("ERR value is not an integer or out of range"));
  CHECK(h.cmd({"SET", "k"}) == Err("ERR wrong number of arguments for 'set' command"));
  CHECK(h.cmd({"GET"}) == Err("ERR wrong number of arguments for 'get' command"));
  CHECK(h.cmd({"get", "a", "b"}) == Err("ERR wrong number of arguments for 'get' command"));
  CHECK(h.cmd({"SETNX", "k"}) == Err("ERR wrong number of arguments for 'setnx' command"));
  CHECK(h.cmd({"PING", "a", "b"}) == Err("ERR wrong number of arguments for 'ping' command"));
  CHECK(h.cmd({"FOO"}) == Err("ERR unknown command 'FOO', with args beginning with: "));
  CHECK(h.cmd({"foo", "a", "b c"}) == Err("ERR unknown command 'foo', with args beginning with: 'a' 'b c' "));
  CHECK(h.cmd({"EVALSHA", "0123456789abcdef0123456789abcdef01234567", "0"}) ==
        Err("NOSCRIPT No matching script. Please use EVAL."));
  CHECK(h.server.keyspace().empty());
}

TEST_CASE("SET options: NX, XX, GET (NX GET returns the old value and does not set), KEEPTTL") {
  RedisHarness h;
  h.start();
  CHECK(h.cmd({"SET", "k", "v1", "XX"}) == Nil());
  CHECK(h.cmd({"SET", "k", "v1", "NX"}) == Ok());
  CHECK(h.cmd({"SET", "k", "v2", "NX"}) == Nil());
  CHECK(h.cmd({"SET", "k", "v2", "NX", "GET"}) == Bulk("v1"));
  CHECK(h.cmd({"GET", "k"}) == Bulk("v1"));
  CHECK(h.cmd({"SET", "new", "x", "NX", "GET"}) == Nil());
  CHECK(h.cmd({"GET", "new"}) == Bulk("x"));
  CHECK(h.cmd({"SET", "k", "v3", "XX", "GET"}) == Bulk("v1"));
  CHECK(h.cmd({"SET", "k", "v4", "ex", "30"}) == Ok());
  CHECK(h.cmd({"SET", "k", "v5", "KEEPTTL"}) == Ok());
  CHECK(h.cmd({"TTL", "k"}) == Int(30));
  CHECK(h.cmd({"SET", "k", "v6"}) == Ok());
  CHECK(h.cmd({"TTL", "k"}) == Int(-1));
  CHECK(h.cmd({"SET", "lock", "client-3", "NX", "PX", "30000"}) == Ok());
  CHECK(h.server.keyspace().at("lock").expire_at_ms == RedisServer::local_ms(h.now) + 30000);
  CHECK(h.server.ttl_ms("lock", h.now) == 30000);
}

TEST_CASE("TTL/PTTL/EXPIRE/PERSIST: -2 missing, -1 no expiry, EXPIRE on a missing key 0, negative deletes") {
  RedisHarness h;
  h.start();
  CHECK(h.cmd({"TTL", "missing"}) == Int(-2));
  CHECK(h.cmd({"PTTL", "missing"}) == Int(-2));
  CHECK(h.cmd({"SET", "k", "v"}) == Ok());
  CHECK(h.cmd({"TTL", "k"}) == Int(-1));
  CHECK(h.cmd({"PTTL", "k"}) == Int(-1));
  CHECK(h.cmd({"EXPIRE", "missing", "30"}) == Int(0));
  CHECK(h.cmd({"EXPIRE", "k", "30"}) == Int(1));
  h.advance(milliseconds(1400));
  CHECK(h.cmd({"PTTL", "k"}) == Int(28600));
  CHECK(h.cmd({"TTL", "k"}) == Int(29));  // (28600 + 500) / 1000
  CHECK(h.cmd({"PERSIST", "k"}) == Int(1));
  CHECK(h.cmd({"PERSIST", "k"}) == Int(0));
  CHECK(h.cmd({"PEXPIRE", "k", "500"}) == Int(1));
  CHECK(h.cmd({"EXPIRE", "k", "100", "NX"}) == Int(0));
  CHECK(h.cmd({"EXPIRE", "k", "100", "GT"}) == Int(1));
  CHECK(h.cmd({"EXPIRE", "k", "-1"}) == Int(1));
  CHECK(h.cmd({"EXISTS", "k"}) == Int(0));
  CHECK(h.cmd({"SET", "k", "v"}) == Ok());
  CHECK(h.cmd({"EXPIREAT", "k", "1"}) == Int(1));  // 1970: gone at once
  CHECK(h.cmd({"GET", "k"}) == Nil());
}

TEST_CASE("INCR/INCRBY/DECR: missing key counts from 0, non-integers refused, TTL kept") {
  RedisHarness h;
  h.start();
  CHECK(h.cmd({"INCR", "c"}) == Int(1));
  CHECK(h.cmd({"INCRBY", "c", "41"}) == Int(42));
  CHECK(h.cmd({"DECR", "c"}) == Int(41));
  CHECK(h.cmd({"DECRBY", "c", "50"}) == Int(-9));
  CHECK(h.cmd({"INCRBY", "c", "x"}) == Err("ERR value is not an integer or out of range"));
  CHECK(h.cmd({"SET", "s", "abc", "EX", "100"}) == Ok());
  CHECK(h.cmd({"INCR", "s"}) == Err("ERR value is not an integer or out of range"));
  CHECK(h.cmd({"SET", "t", "9223372036854775807", "EX", "100"}) == Ok());
  CHECK(h.cmd({"INCR", "t"}) == Err("ERR increment or decrement would overflow"));
  CHECK(h.cmd({"SET", "t", "7", "EX", "100"}) == Ok());
  CHECK(h.cmd({"INCR", "t"}) == Int(8));
  CHECK(h.cmd({"TTL", "t"}) == Int(100));
}

TEST_CASE("KEYS, DBSIZE, FLUSHALL, SELECT, INFO replication, TIME") {
  RedisHarness h;
  h.start();
  CHECK(h.cmd({"KEYS", "*"}) == array_reply({}));
  h.cmd({"SET", "lock:a", "1"});
  h.cmd({"SET", "lock:b", "2"});
  h.cmd({"SET", "other", "3"});
  CHECK(h.cmd({"KEYS", "lock:*"}) == array_reply({Bulk("lock:a"), Bulk("lock:b")}));
  CHECK(h.cmd({"KEYS", "*"}).elements.size() == 3);
  CHECK(h.cmd({"KEYS", "lock:[^a]"}) == array_reply({Bulk("lock:b")}));
  CHECK(h.cmd({"DBSIZE"}) == Int(3));
  CHECK(h.cmd({"SELECT", "0"}) == Ok());
  CHECK(h.cmd({"SELECT", "1"}) == Err("ERR DB index is out of range"));
  const RedisReply info = h.cmd({"INFO", "replication"});
  CHECK(info.kind == ReplyKind::kBulk);
  CHECK(info.text.rfind("# Replication\r\nrole:master\r\nconnected_slaves:0\r\n", 0) == 0);
  CHECK(h.cmd({"FLUSHALL"}) == Ok());
  CHECK(h.cmd({"DBSIZE"}) == Int(0));
  h.advance(milliseconds(2500));
  const RedisReply t = h.cmd({"TIME"});
  REQUIRE(t.elements.size() == 2);
  CHECK(t.elements[0].text == "1736154002");
  CHECK(t.elements[1].text == "500000");
}

TEST_CASE("lazy expiry: an expired key stays stored (DBSIZE counts it) until it is accessed") {
  RedisHarness h;
  h.start();
  h.cmd({"SET", "k", "v", "PX", "100"});
  h.advance(milliseconds(100));
  CHECK(h.cmd({"GET", "k"}) == Bulk("v"));  // expires when now > when
  h.advance(milliseconds(1));
  CHECK(h.cmd({"DBSIZE"}) == Int(1));
  CHECK(h.server.keyspace().count("k") == 1);
  CHECK(h.server.ttl_ms("k", h.now) == -2);
  CHECK(h.cmd({"GET", "k"}) == Nil());
  CHECK(h.noted("lazy expiry: key 'k'"));
  CHECK(h.cmd({"DBSIZE"}) == Int(0));
  CHECK(h.server.expired_lazy() == 1);
}

TEST_CASE("active expiry: the 100 ms cycle removes expired keys nobody reads, resuming where it stopped") {
  RedisHarness h;
  h.start();
  for (int i = 0; i < 30; ++i) h.cmd({"SET", "k" + std::to_string(100 + i), "v", "PX", "50"});
  h.cmd({"SET", "forever", "v"});
  h.cmd({"SET", "later", "v", "EX", "60"});
  h.advance(milliseconds(100));
  h.cron();
  CHECK(h.noted("active expiry: key 'k100'"));
  // 30 expired keys: the first loop sees 20 (all expired, > 25 %), so the cycle loops again.
  CHECK(h.server.expired_active() == 30);
  CHECK(h.cmd({"DBSIZE"}) == Int(2));
  h.cron();
  CHECK(h.server.expired_active() == 30);
  CHECK(h.server.keyspace().count("later") == 1);
}

TEST_CASE("the server's own clock decides: a clock jump forward expires a lock early") {
  RedisHarness h;
  h.start();
  CHECK(h.cmd({"SET", "lock", "client-1", "NX", "EX", "30"}) == Ok());
  h.advance(seconds(5));
  CHECK(h.cmd({"TTL", "lock"}) == Int(25));
  h.advance(seconds(26));  // what `clock r1 +26s` does to the machine's local clock
  CHECK(h.cmd({"SET", "lock", "client-2", "NX", "EX", "30"}) == Ok());
  CHECK(h.cmd({"GET", "lock"}) == Bulk("client-2"));
}

TEST_CASE("lock scripts: compare-and-delete 1 on match, else 0 (missing too); pexpire renews; others refused") {
  RedisHarness h;
  h.start();
  const std::string cad = kCompareAndDeleteScript;
  const std::string cap = kCompareAndPexpireScript;
  CHECK(script_sha1(cad) == "b70c2384248f88e6b75b9f89241a180f856ad852");
  CHECK(script_sha1(cap) == "36e94d1c6e02fcefaa7ee5d79eee614dbac55f10");
  h.cmd({"SET", "lock", "owner1", "PX", "30000"});
  CHECK(h.cmd({"EVAL", cad, "1", "lock", "owner2"}) == Int(0));
  CHECK(h.cmd({"EVAL", cap, "1", "lock", "owner1", "60000"}) == Int(1));
  CHECK(h.cmd({"PTTL", "lock"}) == Int(60000));
  CHECK(h.cmd({"EVAL", cap, "1", "lock", "owner2", "60000"}) == Int(0));
  CHECK(h.cmd({"EVAL", cad, "1", "lock", "owner1"}) == Int(1));
  CHECK(h.cmd({"EVAL", cad, "1", "lock", "owner1"}) == Int(0));
  const std::string variant =
      "if redis.call('GET', KEYS[1]) == ARGV[1]\nthen\n    return redis.call('DEL', KEYS[1]);\nelse\n    return 0\nend";
  CHECK(recognise_script(variant) == LockScript::kCompareAndDelete);
  CHECK(h.cmd({"SCRIPT", "LOAD", variant}) == Bulk(script_sha1(variant)));
  h.cmd({"SET", "lock", "me"});
  CHECK(h.cmd({"EVALSHA", to_upper(script_sha1(variant)), "1", "lock", "me"}) == Int(1));
  CHECK(h.cmd({"EVALSHA", script_sha1(cad), "1", "lock", "me"}) == Int(0));  // EVAL cached it
  CHECK(h.cmd({"SCRIPT", "EXISTS", script_sha1(cad), "ffff"}) == array_reply({Int(1), Int(0)}));
  const RedisReply nolua = Err(
      "ERR ZooLab does not run Lua: only the compare-and-delete and compare-and-pexpire lock scripts are supported");
  CHECK(h.cmd({"EVAL", "return 1", "0"}) == nolua);
  CHECK(h.cmd({"SCRIPT", "LOAD", "return redis.call('flushall')"}) == nolua);
  CHECK(h.cmd({"EVAL", cad, "x"}) == Err("ERR value is not an integer or out of range"));
  CHECK(h.cmd({"EVAL", cad, "2", "lock"}) == Err("ERR Number of keys can't be greater than number of args"));
  CHECK(h.cmd({"EVAL", cad, "-1"}) == Err("ERR Number of keys can't be negative"));
  CHECK(h.cmd({"SCRIPT", "FLUSH"}) == Ok());
  CHECK(h.cmd({"EVALSHA", script_sha1(cad), "1", "lock", "me"}) == Err("NOSCRIPT No matching script. Please use EVAL."));
}

TEST_CASE("a master propagates writes with absolute expiry times; a replica refuses writes") {
  RedisServerConfig cfg;
  cfg.name = "r1";
  cfg.hosts = {{"r1", 0}, {"r2", 1}};
  RedisHarness h(cfg);
  h.start();
  h.cmd({"SET", "before", "x"});
  h.with_env([&](Env& e) { h.server.on_message(e, 5, 1, ReplicaHello{"r2", 0}); });
  const auto full = h.sent<ReplFullSync>();
  REQUIRE(full.size() == 1);
  CHECK(full[0].entries.size() == 1);
  CHECK(full[0].offset == h.server.repl_offset());
  h.advance(seconds(1));
  h.cmd({"SET", "lock", "c1", "NX", "EX", "30"});
  auto stream = h.sent<ReplStream>();
  REQUIRE(stream.size() == 1);
  CHECK(stream[0].argv == std::vector<std::string>{"SET", "lock", "c1", "PXAT", std::to_string(RedisServer::local_ms(h.now) + 30000)});
  CHECK(stream[0].offset == h.server.repl_offset());
  h.cmd({"DEL", "lock"});
  CHECK(h.sent<ReplStream>().at(0).argv == std::vector<std::string>{"DEL", "lock"});
  CHECK(h.cmd({"INFO", "replication"}).text.find("slave0:ip=r2,port=6379,state=online") != std::string::npos);

  CHECK(h.cmd({"REPLICAOF", "r2", "6379"}) == Ok());
  CHECK_FALSE(h.server.is_master());
  CHECK(h.server.master_host() == "r2");
  CHECK(h.cmd({"SET", "k", "v"}) == Err("READONLY You can't write against a read only replica."));
  CHECK(h.cmd({"GET", "before"}) == Bulk("x"));
  CHECK(h.cmd({"REPLICAOF", "nowhere", "6379"}) == Err("ERR ZooLab has no machine named 'nowhere'"));
  CHECK(h.cmd({"REPLICAOF", "NO", "ONE"}) == Ok());
  CHECK(h.server.is_master());
  CHECK(h.cmd({"SET", "k", "v"}) == Ok());
}

TEST_CASE("a replica hides keys expired on its clock but deletes only on the master's DEL") {
  RedisServerConfig cfg;
  cfg.name = "r2";
  cfg.replicaof = "r1";
  cfg.hosts = {{"r1", 0}, {"r2", 1}};
  RedisHarness h(cfg);
  h.start();
  ConnId master = kNoConn;
  for (const Command& c : h.last)
    if (const auto* cc = std::get_if<ConnectCmd>(&c)) master = cc->conn;
  REQUIRE(master != kNoConn);
  CHECK(h.sent<ReplicaHello>().size() == 1);
  const int64_t at = RedisServer::local_ms(h.now) + 1000;
  h.with_env([&](Env& e) { h.server.on_message(e, master, 0, ReplFullSync{10, {{"lock", "c1", at}, {"x", "y", -1}}}); });
  CHECK(h.server.master_link_up());
  CHECK(h.cmd({"GET", "lock"}) == Bulk("c1"));
  h.advance(milliseconds(1001));
  CHECK(h.cmd({"GET", "lock"}) == Nil());
  CHECK(h.cmd({"TTL", "lock"}) == Int(-2));
  CHECK(h.cmd({"DBSIZE"}) == Int(2));
  h.cron();
  CHECK(h.server.keyspace().count("lock") == 1);
  h.with_env([&](Env& e) { h.server.on_message(e, master, 0, ReplStream{30, {"DEL", "lock"}}); });
  CHECK(h.server.keyspace().count("lock") == 0);
  CHECK(h.server.repl_offset() == 30);
  CHECK(h.cmd({"EVAL", kCompareAndDeleteScript, "1", "x", "y"}) == Err("READONLY You can't write against a read only replica."));
  CHECK(h.cmd({"EVAL", kCompareAndDeleteScript, "1", "x", "z"}) == Int(0));
}

TEST_CASE("a restarted server starts empty and says so") {
  RedisHarness h;
  h.start();
  h.cmd({"SET", "k", "v"});
  RedisHarness fresh;  // a restart clones the unstarted prototype
  fresh.start();
  CHECK(fresh.noted("without persistence"));
  CHECK(fresh.server.keyspace().empty());
}
