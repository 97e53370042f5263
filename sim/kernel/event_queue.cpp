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
  if (t.ns < 0 || key_of(t) < popped_)
    throw std::logic_error("event queue: event scheduled in the past (" + std::to_string(t.ns) + "ns, last event taken out at " + std::to_string(popped_) + "ns)");
  if (key_of(t) < last_) lower_floor(key_of(t));
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
  popped_ = last_;
  return buckets_[0][head_++];
}

Event EventQueue::discard() {
  refill();
  --size_;
  return buckets_[0][head_++];
}

// Peeking (top) moves last_ up to the earliest pending time; an event pushed afterwards for an
// earlier (but not yet passed) time needs the buckets rebuilt around the lower key. Rare: only
// when something outside the event loop acts between a peek and the next pop.
void EventQueue::lower_floor(uint64_t key) {
  std::vector<Event> all;
  all.reserve(size_);
  for (size_t i = head_; i < buckets_[0].size(); ++i) all.push_back(buckets_[0][i]);
  for (size_t b = 1; b < buckets_.size(); ++b)
    for (const Event& e : buckets_[b]) all.push_back(e);
  for (auto& bucket : buckets_) bucket.clear();
  head_ = 0;
  last_ = key;
  for (const Event& e : all) buckets_[bucket_of(key_of(e.time), last_)].push_back(e);
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
