// The GUI rendered headless (Xvfb in ./zoolab test): every panel draws a real, non-blank
// image of the requested size, and what a click does (deliver an event, a fault, step back,
// play) works through the app's command API — the same path the panels use. The ZooKeeper
// panels (znode tree, sessions, watches, zkCli console) are drawn over a real server too, the
// ensemble panel over three real quorum peers, and the lock and registry panels over Redis lock
// workers, ZooKeeper lock waiters and Eureka / ZooKeeper registries.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>  // the open popup's window, to aim at its first menu item

#include "core/locks/lock_worker.h"
#include "gui/app.h"
#include "gui/layout.h"
#include "gui/lock_view.h"
#include "gui/screenshot.h"
#include "gui/zk_view.h"
#include "sim/scenario/session_io.h"
#include "tests/gui/gui_ensemble_scenario.h"
#include "tests/gui/gui_lock_scenario.h"
#include "tests/gui/gui_scenario.h"
#include "tests/gui/gui_zk_scenario.h"
#include "tests/support/test_processes.h"

namespace zoolab::gui {
namespace {

bool have_display() {
  const char* d = std::getenv("DISPLAY");
  return d && *d;
}

// with_display.sh skips the whole executable without a display; this guards direct runs.
#define REQUIRE_DISPLAY()                                     \
  if (!have_display()) {                                      \
    MESSAGE("skipped: DISPLAY is not set (use xvfb-run -a)"); \
    return;                                                   \
  }

std::string out_path(const std::string& name) {
  const char* dir = std::getenv("ZOOLAB_GUI_TEST_OUT");
  return std::string(dir && *dir ? dir : ".") + "/" + name;
}

AppOptions headless(int width, int height) {
  AppOptions o;
  o.width = width;
  o.height = height;
  o.headless = true;
  return o;
}

App make_app(AppOptions options = headless(1280, 800)) {
  return App(testing::gui_test_scenario(), testing::test_processes(), options);
}

// Steps until some message is on the wire, so the map has dots to draw.
void step_until_in_flight(App& app) {
  for (int i = 0; i < 10'000 && app.run().world().in_flight().empty(); ++i)
    app.execute(StepForward{});
  REQUIRE_FALSE(app.run().world().in_flight().empty());
}

void check_not_blank(const Image& image, int width, int height) {
  CHECK(image.width == width);
  CHECK(image.height == height);
  CHECK(image.rgb.size() == static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
  CHECK(distinct_colours(image) >= 4);  // background, panel, text, accents
}

TEST_CASE("every panel renders alone at the requested size and is not blank") {
  REQUIRE_DISPLAY();
  for (PanelId id : kAllPanels) {
    CAPTURE(panel_name(id));
    AppOptions options = headless(640, 480);
    options.only_panel = id;
    App app = make_app(options);
    app.advance_to(core::Time{1'500'000'000});  // past the caption, before the partition
    step_until_in_flight(app);
    app.execute(SelectNode{0});  // the inspector has something to show
    const Image image = app.render_still();
    check_not_blank(image, 640, 480);
    CHECK(write_png(image, out_path("panel-" + std::string(panel_name(id)) + ".png")));
  }
}

TEST_CASE("the whole window renders with messages in flight, a pause and a partition") {
  REQUIRE_DISPLAY();
  App app = make_app();
  app.advance_to(core::Time{3'200'000'000});  // zk3 paused, zk1 cut off
  step_until_in_flight(app);
  app.execute(SelectNode{1});
  const Image image = app.render_still();
  check_not_blank(image, 1280, 800);
  CHECK(distinct_colours(image, 1000) > 50);  // text, dots, links, states: a real picture
  CHECK(write_png(image, out_path("window-test-processes.png")));
  CHECK_FALSE(app.run().world().network().blocked_pairs().empty());
  CHECK(app.run().current_caption().has_value());
}

TEST_CASE("clicking a pending event delivers it next, ahead of its turn") {
  REQUIRE_DISPLAY();
  App app = make_app();
  app.advance_to(core::Time{1'200'000'000});
  auto pending = app.run().world().pending_events();
  const auto deliverable = [](const sim::PendingEvent& e) { return !e.blocked; };
  REQUIRE(std::count_if(pending.begin(), pending.end(), deliverable) >= 2);
  const sim::PendingEvent head = pending.front();
  // The last deliverable event: certainly not the one that would fire next.
  const sim::PendingEvent chosen = *std::find_if(pending.rbegin(), pending.rend(), deliverable);
  REQUIRE(chosen.seq != head.seq);
  const uint64_t events_before = app.run().world().events_fired();

  // As the event list does: queue the command during a frame; the app applies it at the end.
  app.queue(Intervene{sim::DeliverEvent{chosen.seq}});
  app.render_frame(0);

  CHECK(app.run().world().events_fired() == events_before + 1);
  pending = app.run().world().pending_events();
  const auto has = [&](uint64_t seq) {
    return std::any_of(pending.begin(), pending.end(), [&](const auto& e) { return e.seq == seq; });
  };
  CHECK_FALSE(has(chosen.seq));
  CHECK(has(head.seq));  // the head was skipped over, not fired
  REQUIRE(app.run().interventions().size() == 1);
  CHECK(app.run().interventions()[0].action == sim::Action{sim::DeliverEvent{chosen.seq}});
}

TEST_CASE("step back restores the previous event count and trace hash; acting then branches") {
  REQUIRE_DISPLAY();
  App app = make_app();
  app.advance_to(core::Time{1'000'000'000});
  const uint64_t events = app.run().world().events_fired();
  const uint64_t hash = app.run().world().trace_hash();
  const uint64_t start_hash = [] {
    sim::Run fresh(testing::gui_test_scenario(), 1, testing::test_processes());
    return fresh.world().trace_hash();
  }();

  app.execute(StepForward{});
  app.execute(StepForward{});
  CHECK(app.run().world().events_fired() == events + 2);
  const uint64_t future_hash = app.run().world().trace_hash();
  app.execute(StepBack{});
  app.execute(StepBack{});
  CHECK(app.run().world().events_fired() == events);
  CHECK(app.run().world().trace_hash() == hash);
  CHECK_FALSE(app.branched_at());
  app.render_frame(0);  // the panels draw the past without trouble

  app.execute(Intervene{sim::CrashNode{1}});  // a different future
  CHECK(app.branched_at() == events);
  CHECK(app.run().world().node(1).state == sim::NodeState::kCrashed);
  app.execute(StepForward{});
  app.execute(StepForward{});
  CHECK(app.run().world().trace_hash() != future_hash);

  app.execute(JumpToStart{});
  CHECK(app.run().world().events_fired() == 0);
  CHECK(app.run().world().trace_hash() == start_hash);
}

TEST_CASE("faults from the machine menu and the partition editor reach the world") {
  REQUIRE_DISPLAY();
  App app = make_app();
  app.advance_to(core::Time{500'000'000});
  app.queue(Intervene{sim::PauseNode{0, core::seconds(1)}});
  app.queue(Intervene{sim::PartitionNet{{{0}, {1, 2}}, true}});
  app.render_frame(0);
  CHECK(app.run().world().paused(0));
  CHECK(app.run().world().network().blocked(0, 1));
  CHECK_FALSE(app.run().world().network().blocked(1, 0));  // one-way
  step_until_in_flight(app);
  CHECK(write_png(app.render_still(), out_path("window-one-way-cut.png")));  // the map's arrow
  app.execute(Intervene{sim::HealNet{}});
  CHECK(app.run().world().network().blocked_pairs().empty());
  app.execute(Intervene{sim::PowerOffNode{2}});
  CHECK(app.run().world().node(2).state == sim::NodeState::kPoweredOff);
  CHECK(app.run().interventions().size() == 4);
}

TEST_CASE("play runs simulated time at the chosen speed until paused") {
  REQUIRE_DISPLAY();
  App app = make_app();
  app.execute(SetSpeed{10.0});
  app.execute(SetPlaying{true});
  for (int i = 0; i < 5; ++i)
    app.render_frame(0.1);  // 5 frames of 0.1 s at 10x
  CHECK(app.run().world().now() == core::Time{5'000'000'000});
  CHECK(app.run().world().events_fired() > 0);
  app.execute(SetPlaying{false});
  app.render_frame(0.1);
  CHECK(app.run().world().now() == core::Time{5'000'000'000});
  CHECK(app.speed().valid);
}

// One press-and-release with the synthetic mouse (two frames, as a real click spans them).
void click(App& app, float x, float y, bool right = false) {
  app.set_synthetic_mouse(SyntheticMouse{x, y, !right, right});
  app.render_frame(0);
  app.set_synthetic_mouse(SyntheticMouse{x, y, false, false});
  app.render_frame(0);
}

TEST_CASE("hovering everywhere, then real clicks: select a machine, crash it from its menu") {
  REQUIRE_DISPLAY();
  App app = make_app();
  app.advance_to(core::Time{3'200'000'000});
  step_until_in_flight(app);
  app.render_frame(0);  // lays out the map

  // Tooltips of every panel (packets, machines, events, buttons) draw without trouble.
  for (float y = 5; y < 800; y += 100)
    for (float x = 5; x < 1280; x += 160) {
      app.set_synthetic_mouse(SyntheticMouse{x, y, false, false});
      app.render_frame(0);
    }

  const auto& centres = app.cluster_map().machine_centres;
  REQUIRE(centres.size() == 3);
  click(app, centres[2].x, centres[2].y);
  CHECK(app.selected() == core::NodeId{2});

  REQUIRE(app.run().world().node(0).running());
  click(app, centres[0].x, centres[0].y, /*right=*/true);
  app.render_frame(0);  // a popup sizes itself in its first frames
  app.render_frame(0);
  ImGuiContext& g = *ImGui::GetCurrentContext();
  REQUIRE(g.OpenPopupStack.Size == 1);
  REQUIRE(g.OpenPopupStack.back().Window != nullptr);
  const ImVec2 menu = g.OpenPopupStack.back().Window->Pos;
  // Walk down the menu: the title and separator ignore clicks, the first item is "Crash".
  for (float dy = 4; dy < 80 && app.run().world().node(0).running(); dy += 3)
    click(app, menu.x + 40, menu.y + dy);
  CHECK(app.run().world().node(0).state == sim::NodeState::kCrashed);
  REQUIRE(app.run().interventions().size() == 1);
  CHECK(app.run().interventions()[0].action == sim::Action{sim::CrashNode{0}});
}

TEST_CASE("a real click on a row of the event list delivers that event") {
  REQUIRE_DISPLAY();
  AppOptions options = headless(900, 600);
  options.only_panel = PanelId::kEvents;
  App app = make_app(options);
  app.advance_to(core::Time{1'200'000'000});
  app.render_frame(0);
  const uint64_t before = app.run().world().events_fired();
  // Walk down the list from the top of the window until a click lands on a deliverable row.
  for (float y = 10; y < 300 && app.run().interventions().empty(); y += 4)
    click(app, 60, y);
  REQUIRE(app.run().interventions().size() == 1);
  CHECK(std::holds_alternative<sim::DeliverEvent>(app.run().interventions()[0].action));
  CHECK(app.run().world().events_fired() == before + 1);
}

// ---- the ZooKeeper panels over a real server -------------------------------------------------

App make_zk_app(AppOptions options = headless(1280, 800)) {
  return App(testing::gui_zk_scenario(), sim::product_processes(), options);
}

const core::zk::ZooKeeperServer& server_of(const App& app) {
  const auto* zk = zk_server(app.run().world(), *app.run().scenario().find("zk1"));
  REQUIRE(zk != nullptr);
  return *zk;
}

std::vector<std::string> console_text(const App& app, const char* client) {
  std::vector<std::string> out;
  const auto it = app.console().logs.find(*app.run().scenario().find(client));
  if (it == app.console().logs.end()) return out;
  for (const auto& line : it->second.lines)
    out.push_back((line.kind == ConsoleState::LineKind::kTyped ? "> " : "") + line.text);
  return out;
}

bool contains(const std::vector<std::string>& lines, const std::string& s) {
  return std::find(lines.begin(), lines.end(), s) != lines.end();
}

TEST_CASE("the scenario's server really holds the sessions, znodes and watches the panels show") {
  REQUIRE_DISPLAY();
  App app = make_zk_app();
  app.advance_to(core::Time{2'000'000'000});
  const auto& zk = server_of(app);
  CHECK(zk.sessions().sessions().size() == 2);
  CHECK(zk.tree().find("/a") != core::zk::DataTree::kNone);
  CHECK(zk.tree().find("/e") != core::zk::DataTree::kNone);
  CHECK(zk.tree().ephemeral_count() == 2);
  CHECK(zk.watches().data.count() >= 1);
  CHECK(zk.watches().child.count() >= 1);
}

TEST_CASE("every panel renders alone over a ZooKeeper server with zkCli clients") {
  REQUIRE_DISPLAY();
  for (PanelId id : kAllPanels) {
    CAPTURE(panel_name(id));
    AppOptions options = headless(900, 560);
    options.only_panel = id;
    App app = make_zk_app(options);
    app.advance_to(core::Time{2'000'000'000});
    app.execute(SelectNode{*app.run().scenario().find("zk1")});
    const Image image = app.render_still();
    check_not_blank(image, 900, 560);
    CHECK(write_png(image, out_path("zk-panel-" + std::string(panel_name(id)) + ".png")));
  }
}

TEST_CASE("the whole window brings the ZooKeeper tabs forward, and the console follows a client") {
  REQUIRE_DISPLAY();
  App app = make_zk_app();
  app.advance_to(core::Time{1'200'000'000});
  const Image image = app.render_still();
  check_not_blank(image, 1280, 800);
  CHECK(write_png(image, out_path("window-zookeeper.png")));
  CHECK(app.shown_tab(SlotId::kLowerLeft) == PanelId::kZnodes);
  CHECK(app.shown_tab(SlotId::kLowerRight) == PanelId::kConsole);

  app.execute(SelectNode{*app.run().scenario().find("c2")});
  app.render_frame(0);
  app.render_frame(0);
  CHECK(app.console().client == *app.run().scenario().find("c2"));
  CHECK(app.shown_tab(SlotId::kLowerLeft) == PanelId::kZnodes);  // a client: only the console
  const auto c2 = console_text(app, "c2");
  CHECK(contains(c2, "> create /b"));
  CHECK(contains(c2, "Created /b"));
  CHECK(contains(c2, "> nosuchcommand"));
  // Output of the command comes after the typed line.
  const auto typed = std::find(c2.begin(), c2.end(), "> create /b");
  const auto created = std::find(c2.begin(), c2.end(), "Created /b");
  CHECK(typed < created);
  const auto& log = app.console().logs.at(*app.run().scenario().find("c2")).lines;
  CHECK(std::any_of(log.begin(), log.end(), [](const ConsoleState::Line& l) {
    return l.kind == ConsoleState::LineKind::kErr &&
           l.text.find("nosuchcommand") != std::string::npos;
  }));
}

TEST_CASE("without a ZooKeeper server the inspector and the partition editor are in front") {
  REQUIRE_DISPLAY();
  App app = make_app();
  app.render_still();
  CHECK(app.shown_tab(SlotId::kLowerLeft) == PanelId::kInspector);
  CHECK(app.shown_tab(SlotId::kLowerRight) == PanelId::kPartition);
}

TEST_CASE("the console index grows incrementally and starts over after time travel") {
  REQUIRE_DISPLAY();
  App app = make_zk_app();
  app.advance_to(core::Time{450'000'000});
  app.render_frame(0);
  const size_t rebuilds = app.console().rebuilds;
  CHECK(contains(console_text(app, "c1"), "Created /a"));
  CHECK_FALSE(contains(console_text(app, "c1"), "hello"));  // get -w /a comes at 500 ms
  app.advance_to(core::Time{700'000'000});
  app.render_frame(0);
  CHECK(app.console().rebuilds == rebuilds);  // only the new chunks were indexed
  CHECK(contains(console_text(app, "c1"), "> get -w /a"));
  CHECK(contains(console_text(app, "c1"), "hello"));

  const auto before = console_text(app, "c1");
  for (int i = 0; i < 40; ++i)
    app.execute(StepBack{});
  app.render_frame(0);
  CHECK(app.console().rebuilds == rebuilds + 1);
  for (int i = 0; i < 40; ++i)
    app.execute(StepForward{});
  app.render_frame(0);
  CHECK(console_text(app, "c1") == before);  // the same history, indexed again
}

// Keys as the GLFW backend reports them (ImGui 1.86: io.KeysDown indexed by the backend's codes).
void press(App& app, ImGuiKey key) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[io.KeyMap[key]] = true;
  app.render_frame(0);
  io.KeysDown[io.KeyMap[key]] = false;
  app.render_frame(0);
}

TEST_CASE("typing into the console sends a TypeLine; up and down walk the history") {
  REQUIRE_DISPLAY();
  AppOptions options = headless(900, 560);
  options.only_panel = PanelId::kConsole;
  App app = make_zk_app(options);
  app.advance_to(core::Time{2'000'000'000});
  app.render_frame(0);
  click(app, 450, 545);  // the input line sits at the bottom of the panel
  ImGui::GetIO().AddInputCharactersUTF8("get /a");
  app.render_frame(0);
  press(app, ImGuiKey_Enter);
  REQUIRE(app.run().interventions().size() == 1);
  CHECK(app.run().interventions()[0].action ==
        sim::Action{sim::TypeLine{*app.run().scenario().find("c1"), "get /a"}});
  CHECK(app.console().history == std::vector<std::string>{"get /a"});
  CHECK(std::string(app.console().input.data()).empty());

  app.advance_to(core::Time{2'500'000'000});  // the reply arrives
  app.render_frame(0);
  const auto c1 = console_text(app, "c1");
  REQUIRE(c1.size() >= 2);
  CHECK(c1[c1.size() - 2] == "> get /a");
  CHECK(c1.back() == "hello");

  press(app, ImGuiKey_UpArrow);
  CHECK(std::string(app.console().input.data()) == "get /a");
  press(app, ImGuiKey_DownArrow);
  CHECK(std::string(app.console().input.data()).empty());
}

// ---- the ensemble panel over three quorum peers ----------------------------------------------

App make_ensemble_app(AppOptions options = headless(1280, 800)) {
  return App(testing::gui_ensemble_scenario(), sim::product_processes(), options);
}

NodeId node_named(const App& app, const char* name) {
  const auto id = app.run().scenario().find(name);
  REQUIRE(id.has_value());
  return *id;
}

const EnsembleState::Card& card(const App& app, const char* name) {
  const NodeId id = node_named(app, name);
  const auto& cards = app.ensemble().cards;
  const auto it =
      std::find_if(cards.begin(), cards.end(), [&](const auto& c) { return c.node == id; });
  REQUIRE(it != cards.end());
  return *it;
}

TEST_CASE("every panel renders alone over a three-server ensemble") {
  REQUIRE_DISPLAY();
  for (PanelId id : kAllPanels) {
    CAPTURE(panel_name(id));
    AppOptions options = headless(900, 560);
    options.only_panel = id;
    App app = make_ensemble_app(options);
    app.advance_to(core::Time{6'000'000'000});
    const Image image = app.render_still();
    check_not_blank(image, 900, 560);
    CHECK(write_png(image, out_path("ensemble-panel-" + std::string(panel_name(id)) + ".png")));
  }
}

TEST_CASE("the ensemble panel shows one leader, its followers, the election and the log") {
  REQUIRE_DISPLAY();
  AppOptions options = headless(1280, 800);
  options.only_panel = PanelId::kEnsemble;
  App app = make_ensemble_app(options);

  // zk1 alone: it votes for itself and stays LOOKING.
  app.advance_to(core::Time{900'000'000});
  app.render_frame(0);
  REQUIRE(app.ensemble().cards.size() == 3);
  CHECK(card(app, "zk1").running);
  CHECK(card(app, "zk1").view.state == core::zab::PeerState::kLooking);
  CHECK(card(app, "zk1").vote.id == 1);
  CHECK_FALSE(card(app, "zk2").running);  // not started yet
  CHECK(app.ensemble().leaders == 0);

  // Both writes are committed everywhere; zk2 (the higher id of the first two) leads.
  app.advance_to(core::Time{6'000'000'000});
  const Image image = app.render_still();
  check_not_blank(image, 1280, 800);
  CHECK(write_png(image, out_path("ensemble-window-panel.png")));
  const auto& s = app.ensemble();
  CHECK(s.leaders == 1);
  CHECK(card(app, "zk2").view.state == core::zab::PeerState::kLeading);
  CHECK(card(app, "zk1").view.state == core::zab::PeerState::kFollowing);
  CHECK(card(app, "zk3").view.state == core::zab::PeerState::kFollowing);
  CHECK(card(app, "zk2").view.learners.size() == 2);
  CHECK(card(app, "zk1").view.last_committed == card(app, "zk2").view.last_committed);
  CHECK(card(app, "zk1").view.current_epoch == 1);
  // With nothing chosen, the panel shows the leader's election and log.
  CHECK(s.server == node_named(app, "zk2"));
  CHECK_FALSE(s.steps.empty());
  REQUIRE(s.log.size() >= 3);  // the session and the two creates
  CHECK(s.log.back().committed);

  // Drawing again without a change reuses the views; one event rebuilds them once.
  const uint64_t rebuilds = s.rebuilds;
  app.render_frame(0);
  app.render_frame(0);
  CHECK(app.ensemble().rebuilds == rebuilds);
  app.execute(StepForward{});
  app.render_frame(0);
  app.render_frame(0);
  CHECK(app.ensemble().rebuilds == rebuilds + 1);

  // Selecting zk3 on the map shows its election: it joined through outofelection.
  app.execute(SelectNode{node_named(app, "zk3")});
  app.render_frame(0);
  CHECK(app.ensemble().server == node_named(app, "zk3"));
  const auto& votes = app.ensemble().votes;
  CHECK(std::any_of(votes.begin(), votes.end(), [](const auto& v) { return v.out_of_election; }));

  // Time travel back into the first election (zk2 started at 1 s, finalizeWait is 200 ms)
  // draws the past: both peers LOOKING, no leader, the election steps of that moment.
  for (int i = 0; i < 1000 && app.run().world().now() > core::Time{1'100'000'000}; ++i)
    app.execute(StepBack{});
  REQUIRE(app.run().world().now() > core::Time{1'000'000'000});
  app.execute(SelectNode{node_named(app, "zk1")});
  CHECK(write_png(app.render_still(), out_path("ensemble-panel-back.png")));
  CHECK(app.ensemble().leaders == 0);
  CHECK(card(app, "zk1").view.state == core::zab::PeerState::kLooking);
  CHECK(card(app, "zk2").view.state == core::zab::PeerState::kLooking);
  CHECK_FALSE(card(app, "zk3").running);
  CHECK(app.ensemble().server == node_named(app, "zk1"));
  CHECK_FALSE(app.ensemble().steps.empty());
}

TEST_CASE("a real click on a server's column header shows that server's details") {
  REQUIRE_DISPLAY();
  AppOptions options = headless(1280, 800);
  options.only_panel = PanelId::kEnsemble;
  App app = make_ensemble_app(options);
  app.advance_to(core::Time{6'000'000'000});
  app.render_frame(0);
  app.render_frame(0);
  REQUIRE(app.ensemble().server == node_named(app, "zk2"));
  // The header row sits at the top of the panel; zk1's column is the first after the labels.
  const NodeId zk1 = node_named(app, "zk1");
  for (float y = 20; y < 90 && app.ensemble().server != zk1; y += 3)
    click(app, 200, y);
  CHECK(app.ensemble().server == zk1);
  CHECK(app.run().interventions().empty());  // looking changes nothing in the world
}

TEST_CASE("the whole window brings the ensemble tab forward when there are several servers") {
  REQUIRE_DISPLAY();
  App app = make_ensemble_app();
  app.advance_to(core::Time{6'000'000'000});
  const Image image = app.render_still();
  check_not_blank(image, 1280, 800);
  CHECK(write_png(image, out_path("window-ensemble.png")));
  CHECK(app.shown_tab(SlotId::kLowerLeft) == PanelId::kEnsemble);
}

// ---- the lock and registry panels -------------------------------------------------------------

App make_world_app(std::shared_ptr<const sim::Scenario> scenario,
                   AppOptions options = headless(1280, 800)) {
  return App(std::move(scenario), sim::product_processes(), options);
}

constexpr std::array kLockPanels = {PanelId::kLockWaiters, PanelId::kLockTimeline, PanelId::kDuel,
                                    PanelId::kRegistry};

TEST_CASE("the lock and registry panels render alone over every kind of world") {
  REQUIRE_DISPLAY();
  struct World {
    const char* name;
    std::shared_ptr<const sim::Scenario> scenario;
    int64_t at_ms;
  };
  const World worlds[] = {{"redis", testing::gui_redis_lock_scenario(), 6'000},
                          {"zk", testing::gui_zk_lock_scenario(), 2'000},
                          {"registry", testing::gui_registry_scenario(), 65'000},
                          {"plain", testing::gui_test_scenario(), 1'500}};
  for (const World& w : worlds)
    for (PanelId id : kLockPanels) {
      CAPTURE(w.name);
      CAPTURE(panel_name(id));
      AppOptions options = headless(900, 560);
      options.only_panel = id;
      App app =
          w.name == std::string("plain") ? make_app(options) : make_world_app(w.scenario, options);
      app.advance_to(core::Time{w.at_ms * 1'000'000});
      const Image image = app.render_still();
      check_not_blank(image, 900, 560);
      CHECK(write_png(
          image, out_path(std::string(w.name) + "-panel-" + std::string(panel_name(id)) + ".png")));
    }
}

TEST_CASE("the lock timeline shows two holders of the Redis lock and follows time travel") {
  REQUIRE_DISPLAY();
  AppOptions options = headless(1280, 800);
  options.only_panel = PanelId::kLockTimeline;
  App app = make_world_app(testing::gui_redis_lock_scenario(), options);
  app.advance_to(core::Time{6'000'000'000});
  CHECK(write_png(app.render_still(), out_path("lock-timeline-6s.png")));
  const HolderTimeline& t = app.lock_timeline().timeline;
  CHECK(t.overlap_episodes().at("redis-set-nx-ex lock") == 1);
  const uint64_t rebuilds = t.rebuilds();
  const size_t fed = t.records_fed();
  // Play on: only the new records are read.
  app.advance_to(core::Time{10'000'000'000});
  app.render_frame(0);
  CHECK(t.rebuilds() == rebuilds);
  CHECK(t.records_fed() > fed);
  CHECK(t.records_fed() == app.run().trace().records.size());
  // Back in time: the lanes are rebuilt from the start of the trace.
  app.execute(StepBack{});
  app.render_frame(0);
  CHECK(t.rebuilds() == rebuilds + 1);
  CHECK(t.records_fed() == app.run().trace().records.size());
}

TEST_CASE("the duel summary counts acquisitions, lost updates and the lock checkers' findings") {
  REQUIRE_DISPLAY();
  AppOptions options = headless(1280, 800);
  options.only_panel = PanelId::kDuel;
  App app = make_world_app(testing::gui_redis_lock_scenario(), options);
  app.advance_to(core::Time{12'000'000'000});
  CHECK(write_png(app.render_still(), out_path("duel-12s.png")));
  const DuelState& d = app.duel();
  REQUIRE(d.workers.size() == 4);
  REQUIRE(d.resources.size() == 2);
  uint64_t acquisitions = 0;
  for (const auto& w : d.workers) {
    acquisitions += w.acquisitions;
    if (w.acquisitions > 0) CHECK(w.p50_us.has_value());
  }
  CHECK(acquisitions > 10);
  CHECK(d.resources[0].name == "res");
  CHECK(d.resources[0].lost_updates == 1);
  CHECK(d.resources[1].lost_updates == 0);
  size_t mutual = 0, lost = 0;
  for (size_t i : d.violations) {
    const auto& v = app.run().violations()[i];
    mutual += v.checker == "mutual-exclusion";
    lost += v.checker == "lost-update";
  }
  CHECK(mutual == 1);
  CHECK(lost == 1);
  // Going back before the findings drops them from the table.
  app.execute(JumpToStart{});
  app.render_frame(0);
  CHECK(app.duel().violations.empty());
}

TEST_CASE("the lock waiters panel shows the chain: holder, each waiter watching its predecessor") {
  REQUIRE_DISPLAY();
  AppOptions options = headless(1280, 800);
  options.only_panel = PanelId::kLockWaiters;
  App app = make_world_app(testing::gui_zk_lock_scenario(), options);
  app.advance_to(core::Time{2'000'000'000});
  CHECK(write_png(app.render_still(), out_path("lock-waiters-2s.png")));
  const LockWaitersState& s = app.lock_waiters();
  const auto lock = [&](const std::string& path) -> const LockWaitersState::Lock& {
    for (const auto& l : s.locks)
      if (l.path == path) return l;
    FAIL("no lock " << path);
    return s.locks.front();
  };
  const auto& job = lock("/locks/job");
  REQUIRE(job.nodes.size() == 3);
  CHECK(job.tree_source == "zk1");
  CHECK(job.nodes[0].first);
  CHECK(job.nodes[0].held_by == std::vector<std::string>{"w1"});
  CHECK(job.nodes[0].session_owner == "w1");
  CHECK(job.nodes[0].watched_by == std::vector<std::string>{"w2"});
  CHECK(job.nodes[1].watched_by == std::vector<std::string>{"w3"});
  CHECK(job.nodes[2].watched_by.empty());
  CHECK(job.warnings.empty());
  // The naive lock: one node, both waiters watch it (the herd).
  const auto& naive = lock("/locks/naive");
  REQUIRE(naive.nodes.size() == 1);
  CHECK(naive.nodes[0].held_by == std::vector<std::string>{"n1"});
  CHECK(naive.nodes[0].watched_by.size() == 2);
  // The recipes' zk-lock programs.
  const auto& parent = lock("/ParentLock");
  REQUIRE(parent.nodes.size() == 2);
  CHECK(parent.nodes[0].held_by == std::vector<std::string>{"p1"});
  CHECK(parent.nodes[0].watched_by == std::vector<std::string>{"p2"});
  for (const auto& c : s.clients) {
    CAPTURE(c.name);
    CHECK(c.session_state == "CONNECTED");
    CHECK(c.session_id != 0);
  }
  // After w1 released, w2 holds and w3 still watches w2's node; w1's node is gone.
  app.advance_to(core::Time{4'500'000'000});
  app.render_frame(0);
  const auto& later = lock("/locks/job");
  REQUIRE(later.nodes.size() == 2);
  CHECK(later.nodes[0].held_by == std::vector<std::string>{"w2"});
  CHECK(later.nodes[0].watched_by == std::vector<std::string>{"w3"});
}

TEST_CASE("the registry panel marks instances of crashed providers as stale") {
  REQUIRE_DISPLAY();
  AppOptions options = headless(1280, 800);
  options.only_panel = PanelId::kRegistry;
  App app = make_world_app(testing::gui_registry_scenario(), options);
  app.advance_to(core::Time{35'000'000'000});
  app.render_frame(0);
  CHECK(app.registry().stale_entries == 0);
  REQUIRE(app.registry().servers.size() == 2);
  CHECK(app.registry().servers[0].view.leases.size() == 2);
  CHECK(app.registry().zk_instances.size() == 2);
  // p1 and z1 crashed at 40 s: Eureka keeps the lease (90 s), ZooKeeper the ephemeral node until
  // the 30 s session expires.
  app.advance_to(core::Time{65'000'000'000});
  CHECK(write_png(app.render_still(), out_path("registry-65s.png")));
  const RegistryState& r = app.registry();
  CHECK(r.down_providers.count("orders/orders-1") == 1);
  CHECK(r.down_providers.count("orders/orders-z1") == 1);
  CHECK(r.stale_entries >= 3);  // e1, e2 and the ZooKeeper node
  bool c1_sees_stale = false;
  for (const auto& c : r.clients)
    if (c.name == "c1")
      c1_sees_stale = std::find(c.sees.begin(), c.sees.end(), "orders-1") != c.sees.end();
  CHECK(c1_sees_stale);
}

TEST_CASE("lock and registry worlds offer their tabs and bring them forward; others do not") {
  REQUIRE_DISPLAY();
  {
    App app = make_world_app(testing::gui_redis_lock_scenario());
    app.advance_to(core::Time{6'000'000'000});
    const Image image = app.render_still();
    check_not_blank(image, 1280, 800);
    CHECK(write_png(image, out_path("window-redis-locks.png")));
    CHECK(app.shown_tab(SlotId::kLowerLeft) == PanelId::kLockTimeline);
    CHECK(app.tab_available(PanelId::kDuel));
    CHECK_FALSE(app.tab_available(PanelId::kLockWaiters));
    CHECK_FALSE(app.tab_available(PanelId::kZnodes));
    CHECK_FALSE(app.tab_available(PanelId::kRegistry));
  }
  {
    App app = make_world_app(testing::gui_zk_lock_scenario());
    app.advance_to(core::Time{2'000'000'000});
    CHECK(write_png(app.render_still(), out_path("window-zk-locks.png")));
    CHECK(app.shown_tab(SlotId::kLowerLeft) == PanelId::kLockWaiters);
    CHECK(app.tab_available(PanelId::kZnodes));
    CHECK(app.tab_available(PanelId::kLockTimeline));
  }
  {
    App app = make_world_app(testing::gui_registry_scenario());
    app.advance_to(core::Time{65'000'000'000});
    CHECK(write_png(app.render_still(), out_path("window-registry.png")));
    CHECK(app.shown_tab(SlotId::kLowerLeft) == PanelId::kRegistry);
    CHECK_FALSE(app.tab_available(PanelId::kDuel));
  }
  {
    App app = make_app();
    app.render_still();
    for (PanelId id : kLockPanels)
      CHECK_FALSE(app.tab_available(id));
  }
}

}  // namespace
}  // namespace zoolab::gui

// ---- saved sessions from the window -------------------------------------------------------------

namespace zoolab::gui {
namespace {

TEST_CASE("Save writes the session atomically; opening it replays the same run; --lang hides a caption language") {
  REQUIRE_DISPLAY();
  // One App (one ImGui context) at a time, as in the program.
  const std::string path = out_path("gui-saved.session.json");
  std::filesystem::remove(path);
  uint64_t events = 0, hash = 0;
  {
    AppOptions options = headless(800, 600);
    options.session_path = path;
    options.source_path = "gui-test.zls";
    App app = make_app(options);
    for (int i = 0; i < 200; ++i) app.execute(StepForward{});
    app.execute(Intervene{sim::CrashNode{1}});
    for (int i = 0; i < 200; ++i) app.execute(StepForward{});
    app.execute(SaveSession{});
    CHECK(app.notice() == "saved to " + path + " (1 interventions)");
    events = app.run().world().events_fired();
    hash = app.run().world().trace_hash();
    const sim::SavedSession saved = sim::load_session_file(path);
    CHECK(saved.interventions == app.run().interventions());
    CHECK(saved.scenario_file == "gui-test.zls");
  }
  {
    // Opened again (as zoolab-gui FILE.json does), the run reaches the same trace hash.
    const sim::SavedSession saved = sim::load_session_file(path);
    AppOptions again = headless(800, 600);
    again.interventions = saved.interventions;
    again.seed = saved.seed;
    App replay = make_app(again);
    while (replay.run().world().events_fired() < events) replay.execute(StepForward{});
    CHECK(replay.run().world().trace_hash() == hash);
  }
  {
    // Without a session path Save says how to get one, and writes nothing.
    App unsaved = make_app(headless(800, 600));
    unsaved.execute(SaveSession{});
    CHECK(unsaved.notice().find("--save-to") != std::string::npos);
  }
  {
    AppOptions zh_only = headless(800, 600);
    zh_only.caption_lang = "zh";
    App zh = make_app(zh_only);
    zh.advance_to(core::Time{1'500'000'000});  // past the scenario's first caption
    check_not_blank(zh.render_still(), 800, 600);
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace zoolab::gui
