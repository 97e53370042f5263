// Drawing primitives of the cluster map: machines, cut links, packets and the legend.
#pragma once

#include <string_view>

#include <imgui.h>

namespace zoolab::gui {

inline ImVec2 to_imvec(float x, float y) {
  return ImVec2(x, y);
}

void draw_dashed_line(ImDrawList& dl, ImVec2 a, ImVec2 b, ImU32 colour, float thickness,
                      float dash = 7.0f, float gap = 5.0f);
// A filled arrowhead with its tip at `tip`, pointing along `dir` (any length).
void draw_arrowhead(ImDrawList& dl, ImVec2 tip, ImVec2 dir, float size, ImU32 colour);

struct MachineGlyph {
  ImVec2 centre;
  float radius = 24;
  ImU32 fill = 0;
  bool hollow = false;   // not started: an outline only
  bool crossed = false;  // crashed: a red X over it
  bool selected = false;
  std::string_view name;
  std::string_view state;  // "running", "paused (1.2s left)", ...
  ImU32 state_colour = 0;
};
void draw_machine(ImDrawList& dl, const MachineGlyph& m);

// The legend, drawn top-down from `top_left`; returns its height.
float draw_legend(ImDrawList& dl, ImVec2 top_left);
constexpr float kLegendWidth = 178.0f;

}  // namespace zoolab::gui
