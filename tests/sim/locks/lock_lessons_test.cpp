// The lock lessons (scenarios/locks) as tests: each of the seeds' three Redis problems and its
// fix, the watchdog against a slow holder and against a GC pause, fencing, Redis failover, and
// the ZooKeeper lock held twice after a paused holder's session expires. Besides the lessons'
// own expectations, each test checks the outcome from the views (who acquired, what A holds).
#include <doctest/doctest.h>

#include "tests/support/seed_count.h"

#include "core/locks/lock_worker.h"
#include "core/locks/protected_resource.h"
#include "sim/check/lock_checkers.h"
#include "tests/sim/zab/zab_script.h"

namespace zoolab::sim::testing {
namespace {

using core::locks::LockWorker;
using core::locks::ProtectedResource;

const LockWorker& worker(const Ensemble& e, const std::string& name) {
  const auto* w = dynamic_cast<const LockWorker*>(e.world().node(e.id(name)).process.get());
  REQUIRE(w != nullptr);
  return *w;
}
const ProtectedResource& resource(const Ensemble& e, const std::string& name) {
  const auto* r = dynamic_cast<const ProtectedResource*>(e.world().node(e.id(name)).process.get());
  REQUIRE(r != nullptr);
  return *r;
}
size_t me_violations(Ensemble& e, const std::string& variant) {
  size_t n = 0;
  for (const check::Violation& v : e.run().violations())
    if (v.checker == check::kMutualExclusion && v.text.starts_with(check::variant_tag(variant))) ++n;
  return n;
}

}  // namespace

TEST_CASE("problem 1: a crash between SETNX and EXPIRE deadlocks the lock; SET NX PX does not") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(3); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::file("locks/redis-1-setnx-expire-crash.zls", seed);
    e.to_end();
    e.expects_pass();
    e.no_unexpected_violations();
    CHECK(worker(e, "w2").acquisitions() == 0);
    CHECK(worker(e, "w4").acquisitions() >= 1);
    CHECK(e.notes("w1", "SETNX won").size() == 1);
    CHECK(e.notes("w1", "EXPIRE").size() == 1);  // only the note: the EXPIRE itself was never sent
  }
}

TEST_CASE("problem 2: a plain DEL deletes the next holder's lock; compare-and-delete refuses") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(3); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::file("locks/redis-2-del-wrong-owner.zls", seed);
    e.to_end();
    e.expects_pass();
    CHECK(me_violations(e, "redis-set-nx-ex") == 2);
    CHECK(me_violations(e, "redis-cad") == 1);
    CHECK(worker(e, "c1").failed_releases() == 1);
    CHECK(worker(e, "w1").failed_releases() == 0);  // its DEL "succeeded": it deleted w2's lock
  }
}

TEST_CASE("problem 2b: GET-compare-then-DEL interleaves with an expiry; the lock is held twice") {
  auto e = Ensemble::file("locks/redis-2b-get-then-del-race.zls");
  e.to_end();
  e.expects_pass();
  CHECK(me_violations(e, "redis-get-del") == 1);
  // The same lesson with the atomic script: no second holder.
  auto fixed = Ensemble::text(lesson_text("locks/redis-2b-get-then-del-race.zls", "lock=redis-get-del", "lock=redis-cad"));
  fixed.to_end();
  CHECK(me_violations(fixed, "redis-cad") == 0);
  CHECK(worker(fixed, "w3").acquisitions() == 1);  // only after w2 released
}

TEST_CASE("problem 3: a slow holder outlives its lease; the watchdog keeps it; lost update only without") {
  auto e = Ensemble::file("locks/redis-3-slow-holder-watchdog.zls");
  e.to_end();
  e.expects_pass();
  CHECK(resource(e, "res").lost_updates() == 1);
  CHECK(resource(e, "res").value() == 1);   // two increments, one lost
  CHECK(resource(e, "res2").value() == 2);  // both kept
}

TEST_CASE("a GC pause beats the watchdog; fencing rejects the stale holder's write") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(3); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::file("locks/redis-watchdog-gc-pause-fencing.zls", seed);
    e.to_end();
    e.expects_pass();
    CHECK(resource(e, "res").lost_updates() == 1);
    CHECK(resource(e, "fres").rejected() == 1);
    CHECK(resource(e, "fres").value() == 1);
    CHECK(worker(e, "f1").rejected_writes() == 1);
    CHECK(worker(e, "f1").token() < worker(e, "f2").token());
  }
}

TEST_CASE("Redis failover loses a lock: the promoted replica never saw it") {
  auto e = Ensemble::file("locks/redis-failover-loses-lock.zls");
  e.to_end();
  e.expects_pass();
  CHECK(me_violations(e, "redis-cad") == 1);
  CHECK(worker(e, "w2").acquisitions() == 1);
}

TEST_CASE("the ZooKeeper lock held twice after a paused holder's session expires; fencing by czxid") {
  for (uint64_t seed = 1; seed <= zoolab::testing::seed_count(2); ++seed) {
    CAPTURE(seed);
    auto e = Ensemble::file("locks/zk-paused-holder-fencing.zls", seed);
    e.to_end();
    e.expects_pass();
    CHECK(resource(e, "res").lost_updates() == 1);
    CHECK(resource(e, "fres").rejected() == 1);
    REQUIRE(worker(e, "f1").token().has_value());
    CHECK(*worker(e, "f1").token() < *worker(e, "f2").token());
  }
}

}  // namespace zoolab::sim::testing
