// Redis as a script: a write acked by the master lost after a Sentinel failover, a clock jump on
// the master expiring a lock early, lazy vs active expiry, redis-cli's view of a dead server.
#include <string>

#include "core/redis/memcached_server.h"
#include "core/redis/redis_server.h"
#include "core/redis/sentinel.h"
#include "tests/sim/zookeeper/zk_script.h"

namespace zoolab::sim::testing {
namespace {

const core::redis::RedisServer& redis(const ZkScript& s, const std::string& name) {
  const auto* r = dynamic_cast<const core::redis::RedisServer*>(s.world().node(s.id(name)).process.get());
  REQUIRE(r != nullptr);
  return *r;
}
const core::redis::Sentinel& sentinel(const ZkScript& s, const std::string& name) {
  const auto* r = dynamic_cast<const core::redis::Sentinel*>(s.world().node(s.id(name)).process.get());
  REQUIRE(r != nullptr);
  return *r;
}
bool noted(const ZkScript& s, const std::string& node, const std::string& needle) {
  return !s.records(node, RecordKind::kNote, needle).empty();
}

TEST_CASE("failover loses a lock the old master acknowledged: split brain, then +convert-to-slave") {
  ZkScript s(
      "process r1 redis\n"
      "process r2 redis replicaof=r1\n"
      "process s1 sentinel masters=r1 replicas=r2 down-after=2000 quorum=1\n"
      "process c1 redis-cli server=r1\n"
      "process c2 redis-cli server=r2\n"
      "process q1 redis-cli server=s1\n"
      "latency 1ms\n"
      "at 500ms c1: SET before x\n"
      "at 1s partition r1 c1 | r2 s1 c2\n"
      "at 1100ms c1: SET lock client-1 NX PX 30000\n"
      "at 5s q1: SENTINEL get-master-addr-by-name mymaster\n"
      "at 6s c2: SET lock client-2 NX PX 30000\n"
      "at 8s heal\n"
      "run until 12s\n");
  s.until(900);
  CHECK(redis(s, "r2").keyspace().count("before") == 1);
  CHECK(redis(s, "r2").master_link_up());
  s.until(1200);
  CHECK(ZkScript::count(s.console("c1"), "OK\n") == 2);  // the master acked the lock
  CHECK(redis(s, "r1").keyspace().count("lock") == 1);
  CHECK(redis(s, "r2").keyspace().count("lock") == 0);  // never replicated
  s.until(6100);
  CHECK(noted(s, "s1", "+sdown master mymaster r1 6379"));
  CHECK(noted(s, "s1", "+odown master mymaster r1 6379 #quorum 1/1"));
  CHECK(noted(s, "s1", "+switch-master mymaster r1 6379 r2 6379"));
  CHECK(sentinel(s, "s1").current_master() == "r2");
  CHECK(redis(s, "r2").is_master());
  CHECK(redis(s, "r1").is_master());  // both think they are master: two holders
  CHECK(ZkScript::count(s.console("c2"), "OK\n") == 1);
  CHECK(s.console("q1") == "1) \"r2\"\n2) \"6379\"\n");
  CHECK(redis(s, "r2").keyspace().at("lock").value == "client-2");
  s.to_end();
  CHECK(noted(s, "s1", "+convert-to-slave slave r1:6379 r1 6379 @ mymaster r2 6379"));
  CHECK_FALSE(redis(s, "r1").is_master());
  CHECK(redis(s, "r1").master_host() == "r2");
  CHECK(redis(s, "r1").keyspace().at("lock").value == "client-2");  // client-1's acked write is gone
  s.no_violations();
}

TEST_CASE("a clock jump on the master expires a lock early and a second client acquires it") {
  ZkScript s(
      "process r1 redis\n"
      "process c1 redis-cli server=r1\n"
      "process c2 redis-cli server=r1\n"
      "latency 1ms\n"
      "at 1s c1: SET lock client-1 NX EX 30\n"
      "at 2s c2: SET lock client-2 NX EX 30\n"
      "at 3s clock r1 +30s\n"
      "at 4s c2: SET lock client-2 NX EX 30\n"
      "at 5s c1: GET lock\n"
      "run until 6s\n");
  s.to_end();
  CHECK(s.console("c1") == "OK\n\"client-2\"\n");
  CHECK(s.console("c2") == "(nil)\nOK\n");
  CHECK(redis(s, "r1").keyspace().at("lock").value == "client-2");
}

TEST_CASE("lazy vs active expiry: an unread expired key lingers until the cron cycle, a read removes it at once") {
  ZkScript s(
      "process r1 redis hz=1\n"
      "process c1 redis-cli server=r1\n"
      "latency 1ms\n"
      "at 1100ms c1: SET read-me v PX 200\n"
      "+0s c1: SET ignored v PX 200\n"
      "at 1500ms c1: DBSIZE\n"
      "+10ms c1: GET read-me\n"
      "+10ms c1: DBSIZE\n"
      "at 2500ms c1: DBSIZE\n"
      "run until 3s\n");
  s.to_end();
  CHECK(s.console("c1") == "OK\nOK\n(integer) 2\n(nil)\n(integer) 1\n(integer) 0\n");
  CHECK(noted(s, "r1", "lazy expiry: key 'read-me'"));
  CHECK(noted(s, "r1", "active expiry: key 'ignored'"));
  CHECK(redis(s, "r1").expired_lazy() == 1);
  CHECK(redis(s, "r1").expired_active() == 1);
}

TEST_CASE("redis-cli: a crashed server is noticed at the next command; restart comes back empty") {
  ZkScript s(
      "process r1 redis\n"
      "process c1 redis-cli server=r1\n"
      "latency 1ms\n"
      "at 1s c1: SET k v\n"
      "at 2s crash r1\n"
      "at 3s c1: GET k\n"
      "at 4s c1: GET k\n"
      "at 5s restart r1\n"
      "at 6s c1: GET k\n"
      "run until 7s\n");
  s.to_end();
  CHECK(s.console("c1") ==
        "OK\n"
        "Error: Server closed the connection\n"
        "Could not connect to Redis at r1:6379: Connection refused\n"
        "(nil)\n");
  CHECK(noted(s, "r1", "without persistence"));
}

TEST_CASE("memcached in a world: add as a lock, expiry on the server clock") {
  ZkScript s(
      "process m1 memcached\n"
      "run until 1s\n");
  s.to_end();
  const auto* m = dynamic_cast<const core::redis::MemcachedServer*>(s.world().node(s.id("m1")).process.get());
  REQUIRE(m != nullptr);
  CHECK(m->items().empty());
}

}  // namespace
}  // namespace zoolab::sim::testing
