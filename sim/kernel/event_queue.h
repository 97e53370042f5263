// The pending-event queue, ordered by (time, insertion seq): a radix heap. Simulated time never
// runs backwards, so every new event is at or after the last one taken out — exactly the
// monotone-key case radix heaps are built for (O(1) push, amortised O(log range) pop, and
// about twice the throughput of a 4-ary heap on this machine; see bench/kernel_bench.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/base/time.h"

namespace zoolab::sim {

using core::Time;

enum class EventKind : uint8_t {
  kDeliver,   // head packet of a connection channel (a = direction, b = connection id)
  kTimer,     // a process timer (a = node, b = timer serial)
  kDiskDone,  // an fsync completes (a = node, b = fsync serial)
  kResume,    // a paused process wakes (a = node, b = pause serial)
  kScript,    // a scenario step (b = step index); interpreted by the caller of World::step
};

struct Event {
  Time time;
  uint64_t seq = 0;  // insertion order: the tie-breaker, and a stable name for the event
  uint64_t b = 0;
  uint32_t a = 0;
  EventKind kind = EventKind::kDeliver;

  bool before(const Event& o) const { return time < o.time || (time == o.time && seq < o.seq); }
};

class EventQueue {
 public:
  // `t` must not be earlier than the last event taken out (throws std::logic_error).
  uint64_t push(Time t, EventKind kind, uint32_t a, uint64_t b);
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  // The earliest event; the queue must not be empty.
  const Event& top();
  Event pop();
  // Takes the top out without firing it (stale, or deferred by a pause): time does not pass,
  // so events may still be pushed for earlier times than it.
  Event discard();
  // Removes the event with this seq (manual delivery); false if absent. O(n).
  bool remove(uint64_t seq, Event* out);
  // Every pending entry, in no particular order (including stale ones the world skips).
  template <class F> void for_each(F&& f) const {
    for (size_t i = head_; i < buckets_[0].size(); ++i) f(buckets_[0][i]);
    for (size_t b = 1; b < buckets_.size(); ++b)
      for (const Event& e : buckets_[b]) f(e);
  }
  uint64_t next_seq() const { return next_seq_; }

 private:
  static size_t bucket_of(uint64_t key, uint64_t last);
  void refill();  // makes buckets_[0] hold the earliest time, sorted by seq
  void lower_floor(uint64_t key);  // rebuilds the buckets around an earlier key

  // buckets_[0] holds events at exactly last_ (consumed from head_, in seq order); bucket k
  // holds keys whose highest bit differing from last_ is bit k-1.
  std::array<std::vector<Event>, 65> buckets_;
  size_t head_ = 0;
  uint64_t last_ = 0;    // key of bucket 0 (peeking may raise it)
  uint64_t popped_ = 0;  // key of the last event taken out: nothing earlier may be pushed
  size_t size_ = 0;
  uint64_t next_seq_ = 1;
};

}  // namespace zoolab::sim
