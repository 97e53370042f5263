// The application shell (see app.h).
//
// Sections: 1. setup  2. frames and the interactive loop  3. panels in the fixed layout (tabs)
//           4. applying the panels' commands
#include "gui/app.h"

#include <algorithm>
#include <variant>

#include <imgui.h>

#include "core/base/overloaded.h"
#include "gui/lock_view.h"
#include "gui/theme.h"
#include "gui/zk_view.h"
#include "sim/scenario/session_io.h"

namespace zoolab::gui {
namespace {

sim::RunOptions run_options(const AppOptions& o) {
  sim::RunOptions r;
  r.until = o.until;
  return r;
}

WindowOptions window_options(const AppOptions& o, const sim::Scenario& scenario) {
  WindowOptions w;
  w.title = scenario.title.empty() ? "ZooLab" : "ZooLab - " + scenario.title;
  w.width = o.width;
  w.height = o.height;
  w.visible = !o.headless;
  return w;
}

}  // namespace

// ---- 1. setup -----------------------------------------------------------------------------

App::App(std::shared_ptr<const sim::Scenario> scenario, const sim::ProcessRegistry& registry,
         AppOptions options)
    : options_(options),
      run_(scenario, options.seed, registry, run_options(options)),
      window_(window_options(options, *scenario)) {
  theme::apply_style();
  fonts_.load(scenario_texts(run_.scenario()));
  if (!options_.interventions.empty()) run_.set_interventions(options_.interventions);
  playback_.set_playing(options_.play);
  speed_.sample(wall_seconds(), run_.world().events_fired(), run_.world().now());
}

double App::wall_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

// ---- 2. frames and the interactive loop ---------------------------------------------------

void App::render_frame(double wall_dt_s) {
  window_.begin_frame(synthetic_mouse_ ? &*synthetic_mouse_ : nullptr);
  if (playback_.playing()) {
    playback_.advance(run_, wall_dt_s);
    note_progress();
  }
  draw_panels();
  window_.render();
  const std::vector<UiCommand> commands = commands_.take();
  for (const UiCommand& c : commands)
    execute(c);
  acted_last_frame_ = !commands.empty();
  speed_.sample(wall_seconds(), run_.world().events_fired(), run_.world().now());
}

void App::present() {
  window_.present();
}

Image App::render_still(int frames) {
  for (int i = 1; i < frames; ++i) {
    render_frame(0);
    present();
  }
  render_frame(0);
  return read_back_buffer(window_.framebuffer_width(), window_.framebuffer_height());
}

int App::run_interactive() {
  double last = wall_seconds();
  while (!window_.close_requested()) {
    const double now = wall_seconds();
    render_frame(now - last);
    last = now;
    present();
    // Paused, nothing moves by itself: sleep until input (or a short tick for hover effects).
    // After a click, draw its result at once instead.
    if (!playback_.playing() && !acted_last_frame_) window_.wait_events(0.05);
  }
  return 0;
}

void App::advance_to(core::Time t) {
  speed_.sample(wall_seconds(), run_.world().events_fired(), run_.world().now());
  run_.run_until(t);
  note_progress();
  speed_.sample(wall_seconds(), run_.world().events_fired(), run_.world().now());
}

// ---- 3. panels in the fixed layout --------------------------------------------------------

void App::draw_panels() {
  const SpeedReport speed = speed_.report();
  const PanelContext ctx{run_, playback_, speed, fonts_.set(), selected_, branched_at_, notice_, options_.caption_lang};
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  if (options_.only_panel) {
    draw_panel(*options_.only_panel, Rect{0, 0, display.x, display.y}, ctx);
    return;
  }
  const float captions = captions_height(ctx, display.x);
  choose_tabs();
  for (SlotId slot : kAllSlots) {
    const Rect where = slot_rect(slot, display.x, display.y, captions);
    if (slot_is_tabbed(slot)) {
      draw_tabbed_slot(slot, where, ctx);
      continue;
    }
    for (PanelId id : kAllPanels)
      if (panel_slot(id) == slot) draw_panel(id, where, ctx);
  }
  force_tabs_.clear();
}

// The tabs in front: on the first frame the ZooKeeper panels when the world has a server (the
// ensemble panel when it has several; the inspector and the partition editor otherwise); after
// a new selection on the map, the console for a zkCli client and the inspector for any other
// machine.
// Worlds with lock workers or registries bring their panel forward instead.
void App::choose_tabs() {
  const sim::World& world = run_.world();
  if (!tabs_chosen_) {
    tabs_chosen_ = true;
    const size_t servers = zk_server_nodes(world).size();
    const bool zk = servers > 0;
    const LockWorldSummary locks = summarize_locks(world);
    for (size_t i = 0; i < kAllPanels.size(); ++i) {
      switch (kAllPanels[i]) {
        case PanelId::kZnodes:
        case PanelId::kSessions:
        case PanelId::kWatches:
        case PanelId::kEnsemble:
          tab_available_[i] = zk;
          break;
        case PanelId::kLockWaiters:
          tab_available_[i] = locks.zk_lock_workers + locks.zk_lock_programs > 0;
          break;
        case PanelId::kLockTimeline:
          tab_available_[i] =
              locks.lock_workers + locks.redis_servers + locks.memcached_servers > 0;
          break;
        case PanelId::kDuel:
          tab_available_[i] = locks.lock_workers + locks.resources > 0;
          break;
        case PanelId::kRegistry:
          tab_available_[i] = locks.registry_processes > 0;
          break;
        default:
          tab_available_[i] = true;
      }
    }
    force_tabs_.push_back(locks.registry_processes > 0 ? PanelId::kRegistry
                          : locks.zk_lock_workers + locks.zk_lock_programs > 0
                              ? PanelId::kLockWaiters
                          : locks.lock_workers > 0 ? PanelId::kLockTimeline
                          : servers > 1            ? PanelId::kEnsemble
                          : zk                     ? PanelId::kZnodes
                                                   : PanelId::kInspector);
    force_tabs_.push_back(zk && !zkcli_nodes(world).empty() ? PanelId::kConsole
                                                            : PanelId::kPartition);
  }
  if (selected_ != tabs_followed_selection_) {
    tabs_followed_selection_ = selected_;
    if (selected_)
      force_tabs_.push_back(is_zkcli(world, *selected_) ? PanelId::kConsole : PanelId::kInspector);
  }
}

void App::select_znode(const std::string& path) {
  znodes_.selected_path = path.empty() ? "/" : path;
  for (size_t slash = path.find('/', 1); slash != std::string::npos;
       slash = path.find('/', slash + 1))
    znodes_.expanded.insert(path.substr(0, slash));
  ++znodes_.expanded_generation;
}

bool App::tab_available(PanelId id) const {
  const auto it = std::find(kAllPanels.begin(), kAllPanels.end(), id);
  return !tabs_chosen_ || tab_available_[static_cast<size_t>(it - kAllPanels.begin())];
}

std::optional<PanelId> App::shown_tab(SlotId slot) const {
  return shown_tabs_[static_cast<size_t>(slot)];
}

void App::draw_panel(PanelId id, Rect where, const PanelContext& ctx) {
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                           ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoBringToFrontOnFocus;
  const bool bar = id == PanelId::kControls || id == PanelId::kStatus || id == PanelId::kCaptions;
  if (bar && !options_.only_panel) flags |= ImGuiWindowFlags_NoTitleBar;
  if (id == PanelId::kClusterMap)
    flags |= ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::SetNextWindowPos(ImVec2(where.x, where.y));
  ImGui::SetNextWindowSize(ImVec2(where.w, where.h));
  if (ImGui::Begin(panel_title(id), nullptr, flags)) draw_contents(id, ctx);
  ImGui::End();
}

void App::draw_tabbed_slot(SlotId slot, Rect where, const PanelContext& ctx) {
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 ImGuiWindowFlags_NoTitleBar;
  ImGui::SetNextWindowPos(ImVec2(where.x, where.y));
  ImGui::SetNextWindowSize(ImVec2(where.w, where.h));
  ImGui::PushID(static_cast<int>(slot));
  if (ImGui::Begin(slot == SlotId::kLowerLeft ? "##lower-left" : "##lower-right", nullptr, flags) &&
      ImGui::BeginTabBar("tabs")) {
    for (PanelId id : kAllPanels) {
      if (panel_slot(id) != slot || !tab_available(id)) continue;
      const bool forced =
          std::find(force_tabs_.begin(), force_tabs_.end(), id) != force_tabs_.end();
      if (ImGui::BeginTabItem(panel_tab_label(id), nullptr,
                              forced ? ImGuiTabItemFlags_SetSelected : 0)) {
        shown_tabs_[static_cast<size_t>(slot)] = id;
        draw_contents(id, ctx);
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
  ImGui::PopID();
}

void App::draw_contents(PanelId id, const PanelContext& ctx) {
  switch (id) {
    case PanelId::kControls:
      draw_controls(controls_, ctx, commands_);
      break;
    case PanelId::kCaptions:
      draw_captions(captions_, ctx, commands_);
      break;
    case PanelId::kClusterMap:
      draw_cluster_map(map_, ctx, commands_);
      break;
    case PanelId::kEvents:
      draw_event_list(events_, ctx, commands_);
      break;
    case PanelId::kPartition:
      draw_partition_editor(partition_, ctx, commands_);
      break;
    case PanelId::kInspector:
      draw_inspector(inspector_, ctx, commands_);
      break;
    case PanelId::kStatus:
      draw_status(status_, ctx, commands_);
      break;
    case PanelId::kZnodes:
      draw_znode_tree(znodes_, ctx, commands_);
      break;
    case PanelId::kSessions:
      draw_sessions(sessions_, ctx, commands_);
      break;
    case PanelId::kWatches:
      draw_watches(watches_, ctx, commands_);
      break;
    case PanelId::kEnsemble:
      draw_ensemble(ensemble_, ctx, commands_);
      break;
    case PanelId::kLockWaiters:
      draw_lock_waiters(lock_waiters_, ctx, commands_);
      break;
    case PanelId::kLockTimeline:
      draw_lock_timeline(lock_timeline_, ctx, commands_);
      break;
    case PanelId::kDuel:
      draw_duel(duel_, ctx, commands_);
      break;
    case PanelId::kRegistry:
      draw_registry(registry_, ctx, commands_);
      break;
    case PanelId::kConsole:
      draw_console(console_, ctx, commands_);
      break;
  }
}

// ---- 4. applying the panels' commands -----------------------------------------------------

void App::execute(const UiCommand& command) {
  std::visit(core::Overloaded{
                 [&](const Intervene& c) { apply_intervention(c.action); },
                 [&](const StepForward&) {
                   playback_.set_playing(false);
                   run_.step();
                 },
                 [&](const StepBack&) {
                   playback_.set_playing(false);
                   run_.step_back();
                 },
                 [&](const JumpToStart&) {
                   playback_.set_playing(false);
                   run_.seek(0);
                 },
                 [&](const SetPlaying& c) {
                   playback_.set_playing(c.playing && run_.world().now() < run_.until());
                 },
                 [&](const SetSpeed& c) { playback_.set_speed(c.factor); },
                 [&](const SelectNode& c) {
                   if (c.node == core::kNoNode || c.node >= run_.world().node_count())
                     selected_.reset();
                   else
                     selected_ = c.node;
                 },
                 [&](const SaveSession&) { save_session(); },
             },
             command);
  note_progress();
}

// Atomic (sim::save_session_file): a failed save leaves the previous file whole.
void App::save_session() {
  if (options_.session_path.empty()) {
    notice_ = "no session file: start zoolab-gui with --save-to FILE";
    return;
  }
  try {
    sim::save_session_file(options_.session_path,
                           {options_.source_path, run_.scenario().source, run_.seed(), run_.interventions()},
                           run_.scenario());
    notice_ = "saved to " + options_.session_path + " (" + std::to_string(run_.interventions().size()) +
              " interventions)";
  } catch (const sim::SessionError& e) {
    notice_ = e.what();
  }
}

// Acting after stepping back rewrites the future: the run drops what it had recorded beyond
// this point, and the controls say so.
void App::apply_intervention(const sim::Action& action) {
  const uint64_t at = run_.world().events_fired();
  if (at < furthest_event_) branched_at_ = at;
  run_.intervene(action);
  furthest_event_ = run_.world().events_fired();
}

void App::note_progress() {
  furthest_event_ = std::max(furthest_event_, run_.world().events_fired());
}

}  // namespace zoolab::gui
