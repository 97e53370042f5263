// The other recipes against a simulated ZooKeeper: read/write lock rules (Curator vs kazoo),
// LeaderLatch hand-over after the leader's crash, the double barrier, the distributed queue.
#include <algorithm>
#include <string>

#include "tests/sim/recipes/recipe_script.h"

namespace zoolab::sim::testing {
namespace {

namespace rc = core::recipes;
using rc::LockState;

std::string rw_scenario(const std::string& flavor) {
  // Arrival order w1, r1, w2, r2; w1 holds 2 s, readers 500 ms.
  const std::string common = " servers=zk1 flavor=" + flavor + " path=/rw";
  return standalone_header() + "process w1 zk-rwlock mode=write hold=2000 start=1000" + common + "\n" +
         "process r1 zk-rwlock mode=read hold=500 start=1200" + common + "\n" +
         "process w2 zk-rwlock mode=write hold=500 start=1400" + common + "\n" +
         "process r2 zk-rwlock mode=read hold=500 start=1600" + common + "\n" + "run until 8s\n";
}

const rc::ZkLock& rw(const ZkScript& s, const std::string& n) { return lock_of(s, n); }

TEST_CASE("read/write lock: Curator readers watch the first writer, kazoo readers the nearest one") {
  ZkScript cur(rw_scenario("sequential"));
  cur.until(2000);
  CHECK(rw(cur, "w1").state() == LockState::kHeld);
  CHECK(rw(cur, "w1").my_node().find("-__WRIT__0000000000") != std::string::npos);
  CHECK(rw(cur, "r1").my_node().find("-__READ__0000000001") != std::string::npos);
  CHECK(rw(cur, "r1").watching() == rw(cur, "w1").my_node());
  CHECK(rw(cur, "w2").watching() == rw(cur, "r1").my_node());  // a writer waits for its immediate predecessor
  CHECK(rw(cur, "r2").watching() == rw(cur, "w1").my_node());  // Curator: the FIRST write node
  cur.until(3200);  // w1 released at ≈3 s: r1 reads; r2 still waits behind w2
  CHECK(rw(cur, "r1").state() == LockState::kHeld);
  CHECK(rw(cur, "r2").state() == LockState::kWaitingForPredecessor);
  CHECK(rw(cur, "r2").watching() == rw(cur, "w2").my_node());
  cur.to_end();
  for (const char* n : {"w1", "r1", "w2", "r2"}) CHECK(recipe<rc::ZkLockProcess>(cur, n).acquisitions() == 1);
  cur.no_violations();

  ZkScript kz(rw_scenario("kazoo"));
  kz.until(2000);
  CHECK(rw(kz, "w1").my_node().find("__lock__0000000000") != std::string::npos);
  CHECK(rw(kz, "r1").my_node().find("__rlock__0000000001") != std::string::npos);
  CHECK(rw(kz, "r2").watching() == rw(kz, "w2").my_node());  // kazoo: the nearest preceding writer
  kz.to_end();
  for (const char* n : {"w1", "r1", "w2", "r2"}) CHECK(recipe<rc::ZkLockProcess>(kz, n).acquisitions() == 1);
  kz.no_violations();
}

TEST_CASE("two readers hold the read lock together") {
  ZkScript s(standalone_header() +
             "process r1 zk-rwlock mode=read servers=zk1 start=1000\n"
             "process r2 zk-rwlock mode=read servers=zk1 start=1100\n"
             "process w1 zk-rwlock mode=write servers=zk1 start=1200\n"
             "run until 3s\n");
  s.to_end();
  CHECK(rw(s, "r1").state() == LockState::kHeld);
  CHECK(rw(s, "r2").state() == LockState::kHeld);
  CHECK(rw(s, "w1").state() == LockState::kWaitingForPredecessor);
  CHECK(rw(s, "w1").watching() == rw(s, "r2").my_node());
}

TEST_CASE("leader election: the lowest latch node leads; after the leader's crash the next one does") {
  ZkScript s(ensemble_header() +
             "process e1 zk-election servers=zk1,zk2,zk3 start=3000\n"
             "process e2 zk-election servers=zk1,zk2,zk3 start=3300\n"
             "process e3 zk-election servers=zk1,zk2,zk3 start=3600\n"
             "at 6s crash e1\n"
             "run until 16s\n");
  s.until(5000);
  const auto& e1 = recipe<rc::ElectionProcess>(s, "e1").latch();
  CHECK(e1.has_leadership());
  CHECK(e1.my_node().rfind("/election/_c_", 0) == 0);
  CHECK(e1.my_node().find("-latch-0000000000") != std::string::npos);
  CHECK(recipe<rc::ElectionProcess>(s, "e2").latch().watching() == e1.my_node());
  CHECK(recipe<rc::ElectionProcess>(s, "e3").latch().watching() == recipe<rc::ElectionProcess>(s, "e2").latch().my_node());
  CHECK_FALSE(recipe<rc::ElectionProcess>(s, "e2").latch().has_leadership());
  s.to_end();
  const auto& e2 = recipe<rc::ElectionProcess>(s, "e2");
  const auto& e3 = recipe<rc::ElectionProcess>(s, "e3");
  CHECK(e2.latch().has_leadership());
  CHECK(e2.terms() == 1);
  CHECK_FALSE(e3.latch().has_leadership());
  CHECK(e3.latch().watching() == e2.latch().my_node());
  CHECK(e3.latch().wakeups() == 0);
  CHECK(s.console("e2").find("leader /election/") != std::string::npos);
  s.no_violations();
}

TEST_CASE("double barrier: nobody enters before the third member; everyone leaves together") {
  ZkScript s(standalone_header() +
             "process b1 zk-barrier servers=zk1 members=3 work=1000 start=1000\n"
             "process b2 zk-barrier servers=zk1 members=3 work=1500 start=1500\n"
             "process b3 zk-barrier servers=zk1 members=3 work=500 start=3000\n"
             "run until 8s\n");
  const auto st = [&](const std::string& n) { return recipe<rc::BarrierProcess>(s, n).barrier().state(); };
  s.until(2900);
  CHECK(st("b1") == rc::BarrierState::kWaitingToEnter);
  CHECK(st("b2") == rc::BarrierState::kWaitingToEnter);
  CHECK_FALSE(s.exists("/barrier/ready"));
  s.until(3100);
  CHECK(st("b1") == rc::BarrierState::kEntered);
  CHECK(st("b2") == rc::BarrierState::kEntered);
  CHECK(st("b3") == rc::BarrierState::kEntered);
  CHECK(s.exists("/barrier/ready"));
  s.until(3700);  // b3 (work 500 ms) wants to leave but b1 and b2 are still inside
  CHECK(st("b3") == rc::BarrierState::kWaitingToLeave);
  s.to_end();
  for (const char* n : {"b1", "b2", "b3"}) CHECK(st(n) == rc::BarrierState::kLeft);
  CHECK_FALSE(s.exists("/barrier/ready"));
  const auto dir = s.server().tree().find("/barrier");
  if (dir != core::zk::DataTree::kNone) CHECK(s.server().tree().children(dir).empty());
  s.no_violations();
}

TEST_CASE("distributed queue: items are taken once each, in sequence order") {
  ZkScript s(standalone_header() +
             "process q1 zk-queue servers=zk1 consume=2 start=500\n"
             "process p1 zk-queue servers=zk1 produce=a,b,c,d,e start=1000\n"
             "process q2 zk-queue servers=zk1 consume=3 start=1500\n"
             "run until 5s\n");
  s.until(900);
  CHECK(recipe<rc::QueueProcess>(s, "q1").queue().state() == rc::QueueState::kWaitingForItems);
  s.to_end();
  const auto& t1 = recipe<rc::QueueProcess>(s, "q1").taken();
  const auto& t2 = recipe<rc::QueueProcess>(s, "q2").taken();
  CHECK(t1.size() == 2);
  CHECK(t2.size() == 3);
  std::vector<std::string> all = t1;
  all.insert(all.end(), t2.begin(), t2.end());
  std::sort(all.begin(), all.end());
  CHECK(all == std::vector<std::string>{"a", "b", "c", "d", "e"});
  CHECK(std::is_sorted(t1.begin(), t1.end()));
  CHECK(std::is_sorted(t2.begin(), t2.end()));
  CHECK(t1.front() == "a");  // q1 was waiting first
  CHECK(s.console("p1").find("offered /queue/qn-0000000000 a") != std::string::npos);
  const auto dir = s.server().tree().find("/queue");
  REQUIRE(dir != core::zk::DataTree::kNone);
  CHECK(s.server().tree().children(dir).empty());
  s.no_violations();
}

}  // namespace
}  // namespace zoolab::sim::testing
