// Watch tables panel (see panel_watches.h).
//
// Sections: 1. flattening the tables (when the world moved)  2. one table  3. the panel
#include "gui/panel_watches.h"

#include <algorithm>

#include <imgui.h>

#include "gui/labels.h"
#include "gui/theme.h"
#include "gui/zk_view.h"

namespace zoolab::gui {
namespace {

// ---- 1. flattening the tables (when the world moved) --------------------------------------

void flatten(const core::zk::WatchTable& table, const ZooKeeperServer& zk,
             std::vector<WatchesState::Row>& out) {
  out.clear();
  for (const auto& [path, watchers] : table.entries())
    for (const auto& [conn, mode] : watchers) {
      WatchesState::Row row{path, conn};
      row.mode = mode;
      if (const auto c = zk.connections().find(conn); c != zk.connections().end()) {
        row.peer = c->second.peer;
        row.session = c->second.session;
      }
      out.push_back(std::move(row));
    }
}

void refresh(WatchesState& state, const sim::World& world, const ZooKeeperServer& zk) {
  const WatchesState::Key key{state.server, world.events_fired(), world.trace_hash()};
  if (key == state.key) return;
  state.key = key;
  flatten(zk.watches().data, zk, state.data);
  flatten(zk.watches().child, zk, state.child);
}

// ---- 2. one table -------------------------------------------------------------------------

ImU32 mode_colour(core::zk::WatcherMode m) {
  switch (m) {
    case core::zk::WatcherMode::kStandard:
      return theme::kTextPlain;
    case core::zk::WatcherMode::kPersistent:
      return theme::kTextNote;
    case core::zk::WatcherMode::kPersistentRecursive:
      return theme::kTextGood;
  }
  return theme::kTextPlain;
}

void watch_row(const sim::World& world, const WatchesState::Row& r) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(r.path.c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(conn_label(world, r.conn, r.peer).c_str());
  ImGui::TableNextColumn();
  if (r.session == 0)
    ImGui::TextDisabled("-");
  else
    ImGui::TextUnformatted(core::zk::hex(r.session).c_str());
  ImGui::TableNextColumn();
  const std::string_view mode = watcher_mode_label(r.mode);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::vec4(mode_colour(r.mode)));
  ImGui::TextUnformatted(mode.data(), mode.data() + mode.size());
  ImGui::PopStyleColor();
}

void draw_table(const char* id, const char* title, const char* hint, const sim::World& world,
                const std::vector<WatchesState::Row>& rows, float height) {
  ImGui::Text("%s: %zu", title, rows.size());
  ImGui::SameLine();
  ImGui::TextDisabled("%s", hint);
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit |
                                     ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable(id, 4, kFlags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("path", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("connection");
  ImGui::TableSetupColumn("session");
  ImGui::TableSetupColumn("mode");
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      watch_row(world, rows[static_cast<size_t>(i)]);
  ImGui::EndTable();
}

}  // namespace

// ---- 3. the panel -------------------------------------------------------------------------

void draw_watches(WatchesState& state, const PanelContext& ctx, CommandQueue&) {
  const sim::World& world = ctx.run.world();
  const ZooKeeperServer* zk =
      server_picker("server##watches", ctx, state.server, state.last_selection);
  if (zk == nullptr) return;
  refresh(state, world, *zk);
  const float line = ImGui::GetFrameHeightWithSpacing();
  const float each = std::max(3 * line, (ImGui::GetContentRegionAvail().y - 2 * line) / 2);
  draw_table("data-watches", "Data watches", "(get -w, stat -w; fire on change or delete)", world,
             state.data, each);
  ImGui::Spacing();
  draw_table(
      "child-watches", "Child watches", "(ls -w; fire when children come or go)", world,
      state.child,
      std::max(3 * line, ImGui::GetContentRegionAvail().y - line));
}

}  // namespace zoolab::gui
