// DataTree, ACL and watch-table rules (reference §5, §6, §7), plus a property test against a map model.
#include <doctest/doctest.h>
#include <rapidcheck.h>

#include <map>

#include "core/znode/acl.h"
#include "core/znode/data_tree.h"
#include "core/znode/quota.h"
#include "core/znode/watch_manager.h"

using namespace zoolab::core;
using namespace zoolab::core::zk;

TEST_CASE("digest ids: SHA-1 + base64 of user:password") {
  CHECK(digest_id("user1:12345") == "user1:+owfoSBn/am19roBPzR1/MfCblE=");
}

TEST_CASE("ACL fix-up: world, auth expansion, digest form, ip masks, super and duplicates") {
  Acl out;
  const std::vector<Id> none;
  const std::vector<Id> bob{{"digest", "bob:hash"}, {"ip", "127.0.0.1"}};
  CHECK(fixup_acl({{31, {"world", "anyone"}}, {31, {"world", "anyone"}}}, none, out) == Err::kOk);
  CHECK(out.size() == 1);
  CHECK(fixup_acl({{31, {"auth", ""}}}, none, out) == Err::kInvalidAcl);
  CHECK(fixup_acl({{5, {"auth", "ignored"}}}, bob, out) == Err::kOk);
  REQUIRE(out.size() == 1);
  CHECK(out[0] == AclEntry{5, {"digest", "bob:hash"}});
  CHECK(fixup_acl({{31, {"digest", "bob"}}}, none, out) == Err::kInvalidAcl);
  CHECK(fixup_acl({{31, {"digest", "bob:secret"}}}, none, out) == Err::kOk);
  CHECK(fixup_acl({{31, {"world", "me"}}}, none, out) == Err::kInvalidAcl);
  CHECK(fixup_acl({{31, {"super", "x"}}}, none, out) == Err::kInvalidAcl);
  CHECK(fixup_acl({{31, {"ip", "10.0.0.0/33"}}}, none, out) == Err::kInvalidAcl);
  CHECK(fixup_acl({{31, {"ip", "10.0.0.0/8"}}}, none, out) == Err::kOk);
  CHECK(fixup_acl({}, none, out) == Err::kInvalidAcl);
  CHECK(ip_matches("127.0.0.1", "127.0.0.0/8"));
  CHECK_FALSE(ip_matches("128.0.0.1", "127.0.0.0/8"));
  CHECK(acl_allows({{perm::kRead, {"ip", "127.0.0.1"}}}, perm::kRead, bob));
  CHECK_FALSE(acl_allows({{perm::kRead, {"ip", "127.0.0.1"}}}, perm::kWrite, bob));
  CHECK(acl_allows({{0, {"world", "anyone"}}}, perm::kWrite, {{"super", ""}}));
  CHECK(acl_allows({}, perm::kAdmin, none));
}

TEST_CASE("system nodes and client cversion") {
  DataTree t;
  CHECK(t.zk_node_count() == 5);
  CHECK(t.stat(t.root()).cversion == -1);
  CHECK(t.stat(t.find("/zookeeper")).cversion == -2);
  CHECK(t.children(t.find("/zookeeper")) == std::vector<std::string>{"config", "quota"});
  CHECK(t.acl(t.find("/zookeeper/config")) == read_acl_unsafe());
  CHECK(t.stat(t.find("/zookeeper/config")).aversion == -1);
  CHECK(t.all_children_number(t.root()) == 3);
  CHECK(t.approximate_data_size() == 44);
}

TEST_CASE("create/delete bookkeeping: persisted cversion counts creations, pzxid, null data") {
  DataTree t;
  CHECK(t.create_node("/p", std::nullopt, open_acl_unsafe(), 0, -1, 2, 100) == Err::kOk);
  CHECK(t.create_node("/p/a", std::string("x"), open_acl_unsafe(), 0, -1, 3, 100) == Err::kOk);
  CHECK(t.delete_node("/p/a", 4) == Err::kOk);
  const auto p = t.find("/p");
  CHECK(t.persisted(p).cversion == 1);
  CHECK(t.stat(p).cversion == 2);
  CHECK(t.stat(p).pzxid == 4);
  CHECK_FALSE(t.data(p).has_value());
  CHECK(t.create_node("/p", std::string(), open_acl_unsafe(), 0, -1, 5, 100) == Err::kNodeExists);
  CHECK(t.create_node("/q/x", std::string(), open_acl_unsafe(), 0, -1, 5, 100) == Err::kNoNode);
  CHECK(t.set_acl("/p", open_acl_unsafe(), 1) == Err::kOk);
  CHECK(t.stat(p).mzxid == 2);
  CHECK(t.acl_table().size() == 2);  // open + read-only, interned
  t.check_invariants();
}

TEST_CASE("ephemerals come back in java.util.HashSet order") {
  DataTree t;
  t.create_node("/a", std::string(), open_acl_unsafe(), 0, -1, 1, 0);
  for (std::string n : {"/a/x", "/a/b", "/a/lock-0000000001"}) t.create_node(n, std::string(), open_acl_unsafe(), 77, -1, 2, 0);
  const auto e = t.ephemerals(77);
  REQUIRE(e.size() == 3);
  // java: "/a/x".hashCode() etc.; a HashSet of 3 cloned into capacity 8 buckets by (h ^ h>>>16) & 7.
  auto bucket = [](const std::string& s) {
    const auto h = static_cast<uint32_t>(java_string_hash(s));
    return (h ^ (h >> 16)) & 7u;
  };
  CHECK(bucket(e[0]) <= bucket(e[1]));
  CHECK(bucket(e[1]) <= bucket(e[2]));
  CHECK(java_string_hash("hello") == 99162322);
}

