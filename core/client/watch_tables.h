// The client's mirror of its watches (ZKWatchManager): five path sets, registration on successful
// replies (§6.2), dispatch of incoming events (§6.4 D4) and local removal (§6.5).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/proto/client_protocol.h"

namespace zoolab::core::zk {

// Which client tables an event or a removal touched, as bits.
namespace watch_table {
constexpr uint8_t kData = 1, kExist = 2, kChild = 4, kPersistent = 8, kPersistentRecursive = 16;
}
std::string watch_tables_text(uint8_t mask);  // "data,exist"

struct ClientWatchTables {
  std::set<std::string> data, exist, child, persistent, persistent_recursive;

  bool empty() const;
  // Mirrors the server registration a successful (or, for exists, NoNode) reply implies.
  void register_reply(const RequestBody& request, Err err);
  // Removes one-shot watches an event consumes; returns the tables that fired (0 = nobody).
  uint8_t materialize(const WatchEvent& ev);
  // Does the client hold a watch of `type` on `path` (the NoWatcher pre-check)?
  bool contains(const std::string& path, WatcherType type) const;
  // Removes watches of `type` on `path`; returns the tables removed from.
  uint8_t remove(const std::string& path, WatcherType type);
  // SetWatches(2) content for a reconnect.
  SetWatchesOp set_watches(Zxid relative_zxid) const;
  bool operator==(const ClientWatchTables&) const = default;
};

}  // namespace zoolab::core::zk
