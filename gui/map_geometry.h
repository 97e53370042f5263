// Pure geometry of the cluster map (no ImGui calls), so it can be unit-tested: where machines
// sit and where a packet in flight is drawn.
#pragma once

#include <cstddef>

#include "core/base/time.h"

namespace zoolab::gui {

struct Vec2 {
  float x = 0, y = 0;
};

inline Vec2 operator+(Vec2 a, Vec2 b) {
  return {a.x + b.x, a.y + b.y};
}
inline Vec2 operator-(Vec2 a, Vec2 b) {
  return {a.x - b.x, a.y - b.y};
}
inline Vec2 operator*(Vec2 a, float k) {
  return {a.x * k, a.y * k};
}
float length(Vec2 v);
Vec2 normalized(Vec2 v);  // (0, 0) stays (0, 0)
// The left-hand perpendicular of a direction, for offsetting the two lanes of a link.
inline Vec2 perpendicular(Vec2 v) {
  return {-v.y, v.x};
}

// Machine `index` of `count` on a circle, the first at the top, going clockwise.
Vec2 circle_position(size_t index, size_t count, Vec2 centre, float radius);

// How far a packet has travelled, 0 at `sent` and 1 at `arrive` (clamped).
float travel_fraction(core::Time sent, core::Time arrive, core::Time now);

// Where to draw a packet from `a` to `b` (machine centres): along the link between the
// machine rims, shifted into the lane of its direction so the two directions do not overlap.
Vec2 packet_position(Vec2 a, Vec2 b, float fraction, float node_radius, float lane_offset);

}  // namespace zoolab::gui
