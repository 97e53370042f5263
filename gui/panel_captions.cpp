// Captions panel (see panel_captions.h).
#include "gui/panel_captions.h"

#include <algorithm>
#include <cfloat>
#include <filesystem>
#include <string>
#include <variant>

#include <imgui.h>

#include "gui/labels.h"
#include "gui/theme.h"

namespace zoolab::gui {
namespace {

void caption_line(const FontSet& fonts, const std::string& text, ImU32 colour) {
  if (text.empty()) return;
  ImGui::PushFont(fonts.caption);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::vec4(colour));
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

const sim::Step* current_step(const sim::Run& run) {
  const auto index = run.current_caption();
  const auto& steps = run.scenario().steps;
  return index && *index < steps.size() ? &steps[*index] : nullptr;
}

const sim::SayStep* current_say(const sim::Run& run) {
  const sim::Step* step = current_step(run);
  return step ? std::get_if<sim::SayStep>(&step->body) : nullptr;
}

// "demo.zls:12": the folder adds nothing for a learner. A saved session's scenario is labelled
// "run.session.json (embedded .../demo.zls)": the embedded file is the one the line is in.
std::string short_location(const sim::SourceLoc& loc) {
  std::string file = loc.file;
  if (const size_t at = file.find(" (embedded "); at != std::string::npos && file.ends_with(")"))
    file = file.substr(at + 11, file.size() - at - 12);
  return std::filesystem::path(file).filename().string() + ":" + std::to_string(loc.line);
}

// Which of a caption's languages to draw: the chosen one, or the other when it has only that.
bool show_en(const sim::SayStep& say, std::string_view lang) { return lang != "zh" || say.zh.empty(); }
bool show_zh(const sim::SayStep& say, std::string_view lang) { return lang != "en" || say.en.empty(); }

}  // namespace

float captions_height(const PanelContext& ctx, float width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const sim::SayStep* say = current_say(ctx.run);
  if (!say) return 0;
  ImFont* font = ctx.fonts.caption;
  const float wrap = std::max(1.0f, width - 2 * style.WindowPadding.x);
  float h = 2 * style.WindowPadding.y + ImGui::GetTextLineHeightWithSpacing();  // + source line
  for (const std::string* text : {&say->en, &say->zh}) {
    if (text->empty() || (text == &say->en ? !show_en(*say, ctx.caption_lang) : !show_zh(*say, ctx.caption_lang)))
      continue;
    h += font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, text->c_str()).y + style.ItemSpacing.y;
  }
  return h;
}

void draw_captions(CaptionsState&, const PanelContext& ctx, CommandQueue&) {
  const sim::Scenario& scenario = ctx.run.scenario();
  const sim::Step* step = current_step(ctx.run);
  const sim::SayStep* say = current_say(ctx.run);
  if (!say) {
    ImGui::PushFont(ctx.fonts.caption);
    ImGui::TextDisabled("%s", scenario.title.empty() ? "ZooLab" : scenario.title.c_str());
    ImGui::PopFont();
    if (scenario.nodes.empty())
      ImGui::TextDisabled(
          "No scenario loaded. Start with: zoolab-gui scenarios/foundation/demo.zls");
    else
      ImGui::TextDisabled(
          "Narration appears here when the scenario reaches a `say` line. "
          "Press Play (space) or Step (right arrow).");
    return;
  }
  if (show_en(*say, ctx.caption_lang)) caption_line(ctx.fonts, say->en, IM_COL32(255, 255, 255, 255));
  if (!say->zh.empty() && show_zh(*say, ctx.caption_lang)) {
    if (ctx.fonts.chinese)
      caption_line(ctx.fonts, say->zh, IM_COL32(255, 225, 150, 255));
    else
      ImGui::TextDisabled("(Chinese caption hidden: install fonts-wqy-microhei to show it)");
  }
  ImGui::TextDisabled("%s  at %s%s%s", short_location(step->loc).c_str(),
                      seconds_label(step->at).c_str(), scenario.title.empty() ? "" : "  |  ",
                      scenario.title.c_str());
}

}  // namespace zoolab::gui
