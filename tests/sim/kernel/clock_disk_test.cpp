// Local clocks (offset, drift) and disk durability (fsync, crash loses the tail, slow disk).
#include <doctest/doctest.h>

#include "sim/kernel/clock.h"
#include "sim/kernel/disk.h"

using namespace zoolab;
using core::milliseconds;
using core::seconds;
using core::Time;

TEST_CASE("a shifted clock keeps its offset; drift accumulates") {
  sim::LocalClock c;
  CHECK(c.local(Time{0} + seconds(5)) == Time{0} + seconds(5));
  c.shift(Time{0} + seconds(5), seconds(2));
  CHECK(c.local(Time{0} + seconds(10)) == Time{0} + seconds(12));
  c.set_drift_ppm(Time{0} + seconds(10), 100'000);  // 10% fast
  CHECK(c.local(Time{0} + seconds(20)) == Time{0} + seconds(23));
  CHECK(c.to_global(milliseconds(1100)) == milliseconds(1000));
  CHECK(c.offset(Time{0} + seconds(20)) == seconds(3));
}

TEST_CASE("appends are durable only after their fsync completes") {
  sim::Disk d;
  d.append({"log", "a\n"});
  const auto& s1 = d.fsync(Time{0}, 1);
  CHECK(s1.done_at == Time{0} + milliseconds(1));
  const uint64_t serial1 = s1.serial;
  d.append({"log", "b\n"});  // after the fsync was issued: not covered by it
  CHECK(d.complete(serial1) == 1);
  CHECK(d.durable().at("log") == "a\n");
  CHECK(d.unsynced_ops() == 1);
  d.lose_unsynced();
  CHECK(d.durable().at("log") == "a\n");
  CHECK(d.unsynced_ops() == 0);
}

TEST_CASE("fsyncs complete one after another; a slow disk adds latency") {
  sim::Disk d;
  d.slow_extra = milliseconds(50);
  d.append({"log", "x"});
  const Time t1 = d.fsync(Time{0}, 1).done_at;
  const Time t2 = d.fsync(Time{0}, 2).done_at;
  CHECK(t1 == Time{0} + milliseconds(51));
  CHECK(t2 == Time{0} + milliseconds(102));
  CHECK(d.pending_syncs() == 2);
  d.lose_unsynced();
  CHECK(d.pending_syncs() == 0);
  CHECK(d.durable().empty());
}

TEST_CASE("truncate takes effect at the next fsync") {
  sim::Disk d;
  d.append({"log", "abcdef"});
  d.complete(d.fsync(Time{0}, 1).serial);
  d.truncate({"log", 3});
  CHECK(d.durable().at("log") == "abcdef");
  d.complete(d.fsync(Time{0}, 2).serial);
  CHECK(d.durable().at("log") == "abc");
}
