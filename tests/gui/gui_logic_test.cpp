// GUI logic that needs no display: playback clock, speed meter, map geometry, layout,
// the partition editor's model, the ZooKeeper panels' text helpers, the lock timeline's holder
// spans (fed incrementally from the trace, rebuilt after time travel) and the lock panels'
// helpers (lock node order, percentiles).
#include <cmath>

#include <doctest/doctest.h>

#include "core/locks/lock_worker.h"
#include "gui/layout.h"
#include "gui/lock_view.h"
#include "gui/map_geometry.h"
#include "gui/panel_partition.h"
#include "gui/playback.h"
#include "gui/speed_meter.h"
#include "gui/zk_view.h"
#include "sim/scenario/run.h"
#include "tests/gui/gui_lock_scenario.h"
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

// ---- lock timeline: holder spans ------------------------------------------------------------

sim::TraceRecord rec(NodeId node, double at_s, sim::RecordKind kind, std::string text) {
  sim::TraceRecord r;
  r.node = node;
  r.time = core::Time{static_cast<int64_t>(std::llround(at_s * 1e9))};
  r.kind = kind;
  r.text = std::move(text);
  return r;
}

core::Time secs(double s) {
  return core::Time{static_cast<int64_t>(std::llround(s * 1e9))};
}

TEST_CASE("holder spans follow the worker's cycle; two holders of one lock turn red") {
  using K = sim::RecordKind;
  HolderTimeline t;
  // Lanes a, b contend for lock L; c holds lock M (another key: no overlap with a or b); d has
  // no resource, so its critical section ends with its timer.
  t.reset({{1, "a", "redis-set-nx-ex", "L", true},
           {2, "b", "redis-set-nx-ex", "L", true},
           {3, "c", "redis-cad", "M", true},
           {4, "d", "redis-cad", "M2", false}});
  t.feed(rec(1, 1.0, K::kNote, "lock: acquired (token 5)"));
  t.feed(rec(1, 1.1, K::kDeliver, "from res: resource-reply #1 value 0"));  // the read's reply
  t.feed(rec(1, 1.1, K::kNote, "lock: working on A = 0 for 8s"));
  t.feed(rec(3, 1.5, K::kNote, "lock: acquired"));
  t.feed(rec(2, 2.0, K::kNote, "lock: acquired"));  // a still holds L: overlap
  CHECK(t.overlap_episodes().at("L") == 1);
  CHECK(t.overlap_episodes().at("M") == 0);
  t.feed(rec(1, 3.0, K::kTimer, "critical-section timeout"));  // a writes ...
  CHECK(t.lanes()[0].open());
  t.feed(rec(1, 3.1, K::kDeliver, "from res: resource-reply #2 value 1"));  // ... and is done
  CHECK_FALSE(t.lanes()[0].open());
  t.feed(rec(1, 3.2, K::kNote, "lock: released"));              // already closed: no change
  t.feed(rec(2, 3.5, K::kNote, "lock: lost (lease expired)"));  // while reading:
  CHECK(t.lanes()[1].open());  // it gives up when the read's reply comes
  t.feed(rec(2, 4.0, K::kDeliver, "from res: resource-reply #1 value 1"));
  CHECK_FALSE(t.lanes()[1].open());
  t.feed(rec(3, 4.5, K::kCrash, "process crashes (machine stays up)"));
  t.feed(rec(4, 5.0, K::kNote, "lock: acquired"));
  t.feed(rec(4, 6.0, K::kTimer, "critical-section timeout"));

  const HolderLane& a = t.lanes()[0];
  REQUIRE(a.spans.size() == 1);
  CHECK(a.spans[0].start == secs(1.0));
  CHECK(a.spans[0].end == secs(3.1));
  CHECK(a.spans[0].token == 5);
  REQUIRE(a.spans[0].overlaps.size() == 1);
  CHECK(a.spans[0].overlaps[0].start == secs(2.0));
  CHECK(a.spans[0].overlaps[0].end == secs(3.1));
  const HolderLane& b = t.lanes()[1];
  REQUIRE(b.spans.size() == 1);
  CHECK(b.spans[0].lost);
  CHECK(b.spans[0].end == secs(4.0));
  REQUIRE(b.spans[0].overlaps.size() == 1);
  CHECK(b.spans[0].overlaps[0].start == secs(2.0));
  CHECK(b.spans[0].overlaps[0].end == secs(3.1));  // red only while a held it too
  const HolderLane& c = t.lanes()[2];
  REQUIRE(c.spans.size() == 1);
  CHECK(c.spans[0].crashed);
  CHECK(c.spans[0].end == secs(4.5));
  CHECK(c.spans[0].overlaps.empty());
  const HolderLane& d = t.lanes()[3];
  REQUIRE(d.spans.size() == 1);
  CHECK(d.spans[0].end == secs(6.0));
  CHECK(t.total_overlap_episodes() == 1);

  // A lost lock while working ends the span at once; a rejected write is marked.
  t.feed(rec(1, 7.0, K::kNote, "lock: acquired (token 9)"));
  t.feed(rec(1, 7.1, K::kNote, "lock: working on A = 1 for 1s"));
  t.feed(rec(1, 7.5, K::kNote, "lock: lost (session expired)"));
  CHECK(t.lanes()[0].spans.back().end == secs(7.5));
  t.feed(rec(2, 8.0, K::kNote, "lock: acquired (token 3)"));
  t.feed(rec(2, 8.1, K::kNote, "lock: working on A = 1 for 1s"));
  t.feed(rec(2, 9.1, K::kTimer, "critical-section timeout"));
  t.feed(rec(2, 9.2, K::kDeliver, "from fres: resource-reply #2 rejected: stale token"));
  t.feed(rec(2, 9.2, K::kNote, "lock: the resource rejected my write: stale token"));
  CHECK(t.lanes()[1].spans.back().rejected);
  CHECK(t.lanes()[1].spans.back().end == secs(9.2));
  CHECK(t.total_overlap_episodes() == 1);
}

