// ZkLock against a simulated ZooKeeper: the seed's three-client walk-through, hand-over to one
// waiter (sequential) vs every waiter (naive), a lost create reply recovered by the protected
// prefix, and a paused holder whose session expires while it still believes it holds the lock.
#include <string>

#include "tests/sim/recipes/recipe_script.h"

namespace zoolab::sim::testing {
namespace {

using core::recipes::LockState;

TEST_CASE("the seed's walk-through: Client1 holds, Client2 watches Lock1, Client3 watches Lock2; a crash hands over") {
  ZkScript s(ensemble_header() +
             "process c1 zk-lock servers=zk1,zk2,zk3 start=3000\n"
             "process c2 zk-lock servers=zk1,zk2,zk3 start=3300\n"
             "process c3 zk-lock servers=zk1,zk2,zk3 start=3600\n"
             "at 6s crash c1\n"
             "run until 20s\n");
  s.until(5000);
  const auto& l1 = lock_of(s, "c1");
  const auto& l2 = lock_of(s, "c2");
  const auto& l3 = lock_of(s, "c3");
  CHECK(l1.state() == LockState::kHeld);
  CHECK(seq_of(l1.my_node()) == "0000000000");
  CHECK(l1.my_node().rfind("/locks/job/_c_", 0) == 0);
  CHECK(l1.my_node().size() == std::string("/locks/job/_c_").size() + 36 + std::string("-lock-0000000000").size());
  CHECK(l2.state() == LockState::kWaitingForPredecessor);
  CHECK(l2.watching() == l1.my_node());
  CHECK(seq_of(l2.my_node()) == "0000000001");
  CHECK(l3.state() == LockState::kWaitingForPredecessor);
  CHECK(l3.watching() == l2.my_node());
  CHECK(l1.token() > 0);
  CHECK(l2.token() > l1.token());
  // The parent is a container, as Curator creates it.
  CHECK(s.server("zk1").tree().find("/locks/job") != core::zk::DataTree::kNone);
  CHECK(s.console("c1").find("acquired /locks/job/_c_") != std::string::npos);

  // c1 crashed: its ephemeral goes when its session expires (4 s + up to a tick).
  s.until(9000);
  CHECK(lock_of(s, "c2").state() == LockState::kWaitingForPredecessor);
  s.until(13000);
  const auto& m2 = lock_of(s, "c2");
  const auto& m3 = lock_of(s, "c3");
  CHECK(m2.state() == LockState::kHeld);
  CHECK(m2.wakeups() == 1);
  CHECK(m3.state() == LockState::kWaitingForPredecessor);
  CHECK(m3.watching() == m2.my_node());
  CHECK(m3.wakeups() == 0);  // c1's node going did not wake c3
  s.no_violations();
}

struct Handover {
  uint64_t first_release_wakeups = 0;
  uint64_t total_wakeups = 0;
  uint64_t acquisitions = 0;
  uint64_t requests = 0;
};

Handover run_handover(const std::string& flavor) {
  std::string text = standalone_header();
  for (int i = 1; i <= 4; ++i)
    text += "process c" + std::to_string(i) + " zk-lock servers=zk1 flavor=" + flavor + " hold=1000 start=" + std::to_string(1000 + 100 * i) + "\n";
  text += "run until 12s\n";
  ZkScript s(text);
  const auto wakeups = [&] {
    uint64_t w = 0;
    for (int i = 1; i <= 4; ++i) w += lock_of(s, "c" + std::to_string(i)).wakeups();
    return w;
  };
  s.until(1900);
  CHECK(lock_of(s, "c1").state() == LockState::kHeld);
  CHECK(wakeups() == 0);
  s.until(2100 + 500);  // c1 released at ≈2.1 s
  Handover h;
  h.first_release_wakeups = wakeups();
  s.to_end();
  h.total_wakeups = wakeups();
  for (int i = 1; i <= 4; ++i) {
    const auto& p = recipe<core::recipes::ZkLockProcess>(s, "c" + std::to_string(i));
    h.acquisitions += p.acquisitions();
    h.requests += p.lock().requests_sent();
    CHECK(p.lock().state() == LockState::kIdle);
  }
  s.no_violations();
  return h;
}

TEST_CASE("a release wakes exactly one sequential waiter, but every naive waiter (herd effect)") {
  const Handover seq = run_handover("sequential");
  const Handover kazoo = run_handover("kazoo");
  const Handover naive = run_handover("naive");
  MESSAGE("sequential: " << seq.total_wakeups << " wake-ups, " << seq.requests << " requests for " << seq.acquisitions
                         << " acquisitions; naive: " << naive.total_wakeups << " wake-ups, " << naive.requests << " requests");
  CHECK(seq.acquisitions == 4);
  CHECK(kazoo.acquisitions == 4);
  CHECK(naive.acquisitions == 4);
  CHECK(seq.first_release_wakeups == 1);
  CHECK(kazoo.first_release_wakeups == 1);
  CHECK(naive.first_release_wakeups == 3);  // N-1 waiters, all woken
  CHECK(seq.total_wakeups == 3);            // one per hand-over
  CHECK(naive.total_wakeups == 3 + 2 + 1);
  CHECK(naive.requests > seq.requests);
}

TEST_CASE("kazoo flavour names nodes <uuid hex>__lock__<seq> and keeps its prefix on re-acquire") {
  ZkScript s(standalone_header() +
             "process c1 zk-lock servers=zk1 flavor=kazoo start=1000\n"
             "at 2s c1: release\n"
             "at 3s c1: acquire\n"
             "run until 4s\n");
  s.until(1500);
  const std::string first = lock_of(s, "c1").my_node();
  CHECK(first.size() == std::string("/locks/job/").size() + 32 + std::string("__lock__0000000000").size());
  CHECK(first.find("__lock__0000000000") != std::string::npos);
  s.to_end();
  const std::string second = lock_of(s, "c1").my_node();
  CHECK(lock_of(s, "c1").state() == LockState::kHeld);
  CHECK(second.substr(0, second.size() - 10) == first.substr(0, first.size() - 10));
  CHECK(seq_of(second) == "0000000001");
  s.no_violations();
}

TEST_CASE("a lost create reply is recovered by the protected prefix without a second node") {
  // The request reaches zk1 after 2 ms; the reply (after a 2 ms fsync) is cut off by the partition at +3 ms.
  ZkScript s("tickTime=2000\nserver.1=zk1:2888:3888\nlatency 2ms\nfsync 2ms\n"
             "process c1 zk-lock servers=zk1 timeout=8000\n"
             "at 1s c1: acquire\n"  // makes the parents, so the lost reply is the node's own create
             "at 1500ms c1: release\n"
             "at 2s c1: acquire\n"
             "+3ms partition c1 | zk1\n"
             "at 3s heal\n"
             "run until 15s\n");
  s.until(2900);
  CHECK(lock_of(s, "c1").state() == LockState::kCreating);
  CHECK(s.server().tree().find("/locks/job") != core::zk::DataTree::kNone);
  s.to_end();
  const auto& l = lock_of(s, "c1");
  CHECK(l.state() == LockState::kHeld);
  CHECK(seq_of(l.my_node()) == "0000000001");
  const auto job = s.server().tree().find("/locks/job");
  REQUIRE(job != core::zk::DataTree::kNone);
  CHECK(s.server().tree().children(job).size() == 1);
  CHECK(s.records("c1", RecordKind::kNote, "by its protected prefix").size() == 1);
  CHECK(l.token() > 0);
  s.no_violations();
}

TEST_CASE("a paused holder loses its session: another client acquires while it still thinks it holds") {
  ZkScript s(standalone_header() +
             "process c1 zk-lock servers=zk1 timeout=4000 start=1000\n"
             "process c2 zk-lock servers=zk1 timeout=4000 start=1200\n"
             "at 2s pause c1 10s\n"
             "run until 16s\n");
  s.until(1900);
  CHECK(lock_of(s, "c1").state() == LockState::kHeld);
  const int64_t token1 = lock_of(s, "c1").token();
  s.until(11000);
  // zk1 expired c1's session; c2 holds the lock; c1, paused, has processed nothing.
  CHECK(lock_of(s, "c2").state() == LockState::kHeld);
  CHECK(lock_of(s, "c1").state() == LockState::kHeld);
  CHECK(lock_of(s, "c2").token() > token1);  // fencing: the newer holder's token is larger
  s.to_end();
  CHECK(lock_of(s, "c1").state() == LockState::kLost);
  const std::string out = s.console("c1");
  CHECK(out.find("suspended:") != std::string::npos);
  CHECK(out.find("lost: session expired") != std::string::npos);
  CHECK(out.find("suspended:") < out.find("lost:"));
  CHECK(lock_of(s, "c2").state() == LockState::kHeld);
  s.no_violations();
}

}  // namespace
}  // namespace zoolab::sim::testing
