// The event queue orders by (time, insertion), removes arbitrary entries, refuses the past.
#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "core/base/rng.h"
#include "sim/kernel/event_queue.h"

using namespace zoolab;
using sim::EventKind;
using sim::EventQueue;

TEST_CASE("events pop in time order, ties in insertion order") {
  EventQueue q;
  q.push(core::Time{5}, EventKind::kTimer, 0, 1);
  q.push(core::Time{3}, EventKind::kTimer, 0, 2);
  q.push(core::Time{5}, EventKind::kTimer, 0, 3);
  q.push(core::Time{3}, EventKind::kTimer, 0, 4);
  std::vector<uint64_t> order;
  while (!q.empty()) order.push_back(q.pop().b);
  CHECK(order == std::vector<uint64_t>{2, 4, 1, 3});
}

TEST_CASE("random pushes, pops and removals agree with a sorted reference") {
  EventQueue q;
  core::Rng rng(9);
  std::vector<std::pair<int64_t, uint64_t>> ref;  // (time, seq)
  int64_t now = 0;  // time of the last event taken out: nothing may be pushed before it
  for (int round = 0; round < 20000; ++round) {
    const uint64_t op = rng.uniform_u64(0, 9);
    if (op < 6 || ref.empty()) {
      const int64_t t = now + (rng.chance_permille(200) ? 0 : rng.uniform_i64(0, 1000));
      const uint64_t seq = q.push(core::Time{t}, EventKind::kTimer, 0, 0);
      ref.push_back({t, seq});
    } else if (op < 9) {
      std::sort(ref.begin(), ref.end());
      const sim::Event e = q.pop();
      REQUIRE(e.time.ns == ref.front().first);
      REQUIRE(e.seq == ref.front().second);
      now = e.time.ns;
      ref.erase(ref.begin());
    } else {
      const size_t i = rng.uniform_u64(0, ref.size() - 1);
      sim::Event removed;
      REQUIRE(q.remove(ref[i].second, &removed));
      CHECK(removed.time.ns == ref[i].first);
      ref.erase(ref.begin() + static_cast<long>(i));
    }
    REQUIRE(q.size() == ref.size());
  }
  CHECK_FALSE(q.remove(999999999, nullptr));
  size_t listed = 0;
  q.for_each([&](const sim::Event&) { ++listed; });
  CHECK(listed == ref.size());
}

TEST_CASE("scheduling before the last event taken out is a programming error") {
  EventQueue q;
  q.push(core::Time{100}, EventKind::kTimer, 0, 0);
  q.pop();
  CHECK_THROWS_AS(q.push(core::Time{99}, EventKind::kTimer, 0, 0), std::logic_error);
  CHECK_NOTHROW(q.push(core::Time{100}, EventKind::kTimer, 0, 0));
}