TEST_CASE("quota stats follow creates, deletes and setData") {
  DataTree t;
  t.create_node("/q", std::string("ab"), open_acl_unsafe(), 0, -1, 1, 0);
  t.create_node("/zookeeper/quota/q", std::string(), open_acl_unsafe(), 0, -1, 2, 0);
  t.create_node("/zookeeper/quota/q/zookeeper_limits", std::string("count=-1,bytes=-1=;countHardLimit=2"), open_acl_unsafe(), 0, -1, 3, 0);
  t.create_node("/zookeeper/quota/q/zookeeper_stats", std::string("count=0,bytes=0"), open_acl_unsafe(), 0, -1, 4, 0);
  auto stats = [&] { return *t.data(t.find("/zookeeper/quota/q/zookeeper_stats")); };
  CHECK(stats() == "count=1,bytes=2");
  t.create_node("/q/c", std::string("xyz"), open_acl_unsafe(), 0, -1, 5, 0);
  CHECK(stats() == "count=2,bytes=5");
  t.set_data("/q/c", std::string("x"), 1, 6, 0);
  CHECK(stats() == "count=2,bytes=3");
  std::vector<std::string> notes;
  CHECK(check_quota(t, "/q/d", 0, 1, false, notes) == Err::kOk);
  CHECK(notes.size() == 1);
  CHECK(check_quota(t, "/q/d", 0, 1, true, notes) == Err::kQuotaExceeded);
  t.delete_node("/q/c", 7);
  CHECK(stats() == "count=1,bytes=2");
  CHECK(StatsTrack("count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=2").to_string() ==
        "count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=2");
}

TEST_CASE("watch triggers: one event per connection, recursive gets descendants, never children-changed") {
  WatchManager w;
  std::vector<WatchDelivery> out;
  w.data.add("/a", 1, WatcherMode::kStandard);
  w.child.add("/a", 1, WatcherMode::kStandard);
  w.add_watch("/", 2, WatcherMode::kPersistentRecursive);
  w.add_watch("/a", 3, WatcherMode::kPersistent);
  w.node_deleted("/a", out);
  // conn 1 once (data table), conn 2 recursive, conn 3 persistent; then children-changed on "/" for nobody.
  REQUIRE(out.size() == 3);
  CHECK(out[0] == WatchDelivery{1, EventType::kNodeDeleted, "/a"});
  CHECK(out[1] == WatchDelivery{2, EventType::kNodeDeleted, "/a"});
  CHECK(out[2] == WatchDelivery{3, EventType::kNodeDeleted, "/a"});
  out.clear();
  w.node_created("/a/b", out);
  REQUIRE(out.size() == 2);
  CHECK(out[0] == WatchDelivery{2, EventType::kNodeCreated, "/a/b"});
  CHECK(out[1] == WatchDelivery{3, EventType::kNodeChildrenChanged, "/a"});
  CHECK(w.remove_watch("/a", WatcherType::kPersistent, 3));
  CHECK_FALSE(w.remove_watch("/a", WatcherType::kData, 1));  // consumed
}

TEST_CASE("property: DataTree agrees with a std::map model") {
  const bool ok = rc::check("tree vs model", [] {
    DataTree t;
    std::map<std::string, std::pair<std::string, int32_t>> model;  // path -> (data, version)
    const auto ops = *rc::gen::container<std::vector<std::tuple<int, int, int>>>(
        rc::gen::tuple(rc::gen::inRange(0, 3), rc::gen::inRange(0, 6), rc::gen::inRange(0, 6)));
    Zxid z = 1;
    for (const auto& [kind, a, b] : ops) {
      const std::string parent = a == 0 ? "" : "/n" + std::to_string(a);
      const std::string path = parent + "/n" + std::to_string(b + 1);
      const bool parent_exists = parent.empty() || model.count(parent);
      ++z;
      if (kind == 0) {
        const Err e = t.create_node(path, std::to_string(z), open_acl_unsafe(), 0, -1, z, 0);
        const Err want = !parent_exists ? Err::kNoNode : model.count(path) ? Err::kNodeExists : Err::kOk;
        RC_ASSERT(e == want);
        if (e == Err::kOk) model[path] = {std::to_string(z), 0};
      } else if (kind == 1) {
        bool has_kids = false;
        for (const auto& [p, v] : model) has_kids = has_kids || (p.size() > path.size() && p.rfind(path + "/", 0) == 0);
        if (has_kids) continue;
        const Err e = t.delete_node(path, z);
        RC_ASSERT(e == (model.count(path) ? Err::kOk : Err::kNoNode));
        model.erase(path);
      } else {
        const bool there = model.count(path) > 0;
        const int32_t v = there ? model[path].second + 1 : 0;
        const Err e = t.set_data(path, std::string("d"), v, z, 0);
        RC_ASSERT(e == (there ? Err::kOk : Err::kNoNode));
        if (there) model[path] = {"d", v};
      }
    }
    t.check_invariants();
    RC_ASSERT(t.size() == model.size() + 4);
    for (const auto& [p, v] : model) {
      const auto n = t.find(p);
      RC_ASSERT(n != DataTree::kNone);
      RC_ASSERT(*t.data(n) == v.first);
      RC_ASSERT(t.stat(n).version == v.second);
      RC_ASSERT(t.path_of(n) == p);
    }
  });
  CHECK(ok);
}
