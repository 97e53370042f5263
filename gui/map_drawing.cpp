// Cluster map drawing primitives (see map_drawing.h).
//
// Sections: 1. lines and arrows  2. machines  3. legend
#include "gui/map_drawing.h"

#include <cmath>

#include "gui/theme.h"

namespace zoolab::gui {
namespace {

ImVec2 add(ImVec2 a, ImVec2 b) {
  return ImVec2(a.x + b.x, a.y + b.y);
}
ImVec2 sub(ImVec2 a, ImVec2 b) {
  return ImVec2(a.x - b.x, a.y - b.y);
}
ImVec2 scale(ImVec2 a, float k) {
  return ImVec2(a.x * k, a.y * k);
}
float len(ImVec2 v) {
  return std::sqrt(v.x * v.x + v.y * v.y);
}

void text_centred(ImDrawList& dl, ImVec2 centre_top, ImU32 colour, std::string_view text) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  const ImVec2 size = ImGui::CalcTextSize(begin, end);
  dl.AddText(ImVec2(centre_top.x - size.x / 2, centre_top.y), colour, begin, end);
}

}  // namespace

// ---- 1. lines and arrows ------------------------------------------------------------------

void draw_dashed_line(ImDrawList& dl, ImVec2 a, ImVec2 b, ImU32 colour, float thickness, float dash,
                      float gap) {
  const ImVec2 d = sub(b, a);
  const float total = len(d);
  if (total <= 0) return;
  const ImVec2 unit = scale(d, 1.0f / total);
  for (float t = 0; t < total; t += dash + gap) {
    const float end = std::min(total, t + dash);
    dl.AddLine(add(a, scale(unit, t)), add(a, scale(unit, end)), colour, thickness);
  }
}

void draw_arrowhead(ImDrawList& dl, ImVec2 tip, ImVec2 dir, float size, ImU32 colour) {
  const float l = len(dir);
  if (l <= 0) return;
  const ImVec2 u = scale(dir, 1.0f / l);
  const ImVec2 side(-u.y, u.x);
  const ImVec2 back = sub(tip, scale(u, size));
  dl.AddTriangleFilled(tip, add(back, scale(side, size * 0.6f)),
                       sub(back, scale(side, size * 0.6f)), colour);
}

// ---- 2. machines --------------------------------------------------------------------------

void draw_machine(ImDrawList& dl, const MachineGlyph& m) {
  if (m.selected) dl.AddCircle(m.centre, m.radius + 6, theme::kSelection, 32, 3.0f);
  if (m.hollow) {
    dl.AddCircleFilled(m.centre, m.radius, IM_COL32(25, 27, 31, 255), 32);
    dl.AddCircle(m.centre, m.radius, theme::kTextDim, 32, 2.0f);
  } else {
    dl.AddCircleFilled(m.centre, m.radius, m.fill, 32);
    dl.AddCircle(m.centre, m.radius, theme::kNodeOutline, 32, 1.5f);
  }
  if (m.crossed) {
    const float k = m.radius * 0.55f;
    const ImU32 white = IM_COL32(255, 255, 255, 255);
    dl.AddLine(add(m.centre, ImVec2(-k, -k)), add(m.centre, ImVec2(k, k)), white, 4.0f);
    dl.AddLine(add(m.centre, ImVec2(-k, k)), add(m.centre, ImVec2(k, -k)), white, 4.0f);
  }
  const float line = ImGui::GetTextLineHeight();
  text_centred(dl, ImVec2(m.centre.x, m.centre.y + m.radius + 4), IM_COL32(255, 255, 255, 255),
               m.name);
  text_centred(dl, ImVec2(m.centre.x, m.centre.y + m.radius + 4 + line), m.state_colour, m.state);
}

// ---- 3. legend ----------------------------------------------------------------------------

float draw_legend(ImDrawList& dl, ImVec2 top_left) {
  const float line = ImGui::GetTextLineHeight() + 4;
  const ImU32 text = IM_COL32(210, 210, 210, 255);
  const ImU32 heading = theme::kTextDim;
  const float r = 6;
  float y = top_left.y;
  const float x = top_left.x;
  const float label_x = x + 30;
  auto row = [&](const char* label) {
    dl.AddText(ImVec2(label_x, y), text, label);
    y += line;
  };
  auto title = [&](const char* label) {
    dl.AddText(ImVec2(x, y), heading, label);
    y += line;
  };
  auto swatch_centre = [&] { return ImVec2(x + 12, y + line / 2 - 2); };

  title("Machines");
  const struct {
    ImU32 c;
    const char* label;
  } states[] = {{theme::kRunning, "running"},
                {theme::kPaused, "paused (GC)"},
                {theme::kCrashed, "crashed (X)"},
                {theme::kPoweredOff, "powered off"}};
  for (const auto& s : states) {
    dl.AddCircleFilled(swatch_centre(), r, s.c, 16);
    row(s.label);
  }
  dl.AddCircle(swatch_centre(), r, theme::kTextDim, 16, 1.5f);
  row("not started");

  y += 4;
  title("Links");
  auto link_row = [&](ImU32 c, float thick, bool dashed, bool arrow, const char* label) {
    const ImVec2 c0 = swatch_centre();
    const ImVec2 a(x, c0.y), b(x + 24, c0.y);
    if (dashed)
      draw_dashed_line(dl, a, b, c, thick, 5, 3);
    else
      dl.AddLine(a, b, c, thick);
    if (arrow) draw_arrowhead(dl, ImVec2(x + 24, c0.y), ImVec2(1, 0), 8, c);
    row(label);
  };
  link_row(theme::kLinkActive, 2.5f, false, false, "connected");
  link_row(theme::kLinkIdle, 1.0f, false, false, "no connection");
  link_row(theme::kLinkCut, 2.5f, true, false, "cut by a partition");
  link_row(theme::kLinkCut, 2.5f, true, true, "one-way cut (arrow:");
  dl.AddText(ImVec2(label_x, y), text, "blocked direction)");
  y += line;

  y += 4;
  title("Messages in flight");
  const struct {
    ImU32 c;
    bool hollow;
    const char* label;
  } packets[] = {{theme::kPacketData, false, "data"},
                 {theme::kPacketOpen, false, "connect"},
                 {theme::kPacketClose, false, "close / reset"},
                 {theme::kPacketLost, true, "lost (link broken)"}};
  for (const auto& p : packets) {
    if (p.hollow)
      dl.AddCircle(swatch_centre(), 5, p.c, 12, 2.0f);
    else
      dl.AddCircleFilled(swatch_centre(), 5, p.c, 12);
    row(p.label);
  }
  return y - top_left.y;
}

}  // namespace zoolab::gui
