// Disk durability rules.
#include "sim/kernel/disk.h"

#include <stdexcept>

namespace zoolab::sim {

const Disk::PendingSync& Disk::fsync(Time now, uint64_t token) {
  const Time start = last_done_ > now ? last_done_ : now;
  const Time done = start + fsync_latency + slow_extra;
  last_done_ = done;
  syncs_.push_back(PendingSync{next_serial_++, ops_issued_, token, done});
  return syncs_.back();
}

uint64_t Disk::complete(uint64_t serial) {
  if (!is_front(serial)) throw std::logic_error("disk: fsync completed out of order");
  const PendingSync s = syncs_.front();
  syncs_.pop_front();
  while (ops_applied_ < s.upto_op && !unsynced_.empty()) {
    apply(unsynced_.front());
    unsynced_.pop_front();
    ++ops_applied_;
  }
  return s.token;
}

void Disk::lose_unsynced() {
  ops_applied_ += unsynced_.size();
  unsynced_.clear();
  syncs_.clear();
  last_done_ = Time{0};
}

uint64_t Disk::unsynced_bytes() const {
  uint64_t n = 0;
  for (const auto& op : unsynced_)
    if (const auto* a = std::get_if<core::AppendCmd>(&op)) n += a->bytes.size();
  return n;
}

void Disk::apply(const std::variant<core::AppendCmd, core::TruncateCmd>& op) {
  if (const auto* a = std::get_if<core::AppendCmd>(&op)) {
    durable_[a->file] += a->bytes;
  } else {
    const auto& t = std::get<core::TruncateCmd>(op);
    std::string& f = durable_[t.file];
    if (t.size < f.size()) f.resize(t.size);
    if (t.size == 0) durable_.erase(t.file);
  }
}

}  // namespace zoolab::sim
