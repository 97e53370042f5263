// Lock timeline panel (see panel_lock_timeline.h).
//
// Sections: 1. colours, sizes, helpers  2. the time axis  3. a worker's lane  4. a resource's
//           lane  5. the lanes (clipped)  6. Redis and memcached keyspaces  7. the panel
#include "gui/panel_lock_timeline.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <imgui.h>

#include "core/locks/lock_worker.h"
#include "core/locks/protected_resource.h"
#include "core/redis/memcached_server.h"
#include "core/redis/redis_server.h"
#include "gui/labels.h"
#include "gui/theme.h"

namespace zoolab::gui {
namespace {

using core::locks::LockWorker;
using core::locks::ProtectedResource;
using core::locks::ResourceAccess;

// ---- 1. colours, sizes, helpers -----------------------------------------------------------

constexpr ImU32 kHeld = IM_COL32(70, 140, 230, 255);      // believed held, alone
constexpr ImU32 kHeldOpen = IM_COL32(95, 165, 250, 255);  // still held now
constexpr ImU32 kOverlap = IM_COL32(225, 50, 45, 255);    // two holders at once
constexpr ImU32 kLostEdge = IM_COL32(255, 170, 60, 255);  // the lock said "lost"
constexpr ImU32 kCrashed = IM_COL32(120, 120, 120, 255);
constexpr ImU32 kRead = IM_COL32(170, 170, 170, 255);
constexpr ImU32 kWrite = IM_COL32(110, 215, 110, 255);
constexpr ImU32 kLostUpdate = IM_COL32(255, 60, 60, 255);
constexpr ImU32 kRejected = IM_COL32(255, 170, 60, 255);
constexpr ImU32 kAbandon = IM_COL32(120, 120, 120, 255);
constexpr ImU32 kLaneBg = IM_COL32(36, 38, 44, 255);
constexpr ImU32 kGrid = IM_COL32(70, 74, 84, 255);
constexpr ImU32 kNowLine = IM_COL32(240, 200, 40, 200);

struct RangeChoice {
  const char* label;
  int64_t last_s;  // 0: from the start
  bool to_end;
};
constexpr std::array kRanges = {
    RangeChoice{"0 s -> now", 0, false}, RangeChoice{"0 s -> end of run", 0, true},
    RangeChoice{"last 60 s", 60, false}, RangeChoice{"last 20 s", 20, false},
    RangeChoice{"last 5 s", 5, false},
};

constexpr size_t kKeyRows = 8;  // keyspace rows before the table scrolls

void tooltip_lines(const std::vector<std::string>& lines) {
  ImGui::BeginTooltip();
  for (const std::string& l : lines)
    ImGui::TextUnformatted(l.c_str());
  ImGui::EndTooltip();
}

std::string secs(Time t) {
  return core::format_seconds(t) + " s";
}

// Maps simulated time to x inside one lane's bar area.
struct Axis {
  Time begin, end;
  float x0 = 0, width = 1;
  float x(Time t) const {
    const double span = static_cast<double>(std::max<int64_t>(1, (end - begin).ns));
    return x0 + static_cast<float>(static_cast<double>((t - begin).ns) / span * width);
  }
  Time at(float px) const {
    const double span = static_cast<double>((end - begin).ns);
    return begin + core::Duration{static_cast<int64_t>((px - x0) / width * span)};
  }
};

Axis axis_for(const LockTimelineState& state, const PanelContext& ctx) {
  const RangeChoice& r =
      kRanges[static_cast<size_t>(std::clamp<int>(state.range, 0, kRanges.size() - 1))];
  const Time now = ctx.run.world().now();
  Axis a;
  a.end = r.to_end ? std::max(now, ctx.run.until()) : now;
  a.end = std::max(a.end, Time{1'000'000'000});  // at least one second wide
  a.begin = r.last_s > 0
                ? std::max(core::kTimeZero, a.end - core::Duration{r.last_s * 1'000'000'000})
                : core::kTimeZero;
  return a;
}

// A tick every 1, 2 or 5 x 10^k seconds, about every 90 px.
double tick_step_s(const Axis& a) {
  const double span_s = static_cast<double>((a.end - a.begin).ns) / 1e9;
  const double want = span_s * 90.0 / std::max(1.0f, a.width);
  const double p = std::pow(10.0, std::floor(std::log10(std::max(want, 1e-6))));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= want) return m * p;
  return 10 * p;
}

template <class F>
void for_each_tick(const Axis& a, F&& f) {
  const double step = tick_step_s(a);
  const double b = static_cast<double>(a.begin.ns) / 1e9, e = static_cast<double>(a.end.ns) / 1e9;
  for (double t = std::ceil(b / step) * step; t <= e + 1e-9; t += step)
    f(Time{static_cast<int64_t>(std::llround(t * 1e9))}, t);
}

// ---- 2. the time axis ---------------------------------------------------------------------

void draw_axis(const Axis& a, float label_w) {
  const float h = ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(label_w + a.width, h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddText(ImVec2(p.x, p.y), theme::kTextDim, "simulated time");
  const double step = tick_step_s(a);
  const int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
  for_each_tick(a, [&](Time t, double s) {
    const float x = a.x(t);
    dl->AddLine(ImVec2(x, p.y + h - 4), ImVec2(x, p.y + h), kGrid);
    const std::string label = fmt::format("{:.{}f}s", s, decimals);
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    const float lx = std::clamp(x - w / 2, a.x0, a.x0 + a.width - w);
    dl->AddText(ImVec2(lx, p.y), theme::kTextDim, label.c_str());
  });
}

void lane_background(ImDrawList* dl, const Axis& a, float y0, float y1, Time now) {
  dl->AddRectFilled(ImVec2(a.x0, y0), ImVec2(a.x0 + a.width, y1), kLaneBg);
  for_each_tick(
      a, [&](Time t, double) { dl->AddLine(ImVec2(a.x(t), y0), ImVec2(a.x(t), y1), kGrid); });
  if (now >= a.begin && now <= a.end)
    dl->AddLine(ImVec2(a.x(now), y0), ImVec2(a.x(now), y1), kNowLine, 2);
}

ImU32 access_colour(ResourceAccess::Kind k) {
  switch (k) {
    case ResourceAccess::Kind::kRead:
      return kRead;
    case ResourceAccess::Kind::kWrite:
      return kWrite;
    case ResourceAccess::Kind::kLostUpdate:
      return kLostUpdate;
    case ResourceAccess::Kind::kRejected:
      return kRejected;
    case ResourceAccess::Kind::kAbandon:
      return kAbandon;
  }
  return kRead;
}

const char* access_name(ResourceAccess::Kind k) {
  switch (k) {
    case ResourceAccess::Kind::kRead:
      return "read";
    case ResourceAccess::Kind::kWrite:
      return "write";
    case ResourceAccess::Kind::kLostUpdate:
      return "LOST UPDATE (overwrote a concurrent write)";
    case ResourceAccess::Kind::kRejected:
      return "write REJECTED (stale fencing token)";
    case ResourceAccess::Kind::kAbandon:
      return "abandoned (lock lost before writing)";
  }
  return "?";
}

// A marker for one access in the band [y0, y1]; returns true when the mouse is on it.
bool draw_access(ImDrawList* dl, const Axis& a, const ResourceAccess& acc, float y0, float y1) {
  if (acc.at < a.begin || acc.at > a.end) return false;
  const float x = a.x(acc.at);
  const ImU32 c = access_colour(acc.kind);
  switch (acc.kind) {
    case ResourceAccess::Kind::kLostUpdate:
      dl->AddTriangleFilled(ImVec2(x, y1), ImVec2(x - 6, y0), ImVec2(x + 6, y0), c);
      break;
    case ResourceAccess::Kind::kRejected:
      dl->AddLine(ImVec2(x - 5, y0), ImVec2(x + 5, y1), c, 2.5f);
      dl->AddLine(ImVec2(x - 5, y1), ImVec2(x + 5, y0), c, 2.5f);
      break;
    case ResourceAccess::Kind::kWrite:
      dl->AddRectFilled(ImVec2(x - 2, y0), ImVec2(x + 2, y1), c);
      break;
    default:
      dl->AddLine(ImVec2(x, y0 + (y1 - y0) / 2), ImVec2(x, y1), c, 2);
      break;
  }
  const ImVec2 m = ImGui::GetIO().MousePos;
  return std::abs(m.x - x) <= 5 && m.y >= y0 - 2 && m.y <= y1 + 2;
}

std::string access_text(const sim::World& world, const ResourceAccess& acc) {
  std::string s =
      fmt::format("{}: {} {}", secs(acc.at), node_label(world, acc.client), access_name(acc.kind));
  if (acc.kind != ResourceAccess::Kind::kAbandon) s += fmt::format(", A = {}", acc.value);
  if (acc.token) s += fmt::format(", token {}", *acc.token);
  return s;
}

// ---- 3. a worker's lane -------------------------------------------------------------------

struct Resources {
  std::vector<NodeId> nodes;
  std::vector<const ProtectedResource*> live;  // same order; nullptr when not running
};

std::string span_text(const HolderSpan& s, Time now) {
  std::string t = fmt::format("held from {} to {}", secs(s.start), s.end ? secs(*s.end) : "now");
  t += fmt::format(" ({:.3f} s)", static_cast<double>((s.end.value_or(now) - s.start).ns) / 1e9);
  if (s.token) t += fmt::format(", token {}", *s.token);
  return t;
}

void worker_label(const sim::World& world, const HolderLane& lane) {
  const LockWorker* w = live_as<LockWorker>(world, lane.node);
  const bool running = w != nullptr && world.node(lane.node).running();
  const bool held = running && w->believes_held();
  ImGui::TextColored(theme::vec4(held ? kHeldOpen : theme::kTextPlain), "%s", lane.name.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("%s", lane.lock.c_str());
  std::string second;
  if (!running)
    second = node_state_text(world, lane.node);
  else
    second = fmt::format("{}{}, {}",
                         world.paused(lane.node) ? node_state_text(world, lane.node) + ", " : "",
                         core::locks::worker_state_name(w->state()), w->lock_state_text());
  if (running && w->token()) second += fmt::format(", token {}", *w->token());
  ImGui::TextColored(theme::vec4(held ? theme::kTextGood : theme::kTextDim), "%s", second.c_str());
}

void draw_worker_bar(const sim::World& world, const HolderLane& lane, const Axis& a, float y0,
                     float y1, const Resources& res) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Time now = world.now();
  lane_background(dl, a, y0, y1, now);
  const float bar0 = y0 + 3, bar1 = y1 - 11;  // markers go in the band below the bar
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  std::vector<std::string> tip;
  const auto& spans = lane.spans;
  size_t i = first_span_ending_after(spans, a.begin);
  float drawn_to = a.x0 - 1;  // the rightmost pixel a span has been drawn to
  while (i < spans.size() && spans[i].start <= a.end) {
    const HolderSpan& s = spans[i];
    const Time e = s.end.value_or(now);
    const float xa = a.x(std::max(s.start, a.begin));
    const float xb = std::max(xa + 1, a.x(std::min(e, a.end)));
    dl->AddRectFilled(ImVec2(xa, bar0), ImVec2(xb, bar1),
                      s.crashed ? kCrashed
                      : s.end   ? kHeld
                                : kHeldOpen,
                      2);
    for (const HolderSpan::Overlap& o : s.overlaps) {
      const Time oe = o.end.value_or(e);
      if (oe < a.begin || o.start > a.end) continue;
      const float oa = a.x(std::max(o.start, a.begin));
      dl->AddRectFilled(ImVec2(oa, bar0), ImVec2(std::max(oa + 2, a.x(std::min(oe, a.end))), bar1),
                        kOverlap, 2);
    }
    if (s.lost) dl->AddRect(ImVec2(xa, bar0), ImVec2(xb, bar1), kLostEdge, 2, 0, 2);
    if (s.token && xb - xa > 60) {
      const std::string t = fmt::format("token {}", *s.token);
      dl->AddText(ImVec2(xa + 4, bar0 + (bar1 - bar0 - ImGui::GetFontSize()) / 2),
                  IM_COL32(255, 255, 255, 230), t.c_str());
    }
    if (mouse.x >= xa && mouse.x <= xb && mouse.y >= bar0 && mouse.y <= bar1) {
      tip.push_back(lane.name + ": " + span_text(s, now));
      if (!s.overlaps.empty()) tip.push_back("red: another worker believed it held the same lock");
      if (s.lost) tip.push_back("orange edge: the lock told it the lock was lost");
      if (s.rejected) tip.push_back("its write was rejected by the resource (fencing)");
      if (s.crashed) tip.push_back("ended by a crash");
    }
    // Spans ending before the next pixel lie under pixels already drawn: skipped, so the cost is
    // per pixel of width, not per span.
    drawn_to = std::max(drawn_to, xb);
    i = std::max(i + 1, first_span_ending_after(spans, a.at(drawn_to + 1)));
  }
  for (size_t r = 0; r < res.live.size(); ++r) {
    if (res.live[r] == nullptr) continue;
    for (const ResourceAccess& acc : res.live[r]->history())
      if (acc.client == lane.node && draw_access(dl, a, acc, y1 - 10, y1 - 1))
        tip.push_back(node_label(world, res.nodes[r]) + ": " + access_text(world, acc));
  }
  if (!tip.empty()) tooltip_lines(tip);
}

// ---- 4. a resource's lane -----------------------------------------------------------------

void resource_label(const sim::World& world, NodeId node, const ProtectedResource* r) {
  ImGui::TextColored(theme::vec4(theme::kTextNote), "%s", world.node(node).name.c_str());
  ImGui::SameLine();
  if (r == nullptr) {
    ImGui::TextDisabled("resource, %s", node_state_text(world, node).c_str());
    ImGui::NewLine();
    return;
  }
  ImGui::TextDisabled("resource A = %lld%s", static_cast<long long>(r->value()),
                      r->config().fencing ? ", fencing on" : "");
  const bool bad = r->lost_updates() > 0;
  ImGui::TextColored(theme::vec4(bad ? theme::kTextBad : theme::kTextDim),
                     "writes %llu, lost %llu, rejected %llu",
                     static_cast<unsigned long long>(r->writes()),
                     static_cast<unsigned long long>(r->lost_updates()),
                     static_cast<unsigned long long>(r->rejected()));
}

void draw_resource_bar(const sim::World& world, NodeId node, const ProtectedResource* r,
                       const Axis& a, float y0, float y1) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  lane_background(dl, a, y0, y1, world.now());
  if (r == nullptr) return;
  std::vector<std::string> tip;
  for (const ResourceAccess& acc : r->history())
    if (draw_access(dl, a, acc, y0 + 6, y1 - 6)) tip.push_back(access_text(world, acc));
  if (!r->history().empty() && r->history().size() >= ProtectedResource::kHistory &&
      r->history().front().at > a.begin) {
    const float x = a.x(r->history().front().at);
    dl->AddText(ImVec2(a.x0 + 4, y0 + 2), theme::kTextDim, "(older accesses not kept)");
    dl->AddLine(ImVec2(x, y0), ImVec2(x, y1), theme::kTextDim);
  }
  (void)node;
  if (!tip.empty()) tooltip_lines(tip);
}

// ---- 5. the lanes (clipped) ---------------------------------------------------------------

void draw_legend() {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = ImGui::GetTextLineHeight();
  // Each entry shows the mark as the lanes draw it.
  bool first = true;
  auto entry = [&](const char* label, auto&& mark) {
    // Wraps to a new line when the entry does not fit in what is left of this one.
    if (!first && ImGui::GetContentRegionAvail().x < h * 1.4f + 4 + ImGui::CalcTextSize(label).x)
      ImGui::NewLine();
    first = false;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(h * 1.4f, h));
    mark(p.x, p.x + h * 1.4f, p.y + 2, p.y + h - 2);
    ImGui::SameLine(0, 4);
    ImGui::TextDisabled("%s", label);
    ImGui::SameLine(0, 14);
  };
  entry("believes it holds the lock", [&](float x0, float x1, float y0, float y1) {
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), kHeld, 2);
  });
  entry("two holders at once", [&](float x0, float x1, float y0, float y1) {
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), kOverlap, 2);
  });
  entry("lock lost", [&](float x0, float x1, float y0, float y1) {
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), kHeld, 2);
    dl->AddRect(ImVec2(x0, y0), ImVec2(x1, y1), kLostEdge, 2, 0, 2);
  });
  const auto access = [&](ResourceAccess::Kind k) {
    return [&, k](float x0, float x1, float y0, float y1) {
      ResourceAccess acc;
      acc.kind = k;
      Axis a;
      a.begin = core::kTimeZero;
      a.end = Time{2};
      a.x0 = x0;
      a.width = x1 - x0;
      acc.at = Time{1};
      draw_access(dl, a, acc, y0, y1);
    };
  };
  entry("read", access(ResourceAccess::Kind::kRead));
  entry("write", access(ResourceAccess::Kind::kWrite));
  entry("lost update", access(ResourceAccess::Kind::kLostUpdate));
  entry("rejected write (fencing)", access(ResourceAccess::Kind::kRejected));
  ImGui::NewLine();
}

