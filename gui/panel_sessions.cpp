// Sessions panel (see panel_sessions.h).
//
// Sections: 1. cached ids (rebuilt when the world moved)  2. the session table
//           3. the client table  4. the panel
#include "gui/panel_sessions.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "gui/labels.h"
#include "gui/theme.h"
#include "gui/zk_view.h"

namespace zoolab::gui {
namespace {

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                        ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit |
                                        ImGuiTableFlags_Resizable;
constexpr size_t kEphemeralsInTooltip = 20;

// ---- 1. cached ids (rebuilt when the world moved) -----------------------------------------

void refresh(SessionsState& state, const sim::World& world, const ZooKeeperServer& zk) {
  const SessionsState::Key key{state.server, world.events_fired(), world.trace_hash()};
  if (key == state.key) return;
  state.key = key;
  state.sessions.clear();
  for (const auto& [id, info] : zk.sessions().sessions())
    state.sessions.push_back(id);
  state.clients.clear();
  const std::vector<NodeId> servers = zk_server_nodes(world);
  for (NodeId c : zkcli_nodes(world)) {
    SessionsState::ClientRow row{c};
    for (NodeId s : servers) {
      const ZooKeeperServer* other = zk_server(world, s);
      if (other == nullptr) continue;
      for (const auto& [conn, cc] : other->connections())
        if (cc.peer == c) {
          row.server = s;
          row.conn = conn;
          row.session = cc.session;
        }
    }
    state.clients.push_back(row);
  }
}

// ---- 2. the session table -----------------------------------------------------------------

void ephemerals_cell(const ZooKeeperServer& zk, core::zk::SessionId id) {
  const auto& table = zk.tree().ephemeral_table();
  const auto it = table.find(id);
  if (it == table.end() || it->second.empty()) {
    ImGui::TextDisabled("0");
    return;
  }
  const auto& paths = it->second;  // path -> insertion order; shown sorted by path
  ImGui::PushStyleColor(ImGuiCol_Text, theme::vec4(theme::kTextWarn));
  ImGui::Text("%zu: %s%s", paths.size(), paths.begin()->first.c_str(),
              paths.size() > 1 ? ", ..." : "");
  ImGui::PopStyleColor();
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::TextDisabled("Ephemeral znodes of this session (deleted when it ends):");
  size_t shown = 0;
  for (const auto& [path, seq] : paths) {
    if (shown++ == kEphemeralsInTooltip) {
      ImGui::TextDisabled("... and %zu more", paths.size() - kEphemeralsInTooltip);
      break;
    }
    ImGui::TextUnformatted(path.c_str());
  }
  ImGui::EndTooltip();
}

void session_row(const sim::World& world, const ZooKeeperServer& zk, NodeId server,
                 const core::zk::SessionInfo& s) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(core::zk::hex(s.id).c_str());
  ImGui::TableNextColumn();
  ImGui::Text("%d ms", s.timeout_ms);
  ImGui::TableNextColumn();
  // Buckets are in the server's local milliseconds: compare with its own clock.
  const int64_t now_ms = world.local_time(server).ns / 1'000'000;
  const int64_t left = s.expiry_ms - now_ms;
  ImGui::PushStyleColor(
      ImGuiCol_Text, theme::vec4(left < s.timeout_ms / 3 ? theme::kTextWarn : theme::kTextPlain));
  ImGui::TextUnformatted(expiry_label(left).c_str());
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Expiry bucket %lld ms on %s's clock (now %lld ms).\nEvery packet from the client "
        "moves the session to a later bucket;\nbuckets are multiples of tickTime (%d ms).",
        static_cast<long long>(s.expiry_ms), node_label(world, server).c_str(),
        static_cast<long long>(now_ms), zk.sessions().tick_ms());
  ImGui::TableNextColumn();
  const auto conn = zk.connections().find(s.conn);
  if (conn == zk.connections().end())
    ImGui::TextDisabled("none");
  else
    ImGui::TextUnformatted(conn_label(world, s.conn, conn->second.peer).c_str());
  ImGui::TableNextColumn();
  ephemerals_cell(zk, s.id);
  ImGui::TableNextColumn();
  if (s.closing)
    ImGui::TextColored(theme::vec4(theme::kTextBad), "closing");
  else
    ImGui::TextDisabled("-");
}

