// Watch tables panel: one server's data and child watch tables (WatchManager), one row per
// (path, watcher): the connection and its session, and the mode — standard (one-shot, consumed
// when it fires), persistent, or persistent-recursive (also fires for every descendant).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/znode/types.h"
#include "gui/panel_context.h"
#include "gui/ui_command.h"

namespace zoolab::gui {

struct WatchesState {
  NodeId server = core::kNoNode;
  std::optional<NodeId> last_selection;
  struct Row {
    std::string path;
    core::ConnId conn = core::kNoConn;
    NodeId peer = core::kNoNode;
    core::zk::SessionId session = 0;
    core::zk::WatcherMode mode = core::zk::WatcherMode::kStandard;
  };
  // Flattened tables, rebuilt only when the world moved (not every frame).
  struct Key {
    NodeId server = core::kNoNode;
    uint64_t events = UINT64_MAX;
    uint64_t hash = 0;
    bool operator==(const Key&) const = default;
  } key;
  std::vector<Row> data, child;
};

void draw_watches(WatchesState& state, const PanelContext& ctx, CommandQueue& out);

}  // namespace zoolab::gui