void draw_lanes(LockTimelineState& state, const PanelContext& ctx, const Resources& res,
                float height) {
  const sim::World& world = ctx.run.world();
  const auto& lanes = state.timeline.lanes();
  float label_w = ImGui::CalcTextSize("waiting, acquiring: SET NX (retry)").x;
  for (const HolderLane& l : lanes)
    label_w = std::max(label_w, ImGui::CalcTextSize((l.name + "  " + l.lock).c_str()).x);
  label_w = std::min(label_w + 12, ImGui::GetContentRegionAvail().x * 0.4f);
  const float row_h = 2 * ImGui::GetTextLineHeightWithSpacing() + 6;

  Axis a = axis_for(state, ctx);
  a.x0 = ImGui::GetCursorScreenPos().x + label_w;
  a.width = std::max(
      40.0f, ImGui::GetContentRegionAvail().x - label_w - ImGui::GetStyle().ScrollbarSize - 4);
  draw_axis(a, label_w);

  if (!ImGui::BeginChild("lanes", ImVec2(0, height), false)) {
    ImGui::EndChild();
    return;
  }
  const int rows = static_cast<int>(lanes.size() + res.nodes.size());
  ImGuiListClipper clipper;
  clipper.Begin(rows, row_h);
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const size_t k = static_cast<size_t>(i);
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::PushID(i);
      ImGui::BeginGroup();
      ImGui::PushClipRect(p, ImVec2(p.x + label_w - 6, p.y + row_h), true);  // long names are cut
      if (k < lanes.size())
        worker_label(world, lanes[k]);
      else
        resource_label(world, res.nodes[k - lanes.size()], res.live[k - lanes.size()]);
      ImGui::PopClipRect();
      ImGui::EndGroup();
      // The clipper steps rows row_h apart: the item plus the spacing after it.
      const float item_h = row_h - ImGui::GetStyle().ItemSpacing.y;
      ImGui::SetCursorScreenPos(p);
      ImGui::Dummy(ImVec2(label_w + a.width, item_h));
      const float y0 = p.y + 1, y1 = p.y + item_h - 1;
      if (k < lanes.size())
        draw_worker_bar(world, lanes[k], a, y0, y1, res);
      else
        draw_resource_bar(world, res.nodes[k - lanes.size()], res.live[k - lanes.size()], a, y0,
                          y1);
      ImGui::PopID();
    }
  ImGui::EndChild();
}