void draw_session_table(const SessionsState& state, const sim::World& world,
                        const ZooKeeperServer& zk, float height) {
  ImGui::Text("Sessions on %s: %zu", node_label(world, state.server).c_str(),
              state.sessions.size());
  if (!ImGui::BeginTable("sessions", 6, kTableFlags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("session");
  ImGui::TableSetupColumn("timeout");
  ImGui::TableSetupColumn("expires");
  ImGui::TableSetupColumn("connection");
  ImGui::TableSetupColumn("ephemerals", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("closing");
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.sessions.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      if (const auto* s = zk.sessions().find(state.sessions[static_cast<size_t>(i)]))
        session_row(world, zk, state.server, *s);
  ImGui::EndTable();
}

// ---- 3. the client table ------------------------------------------------------------------

void client_row(const sim::World& world, const SessionsState::ClientRow& c) {
  const sim::Node& n = world.node(c.node);
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(n.name.c_str());
  ImGui::TableNextColumn();
  const std::string prompt = n.process ? n.process->prompt() : std::string();
  const std::string st = n.running() ? prompt_state(prompt) : node_state_text(world, c.node);
  const bool good = st == "CONNECTED" || st == "CONNECTEDREADONLY";
  ImGui::TextColored(theme::vec4(good ? theme::kTextGood : theme::kTextWarn), "%s",
                     st.empty() ? "?" : st.c_str());
  if (!prompt.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("prompt: %s", prompt.c_str());
  ImGui::TableNextColumn();
  if (c.server == core::kNoNode) {
    ImGui::TextDisabled("-");
    ImGui::TableNextColumn();
    ImGui::TextDisabled("-");
    return;
  }
  ImGui::Text("%s #%u", node_label(world, c.server).c_str(),
              static_cast<unsigned>(c.conn & 0xffffffffu));
  ImGui::TableNextColumn();
  if (c.session == 0)
    ImGui::TextDisabled("(handshake)");
  else
    ImGui::TextUnformatted(core::zk::hex(c.session).c_str());
}

void draw_client_table(const SessionsState& state, const sim::World& world) {
  ImGui::Text("zkCli clients: %zu", state.clients.size());
  if (state.clients.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("(a scenario line `client c1 connect zk1` starts one)");
    return;
  }
  if (!ImGui::BeginTable("clients", 4, kTableFlags, ImVec2(0, ImGui::GetContentRegionAvail().y)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("client");
  ImGui::TableSetupColumn("state");
  ImGui::TableSetupColumn("server connection");
  ImGui::TableSetupColumn("session", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.clients.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      client_row(world, state.clients[static_cast<size_t>(i)]);
  ImGui::EndTable();
}

}  // namespace

// ---- 4. the panel -------------------------------------------------------------------------

void draw_sessions(SessionsState& state, const PanelContext& ctx, CommandQueue&) {
  const sim::World& world = ctx.run.world();
  const ZooKeeperServer* zk =
      server_picker("server##sessions", ctx, state.server, state.last_selection);
  if (zk == nullptr) return;
  refresh(state, world, *zk);
  const float line = ImGui::GetFrameHeightWithSpacing();
  const float avail = ImGui::GetContentRegionAvail().y;
  const float clients = std::min(static_cast<float>(state.clients.size()) + 2.5f, 8.0f) * line;
  draw_session_table(state, world, *zk, std::max(3 * line, avail - clients - line));
  ImGui::Spacing();
  draw_client_table(state, world);
}

}  // namespace zoolab::gui