TEST_CASE("span lookups by time are binary searches over sorted spans") {
  std::vector<HolderSpan> spans(3);
  spans[0].start = secs(1), spans[0].end = secs(2);
  spans[1].start = secs(3), spans[1].end = secs(4);
  spans[2].start = secs(5);  // open
  CHECK(first_span_ending_after(spans, secs(0)) == 0);
  CHECK(first_span_ending_after(spans, secs(2.5)) == 1);
  CHECK(first_span_ending_after(spans, secs(100)) == 2);  // the open one never ends
  CHECK(first_span_starting_at(spans, secs(0)) == 0);
  CHECK(first_span_starting_at(spans, secs(3)) == 1);
  CHECK(first_span_starting_at(spans, secs(3.5)) == 2);
  CHECK(first_span_starting_at(spans, secs(6)) == 3);
}

bool same_spans(const HolderTimeline& x, const HolderTimeline& y) {
  if (x.lanes().size() != y.lanes().size()) return false;
  for (size_t i = 0; i < x.lanes().size(); ++i) {
    const auto& a = x.lanes()[i].spans;
    const auto& b = y.lanes()[i].spans;
    if (a.size() != b.size()) return false;
    for (size_t k = 0; k < a.size(); ++k)
      if (a[k].start != b[k].start || a[k].end != b[k].end ||
          a[k].overlaps.size() != b[k].overlaps.size())
        return false;
  }
  return x.overlap_episodes() == y.overlap_episodes();
}

TEST_CASE("the timeline of a real Redis lock run matches the mutual-exclusion checker") {
  sim::Run run(testing::gui_redis_lock_scenario(), 1, sim::product_processes());
  HolderTimeline incremental;
  // Feed as a playing GUI would: a slice of simulated time per frame.
  for (int64_t ms = 0; ms <= 12'000; ms += 250) {
    run.run_until(core::Time{ms * 1'000'000});
    incremental.sync(run);
  }
  CHECK(incremental.rebuilds() == 1);  // only the first sync built the lanes
  HolderTimeline whole;
  whole.sync(run);
  CHECK(same_spans(incremental, whole));

  size_t mutual = 0;
  for (const auto& v : run.violations())
    if (v.checker == "mutual-exclusion") ++mutual;
  CHECK(mutual >= 1);
  CHECK(whole.total_overlap_episodes() == mutual);
  CHECK(whole.overlap_episodes().at("redis-set-nx-ex lock") == 1);
  CHECK(whole.overlap_episodes().at("redis-cad lock2") == 0);
  const auto lane = [&](const char* name) -> const HolderLane& {
    for (const HolderLane& l : whole.lanes())
      if (l.name == name) return l;
    FAIL("no lane " << name);
    return whole.lanes().front();
  };
  // w1 held from ~0 s to ~8 s, w2 from ~5 s (its lease expired) to ~9 s: red between.
  const HolderLane& w1 = lane("w1");
  const HolderLane& w2 = lane("w2");
  REQUIRE(w1.spans.size() == 1);
  REQUIRE(w2.spans.size() == 1);
  CHECK(w1.spans[0].end > secs(8));
  CHECK(w2.spans[0].start > secs(5));
  REQUIRE(w2.spans[0].overlaps.size() == 1);
  CHECK(w2.spans[0].overlaps[0].start == w2.spans[0].start);
  CHECK(w2.spans[0].overlaps[0].end == w1.spans[0].end);
  CHECK(lane("c1").spans.size() > 10);  // the looping workers: many short spans, never red
  for (const HolderSpan& s : lane("c1").spans)
    CHECK(s.overlaps.empty());
  // Open spans are exactly the workers that believe they hold the lock now.
  for (const HolderLane& l : whole.lanes()) {
    const auto* w = live_as<core::locks::LockWorker>(run.world(), l.node);
    REQUIRE(w != nullptr);
    CHECK(l.open() == w->believes_held());
  }

  // Time travel: back to the middle, the lanes are rebuilt and equal a fresh scan there.
  run.seek(run.world().events_fired() / 2);
  CHECK(incremental.sync(run));
  CHECK(incremental.rebuilds() == 2);
  HolderTimeline fresh;
  fresh.sync(run);
  CHECK(same_spans(incremental, fresh));
  CHECK_FALSE(incremental.sync(run));  // nothing new: no rebuild
}

