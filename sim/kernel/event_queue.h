// The pending-event queue: a 4-ary min-heap of plain structs ordered by (time, insertion seq).
#pragma once

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
  uint64_t push(Time t, EventKind kind, uint32_t a, uint64_t b) {
    const uint64_t seq = next_seq_++;
    heap_.push_back(Event{t, seq, b, a, kind});
    sift_up(heap_.size() - 1);
    return seq;
  }
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  const Event& top() const { return heap_.front(); }
  Event pop() {
    Event e = heap_.front();
    remove_at(0);
    return e;
  }
  // Removes the event with this seq (manual delivery); false if absent. O(n) search.
  bool remove(uint64_t seq, Event* out) {
    for (size_t i = 0; i < heap_.size(); ++i) {
      if (heap_[i].seq == seq) {
        if (out) *out = heap_[i];
        remove_at(i);
        return true;
      }
    }
    return false;
  }
  // Unordered view of all pending entries (including stale ones the world will skip).
  const std::vector<Event>& entries() const { return heap_; }
  uint64_t next_seq() const { return next_seq_; }
  void reserve(size_t n) { heap_.reserve(n); }

 private:
  static constexpr size_t kArity = 4;

  void remove_at(size_t i) {
    const size_t last = heap_.size() - 1;
    if (i != last) {
      heap_[i] = heap_[last];
      heap_.pop_back();
      if (i > 0 && heap_[i].before(heap_[(i - 1) / kArity])) sift_up(i);
      else sift_down(i);
    } else {
      heap_.pop_back();
    }
  }
  void sift_up(size_t i) {
    const Event e = heap_[i];
    while (i > 0) {
      const size_t parent = (i - 1) / kArity;
      if (!e.before(heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }
  void sift_down(size_t i) {
    const size_t n = heap_.size();
    const Event e = heap_[i];
    for (;;) {
      const size_t first = i * kArity + 1;
      if (first >= n) break;
      size_t best = first;
      const size_t end = first + kArity < n ? first + kArity : n;
      for (size_t c = first + 1; c < end; ++c)
        if (heap_[c].before(heap_[best])) best = c;
      if (!heap_[best].before(e)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = e;
  }

  std::vector<Event> heap_;
  uint64_t next_seq_ = 1;
};

}  // namespace zoolab::sim
