// Znode tree panel (see panel_znode_tree.h).
//
// Sections: 1. rows of the open part of the tree (cached)  2. the tree table
//           3. the selected znode: data, stat, ACL, kind  4. the panel
#include "gui/panel_znode_tree.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "core/client/java_text.h"
#include "gui/labels.h"
#include "gui/theme.h"
#include "gui/zk_view.h"

namespace zoolab::gui {
namespace {

using core::zk::DataTree;
using core::zk::NodeKind;

constexpr size_t kMaxDataShown = 4096;  // bytes of the selected node's data drawn as text

std::string child_path(const std::string& parent, std::string_view name) {
  return (parent == "/" ? std::string("/") : parent + "/") + std::string(name);
}

ImU32 kind_colour(NodeKind k) {
  switch (k) {
    case NodeKind::kEphemeral:
      return theme::kTextWarn;
    case NodeKind::kContainer:
      return theme::kTextNote;
    case NodeKind::kTtl:
      return theme::kScriptRow;
    case NodeKind::kPersistent:
      break;
  }
  return theme::kTextPlain;
}

// "ephemeral 0x1000...", "container", "TTL 5000 ms", or "".
std::string kind_tag(NodeKind k, core::zk::SessionId owner) {
  switch (k) {
    case NodeKind::kEphemeral:
      return "ephemeral " + core::zk::hex(owner);
    case NodeKind::kContainer:
      return "container";
    case NodeKind::kTtl:
      return fmt::format("TTL {} ms", core::zk::ttl_of(owner));
    case NodeKind::kPersistent:
      break;
  }
  return {};
}

// ---- 1. rows of the open part of the tree (cached) ----------------------------------------

void add_rows(ZnodeTreeState& state, const DataTree& tree, DataTree::NodeRef n,
              const std::string& path, int depth) {
  ZnodeTreeState::Row row;
  row.path = path;
  row.name = n == tree.root() ? "/" : std::string(tree.name(n));
  row.depth = depth;
  row.children = tree.num_children(n);
  const core::zk::Data data = tree.data(n);
  row.null_data = !data.has_value();
  if (data) row.preview = data_preview(*data);
  row.owner = tree.persisted(n).ephemeral_owner;
  row.kind = core::zk::node_kind(row.owner);
  state.rows.push_back(std::move(row));
  if (tree.num_children(n) == 0 || !state.expanded.contains(path)) return;
  for (const std::string& name : tree.children(n)) {  // sorted, as `ls` prints them
    const std::string p = child_path(path, name);
    const DataTree::NodeRef c = tree.find(p);
    if (c != DataTree::kNone) add_rows(state, tree, c, p, depth + 1);
  }
}

ZnodeTreeState::Key current_key(ZnodeTreeState& state, const PanelContext& ctx,
                                const ZooKeeperServer& zk) {
  const sim::World& world = ctx.run.world();
  if (world.events_fired() < state.last_events) ++state.rewinds;  // stepped back
  state.last_events = world.events_fired();
  return ZnodeTreeState::Key{state.server,
                             world.node(state.server).incarnation,
                             zk.last_processed_zxid(),
                             zk.tree().size(),
                             state.expanded_generation,
                             ctx.branched_at,
                             state.rewinds};
}

void refresh_rows(ZnodeTreeState& state, const ZnodeTreeState::Key& key,
                  const ZooKeeperServer& zk) {
  if (key == state.key) return;
  state.key = key;
  state.rows.clear();
  add_rows(state, zk.tree(), zk.tree().root(), "/", 0);
}

// ---- 2. the tree table --------------------------------------------------------------------

void tree_row(ZnodeTreeState& state, const ZnodeTreeState::Row& row) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(row.path.c_str());
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() +
                       static_cast<float>(row.depth) * ImGui::GetStyle().IndentSpacing);
  ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_NoTreePushOnOpen | ImGuiTreeNodeFlags_OpenOnArrow |
                             ImGuiTreeNodeFlags_SpanFullWidth;
  if (row.children == 0) flags |= ImGuiTreeNodeFlags_Leaf;
  if (row.path == state.selected_path) flags |= ImGuiTreeNodeFlags_Selected;
  ImGui::SetNextItemOpen(state.expanded.contains(row.path));
  ImGui::PushStyleColor(ImGuiCol_Text, theme::vec4(kind_colour(row.kind)));
  const bool open = ImGui::TreeNodeEx("node", flags, "%s", row.name.c_str());
  ImGui::PopStyleColor();
  if (ImGui::IsItemToggledOpen()) {
    if (open)
      state.expanded.insert(row.path);
    else
      state.expanded.erase(row.path);
    ++state.expanded_generation;
  } else if (ImGui::IsItemClicked()) {
    state.selected_path = row.path;
  }
  ImGui::PopID();
  ImGui::TableNextColumn();
  if (row.children > 0)
    ImGui::Text("%d", row.children);
  else
    ImGui::TextDisabled("0");
  ImGui::TableNextColumn();
  if (row.null_data)
    ImGui::TextDisabled("null");
  else if (row.preview.empty())
    ImGui::TextDisabled("\"\"");
  else
    ImGui::TextUnformatted(row.preview.c_str());
  ImGui::TableNextColumn();
  if (row.kind != NodeKind::kPersistent) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::vec4(kind_colour(row.kind)));
    ImGui::TextUnformatted(kind_tag(row.kind, row.owner).c_str());
    ImGui::PopStyleColor();
  }
}

