// Event list panel (see panel_event_list.h).
//
// Sections: 1. pending events (manual delivery)  2. trace records
#include "gui/panel_event_list.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "gui/labels.h"
#include "gui/theme.h"

namespace zoolab::gui {
namespace {

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                        ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit |
                                        ImGuiTableFlags_Resizable;

void text(const std::string& s) {
  ImGui::TextUnformatted(s.c_str());
}
void text(std::string_view s) {
  ImGui::TextUnformatted(s.data(), s.data() + s.size());
}

// ---- 1. pending events (manual delivery) --------------------------------------------------

std::string event_description(const sim::Run& run, const sim::PendingEvent& e) {
  if (e.kind == sim::EventKind::kScript && e.script_step < run.scenario().steps.size())
    return "scenario: " + run.scenario().steps[e.script_step].text;
  return e.label;
}

void refresh_pending(EventListState& state, const sim::World& world) {
  const EventListState::Key key{world.events_fired(), world.record_count(), world.trace_hash(),
                                world.now()};
  if (key == state.pending_key) return;
  state.pending = world.pending_events();
  state.pending_key = key;
}

void pending_tooltip(const PanelContext& ctx, const sim::PendingEvent& e) {
  const sim::World& world = ctx.run.world();
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
  ImGui::TextUnformatted(event_description(ctx.run, e).c_str());
  ImGui::Separator();
  if (e.kind == sim::EventKind::kScript)
    ImGui::TextDisabled("A step of the scenario: it runs at its own time.");
  else if (e.blocked)
    ImGui::TextDisabled("%s is paused: it handles nothing until it wakes up.",
                        node_label(world, e.target).c_str());
  else
    ImGui::TextDisabled(
        "Click to deliver event #%llu next, ahead of its turn. Each connection "
        "stays FIFO: only its head packet is listed.",
        static_cast<unsigned long long>(e.seq));
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

// Scenario steps are listed (what comes next) but not reordered from here: manual delivery
// is about the network, timers and disks, not about the lesson's script.
bool deliverable(const sim::PendingEvent& e) {
  return !e.blocked && e.kind != sim::EventKind::kScript;
}

void pending_row(const PanelContext& ctx, const sim::PendingEvent& e, CommandQueue& out) {
  const sim::World& world = ctx.run.world();
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(static_cast<int>(e.seq ^ (e.seq >> 32)));
  const bool clickable = deliverable(e);
  const ImU32 colour = e.blocked                           ? theme::kTextDim
                       : e.kind == sim::EventKind::kScript ? theme::kScriptRow
                                                           : theme::kTextPlain;
  ImGui::PushStyleColor(ImGuiCol_Text, theme::vec4(colour));
  ImGui::PushStyleColor(ImGuiCol_TextDisabled, theme::vec4(colour));
  const std::string time = core::format_seconds(e.time);
  const ImGuiSelectableFlags flags =
      ImGuiSelectableFlags_SpanAllColumns | (clickable ? 0 : ImGuiSelectableFlags_Disabled);
  if (ImGui::Selectable(time.c_str(), false, flags)) out.intervene(sim::DeliverEvent{e.seq});
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) pending_tooltip(ctx, e);
  ImGui::PopID();
  ImGui::TableNextColumn();
  text(event_kind_label(e.kind));
  ImGui::TableNextColumn();
  text(node_label(world, e.target));
  ImGui::TableNextColumn();
  text(node_label(world, e.from));
  ImGui::TableNextColumn();
  text(event_description(ctx.run, e));
  ImGui::PopStyleColor(2);
}

void draw_pending(EventListState& state, const PanelContext& ctx, float height, CommandQueue& out) {
  refresh_pending(state, ctx.run.world());
  ImGui::Text("Pending events: %zu", state.pending.size());
  ImGui::SameLine();
  ImGui::TextDisabled("(click one to deliver it next; grey: its machine is paused)");
  if (!ImGui::BeginTable("pending", 5, kTableFlags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("time");
  ImGui::TableSetupColumn("kind");
  ImGui::TableSetupColumn("to");
  ImGui::TableSetupColumn("from");
  ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.pending.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      pending_row(ctx, state.pending[static_cast<size_t>(i)], out);
  ImGui::EndTable();
}

// ---- 2. trace records ---------------------------------------------------------------------

void trace_row(const sim::World& world, const sim::TraceRecord& r) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%llu", static_cast<unsigned long long>(r.index));
  ImGui::TableNextColumn();
  text(core::format_seconds(r.time));
  ImGui::TableNextColumn();
  text(node_label(world, r.node));
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%s", std::string(sim::record_kind_name(r.kind)).c_str());
  ImGui::TableNextColumn();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::vec4(theme::record_colour(r)));
  text(r.text);
  ImGui::PopStyleColor();
}

void draw_trace(EventListState& state, const PanelContext& ctx) {
  const auto& records = ctx.run.trace().records;
  ImGui::Text("Trace: %zu records", records.size());
  ImGui::SameLine();
  ImGui::TextDisabled("(newest last; scroll up to stop following)");
  if (!ImGui::BeginTable("trace", 5, kTableFlags, ImVec2(0, ImGui::GetContentRegionAvail().y)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("#");
  ImGui::TableSetupColumn("time");
  ImGui::TableSetupColumn("node");
  ImGui::TableSetupColumn("kind");
  ImGui::TableSetupColumn("record", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(std::min<size_t>(records.size(), INT32_MAX)));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      trace_row(ctx.run.world(), records[static_cast<size_t>(i)]);
  // Follow the newest record only while the view sits at the bottom (the user's choice).
  const bool at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1.0f;
  if (at_bottom && records.size() != state.trace_rows_seen) ImGui::SetScrollHereY(1.0f);
  state.trace_rows_seen = records.size();
  ImGui::EndTable();
}

}  // namespace

void draw_event_list(EventListState& state, const PanelContext& ctx, CommandQueue& out) {
  const float avail = ImGui::GetContentRegionAvail().y;
  const float line = ImGui::GetFrameHeightWithSpacing();
  draw_pending(state, ctx, std::max(3 * line, avail * 0.45f - line), out);
  ImGui::Spacing();
  draw_trace(state, ctx);
}

}  // namespace zoolab::gui