TEST_CASE("lock helpers: tokens, sequence order, percentiles, durations") {
  CHECK(token_in("lock: acquired (token 42)") == 42);
  CHECK_FALSE(token_in("lock: acquired"));
  CHECK(sequence_of("_c_1b2-lock-0000000012") == 12);
  CHECK(sequence_of("x__lock__0000000003") == 3);
  CHECK_FALSE(sequence_of("lock"));
  std::vector<std::string> names = {"_c_b-lock-0000000002", "lock", "_c_a-lock-0000000010",
                                    "_c_z-lock-0000000001"};
  sort_by_sequence(names);
  CHECK(names == std::vector<std::string>{"_c_z-lock-0000000001", "_c_b-lock-0000000002",
                                          "_c_a-lock-0000000010", "lock"});
  CHECK(short_node_name("_c_94d27fef-d3b1-4910-9dc4-aea520852a74-lock-0000000000") ==
        "_c_94d2...-lock-0000000000");
  CHECK(short_node_name("0123456789abcdef0123456789abcdef__lock__0000000003") ==
        "0123...__lock__0000000003");
  CHECK(short_node_name("lock") == "lock");
  CHECK(short_node_name("_c_short-lock-0000000001") == "_c_short-lock-0000000001");
  CHECK_FALSE(percentile({}, 50));
  CHECK(percentile({5}, 99) == 5);
  CHECK(percentile({4, 1, 3, 2}, 50) == 2);
  CHECK(percentile({4, 1, 3, 2}, 99) == 4);
  std::vector<int64_t> hundred;
  for (int64_t i = 1; i <= 100; ++i)
    hundred.push_back(101 - i);
  CHECK(percentile(hundred, 99) == 99);
  CHECK(percentile(hundred, 50) == 50);
  CHECK(duration_label_us(850) == "850 us");
  CHECK(duration_label_us(1234) == "1.234 ms");
  CHECK(duration_label_us(2'100'000) == "2.10 s");
}

TEST_CASE("the lock and registry tabs know which worlds they belong to") {
  const sim::Run redis(testing::gui_redis_lock_scenario(), 1, sim::product_processes());
  const LockWorldSummary r = summarize_locks(redis.world());
  CHECK(r.lock_workers == 4);
  CHECK(r.zk_lock_workers == 0);
  CHECK(r.redis_servers == 1);
  CHECK(r.resources == 2);
  CHECK(r.registry_processes == 0);
  const sim::Run zk(testing::gui_zk_lock_scenario(), 1, sim::product_processes());
  const LockWorldSummary z = summarize_locks(zk.world());
  CHECK(z.zk_lock_workers == 6);
  CHECK(z.zk_lock_programs == 2);
  const sim::Run reg(testing::gui_registry_scenario(), 1, sim::product_processes());
  CHECK(summarize_locks(reg.world()).registry_processes == 7);
  CHECK(summarize_locks(reg.world()).lock_workers == 0);
  for (const char* name : {"locks", "lock-timeline", "duel", "registry"})
    CHECK(panel_from_name(name).has_value());
}

}  // namespace
}  // namespace zoolab::gui
