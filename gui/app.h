// The application shell: owns the window, the fonts, the run and every panel's state; draws
// the panels in a fixed layout, then applies what they asked for (panels never touch the run).
// Used by zoolab-gui (interactive and screenshot mode) and by the GUI tests.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/base/time.h"
#include "gui/fonts.h"
#include "gui/layout.h"
#include "gui/panel_captions.h"
#include "gui/panel_cluster_map.h"
#include "gui/panel_console.h"
#include "gui/panel_controls.h"
#include "gui/panel_duel.h"
#include "gui/panel_ensemble.h"
#include "gui/panel_event_list.h"
#include "gui/panel_inspector.h"
#include "gui/panel_lock_timeline.h"
#include "gui/panel_lock_waiters.h"
#include "gui/panel_partition.h"
#include "gui/panel_registry.h"
#include "gui/panel_sessions.h"
#include "gui/panel_status.h"
#include "gui/panel_watches.h"
#include "gui/panel_znode_tree.h"
#include "gui/playback.h"
#include "gui/screenshot.h"
#include "gui/speed_meter.h"
#include "gui/ui_command.h"
#include "gui/window.h"
#include "sim/scenario/run.h"

namespace zoolab::gui {

struct AppOptions {
  int width = 1280;
  int height = 800;
  bool headless = false;              // hidden window: tests and screenshots
  std::optional<PanelId> only_panel;  // draw just this panel, over the whole window
  uint64_t seed = 1;
  std::optional<core::Time> until;  // overrides the scenario's end
  std::vector<sim::Intervention> interventions;  // a saved session's, replayed as recorded
  bool play = false;                 // start playing at once (the demo)
  std::string source_path;           // the scenario or session file, named in saved sessions
  std::string session_path;          // where Save session writes ("" = none offered)
  std::string caption_lang = "both"; // captions: en, zh or both
};

class App {
 public:
  // Throws std::runtime_error (unknown program kind), DisplayUnavailable (no display).
  App(std::shared_ptr<const sim::Scenario> scenario, const sim::ProcessRegistry& registry,
      AppOptions options);
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // The interactive loop, until the window is closed. Returns the process exit status.
  int run_interactive();
  // One frame: advances playback by `wall_dt_s`, draws every panel, renders into the back
  // buffer, then applies the panels' commands (they show from the next frame on).
  void render_frame(double wall_dt_s);
  void present();
  // Renders `frames` frames (ImGui settles its layout in the first ones) and returns the
  // last one as an image, read before it is presented.
  Image render_still(int frames = 3);

  // Runs the simulation up to `t` without drawing (screenshot mode), measuring its speed.
  void advance_to(core::Time t);
  // What a click in a panel does; the tests drive the app through this too.
  void execute(const UiCommand& command);
  // Queues a command as a panel would; it is applied at the end of the next frame.
  template <class Command>
  void queue(Command command) {
    commands_.push(std::move(command));
  }

  // Tests: the mouse the next frames see instead of the real one (nullopt: the real one).
  void set_synthetic_mouse(std::optional<SyntheticMouse> mouse) { synthetic_mouse_ = mouse; }
  const ClusterMapState& cluster_map() const { return map_; }
  const ConsoleState& console() const { return console_; }
  const EnsembleState& ensemble() const { return ensemble_; }
  const LockWaitersState& lock_waiters() const { return lock_waiters_; }
  const LockTimelineState& lock_timeline() const { return lock_timeline_; }
  const DuelState& duel() const { return duel_; }
  const RegistryState& registry() const { return registry_; }
  // Whether the panel's tab is offered: the ZooKeeper, lock and registry tabs appear only when
  // the world has the programs they show.
  bool tab_available(PanelId id) const;
  // Shows this znode in the znode tree (its ancestors expanded), as a click on it would.
  void select_znode(const std::string& path);
  // The tab each tabbed slot showed in the last frame.
  std::optional<PanelId> shown_tab(SlotId slot) const;

  const sim::Run& run() const { return run_; }
  const Playback& playback() const { return playback_; }
  std::optional<core::NodeId> selected() const { return selected_; }
  std::optional<uint64_t> branched_at() const { return branched_at_; }
  // The last Save session outcome ("saved to x.json (3 interventions)" or the error).
  const std::string& notice() const { return notice_; }
  SpeedReport speed() const { return speed_.report(); }

 private:
  void draw_panels();
  void draw_panel(PanelId id, Rect where, const PanelContext& ctx);
  void draw_tabbed_slot(SlotId slot, Rect where, const PanelContext& ctx);
  void draw_contents(PanelId id, const PanelContext& ctx);
  void choose_tabs();  // which tab to bring forward this frame (first frame, new selection)
  void apply_intervention(const sim::Action& action);
  void save_session();
  void note_progress();  // after anything that moved the run
  double wall_seconds() const;

  AppOptions options_;
  sim::Run run_;  // before the window: a bad scenario fails before a window flashes up
  Window window_;
  Fonts fonts_;
  Playback playback_;
  SpeedMeter speed_;
  CommandQueue commands_;
  std::optional<core::NodeId> selected_;
  std::optional<uint64_t> branched_at_;
  std::string notice_;
  std::optional<SyntheticMouse> synthetic_mouse_;
  bool acted_last_frame_ = false;  // a panel's command ran: redraw without waiting for input
  uint64_t furthest_event_ = 0;    // how far this timeline has been seen (branch detection)
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();

  ControlsState controls_;
  CaptionsState captions_;
  ClusterMapState map_;
  EventListState events_;
  PartitionState partition_;
  InspectorState inspector_;
  StatusState status_;
  ZnodeTreeState znodes_;
  SessionsState sessions_;
  WatchesState watches_;
  EnsembleState ensemble_;
  LockWaitersState lock_waiters_;
  LockTimelineState lock_timeline_;
  DuelState duel_;
  RegistryState registry_;
  ConsoleState console_;

  // Tabs: brought forward for one frame (first frame, a new selection); last shown per slot.
  bool tabs_chosen_ = false;
  std::optional<core::NodeId> tabs_followed_selection_;
  std::vector<PanelId> force_tabs_;
  std::array<bool, kAllPanels.size()> tab_available_{};  // set on the first frame
  std::array<std::optional<PanelId>, kAllSlots.size()> shown_tabs_;
};

}  // namespace zoolab::gui
