// Watches as a script: ordering (event before the new data; before the writer's own reply),
// one-shot semantics, persistent and persistent-recursive watches (§6.3, §6.4, §14.8).
#include <string>

#include "tests/sim/zookeeper/zk_script.h"

namespace zoolab::sim::testing {
namespace {

const char* kHeader =
    "tickTime=2000\n"
    "server.1=zk1:2888:3888\n"
    "latency uniform 1ms 3ms\n"
    "fsync 2ms\n"
    "at 500ms client c1 connect zk1\n"
    "at 600ms client c2 connect zk1\n"
    "at 1s c1: create /a v1\n";

TEST_CASE("a client sees NodeDataChanged before it can read the new data") {
  // c2 reads right behind c1's write: whatever it reads, the event comes first on its connection.
  ZkScript s(std::string(kHeader) +
             "at 2s c2: get -w /a\n"
             "at 3s c1: set /a v2\n"
             "+0s c2: get /a\n"
             "+1ms c2: get /a\n"
             "+2ms c2: get /a\n"
             "+5ms c2: get /a\n"
             "run until 5s\n");
  s.to_end();
  const std::string out = s.console("c2");
  const size_t event = out.find("type:NodeDataChanged path:/a");
  const size_t v2 = out.find("v2\n");
  REQUIRE(event != std::string::npos);
  REQUIRE(v2 != std::string::npos);
  CHECK(event < v2);
  // On the wire: the event was delivered before the first reply that carried a zxid >= the set's.
  const auto ev = s.records("c2", RecordKind::kDeliver, "event NodeDataChanged /a");
  REQUIRE(ev.size() == 1);
  for (const TraceRecord* r : s.records("c2", RecordKind::kDeliver, "reply xid="))
    if (r->text.find("zxid=0x4") != std::string::npos) CHECK(ev[0]->index < r->index);
  s.no_violations();
}

TEST_CASE("the writer watching its own node gets the event before its own reply") {
  ZkScript s(std::string(kHeader) +
             "at 2s c1: get -w /a\n"
             "at 3s c1: set /a mine\n"
             "run until 4s\n");
  s.to_end();
  const auto ev = s.records("c1", RecordKind::kDeliver, "event NodeDataChanged /a");
  const auto set = s.records("zk1", RecordKind::kDeliver, "from c1: setData /a");
  REQUIRE(ev.size() == 1);
  REQUIRE(set.size() == 1);
  const std::string xid = set[0]->text.substr(set[0]->text.rfind("xid="));
  const auto reply = s.records("c1", RecordKind::kDeliver, "reply " + xid + " ");
  REQUIRE(reply.size() == 1);
  CHECK(ev[0]->index < reply[0]->index);
  s.no_violations();
}

TEST_CASE("standard watches are one-shot") {
  ZkScript s(std::string(kHeader) +
             "at 2s c2: get -w /a\n"
             "+0s c2: stat -w /b\n"
             "+0s c2: ls -w /\n"
             "at 3s c1: set /a v2\n"
             "+100ms c1: set /a v3\n"
             "+100ms c1: create /b\n"
             "+100ms c1: delete /b\n"
             "+100ms c1: create /c\n"
             "run until 4s\n");
  s.to_end();
  CHECK(s.events("c2") == std::vector<std::string>{"type:NodeDataChanged path:/a", "type:NodeCreated path:/b",
                                                    "type:NodeChildrenChanged path:/"});
  CHECK(s.server().watches().count() == 0);
  s.no_violations();
}

TEST_CASE("a PERSISTENT watch reports the node and its direct children, and survives delete + re-create") {
  ZkScript s(std::string(kHeader) +
             "at 2s c2: addWatch -m PERSISTENT /p\n"
             "at 3s c1: create /p\n"
             "+100ms c1: set /p x\n"
             "+100ms c1: create /p/c\n"
             "+100ms c1: create /p/c/g\n"
             "+100ms c1: set /p/c y\n"
             "+100ms c1: delete /p/c/g\n"
             "+100ms c1: delete /p/c\n"
             "+100ms c1: delete /p\n"
             "+100ms c1: create /p\n"
             "run until 5s\n");
  s.to_end();
  CHECK(s.events("c2") == std::vector<std::string>{
                              "type:NodeCreated path:/p", "type:NodeDataChanged path:/p",
                              "type:NodeChildrenChanged path:/p", "type:NodeChildrenChanged path:/p",
                              "type:NodeDeleted path:/p", "type:NodeCreated path:/p"});
  s.no_violations();
}

TEST_CASE("a PERSISTENT_RECURSIVE watch reports every descendant and never NodeChildrenChanged") {
  ZkScript s(std::string(kHeader) +
             "at 2s c2: addWatch /r\n"
             "at 3s c1: create /r\n"
             "+100ms c1: create /r/a\n"
             "+100ms c1: set /r/a z\n"
             "+100ms c1: create /r/a/b\n"
             "+100ms c1: delete /r/a/b\n"
             "+100ms c1: create /other\n"
             "+100ms c2: get /r/a\n"
             "run until 5s\n");
  s.to_end();
  CHECK(s.events("c2") == std::vector<std::string>{
                              "type:NodeCreated path:/r", "type:NodeCreated path:/r/a",
                              "type:NodeDataChanged path:/r/a", "type:NodeCreated path:/r/a/b",
                              "type:NodeDeleted path:/r/a/b"});
  CHECK(ZkScript::count(s.console("c2"), "NodeChildrenChanged") == 0);
  s.no_violations();
}

TEST_CASE("removewatches prints the removal event and stops the events") {
  ZkScript s(std::string(kHeader) +
             "at 2s c2: addWatch -m PERSISTENT /a\n"
             "at 3s c1: set /a v2\n"
             "at 3500ms c2: removewatches /a\n"
             "at 4s c1: set /a v3\n"
             "run until 5s\n");
  s.to_end();
  CHECK(s.events("c2") ==
        std::vector<std::string>{"type:NodeDataChanged path:/a", "type:PersistentWatchRemoved path:/a"});
  s.no_violations();
}

}  // namespace
}  // namespace zoolab::sim::testing
