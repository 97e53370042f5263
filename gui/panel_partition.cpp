// Partition editor panel (see panel_partition.h).
#include "gui/panel_partition.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "gui/labels.h"
#include "gui/theme.h"

namespace zoolab::gui {
namespace {

constexpr const char* kGroupNames[kPartitionGroups] = {"A", "B", "C"};

std::string describe_cut(const sim::World& world) {
  const auto& pairs = world.network().blocked_pairs();
  if (pairs.empty()) return "Now: no partition, every machine can reach every other.";
  std::string s =
      fmt::format("Now: {} blocked direction{}:", pairs.size(), pairs.size() == 1 ? "" : "s");
  size_t shown = 0;
  for (const auto& [from, to] : pairs) {
    if (++shown > 8) {
      s += " ...";
      break;
    }
    s += fmt::format(" {}->{}", node_label(world, from), node_label(world, to));
  }
  return s;
}

// ImGui tables hold at most 64 columns; a bigger world's tail is left out of the editor.
constexpr int kMaxMachineColumns = 63;

void group_table(PartitionState& state, const sim::World& world) {
  const int machines = std::min(static_cast<int>(world.node_count()), kMaxMachineColumns);
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg;
  const float height = ImGui::GetFrameHeightWithSpacing() * (kPartitionGroups + 1) + 6;
  if (!ImGui::BeginTable("groups", machines + 1, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(1, 0);
  ImGui::TableSetupColumn("group");
  for (int m = 0; m < machines; ++m)
    ImGui::TableSetupColumn(world.node(static_cast<NodeId>(m)).name.c_str());
  ImGui::TableHeadersRow();
  for (int g = 0; g < kPartitionGroups; ++g) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("group %s", kGroupNames[g]);
    for (int m = 0; m < machines; ++m) {
      ImGui::TableNextColumn();
      ImGui::PushID(g * 100000 + m);
      ImGui::RadioButton("##g", &state.group_of[static_cast<size_t>(m)], g);
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace

sim::PartitionNet partition_from(const PartitionState& state) {
  sim::PartitionNet p;
  p.one_way = state.one_way;
  for (int g = 0; g < kPartitionGroups; ++g) {
    std::vector<NodeId> members;
    for (size_t m = 0; m < state.group_of.size(); ++m)
      if (state.group_of[m] == g) members.push_back(static_cast<NodeId>(m));
    if (!members.empty()) p.groups.push_back(std::move(members));
  }
  return p;
}

void draw_partition_editor(PartitionState& state, const PanelContext& ctx, CommandQueue& out) {
  const sim::World& world = ctx.run.world();
  state.group_of.resize(world.node_count(), 0);
  if (world.node_count() == 0) {
    ImGui::TextDisabled("No machines.");
    return;
  }
  group_table(state, world);
  ImGui::Checkbox("one-way", &state.one_way);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "One-way: the first group (A, or the first non-empty one) cannot send to\n"
        "the others, but they can still send to it. Off: no traffic between groups.");
  const sim::PartitionNet cut = partition_from(state);
  ImGui::SameLine(0, 16);
  ImGui::BeginDisabled(cut.groups.size() < 2);
  if (ImGui::Button("Apply partition")) out.intervene(cut);
  ImGui::EndDisabled();
  if (cut.groups.size() < 2 && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Put the machines into at least two groups first.");
  ImGui::SameLine();
  ImGui::BeginDisabled(world.network().blocked_pairs().empty());
  if (ImGui::Button("Heal")) out.intervene(sim::HealNet{});
  ImGui::EndDisabled();
  ImGui::PushTextWrapPos(0);
  ImGui::PushStyleColor(
      ImGuiCol_Text,
      theme::vec4(world.network().blocked_pairs().empty() ? theme::kTextDim : theme::kTextBad));
  ImGui::TextUnformatted(describe_cut(world).c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
}

}  // namespace zoolab::gui
