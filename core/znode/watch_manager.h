// Server-side watch tables (WatchManager, reference §6): data and child tables keyed by path,
// watchers are client connections, modes standard / persistent / persistent-recursive.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/base/ids.h"
#include "core/znode/types.h"

namespace zoolab::core::zk {

// One event to deliver: which connection, what happened where.
struct WatchDelivery {
  ConnId conn;
  EventType type;
  std::string path;
  bool operator==(const WatchDelivery&) const = default;
};

class WatchTable {
 public:
  void add(const std::string& path, ConnId conn, WatcherMode mode);
  // Fires `type` at `path`: standard entries are consumed, persistent ones stay; recursive
  // entries on ancestors fire too (when `recursive_too`). Connections in `skip` are not
  // notified; the notified ones are returned.
  std::set<ConnId> trigger(const std::string& path, EventType type, const std::set<ConnId>& skip,
                           std::vector<WatchDelivery>& out, bool recursive_too);
  // removeWatcher(path, conn, mode or any): true if something was removed.
  bool remove(const std::string& path, ConnId conn, std::optional<WatcherMode> mode);
  bool contains(const std::string& path, ConnId conn, std::optional<WatcherMode> mode) const;
  void remove_conn(ConnId conn);
  size_t count() const;
  // path -> (conn -> mode), sorted: the view the GUI shows.
  const std::map<std::string, std::map<ConnId, WatcherMode>>& entries() const { return by_path_; }

 private:
  std::map<std::string, std::map<ConnId, WatcherMode>> by_path_;
  size_t recursive_ = 0;  // skip the ancestor walk when no recursive watch exists
};

class WatchManager {
 public:
  WatchTable data, child;

  // DataTree triggers for each kind of change; deliveries are appended in firing order.
  void node_created(const std::string& path, std::vector<WatchDelivery>& out);
  void node_deleted(const std::string& path, std::vector<WatchDelivery>& out);
  void data_changed(const std::string& path, std::vector<WatchDelivery>& out);
  void add_watch(const std::string& path, ConnId conn, WatcherMode mode);  // addWatch op
  bool remove_watch(const std::string& path, WatcherType type, ConnId conn);
  void remove_conn(ConnId conn) { data.remove_conn(conn), child.remove_conn(conn); }
  size_t count() const { return data.count() + child.count(); }
};

}  // namespace zoolab::core::zk
