// Znode tree panel: one server's DataTree as ImGui tree nodes, expanded lazily (only the
// children of open nodes are visited), each row with its child count and a data preview;
// ephemeral nodes highlighted with their owner session, containers and TTL nodes labelled.
// The selected znode's data (null and empty told apart), its stat exactly as zkCli prints it
// and its ACL are shown beside the tree.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/znode/data_tree.h"
#include "gui/panel_context.h"
#include "gui/ui_command.h"

namespace zoolab::gui {

struct ZnodeTreeState {
  NodeId server = core::kNoNode;
  std::optional<NodeId> last_selection;  // the map's selection last followed
  std::set<std::string> expanded = {"/"};
  uint64_t expanded_generation = 0;
  std::string selected_path = "/";

  // The visible rows (open nodes and their children, depth first), rebuilt only when the tree
  // may have changed: a new zxid, a restart, another server, an expansion, time travel.
  struct Row {
    std::string path;
    std::string name;
    int depth = 0;
    int32_t children = 0;
    bool null_data = false;
    std::string preview;
    core::zk::NodeKind kind = core::zk::NodeKind::kPersistent;
    core::zk::SessionId owner = 0;  // the persisted ephemeralOwner (session, container or TTL)
  };
  struct Key {
    NodeId server = core::kNoNode;
    uint64_t incarnation = 0;
    core::zk::Zxid zxid = -1;
    size_t size = 0;
    uint64_t expanded_generation = 0;
    std::optional<uint64_t> branched_at;
    uint64_t rewinds = 0;
    bool operator==(const Key&) const = default;
  } key;
  std::vector<Row> rows;
  uint64_t last_events = 0;  // events_fired when last drawn (going back counts a rewind)
  uint64_t rewinds = 0;
  // The selected node's data, cached under the same key (data can be up to 1 MB).
  std::string detail_path;
  Key detail_key;
  core::zk::Data detail_data;
};

void draw_znode_tree(ZnodeTreeState& state, const PanelContext& ctx, CommandQueue& out);

}  // namespace zoolab::gui
