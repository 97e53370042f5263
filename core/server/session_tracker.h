// SessionTrackerImpl + ExpiryQueue (reference §4.1, §4.4): session ids, timeouts and the
// tickTime-aligned expiry buckets of a standalone server. Times are local-clock milliseconds.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/base/ids.h"
#include "core/znode/types.h"

namespace zoolab::core::zk {

struct SessionInfo {
  SessionId id = 0;
  int32_t timeout_ms = 0;
  int64_t expiry_ms = 0;  // bucket (local ms) in which it expires
  bool closing = false;
  ConnId conn = kNoConn;  // current connection on this server, if any
  std::string passwd;
};

class SessionTracker {
 public:
  // initializeNextSessionId: ((t << 24) >>> 8) | (sid << 56).
  void init(int server_id, int64_t t_ms, int32_t tick_ms);
  SessionId next_id() { return next_id_++; }
  static std::string password_for(SessionId id);

  void add(SessionId id, int32_t timeout_ms, int64_t now_ms);
  bool touch(SessionId id, int64_t now_ms);  // false if unknown or closing
  void set_closing(SessionId id);
  void remove(SessionId id);
  // Sessions whose bucket is `bucket_ms` (they expire now), in id order; the bucket is dropped.
  std::vector<SessionId> take_bucket(int64_t bucket_ms);
  std::set<int64_t> bucket_times() const;

  SessionInfo* find(SessionId id);
  const SessionInfo* find(SessionId id) const;
  const std::map<SessionId, SessionInfo>& sessions() const { return sessions_; }
  int32_t tick_ms() const { return tick_ms_; }

 private:
  int64_t round_to_next_interval(int64_t t) const { return (t / tick_ms_ + 1) * tick_ms_; }
  std::map<SessionId, SessionInfo> sessions_;
  std::map<int64_t, std::set<SessionId>> buckets_;
  SessionId next_id_ = 0;
  int32_t tick_ms_ = 3000;
};

}  // namespace zoolab::core::zk