// ---- 6. Redis and memcached keyspaces -----------------------------------------------------

std::string ttl_text(int64_t ttl_ms) {
  if (ttl_ms == -1) return "no expiry (-1)";
  if (ttl_ms == -2) return "expired, not yet removed";
  return fmt::format("{:.3f} s", static_cast<double>(ttl_ms) / 1e3);
}

float key_table_height(size_t rows) {
  const float row = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  return (static_cast<float>(std::clamp<size_t>(rows, 1, kKeyRows)) + 1) * row + 2;
}

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                        ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;

void draw_redis(const sim::World& world, NodeId id) {
  const auto* r = live_as<core::redis::RedisServer>(world, id);
  ImGui::TextColored(theme::vec4(theme::kTextNote), "%s", world.node(id).name.c_str());
  ImGui::SameLine();
  if (r == nullptr || !world.node(id).running()) {
    ImGui::TextDisabled("Redis, %s%s", node_state_text(world, id).c_str(),
                        r == nullptr ? " (a restarted Redis starts empty: no persistence)" : "");
    if (r == nullptr) return;
  } else if (r->is_master()) {
    ImGui::TextDisabled("Redis master, %zu key%s, %llu expired so far (lazy %llu, active %llu)",
                        r->keyspace().size(), r->keyspace().size() == 1 ? "" : "s",
                        static_cast<unsigned long long>(r->expired_keys()),
                        static_cast<unsigned long long>(r->expired_lazy()),
                        static_cast<unsigned long long>(r->expired_active()));
  } else {
    ImGui::TextDisabled("Redis replica of %s (link %s), %zu keys", r->master_host().c_str(),
                        r->master_link_up() ? "up" : "down", r->keyspace().size());
  }
  const Time local = world.local_time(id);
  if (r->keyspace().empty()) {
    ImGui::TextDisabled("  no keys");
    return;
  }
  if (!ImGui::BeginTable("keys", 3, kTableFlags, ImVec2(0, key_table_height(r->keyspace().size()))))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("key");
  ImGui::TableSetupColumn("value");
  ImGui::TableSetupColumn("TTL on its clock (PTTL)", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  // std::map has no random access: walk to the first visible row (the list is short in practice).
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(r->keyspace().size()));
  while (clipper.Step()) {
    auto it = r->keyspace().begin();
    std::advance(it, clipper.DisplayStart);
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i, ++it) {
      const int64_t ttl = r->ttl_ms(it->first, local);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(it->first.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(it->second.value.c_str());
      ImGui::TableNextColumn();
      const ImU32 c = ttl == -1   ? theme::kTextWarn
                      : ttl == -2 ? theme::kTextDim
                                  : theme::kTextPlain;
      ImGui::TextColored(theme::vec4(c), "%s", ttl_text(ttl).c_str());
      if (ttl == -1 && ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "A lock key without expiry is never freed if its holder dies (SETNX then EXPIRE).");
    }
  }
  ImGui::EndTable();
}

