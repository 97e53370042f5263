// Cluster map panel (see panel_cluster_map.h).
//
// Sections: 1. layout  2. links  3. packets in flight  4. machines and their fault menu
#include "gui/panel_cluster_map.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <imgui.h>

#include "gui/labels.h"
#include "gui/map_drawing.h"
#include "gui/map_geometry.h"
#include "gui/theme.h"

namespace zoolab::gui {
namespace {

ImVec2 im(Vec2 v) {
  return ImVec2(v.x, v.y);
}
Vec2 vec(ImVec2 v) {
  return {v.x, v.y};
}

// ---- 1. layout ----------------------------------------------------------------------------

struct MapLayout {
  std::vector<Vec2> machines;  // centre of each machine, by NodeId
};

MapLayout layout_machines(size_t count, ImVec2 top_left, ImVec2 size, float node_radius) {
  const float label_room = 2 * ImGui::GetTextLineHeight() + 8;  // name and state under a node
  const Vec2 centre{top_left.x + size.x / 2, top_left.y + (size.y - label_room) / 2 + 4};
  const float radius =
      std::max(node_radius * 2, std::min(size.x, size.y - label_room) / 2 - node_radius - 8);
  MapLayout layout;
  layout.machines.reserve(count);
  for (size_t i = 0; i < count; ++i)
    layout.machines.push_back(circle_position(i, count, centre, radius));
  return layout;
}

// ---- 2. links -----------------------------------------------------------------------------

// Unordered pairs with at least one open, unbroken connection.
std::set<std::pair<NodeId, NodeId>> connected_pairs(const sim::Network& net) {
  std::set<std::pair<NodeId, NodeId>> pairs;
  for (const auto& [id, c] : net.conns) {
    if (c.dead || !c.open[0] || !c.open[1]) continue;
    pairs.insert(std::minmax(c.end[0], c.end[1]));
  }
  return pairs;
}

void draw_links(ImDrawList& dl, const sim::World& world, const MapLayout& layout,
                float node_radius) {
  const sim::Network& net = world.network();
  const auto connected = connected_pairs(net);
  const NodeId n = static_cast<NodeId>(layout.machines.size());
  for (NodeId i = 0; i < n; ++i) {
    for (NodeId j = i + 1; j < n; ++j) {
      const Vec2 a = layout.machines[i], b = layout.machines[j];
      const Vec2 dir = normalized(b - a);
      const ImVec2 from = im(a + dir * node_radius), to = im(b - dir * node_radius);
      const bool cut_ij = net.blocked(i, j), cut_ji = net.blocked(j, i);
      if (cut_ij || cut_ji) {
        draw_dashed_line(dl, from, to, theme::kLinkCut, 2.5f);
        if (cut_ij != cut_ji) {  // one way: the arrow points the way traffic cannot go
          const Vec2 mid = (a + b) * 0.5f;
          const Vec2 blocked_dir = cut_ij ? dir : dir * -1.0f;
          draw_arrowhead(dl, im(mid + blocked_dir * 9.0f), im(blocked_dir), 14.0f, theme::kLinkCut);
        }
      } else if (connected.count({i, j})) {
        dl.AddLine(from, to, theme::kLinkActive, 2.5f);
      } else {
        dl.AddLine(from, to, theme::kLinkIdle, 1.0f);
      }
    }
  }
}

// ---- 3. packets in flight -----------------------------------------------------------------

void packet_tooltip(const sim::World& world, const sim::InFlight& p, bool lost) {
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(p.label.c_str());
  ImGui::Text("%s -> %s  (%s)", node_label(world, p.from).c_str(), node_label(world, p.to).c_str(),
              std::string(packet_kind_label(p.kind)).c_str());
  ImGui::Text("sent %s, arrives %s", seconds_label(p.sent).c_str(),
              seconds_label(p.arrive).c_str());
  if (lost)
    ImGui::TextColored(theme::vec4(theme::kTextBad),
                       "lost: the connection is broken (partition or power loss)");
  ImGui::EndTooltip();
}

// Returns true when a packet tooltip was shown (machines then skip theirs).
bool draw_packets(ImDrawList& dl, const sim::World& world, const MapLayout& layout,
                  const ClusterMapState& state) {
  const sim::Network& net = world.network();
  const ImVec2 mouse = ImGui::GetMousePos();
  const bool hover_allowed = ImGui::IsWindowHovered();
  const auto packets = world.in_flight();
  int hovered = -1;
  float hovered_dist = 8.0f;  // pick radius in pixels
  bool hovered_lost = false;
  for (size_t k = 0; k < packets.size(); ++k) {
    const sim::InFlight& p = packets[k];
    if (p.from >= layout.machines.size() || p.to >= layout.machines.size()) continue;
    const auto conn = net.conns.find(p.conn);
    const bool lost = conn == net.conns.end() || conn->second.dead || net.blocked(p.from, p.to);
    const float f = travel_fraction(p.sent, p.arrive, world.now());
    const Vec2 pos = packet_position(layout.machines[p.from], layout.machines[p.to], f,
                                     state.node_radius, state.lane_offset);
    const ImU32 colour = theme::packet_colour(p.kind, lost);
    if (lost)
      dl.AddCircle(im(pos), 5, colour, 12, 2.0f);
    else
      dl.AddCircleFilled(im(pos), 5, colour, 12);
    const float d = length(pos - vec(mouse));
    if (hover_allowed && d < hovered_dist) {
      hovered = static_cast<int>(k);
      hovered_dist = d;
      hovered_lost = lost;
    }
  }
  if (hovered >= 0) {
    const sim::InFlight& p = packets[static_cast<size_t>(hovered)];
    const Vec2 pos = packet_position(layout.machines[p.from], layout.machines[p.to],
                                     travel_fraction(p.sent, p.arrive, world.now()),
                                     state.node_radius, state.lane_offset);
    dl.AddCircle(im(pos), 8, IM_COL32(255, 255, 255, 255), 16, 1.5f);
    packet_tooltip(world, p, hovered_lost);
  }
  return hovered >= 0;
}

// ---- 4. machines and their fault menu -----------------------------------------------------

void fault_menu(const sim::World& world, NodeId id, CommandQueue& out) {
  const sim::Node& n = world.node(id);
  const bool running = n.running();
  ImGui::TextDisabled("%s (%s)", n.name.c_str(), node_state_text(world, id).c_str());
  ImGui::Separator();
  if (ImGui::MenuItem("Crash", nullptr, false, running)) out.intervene(sim::CrashNode{id});
  if (ImGui::MenuItem("Restart", nullptr, false, n.state != sim::NodeState::kNotStarted))
    out.intervene(sim::RestartNode{id});
  if (ImGui::MenuItem("Power off", nullptr, false, n.powered()))
    out.intervene(sim::PowerOffNode{id});
  if (ImGui::MenuItem("Pause 1s (GC)", nullptr, false, running))
    out.intervene(sim::PauseNode{id, core::seconds(1)});
  if (ImGui::MenuItem("Pause 5s (GC)", nullptr, false, running))
    out.intervene(sim::PauseNode{id, core::seconds(5)});
  if (ImGui::MenuItem("Start", nullptr, false, !running)) out.intervene(sim::StartNode{id});
  ImGui::Separator();
  if (ImGui::MenuItem("Inspect")) out.push(SelectNode{id});
}

void draw_machines(ImDrawList& dl, const PanelContext& ctx, const MapLayout& layout,
                   const ClusterMapState& state, bool packet_tooltip_shown, CommandQueue& out) {
  const sim::World& world = ctx.run.world();
  const float r = state.node_radius;
  for (NodeId id = 0; id < layout.machines.size(); ++id) {
    const sim::Node& n = world.node(id);
    const std::string state_text = node_state_text(world, id);
    MachineGlyph glyph;
    glyph.centre = im(layout.machines[id]);
    glyph.radius = r;
    glyph.fill = theme::node_fill(world, id);
    glyph.hollow = n.state == sim::NodeState::kNotStarted;
    glyph.crossed = n.state == sim::NodeState::kCrashed;
    glyph.selected = ctx.selected == id;
    glyph.name = n.name;
    glyph.state = state_text;
    glyph.state_colour = glyph.hollow ? theme::kTextDim : glyph.fill;
    draw_machine(dl, glyph);

    ImGui::PushID(static_cast<int>(id));
    ImGui::SetCursorScreenPos(ImVec2(glyph.centre.x - r, glyph.centre.y - r));
    ImGui::InvisibleButton("machine", ImVec2(2 * r, 2 * r));
    if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) out.push(SelectNode{id});
    if (ImGui::IsItemHovered() && !packet_tooltip_shown)
      ImGui::SetTooltip("%s: %s, %s\nleft-click: inspect   right-click: faults", n.name.c_str(),
                        n.prototype ? n.prototype->kind().c_str() : "?", state_text.c_str());
    if (ImGui::BeginPopupContextItem("faults")) {
      fault_menu(world, id, out);
      ImGui::EndPopup();
    }
    ImGui::PopID();
  }
}

std::string network_summary(const sim::Network& net) {
  const size_t cut = net.blocked_pairs().size();
  if (cut == 0) return "network whole";
  return fmt::format("{} directed link{} cut", cut, cut == 1 ? "" : "s");
}

}  // namespace

