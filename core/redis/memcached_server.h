// MemcachedServer: memcached 1.6's text protocol (§14.15) as a sans-I/O process. Each connection
// is a byte stream: a MemcachedRequest's text is appended to the connection's input and every
// complete request in it is answered; the MemcachedReply (same id) holds all reply lines it
// produced, possibly none (noreply, or a data block still incomplete).
// Clock: unix seconds = (zk::kCalendarStartMs + the machine's local clock) / 1000, 1 s granularity.
#pragma once

#include <map>
#include <string>

#include "core/base/process.h"
#include "core/redis/memcached_text.h"

namespace zoolab::core::redis {

struct MemcachedItem {
  std::string value;
  uint32_t flags = 0;
  int64_t exptime_unix_s = 0;  // 0 = never; the item is gone once the clock reaches it
  uint64_t cas = 0;
  bool operator==(const MemcachedItem&) const = default;
};

struct MemcachedConfig {
  std::string name = "memcached";
  int32_t port = 11211;
};

class MemcachedServer : public Process {
 public:
  explicit MemcachedServer(MemcachedConfig cfg = {});

  std::unique_ptr<Process> clone() const override { return std::make_unique<MemcachedServer>(*this); }
  std::string kind() const override { return "memcached"; }
  void on_start(Env& env, const DiskImage& disk) override;
  void on_message(Env& env, ConnId conn, NodeId from, const Message& msg) override;
  void on_closed(Env& env, ConnId conn, NodeId peer) override;
  StateLines state_lines() const override;

  // Feeds bytes as if they arrived on `conn`; returns every reply line they produced. `quit`
  // is set when a `quit` command asks the server to close the connection.
  std::string feed(Env& env, ConnId conn, const std::string& bytes, bool* quit = nullptr);

  // ---- views ---------------------------------------------------------------------------------
  // Stored items, including expired ones no request has touched yet.
  const std::map<std::string, MemcachedItem>& items() const { return items_; }
  static int64_t unix_seconds(Time now);
  // Whether `key` is visible at local time `now`.
  bool live(const std::string& key, Time now) const;
  uint64_t requests() const { return requests_; }

 private:
  std::string execute(Env& env, const McRequest& r, bool& close);
  std::string store(Env& env, const McRequest& r);
  std::string arith(Env& env, const McRequest& r);
  MemcachedItem* find(Env& env, const std::string& key);
  // memcached's realtime(): 0 never, negative or an absolute time already past = at once.
  int64_t absolute_exptime(Env& env, int64_t exptime) const;

  MemcachedConfig cfg_;
  std::map<std::string, MemcachedItem> items_;
  std::map<ConnId, std::string> input_;  // unparsed bytes per connection
  uint64_t next_cas_ = 0;
  uint64_t requests_ = 0;
  int64_t started_unix_s_ = 0;
};

}  // namespace zoolab::core::redis