void draw_tree(ZnodeTreeState& state, float height) {
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                     ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("znodes", 4, kFlags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("znode");  // fits the visible names
  ImGui::TableSetupColumn("children");
  ImGui::TableSetupColumn("data", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("kind / owner");
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.rows.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      tree_row(state, state.rows[static_cast<size_t>(i)]);
  ImGui::EndTable();
}

// ---- 3. the selected znode: data, stat, ACL, kind -----------------------------------------

// A dim explanation that wraps at the pane's edge.
void hint(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextColored(theme::vec4(theme::kTextNote), "%s", text);
}

void draw_kind(const sim::World& world, const ZooKeeperServer& zk,
               const core::zk::PersistedStat& p) {
  const NodeKind kind = core::zk::node_kind(p.ephemeral_owner);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::vec4(kind_colour(kind)));
  switch (kind) {
    case NodeKind::kPersistent:
      ImGui::PopStyleColor();
      ImGui::TextDisabled("persistent");
      return;
    case NodeKind::kEphemeral: {
      ImGui::TextWrapped("ephemeral, owner session %s", core::zk::hex(p.ephemeral_owner).c_str());
      ImGui::PopStyleColor();
      const core::zk::SessionInfo* s = zk.sessions().find(p.ephemeral_owner);
      if (s == nullptr) {
        hint("(the session is gone: its ephemerals go with it)");
      } else {
        const auto conn = zk.connections().find(s->conn);
        const std::string who = conn == zk.connections().end()
                                    ? std::string("no connection")
                                    : "connected from " + node_label(world, conn->second.peer);
        hint(fmt::format("(session alive{}, {}: deleted when it closes or expires)",
                         s->closing ? ", closing" : "", who)
                 .c_str());
      }
      return;
    }
    case NodeKind::kContainer:
      ImGui::TextUnformatted("container");
      ImGui::PopStyleColor();
      hint("(the reaper deletes it once it had children and has none left)");
      return;
    case NodeKind::kTtl:
      ImGui::Text("TTL %lld ms", static_cast<long long>(core::zk::ttl_of(p.ephemeral_owner)));
      ImGui::PopStyleColor();
      hint("(deleted when childless and unmodified for its TTL)");
      return;
  }
  ImGui::PopStyleColor();
}

void draw_data(const core::zk::Data& data) {
  if (!data) {
    ImGui::TextUnformatted("null");
    hint("(no data at all: created without any; `get` prints null)");
    return;
  }
  if (data->empty()) {
    ImGui::TextUnformatted("\"\"");
    hint("(empty: 0 bytes; `get` prints an empty line)");
    return;
  }
  const std::string shown = data->substr(0, kMaxDataShown);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(shown.c_str(), shown.c_str() + shown.size());
  ImGui::PopTextWrapPos();
  if (data->size() > kMaxDataShown)
    ImGui::TextDisabled("... %zu more bytes", data->size() - kMaxDataShown);
}

void draw_detail(ZnodeTreeState& state, const sim::World& world, const ZooKeeperServer& zk) {
  const DataTree& tree = zk.tree();
  const DataTree::NodeRef n = tree.find(state.selected_path);
  ImGui::TextUnformatted(state.selected_path.c_str());
  if (n == DataTree::kNone) {
    hint("(no such znode on this server any more)");
    return;
  }
  draw_kind(world, zk, tree.persisted(n));
  if (state.detail_path != state.selected_path || !(state.detail_key == state.key)) {
    state.detail_path = state.selected_path;
    state.detail_key = state.key;
    state.detail_data = tree.data(n);
  }
  heading("data");
  draw_data(state.detail_data);

  heading("stat (as zkCli's stat prints it)");
  const std::string block = core::zk::stat_block(tree.stat(n));
  size_t from = 0;
  while (from < block.size()) {
    const size_t end = block.find('\n', from);
    const size_t stop = end == std::string::npos ? block.size() : end;
    ImGui::TextUnformatted(block.c_str() + from, block.c_str() + stop);
    from = stop + 1;
  }

  const core::zk::Acl& acl = tree.acl(n);
  heading(fmt::format("ACL ({} {})", acl.size(), acl.size() == 1 ? "entry" : "entries").c_str());
  for (const core::zk::AclEntry& e : acl)
    ImGui::Text("%s : %s", core::zk::jute_id(e.id).c_str(), core::zk::perm_string(e.perms).c_str());
}

}  // namespace

// ---- 4. the panel -------------------------------------------------------------------------

void draw_znode_tree(ZnodeTreeState& state, const PanelContext& ctx, CommandQueue&) {
  const ZooKeeperServer* zk =
      server_picker("server##znodes", ctx, state.server, state.last_selection);
  if (zk == nullptr) return;
  ImGui::SameLine();
  ImGui::TextDisabled("%zu znodes", zk->tree().size());
  refresh_rows(state, current_key(state, ctx, *zk), *zk);
  // Both panes get an explicit height: inside a table cell the available height is the
  // window's, not the cell's.
  const float height = ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y -
                       2 * ImGui::GetStyle().CellPadding.y;
  if (!ImGui::BeginTable("znode-split", 2,
                         ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                             ImGuiTableFlags_SizingStretchProp))
    return;
  ImGui::TableSetupColumn("tree", ImGuiTableColumnFlags_WidthStretch, 1.5f);
  ImGui::TableSetupColumn("detail", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  draw_tree(state, height);
  ImGui::TableNextColumn();
  if (ImGui::BeginChild("detail", ImVec2(0, height), false, ImGuiWindowFlags_HorizontalScrollbar))
    draw_detail(state, ctx.run.world(), *zk);
  ImGui::EndChild();
  ImGui::EndTable();
}

}  // namespace zoolab::gui
