// Font loading with glyph ranges built from the scenario's own text (see fonts.h).
#include "gui/fonts.h"

#include <filesystem>
#include <system_error>
#include <variant>

namespace zoolab::gui {
namespace {

bool file_exists(const char* path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

}  // namespace

void Fonts::load(const std::vector<std::string_view>& texts, float ui_size_px,
                 float caption_size_px) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontAtlas& atlas = *io.Fonts;

  // Only the characters actually used: the whole CJK range would need a huge atlas, and the
  // "Common" range misses everyday characters.
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(atlas.GetGlyphRangesDefault());
  for (std::string_view t : texts) {
    const std::string s(t);  // AddText wants a terminated string or an end pointer
    builder.AddText(s.data(), s.data() + s.size());
  }
  builder.BuildRanges(&ranges_);

  ImFontConfig ui_cfg;
  ui_cfg.SizePixels = ui_size_px;
  set_.ui = atlas.AddFontDefault(&ui_cfg);

  const bool have_chinese = file_exists(kChineseFontPath);
  if (have_chinese) {
    // Merge the Chinese glyphs into the interface font: glyphs it already has are kept.
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.OversampleH = 1;  // small atlas; the glyphs stay crisp at this size
    atlas.AddFontFromFileTTF(kChineseFontPath, ui_size_px, &merge, ranges_.Data);

    ImFontConfig caption_cfg;
    caption_cfg.OversampleH = 1;
    set_.caption =
        atlas.AddFontFromFileTTF(kChineseFontPath, caption_size_px, &caption_cfg, ranges_.Data);
    set_.chinese = set_.caption != nullptr;
  }
  if (!set_.caption && file_exists(kLatinFontPath))
    set_.caption = atlas.AddFontFromFileTTF(kLatinFontPath, caption_size_px, nullptr,
                                            atlas.GetGlyphRangesDefault());
  if (!set_.caption) {
    ImFontConfig big;
    big.SizePixels = caption_size_px;
    set_.caption = atlas.AddFontDefault(&big);
  }
  io.FontDefault = set_.ui;
}

std::vector<std::string_view> scenario_texts(const sim::Scenario& scenario) {
  std::vector<std::string_view> out;
  out.push_back(scenario.title);
  out.push_back(scenario.file);
  for (const sim::NodeDecl& n : scenario.nodes)
    out.push_back(n.name);
  for (const sim::Step& step : scenario.steps) {
    out.push_back(step.text);  // the trace and the captions panel quote source lines
    if (const auto* say = std::get_if<sim::SayStep>(&step.body)) {
      out.push_back(say->en);
      out.push_back(say->zh);
    }
  }
  return out;
}

}  // namespace zoolab::gui