void draw_memcached(const sim::World& world, NodeId id) {
  const auto* m = live_as<core::redis::MemcachedServer>(world, id);
  ImGui::TextColored(theme::vec4(theme::kTextNote), "%s", world.node(id).name.c_str());
  ImGui::SameLine();
  if (m == nullptr) {
    ImGui::TextDisabled("memcached, %s", node_state_text(world, id).c_str());
    return;
  }
  ImGui::TextDisabled("memcached, %zu item%s", m->items().size(),
                      m->items().size() == 1 ? "" : "s");
  if (m->items().empty()) return;
  const Time local = world.local_time(id);
  const int64_t unix_now = core::redis::MemcachedServer::unix_seconds(local);
  if (!ImGui::BeginTable("items", 3, kTableFlags, ImVec2(0, key_table_height(m->items().size()))))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("key");
  ImGui::TableSetupColumn("value");
  ImGui::TableSetupColumn("expires", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m->items().size()));
  while (clipper.Step()) {
    auto it = m->items().begin();
    std::advance(it, clipper.DisplayStart);
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i, ++it) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(it->first.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(it->second.value.c_str());
      ImGui::TableNextColumn();
      if (it->second.exptime_unix_s == 0)
        ImGui::TextColored(theme::vec4(theme::kTextWarn), "never");
      else if (!m->live(it->first, local))
        ImGui::TextDisabled("expired, not yet removed");
      else
        ImGui::Text("in %lld s", static_cast<long long>(it->second.exptime_unix_s - unix_now));
    }
  }
  ImGui::EndTable();
}

}  // namespace