void draw_cluster_map(ClusterMapState& state, const PanelContext& ctx, CommandQueue& out) {
  const sim::World& world = ctx.run.world();
  ImGui::Text("%zu machines   t = %s   %s", world.node_count(), seconds_label(world.now()).c_str(),
              network_summary(world.network()).c_str());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImDrawList& dl = *ImGui::GetWindowDrawList();

  draw_legend(dl, ImVec2(origin.x, origin.y + 4));
  if (world.node_count() == 0) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x + kLegendWidth + 12, origin.y + avail.y / 2));
    ImGui::TextDisabled("No machines: open a scenario (zoolab-gui FILE.zls).");
  } else {
    const ImVec2 map_origin(origin.x + kLegendWidth, origin.y);
    const ImVec2 map_size(std::max(1.0f, avail.x - kLegendWidth), std::max(1.0f, avail.y));
    const MapLayout layout =
        layout_machines(world.node_count(), map_origin, map_size, state.node_radius);
    state.machine_centres.clear();
    for (const Vec2& c : layout.machines)
      state.machine_centres.push_back(im(c));
    draw_links(dl, world, layout, state.node_radius);
    const bool packet_tip = draw_packets(dl, world, layout, state);
    draw_machines(dl, ctx, layout, state, packet_tip, out);
  }
  // Declare the canvas as the window's content so ImGui's layout agrees with what was drawn.
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(std::max(1.0f, avail.x), std::max(1.0f, avail.y)));
}

}  // namespace zoolab::gui
