// Session table and expiry buckets of a standalone server (SessionTrackerImpl, ExpiryQueue).
#include "core/server/session_tracker.h"

namespace zoolab::core::zk {

void SessionTracker::init(int server_id, int64_t t_ms, int32_t tick_ms) {
  tick_ms_ = tick_ms > 0 ? tick_ms : 1;
  const uint64_t t = static_cast<uint64_t>(t_ms);
  uint64_t next = ((t << 24) >> 8) | (static_cast<uint64_t>(server_id) << 56);
  if (next == 0x8000000000000000ULL) ++next;
  next_id_ = static_cast<SessionId>(next);
}

std::string SessionTracker::password_for(SessionId id) {
  // 16 bytes in ZooKeeper (random seeded by the id); any stable token works for the model.
  const uint64_t x = static_cast<uint64_t>(id) * 0x9e3779b97f4a7c15ULL ^ 0x5a17c0ffee5eedULL;
  return hex(static_cast<int64_t>(x));
}

void SessionTracker::add(SessionId id, int32_t timeout_ms, int64_t now_ms) {
  SessionInfo& s = sessions_[id];
  s.id = id;
  s.timeout_ms = timeout_ms;
  s.passwd = password_for(id);
  s.closing = false;
  s.expiry_ms = 0;
  touch(id, now_ms);
}

bool SessionTracker::touch(SessionId id, int64_t now_ms) {
  auto it = sessions_.find(id);
  if (it == sessions_.end() || it->second.closing) return false;
  SessionInfo& s = it->second;
  const int64_t bucket = round_to_next_interval(now_ms + s.timeout_ms);
  if (bucket == s.expiry_ms) return true;
  if (s.expiry_ms != 0) {
    auto b = buckets_.find(s.expiry_ms);
    if (b != buckets_.end()) {
      b->second.erase(id);
      if (b->second.empty()) buckets_.erase(b);
    }
  }
  s.expiry_ms = bucket;
  buckets_[bucket].insert(id);
  return true;
}

void SessionTracker::set_closing(SessionId id) {
  if (auto* s = find(id)) s->closing = true;
}

void SessionTracker::remove(SessionId id) {
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return;
  auto b = buckets_.find(it->second.expiry_ms);
  if (b != buckets_.end()) {
    b->second.erase(id);
    if (b->second.empty()) buckets_.erase(b);
  }
  sessions_.erase(it);
}

std::vector<SessionId> SessionTracker::take_bucket(int64_t bucket_ms) {
  auto b = buckets_.find(bucket_ms);
  if (b == buckets_.end()) return {};
  std::vector<SessionId> out(b->second.begin(), b->second.end());
  buckets_.erase(b);
  for (SessionId id : out)
    if (auto* s = find(id)) s->expiry_ms = 0;
  return out;
}

std::set<int64_t> SessionTracker::bucket_times() const {
  std::set<int64_t> out;
  for (const auto& [t, ids] : buckets_) out.insert(t);
  return out;
}

SessionInfo* SessionTracker::find(SessionId id) {
  auto it = sessions_.find(id);
  return it == sessions_.end() ? nullptr : &it->second;
}
const SessionInfo* SessionTracker::find(SessionId id) const {
  auto it = sessions_.find(id);
  return it == sessions_.end() ? nullptr : &it->second;
}

}  // namespace zoolab::core::zk
