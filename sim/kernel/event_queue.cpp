// Radix heap operations.
#include "sim/kernel/event_queue.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace zoolab::sim {
namespace {
uint64_t key_of(Time t) { return static_cast<uint64_t>(t.ns); }
}  // namespace

size_t EventQueue::bucket_of(uint64_t key, uint64_t last) {
  return key == last ? 0 : static_cast<size_t>(64 - std::countl_zero(key ^ last));
}

uint64_t EventQueue::push(Time t, EventKind kind, uint32_t a, uint64_t b) {
  if (t.ns < 0 || key_of(t) < last_) throw std::logic_error("event queue: event scheduled in the past");
  const uint64_t seq = next_seq_++;
  // Later seqs only ever join bucket 0 at its end, so it stays in seq order.
  buckets_[bucket_of(key_of(t), last_)].push_back(Event{t, seq, b, a, kind});
  ++size_;
  return seq;
}

void EventQueue::refill() {
  std::vector<Event>& zero = buckets_[0];
  if (head_ < zero.size()) return;
  zero.clear();
  head_ = 0;
  size_t i = 1;
  while (buckets_[i].empty()) ++i;
  std::vector<Event>& from = buckets_[i];
  uint64_t min_key = UINT64_MAX;
  for (const Event& e : from) min_key = std::min(min_key, key_of(e.time));
  last_ = min_key;
  for (const Event& e : from) buckets_[bucket_of(key_of(e.time), last_)].push_back(e);
  from.clear();
  if (zero.size() > 1)
    std::sort(zero.begin(), zero.end(), [](const Event& x, const Event& y) { return x.seq < y.seq; });
}

const Event& EventQueue::top() {
  refill();
  return buckets_[0][head_];
}

Event EventQueue::pop() {
  refill();
  --size_;
  return buckets_[0][head_++];
}

bool EventQueue::remove(uint64_t seq, Event* out) {
  for (size_t b = 0; b < buckets_.size(); ++b) {
    std::vector<Event>& v = buckets_[b];
    const size_t start = b == 0 ? head_ : 0;
    for (size_t i = start; i < v.size(); ++i) {
      if (v[i].seq != seq) continue;
      if (out) *out = v[i];
      v.erase(v.begin() + static_cast<std::ptrdiff_t>(i));
      --size_;
      return true;
    }
  }
  return false;
}

}  // namespace zoolab::sim
