// Fonts: ImGui's default font for the interface, a large font for captions, and Chinese glyphs
// from fonts-wqy-microhei when it is installed (Debian's ImGui aborts on a missing font file,
// so every file is checked before it is loaded).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "sim/scenario/scenario.h"

namespace zoolab::gui {

constexpr const char* kChineseFontPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
constexpr const char* kLatinFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

struct FontSet {
  ImFont* ui = nullptr;       // everything but captions
  ImFont* caption = nullptr;  // `say` captions, large
  bool chinese = false;       // Chinese glyphs are available
};

class Fonts {
 public:
  // Adds the fonts to the current ImGui context's atlas, with glyphs for every character of
  // `texts` (captions, machine names, the title), and makes `ui` the default font.
  // Call once, before the first frame.
  void load(const std::vector<std::string_view>& texts, float ui_size_px = 13.0f,
            float caption_size_px = 24.0f);
  const FontSet& set() const { return set_; }

 private:
  FontSet set_;
  // ImGui keeps pointers to the glyph ranges until the atlas is built: they live here.
  ImVector<ImWchar> ranges_;
};

// Every string of a scenario that may be drawn with the fonts (for the glyph ranges).
std::vector<std::string_view> scenario_texts(const sim::Scenario& scenario);

}  // namespace zoolab::gui
