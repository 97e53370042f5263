// Watch registration, triggering and removal as WatchManager does it (reference §6.2-§6.5).
#include "core/znode/watch_manager.h"

#include "core/znode/path.h"

namespace zoolab::core::zk {

void WatchTable::add(const std::string& path, ConnId conn, WatcherMode mode) {
  auto& m = by_path_[path];
  auto it = m.find(conn);
  // One mode per (watcher, path): a later registration overwrites the earlier mode.
  if (it != m.end()) {
    if (it->second == WatcherMode::kPersistentRecursive) --recursive_;
    it->second = mode;
  } else {
    m.emplace(conn, mode);
  }
  if (mode == WatcherMode::kPersistentRecursive) ++recursive_;
}

std::set<ConnId> WatchTable::trigger(const std::string& path, EventType type, const std::set<ConnId>& skip,
                                     std::vector<WatchDelivery>& out, bool recursive_too) {
  std::set<ConnId> hit;
  std::string p = path;
  bool at_parent = false;
  while (true) {
    auto it = by_path_.find(p);
    if (it != by_path_.end()) {
      for (auto w = it->second.begin(); w != it->second.end();) {
        if (w->second == WatcherMode::kPersistentRecursive) {
          if (type != EventType::kNodeChildrenChanged) hit.insert(w->first);
          ++w;
        } else if (!at_parent) {
          hit.insert(w->first);
          if (w->second == WatcherMode::kStandard) w = it->second.erase(w); else ++w;
        } else {
          ++w;
        }
      }
      if (it->second.empty()) by_path_.erase(it);
    }
    if (!recursive_too || recursive_ == 0 || p == "/") break;
    p = parent_path(p);
    at_parent = true;
  }
  for (ConnId c : hit)
    if (!skip.count(c)) out.push_back(WatchDelivery{c, type, path});
  return hit;
}

bool WatchTable::remove(const std::string& path, ConnId conn, std::optional<WatcherMode> mode) {
  auto it = by_path_.find(path);
  if (it == by_path_.end()) return false;
  auto w = it->second.find(conn);
  if (w == it->second.end() || (mode && w->second != *mode)) return false;
  if (w->second == WatcherMode::kPersistentRecursive) --recursive_;
  it->second.erase(w);
  if (it->second.empty()) by_path_.erase(it);
  return true;
}

bool WatchTable::contains(const std::string& path, ConnId conn, std::optional<WatcherMode> mode) const {
  auto it = by_path_.find(path);
  if (it == by_path_.end()) return false;
  auto w = it->second.find(conn);
  return w != it->second.end() && (!mode || w->second == *mode);
}

void WatchTable::remove_conn(ConnId conn) {
  for (auto it = by_path_.begin(); it != by_path_.end();) {
    auto w = it->second.find(conn);
    if (w != it->second.end()) {
      if (w->second == WatcherMode::kPersistentRecursive) --recursive_;
      it->second.erase(w);
    }
    it = it->second.empty() ? by_path_.erase(it) : std::next(it);
  }
}

size_t WatchTable::count() const {
  size_t n = 0;
  for (const auto& [p, m] : by_path_) n += m.size();
  return n;
}

void WatchManager::node_created(const std::string& path, std::vector<WatchDelivery>& out) {
  data.trigger(path, EventType::kNodeCreated, {}, out, true);
  const std::string parent = parent_path(path);
  child.trigger(parent.empty() ? "/" : parent, EventType::kNodeChildrenChanged, {}, out, true);
}

void WatchManager::node_deleted(const std::string& path, std::vector<WatchDelivery>& out) {
  const std::set<ConnId> done = data.trigger(path, EventType::kNodeDeleted, {}, out, true);
  child.trigger(path, EventType::kNodeDeleted, done, out, true);
  const std::string parent = parent_path(path);
  child.trigger(parent.empty() ? "/" : parent, EventType::kNodeChildrenChanged, {}, out, true);
}

void WatchManager::data_changed(const std::string& path, std::vector<WatchDelivery>& out) {
  data.trigger(path, EventType::kNodeDataChanged, {}, out, true);
}

void WatchManager::add_watch(const std::string& path, ConnId conn, WatcherMode mode) {
  data.add(path, conn, mode);
  if (mode != WatcherMode::kPersistentRecursive) child.add(path, conn, mode);
}

bool WatchManager::remove_watch(const std::string& path, WatcherType type, ConnId conn) {
  switch (type) {
    case WatcherType::kChildren: return child.remove(path, conn, WatcherMode::kStandard);
    case WatcherType::kData: return data.remove(path, conn, WatcherMode::kStandard);
    case WatcherType::kPersistent: {
      const bool a = child.remove(path, conn, WatcherMode::kPersistent);
      const bool b = data.remove(path, conn, WatcherMode::kPersistent);
      return a || b;
    }
    case WatcherType::kPersistentRecursive: return data.remove(path, conn, WatcherMode::kPersistentRecursive);
    case WatcherType::kAny: {
      const bool a = child.remove(path, conn, std::nullopt);
      const bool b = data.remove(path, conn, std::nullopt);
      return a || b;
    }
  }
  return false;
}

}  // namespace zoolab::core::zk
