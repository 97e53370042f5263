// Status bar (see panel_status.h).
#include "gui/panel_status.h"

#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "gui/labels.h"
#include "gui/theme.h"

namespace zoolab::gui {
namespace {

void separator() {
  ImGui::SameLine(0, 10);
  ImGui::TextDisabled("|");
  ImGui::SameLine(0, 10);
}

}  // namespace

void draw_status(StatusState&, const PanelContext& ctx, CommandQueue&) {
  const sim::World& world = ctx.run.world();
  ImGui::Text("t = %s", seconds_label(world.now()).c_str());
  separator();
  ImGui::Text("events %llu", static_cast<unsigned long long>(world.events_fired()));
  separator();
  if (ctx.speed.valid)
    ImGui::Text("%s events/s   %s sim-s/wall-s",
                compact_number(ctx.speed.events_per_wall_s).c_str(),
                compact_number(ctx.speed.sim_s_per_wall_s).c_str());
  else
    ImGui::TextDisabled("events/s -   sim-s/wall-s -");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Measured over the last second of wall-clock time, as OMNeT++ reports it");
  separator();
  ImGui::Text("seed %llu", static_cast<unsigned long long>(ctx.run.seed()));
  separator();
  ImGui::Text("trace %s", sim::format_hash(world.trace_hash()).c_str());
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Hash of every trace record so far: the same scenario, seed and\n"
        "interventions give the same hash on every machine");
  separator();
  ImGui::Text("interventions %zu", ctx.run.interventions().size());
  const auto& expects = ctx.run.expect_results();
  if (!expects.empty()) {
    size_t failed = 0;
    for (const auto& e : expects)
      failed += e.passed ? 0 : 1;
    separator();
    ImGui::TextColored(theme::vec4(failed ? theme::kTextBad : theme::kTextGood),
                       "expect %zu/%zu ok", expects.size() - failed, expects.size());
  }
}

}  // namespace zoolab::gui
