// Cluster map geometry (see map_geometry.h).
#include "gui/map_geometry.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace zoolab::gui {

float length(Vec2 v) {
  return std::sqrt(v.x * v.x + v.y * v.y);
}

Vec2 normalized(Vec2 v) {
  const float len = length(v);
  return len > 0 ? Vec2{v.x / len, v.y / len} : Vec2{};
}

Vec2 circle_position(size_t index, size_t count, Vec2 centre, float radius) {
  if (count <= 1) return centre;
  const double angle = -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(index) /
                                                   static_cast<double>(count);
  return {centre.x + radius * static_cast<float>(std::cos(angle)),
          centre.y + radius * static_cast<float>(std::sin(angle))};
}

float travel_fraction(core::Time sent, core::Time arrive, core::Time now) {
  if (arrive <= sent) return 1.0f;
  const double f = static_cast<double>((now - sent).ns) / static_cast<double>((arrive - sent).ns);
  return static_cast<float>(std::clamp(f, 0.0, 1.0));
}

Vec2 packet_position(Vec2 a, Vec2 b, float fraction, float node_radius, float lane_offset) {
  const Vec2 dir = normalized(b - a);
  const float span = std::max(0.0f, length(b - a) - 2 * node_radius);
  const Vec2 start = a + dir * node_radius;
  return start + dir * (span * fraction) + perpendicular(dir) * lane_offset;
}

}  // namespace zoolab::gui
