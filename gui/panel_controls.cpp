// Controls panel (see panel_controls.h).
#include "gui/panel_controls.h"

#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "gui/labels.h"
#include "gui/theme.h"

namespace zoolab::gui {
namespace {

bool key_pressed(ImGuiKey key) {
  return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true);
}

void keyboard_shortcuts(const PanelContext& ctx, CommandQueue& out) {
  if (ImGui::GetIO().WantTextInput) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false))
    out.push(SetPlaying{!ctx.playback.playing()});
  if (key_pressed(ImGuiKey_RightArrow)) out.push(StepForward{});
  if (key_pressed(ImGuiKey_LeftArrow)) out.push(StepBack{});
  const ImGuiIO& io = ImGui::GetIO();
  // ImGui 1.86 names no S key; the GLFW backend indexes KeysDown by GLFW key code ('S').
  if (io.KeyCtrl && ImGui::IsKeyPressed(static_cast<int>('S'), false)) out.push(SaveSession{});
}

// Continues the row when `width` more pixels fit, else starts a new one (narrow windows).
void same_line_if_fits(float width, float spacing = -1.0f) {
  ImGui::SameLine(0, spacing);
  if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

void button_tip(const char* tip) {
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tip);
}

}  // namespace

void draw_controls(ControlsState& state, const PanelContext& ctx, CommandQueue& out) {
  const sim::World& world = ctx.run.world();
  const bool at_start = world.events_fired() == 0;
  const bool at_end = world.now() >= ctx.run.until();
  keyboard_shortcuts(ctx, out);

  ImGui::BeginDisabled(at_start);
  if (ImGui::Button("|< Start")) out.push(JumpToStart{});
  button_tip("Back to event 0 (replays from the first checkpoint)");
  ImGui::SameLine();
  if (ImGui::Button("< Back")) out.push(StepBack{});
  button_tip(
      "Undo the last event: time travel by replaying from the nearest checkpoint (left arrow)");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ctx.playback.playing()) {
    if (ImGui::Button("Pause ||", ImVec2(80, 0))) out.push(SetPlaying{false});
  } else {
    ImGui::BeginDisabled(at_end);
    if (ImGui::Button("Play >", ImVec2(80, 0))) out.push(SetPlaying{true});
    ImGui::EndDisabled();
  }
  button_tip("Run the simulation at the chosen speed (space)");
  ImGui::SameLine();
  ImGui::BeginDisabled(at_end);
  if (ImGui::Button("Step >")) out.push(StepForward{});
  button_tip("Fire exactly the next event (right arrow)");
  ImGui::EndDisabled();

  same_line_if_fits(220);
  ImGui::SetNextItemWidth(160);
  state.speed_slider = static_cast<float>(ctx.playback.speed());  // the playback owns the value
  if (ImGui::SliderFloat("speed", &state.speed_slider, static_cast<float>(Playback::kMinSpeed),
                         static_cast<float>(Playback::kMaxSpeed), "%.1fx",
                         ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
    out.push(SetSpeed{state.speed_slider});
  button_tip("Simulated seconds per wall-clock second");

  same_line_if_fits(330, 20);
  const float progress = ctx.run.until().ns > 0
                             ? static_cast<float>(static_cast<double>(world.now().ns) /
                                                  static_cast<double>(ctx.run.until().ns))
                             : 1.0f;
  const std::string clock = fmt::format("t = {} / {}  (event {})", seconds_label(world.now()),
                                        seconds_label(ctx.run.until()), world.events_fired());
  ImGui::SetNextItemWidth(330);
  ImGui::ProgressBar(progress, ImVec2(330, 0), clock.c_str());

  same_line_if_fits(90, 20);
  ImGui::Text("seed %llu", static_cast<unsigned long long>(ctx.run.seed()));
  same_line_if_fits(60, 16);
  if (ImGui::Button("Save")) out.push(SaveSession{});
  button_tip("Save the session - scenario, seed and your interventions - so it replays bit for bit\n"
             "(Ctrl+S; zoolab run FILE.json or zoolab-gui FILE.json plays it again)");
  if (!ctx.notice.empty()) {
    same_line_if_fits(200, 12);
    ImGui::TextUnformatted(ctx.notice.data(), ctx.notice.data() + ctx.notice.size());
  }
  if (at_end) {
    same_line_if_fits(90, 16);
    ImGui::TextColored(theme::vec4(theme::kTextGood), "end of run");
  }
  if (ctx.branched_at) {
    same_line_if_fits(160, 16);
    ImGui::TextColored(theme::vec4(theme::kTextWarn), "branch at event %llu",
                       static_cast<unsigned long long>(*ctx.branched_at));
    button_tip(
        "You acted after stepping back: the old future was dropped and this run now\n"
        "follows a new branch from that event (the trace hash differs from the original).");
  }
}

}  // namespace zoolab::gui