// ---- 7. the panel -------------------------------------------------------------------------

void draw_lock_timeline(LockTimelineState& state, const PanelContext& ctx, CommandQueue&) {
  const sim::World& world = ctx.run.world();
  state.timeline.sync(ctx.run);
  const auto& lanes = state.timeline.lanes();
  const std::vector<NodeId> redis = nodes_with<core::redis::RedisServer>(world);
  const std::vector<NodeId> memcached = nodes_with<core::redis::MemcachedServer>(world);
  Resources res;
  res.nodes = nodes_with<ProtectedResource>(world);
  for (NodeId id : res.nodes)
    res.live.push_back(live_as<ProtectedResource>(world, id));

  if (lanes.empty() && redis.empty() && memcached.empty()) {
    ImGui::TextDisabled("No lock worker, Redis or memcached server in this world.");
    return;
  }
  const uint64_t overlaps = state.timeline.total_overlap_episodes();
  uint64_t lost_updates = 0;
  for (const ProtectedResource* r : res.live)
    if (r != nullptr) lost_updates += r->lost_updates();
  ImGui::TextColored(theme::vec4(overlaps > 0 ? theme::kTextBad : theme::kTextGood),
                     "Two holders at once: %llu time%s", static_cast<unsigned long long>(overlaps),
                     overlaps == 1 ? "" : "s");
  ImGui::SameLine(0, 16);
  ImGui::TextColored(theme::vec4(lost_updates > 0 ? theme::kTextBad : theme::kTextGood),
                     "Lost updates: %llu", static_cast<unsigned long long>(lost_updates));
  ImGui::SameLine(0, 16);
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("0 s -> end of run").x + 40);
  if (ImGui::BeginCombo("##range", kRanges[static_cast<size_t>(state.range)].label)) {
    for (size_t i = 0; i < kRanges.size(); ++i)
      if (ImGui::Selectable(kRanges[i].label, static_cast<size_t>(state.range) == i))
        state.range = static_cast<int>(i);
    ImGui::EndCombo();
  }
  draw_legend();

  const bool keys = !redis.empty() || !memcached.empty();
  const float row_h = 2 * ImGui::GetTextLineHeightWithSpacing() + 6;
  const float needed = static_cast<float>(lanes.size() + res.nodes.size()) * row_h + 4;
  const float avail = ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing();
  const float lanes_h =
      keys ? std::min(needed, std::max(avail * 0.62f, 3 * row_h)) : std::max(avail, row_h);
  if (!lanes.empty() || !res.nodes.empty())
    draw_lanes(state, ctx, res, std::min(lanes_h, std::max(needed, row_h)));
  if (!keys) return;
  ImGui::Separator();
  ImGui::TextUnformatted("Keyspace");
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);  // long hints wrap in narrow slots
  ImGui::TextDisabled(
      "(each server's keys; a TTL runs on that server's own clock, so a clock jump moves it)");
  ImGui::PopTextWrapPos();
  for (NodeId id : redis) {
    ImGui::PushID(static_cast<int>(id));
    draw_redis(world, id);
    ImGui::PopID();
  }
  for (NodeId id : memcached) {
    ImGui::PushID(static_cast<int>(id) + 100000);
    draw_memcached(world, id);
    ImGui::PopID();
  }
}

}  // namespace zoolab::gui
