// Client watch tables (see header).
#include "core/client/watch_tables.h"

#include <variant>

#include "core/znode/path.h"

namespace zoolab::core::zk {

std::string watch_tables_text(uint8_t mask) {
  static constexpr const char* kNames[] = {"data", "exist", "child", "persistent", "persistentRecursive"};
  std::string s;
  for (int i = 0; i < 5; ++i) {
    if (!(mask & (1u << i))) continue;
    if (!s.empty()) s += ",";
    s += kNames[i];
  }
  return s;
}

bool ClientWatchTables::empty() const {
  return data.empty() && exist.empty() && child.empty() && persistent.empty() && persistent_recursive.empty();
}

void ClientWatchTables::register_reply(const RequestBody& request, Err err) {
  if (const auto* e = std::get_if<ExistsOp>(&request); e && e->watch) {
    if (err == Err::kOk) data.insert(e->path);
    else if (err == Err::kNoNode) exist.insert(e->path);
  } else if (const auto* g = std::get_if<GetDataOp>(&request); g && g->watch && err == Err::kOk) {
    data.insert(g->path);
  } else if (const auto* c = std::get_if<GetChildrenOp>(&request); c && c->watch && err == Err::kOk) {
    child.insert(c->path);
  } else if (const auto* w = std::get_if<AddWatchOp>(&request); w && err == Err::kOk) {
    if (w->mode == WatcherMode::kPersistentRecursive) persistent_recursive.insert(w->path);
    else persistent.insert(w->path);
  }
}

namespace {
uint8_t take(std::set<std::string>& s, const std::string& p, uint8_t bit) { return s.erase(p) ? bit : 0; }
}  // namespace

uint8_t ClientWatchTables::materialize(const WatchEvent& ev) {
  const std::string& p = ev.path;
  uint8_t fired = 0;
  switch (ev.type) {
    case EventType::kNodeCreated:
    case EventType::kNodeDataChanged:
      fired |= take(data, p, watch_table::kData);
      fired |= take(exist, p, watch_table::kExist);
      break;
    case EventType::kNodeChildrenChanged:
      fired |= take(child, p, watch_table::kChild);
      break;
    case EventType::kNodeDeleted:
      fired |= take(data, p, watch_table::kData);
      fired |= take(exist, p, watch_table::kExist);
      fired |= take(child, p, watch_table::kChild);
      break;
    default:
      return 0;
  }
  if (persistent.count(p)) fired |= watch_table::kPersistent;
  // Recursive watches never see child events; they match the path and all its ancestors.
  if (ev.type != EventType::kNodeChildrenChanged) {
    for (std::string a = p; !a.empty(); a = parent_path(a)) {
      if (persistent_recursive.count(a)) {
        fired |= watch_table::kPersistentRecursive;
        break;
      }
    }
  }
  return fired;
}

bool ClientWatchTables::contains(const std::string& p, WatcherType type) const {
  const bool d = data.count(p) || exist.count(p);
  const bool c = child.count(p) != 0;
  const bool pe = persistent.count(p) || persistent_recursive.count(p);
  switch (type) {
    case WatcherType::kChildren: return c;
    case WatcherType::kData: return d;
    case WatcherType::kPersistent: return persistent.count(p) != 0;
    case WatcherType::kPersistentRecursive: return persistent_recursive.count(p) != 0;
    case WatcherType::kAny: return d || c || pe;
  }
  return false;
}

uint8_t ClientWatchTables::remove(const std::string& p, WatcherType type) {
  uint8_t r = 0;
  if (type == WatcherType::kChildren || type == WatcherType::kAny) r |= take(child, p, watch_table::kChild);
  if (type == WatcherType::kData || type == WatcherType::kAny) {
    r |= take(data, p, watch_table::kData);
    r |= take(exist, p, watch_table::kExist);
  }
  if (type == WatcherType::kPersistent || type == WatcherType::kAny) r |= take(persistent, p, watch_table::kPersistent);
  if (type == WatcherType::kPersistentRecursive || type == WatcherType::kAny)
    r |= take(persistent_recursive, p, watch_table::kPersistentRecursive);
  return r;
}

SetWatchesOp ClientWatchTables::set_watches(Zxid relative_zxid) const {
  SetWatchesOp op;
  op.relative_zxid = relative_zxid;
  op.data.assign(data.begin(), data.end());
  op.exist.assign(exist.begin(), exist.end());
  op.child.assign(child.begin(), child.end());
  op.persistent.assign(persistent.begin(), persistent.end());
  op.persistent_recursive.assign(persistent_recursive.begin(), persistent_recursive.end());
  return op;
}

}  // namespace zoolab::core::zk
