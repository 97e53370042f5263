// compare-locks rows: the duel's measurements say what the lessons say, under one seed and plan.
#include <doctest/doctest.h>

#include "sim/duel/lock_duel.h"

namespace zoolab::sim::duel {
namespace {

using core::locks::LockVariant;

DuelOptions short_duel(FaultPlan plan) {
  DuelOptions o;
  o.plan = plan;
  o.duration = core::seconds(40);
  o.fault_at = core::seconds(5);
  o.lease = core::seconds(5);
  o.session_timeout = core::seconds(4);
  return o;
}

}  // namespace

TEST_CASE("no faults: every variant keeps mutual exclusion and loses no update") {
  DuelOptions o = short_duel(FaultPlan::kNone);
  o.duration = core::seconds(10);
  for (LockVariant v : core::locks::all_variants()) {
    CAPTURE(core::locks::variant_name(v));
    const DuelRow r = run_duel(o, v);
    CHECK(r.acquisitions > 20);
    CHECK(r.violations == 0);
    CHECK(r.lost_updates == 0);
    CHECK_FALSE(r.deadlocked);
  }
}

TEST_CASE("herd effect: the naive ZooKeeper lock wakes every waiter, the sequential one only the next") {
  DuelOptions o = short_duel(FaultPlan::kNone);
  o.clients = 5;
  o.duration = core::seconds(10);
  const DuelRow seq = run_duel(o, LockVariant::kZkSequential);
  const DuelRow naive = run_duel(o, LockVariant::kZkNaive);
  CHECK(seq.wakeups_per_release <= 1.05);
  CHECK(naive.wakeups_per_release >= 3.0);  // about N-1 = 4 waiters wake per release
  CHECK(seq.fifo_percent >= 95.0);  // FIFO by node order; start-up session races make a few exceptions
  CHECK(naive.fifo_percent < seq.fifo_percent);
}

TEST_CASE("holder crash: SETNX+EXPIRE deadlocks forever; SET NX PX frees the lock after the lease") {
  const DuelOptions o = short_duel(FaultPlan::kHolderCrash);
  const DuelRow setnx = run_duel(o, LockVariant::kRedisSetnxExpire);
  CHECK(setnx.deadlocked);
  CHECK(setnx.dead_owner_time >= core::seconds(30));  // from ≈5 s to the end at 40 s
  const DuelRow set = run_duel(o, LockVariant::kRedisSetNxEx);
  CHECK_FALSE(set.deadlocked);
  CHECK(set.dead_owner_time >= core::seconds(4));
  CHECK(set.dead_owner_time <= core::seconds(6));  // the 5 s lease
  const DuelRow zk = run_duel(o, LockVariant::kZkSequential);
  CHECK(zk.dead_owner_time <= core::seconds(7));  // session timeout 4 s + the expiry bucket
  CHECK(zk.violations == 0);
}

TEST_CASE("GC pause beyond the lease/session: every lock is held twice; fencing prevents lost updates") {
  DuelOptions o = short_duel(FaultPlan::kGcPause);
  for (LockVariant v : {LockVariant::kRedisWatchdog, LockVariant::kZkSequential}) {
    CAPTURE(core::locks::variant_name(v));
    o.fencing = false;
    const DuelRow plain = run_duel(o, v);
    CHECK(plain.violations >= 1);
    o.fencing = true;
    const DuelRow fenced = run_duel(o, v);
    CHECK(fenced.violations >= 1);      // the lock still cannot stop it...
    CHECK(fenced.lost_updates == 0);    // ...the resource can
  }
}

TEST_CASE("the same options give the same row (determinism of the duel)") {
  const DuelOptions o = short_duel(FaultPlan::kGcPause);
  const DuelRow a = run_duel(o, LockVariant::kRedisCad);
  const DuelRow b = run_duel(o, LockVariant::kRedisCad);
  CHECK(a.events == b.events);
  CHECK(a.acquisitions == b.acquisitions);
  CHECK(a.latency_p99_us == b.latency_p99_us);
}

TEST_CASE("generated scenarios parse and name the plan's trigger") {
  DuelOptions o = short_duel(FaultPlan::kHolderCrash);
  CHECK(duel_scenario(o, LockVariant::kRedisSetnxExpire).find("when w1 notes \"SETNX won\" crash w1") != std::string::npos);
  o.plan = FaultPlan::kPartition;
  CHECK(duel_scenario(o, LockVariant::kZkSequential).find("partition w1 | zk1,zk2,zk3") != std::string::npos);
  CHECK(parse_plan("gc-pause") == FaultPlan::kGcPause);
  CHECK_FALSE(parse_plan("bogus"));
}

}  // namespace zoolab::sim::duel
