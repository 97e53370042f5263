// Machine inspector (see panel_inspector.h).
//
// Sections: 1. key/value rows  2. machine facts  3. timers and the process's view
#include "gui/panel_inspector.h"

#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "gui/labels.h"
#include "gui/theme.h"

namespace zoolab::gui {
namespace {

// ---- 1. key/value rows --------------------------------------------------------------------

void row(const char* key, const std::string& value) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%s", key);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(value.c_str());
}

bool begin_rows(const char* id) {
  return ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg);
}

// ---- 2. machine facts ---------------------------------------------------------------------

void machine_facts(const sim::World& world, NodeId id) {
  const sim::Node& n = world.node(id);
  if (!begin_rows("facts")) return;
  row("machine", n.name);
  row("program", n.prototype ? n.prototype->kind() : std::string("?"));
  row("state", node_state_text(world, id));
  row("starts", std::to_string(n.incarnation));
  const core::Duration offset = n.clock.offset(world.now());
  row("local clock", seconds_label(world.local_time(id)));
  row("clock offset", fmt::format("{}{}, drift {} ppm", offset.ns >= 0 ? "+" : "",
                                  core::format_duration(offset), n.clock.drift_ppm()));
  row("durable files", std::to_string(n.disk.durable().size()));
  row("not yet durable",
      fmt::format("{} ops, {} bytes", n.disk.unsynced_ops(), n.disk.unsynced_bytes()));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Appended but not fsynced: a crash loses it");
  row("fsyncs pending", std::to_string(n.disk.pending_syncs()));
  ImGui::EndTable();
}

// ---- 3. timers and the process's view -----------------------------------------------------

void timers_and_view(const sim::World& world, NodeId id) {
  const sim::Node& n = world.node(id);
  ImGui::TextDisabled("Timers (%zu)", n.timers.size());
  if (begin_rows("timers")) {
    for (const auto& [timer, slot] : n.timers) {
      const std::string name = n.process ? n.process->timer_name(timer) : "timer";
      row(name.c_str(),
          fmt::format("fires in {} (at {})", core::format_duration(slot.due - world.now()),
                      seconds_label(slot.due)));
    }
    ImGui::EndTable();
  }
  if (!n.process) {
    ImGui::TextDisabled("No process running.");
    return;
  }
  const core::StateLines lines = n.process->state_lines();
  ImGui::TextDisabled("Process view (%zu)", lines.size());
  if (begin_rows("view")) {
    for (const auto& [key, value] : lines)
      row(key.c_str(), value);
    ImGui::EndTable();
  }
}

}  // namespace

void draw_inspector(InspectorState&, const PanelContext& ctx, CommandQueue&) {
  const sim::World& world = ctx.run.world();
  if (!ctx.selected || *ctx.selected >= world.node_count()) {
    ImGui::TextDisabled("Left-click a machine on the map to inspect it.");
    return;
  }
  const NodeId id = *ctx.selected;
  if (!ImGui::BeginTable("inspector", 2,
                         ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame))
    return;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  machine_facts(world, id);
  ImGui::TableNextColumn();
  timers_and_view(world, id);
  ImGui::EndTable();
}

}  // namespace zoolab::gui
