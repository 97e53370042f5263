// GUI logic that needs no display: playback clock, speed meter, map geometry, layout,
// the partition editor's model, the ZooKeeper panels' text helpers.
#include <cmath>

#include <doctest/doctest.h>

#include "gui/layout.h"
#include "gui/map_geometry.h"
#include "gui/panel_partition.h"
#include "gui/playback.h"
#include "gui/speed_meter.h"
#include "gui/zk_view.h"
#include "tests/gui/gui_scenario.h"
#include "tests/support/test_processes.h"

namespace zoolab::gui {
namespace {

TEST_CASE("playback advances simulated time by wall time times speed, and stops at the end") {
  sim::Run run(testing::gui_test_scenario(), 1, testing::test_processes());
  Playback playback;
  playback.advance(run, 0.1);
  CHECK(run.world().now() == core::kTimeZero);  // paused: nothing moves

  playback.set_playing(true);
  playback.set_speed(2.0);
  playback.advance(run, 0.1);
  CHECK(run.world().now() == core::Time{200'000'000});
  CHECK(run.world().events_fired() > 0);

  playback.advance(run, 10.0);  // a stalled frame is clamped
  CHECK(run.world().now() ==
        core::Time{200'000'000 + static_cast<int64_t>(Playback::kMaxFrameSeconds * 2e9)});

  playback.set_speed(1e9);
  CHECK(playback.speed() == Playback::kMaxSpeed);
  for (int i = 0; i < 100 && playback.playing(); ++i)
    playback.advance(run, 0.25);
  CHECK_FALSE(playback.playing());
  CHECK(run.world().now() == run.until());
}

TEST_CASE("speed meter reports events and simulated seconds per wall second") {
  SpeedMeter meter(1.0);
  CHECK_FALSE(meter.report().valid);
  meter.sample(0.0, 0, core::kTimeZero);
  meter.sample(0.5, 500, core::Time{1'000'000'000});
  const SpeedReport r = meter.report();
  REQUIRE(r.valid);
  CHECK(r.events_per_wall_s == doctest::Approx(1000));
  CHECK(r.sim_s_per_wall_s == doctest::Approx(2));

  meter.sample(0.6, 10, core::kTimeZero);  // stepped back: the window restarts
  CHECK_FALSE(meter.report().valid);
}

TEST_CASE("packets glide from the sender's rim to the receiver's, in their own lane") {
  CHECK(travel_fraction(core::Time{100}, core::Time{300}, core::Time{200}) == doctest::Approx(0.5));
  CHECK(travel_fraction(core::Time{100}, core::Time{300}, core::Time{50}) == 0.0f);
  CHECK(travel_fraction(core::Time{100}, core::Time{300}, core::Time{900}) == 1.0f);
  CHECK(travel_fraction(core::Time{100}, core::Time{100}, core::Time{100}) == 1.0f);

  const Vec2 a{0, 0}, b{100, 0};
  const Vec2 start = packet_position(a, b, 0.0f, 10.0f, 0.0f);
  const Vec2 end = packet_position(a, b, 1.0f, 10.0f, 0.0f);
  CHECK(start.x == doctest::Approx(10));
  CHECK(end.x == doctest::Approx(90));
  // Opposite directions use opposite lanes.
  CHECK(packet_position(a, b, 0.5f, 10, 6).y ==
        doctest::Approx(-packet_position(b, a, 0.5f, 10, 6).y));

  const Vec2 top = circle_position(0, 4, Vec2{50, 50}, 10);
  CHECK(top.x == doctest::Approx(50));
  CHECK(top.y == doctest::Approx(40));
}

TEST_CASE("the fixed layout tiles the window without overlaps; tabbed panels share a slot") {
  const float w = 1280, h = 800;
  float area = 0;
  for (SlotId slot : kAllSlots) {
    const Rect r = slot_rect(slot, w, h);
    CHECK(r.w > 0);
    CHECK(r.h > 0);
    CHECK(r.x + r.w <= w);
    CHECK(r.y + r.h <= h);
    area += r.w * r.h;
    for (SlotId other : kAllSlots) {
      if (other == slot) continue;
      const Rect o = slot_rect(other, w, h);
      const bool overlap = r.x < o.x + o.w && o.x < r.x + r.w && r.y < o.y + o.h && o.y < r.y + r.h;
      CHECK_MESSAGE(!overlap, static_cast<int>(slot), " overlaps ", static_cast<int>(other));
    }
  }
  CHECK(area == doctest::Approx(w * h));
  for (PanelId id : kAllPanels) {
    const Rect r = panel_rect(id, w, h);
    const Rect s = slot_rect(panel_slot(id), w, h);
    CHECK(r.x == s.x);
    CHECK(r.w == s.w);
    CHECK(panel_from_name(panel_name(id)) == id);
  }
  CHECK_FALSE(panel_from_name("nope"));
  CHECK(slot_is_tabbed(SlotId::kLowerLeft));
  CHECK(slot_is_tabbed(SlotId::kLowerRight));
  CHECK_FALSE(slot_is_tabbed(SlotId::kMap));
  CHECK(panel_slot(PanelId::kZnodes) == panel_slot(PanelId::kInspector));
  CHECK(panel_slot(PanelId::kConsole) == panel_slot(PanelId::kPartition));
  // The tabbed slots are tall enough for a tab bar, a header and a few rows at 1280x800.
  CHECK(slot_rect(SlotId::kLowerLeft, w, h).h >= 250);
}

TEST_CASE("zkCli prompts, data previews and expiry labels") {
  CHECK(prompt_state("[zk: zk1:2181(CONNECTED) 3] ") == "CONNECTED");
  CHECK(prompt_state("[zk: zk1:2181,zk2:2181(CONNECTING) 0] ") == "CONNECTING");
  CHECK(prompt_state("") == "");
  CHECK(data_preview("hello") == "hello");
  CHECK(data_preview(std::string("a\nb\0c", 5)) == "a.b.c");
  CHECK(data_preview(std::string(40, 'x'), 32) == std::string(32, 'x') + "...");
  CHECK(expiry_label(3402) == "in 3.402 s");
  CHECK(expiry_label(0) == "due now");
  CHECK(expiry_label(-20) == "overdue by 20 ms");
  CHECK(watcher_mode_label(core::zk::WatcherMode::kStandard) == "standard (one-shot)");
}

TEST_CASE("a long caption makes its band taller, within a third of the window") {
  const Rect normal = panel_rect(PanelId::kCaptions, 1280, 800);
  const Rect tall = panel_rect(PanelId::kCaptions, 1280, 800, 200);
  const Rect huge = panel_rect(PanelId::kCaptions, 1280, 800, 5000);
  CHECK(normal.h == kMinCaptionsHeight);
  CHECK(tall.h == 200);
  CHECK(huge.h == doctest::Approx(800.0f / 3).epsilon(0.01));
  // The body moves down with it and still reaches the status bar.
  const Rect map = panel_rect(PanelId::kClusterMap, 1280, 800, 200);
  const Rect inspector = panel_rect(PanelId::kInspector, 1280, 800, 200);
  const Rect status = panel_rect(PanelId::kStatus, 1280, 800, 200);
  CHECK(map.y == tall.y + tall.h);
  CHECK(inspector.y + inspector.h == status.y);
}

TEST_CASE("the partition editor turns group choices into a PartitionNet") {
  PartitionState state;
  state.group_of = {0, 1, 1};
  sim::PartitionNet p = partition_from(state);
  CHECK(p.groups == std::vector<std::vector<core::NodeId>>{{0}, {1, 2}});
  CHECK_FALSE(p.one_way);

  state.group_of = {2, 1, 2};  // A empty: B comes first (the side that cannot send, one-way)
  state.one_way = true;
  p = partition_from(state);
  CHECK(p.groups == std::vector<std::vector<core::NodeId>>{{1}, {0, 2}});
  CHECK(p.one_way);

  state.group_of = {1, 1, 1};
  CHECK(partition_from(state).groups.size() == 1);  // nothing to cut: Apply stays disabled
}

}  // namespace
}  // namespace zoolab::gui
