// Duel summary panel (see panel_duel.h).
//
// Sections: 1. refreshing the rows  2. workers  3. resources  4. violations  5. the panel
#include "gui/panel_duel.h"

#include <algorithm>

#include <fmt/format.h>
#include <imgui.h>

#include "core/locks/lock_variant.h"
#include "core/locks/lock_worker.h"
#include "core/locks/protected_resource.h"
#include "gui/labels.h"
#include "gui/lock_view.h"
#include "gui/theme.h"
#include "sim/check/lock_checkers.h"

namespace zoolab::gui {
namespace {

using core::locks::LockWorker;
using core::locks::ProtectedResource;

constexpr size_t kMaxRows = 10;  // rows before a table scrolls
constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                        ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                        ImGuiTableFlags_SizingFixedFit;

float table_height(size_t rows) {
  const float row = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  return (static_cast<float>(std::clamp<size_t>(rows, 1, kMaxRows)) + 1) * row + 2 +
         ImGui::GetStyle().ScrollbarSize;
}

void header_tip(const char* label, const char* tip) {
  ImGui::TableNextColumn();
  ImGui::TableHeader(label);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
}

void count(uint64_t v, bool bad_if_positive = false) {
  if (v == 0)
    ImGui::TextDisabled("0");
  else if (bad_if_positive)
    ImGui::TextColored(theme::vec4(theme::kTextBad), "%llu", static_cast<unsigned long long>(v));
  else
    ImGui::Text("%llu", static_cast<unsigned long long>(v));
}

bool lock_checker(const std::string& name) {
  return name == sim::check::kMutualExclusion || name == sim::check::kLostUpdate;
}

// ---- 1. refreshing the rows ---------------------------------------------------------------

void refresh(DuelState& state, const sim::Run& run) {
  const sim::World& world = run.world();
  const DuelState::Key key{world.events_fired(), world.trace_hash()};
  if (key == state.key) return;
  const bool went_back = state.key.events != UINT64_MAX && key.events < state.key.events;
  state.key = key;
  ++state.rebuilds;
  std::vector<DuelState::Worker> before;
  before.swap(state.workers);
  for (NodeId id : nodes_with<LockWorker>(world)) {
    const LockWorker* proto = program_as<LockWorker>(world, id);
    const LockWorker* w = live_as<LockWorker>(world, id);
    DuelState::Worker row;
    row.node = id;
    row.name = world.node(id).name;
    row.variant = std::string(core::locks::variant_name(proto->variant()));
    row.lock = proto->lock_id();
    row.running = w != nullptr && world.node(id).running();
    if (w != nullptr) {
      row.state = row.running ? std::string(core::locks::worker_state_name(w->state()))
                              : node_state_text(world, id);
      row.holds = row.running && w->believes_held();
      row.acquisitions = w->acquisitions();
      row.requests = w->requests_sent();
      row.wakeups = w->wakeups();
      row.lost = w->lost();
      row.failed_releases = w->failed_releases();
      row.rejected = w->rejected_writes();
      const std::vector<int64_t>& lat = w->acquire_latencies_us();
      row.latency_count = lat.size();
      row.latency_last = lat.empty() ? 0 : lat.back();
      const auto old = std::find_if(before.begin(), before.end(), [&](const DuelState::Worker& b) {
        return b.node == id && b.latency_count == row.latency_count &&
               b.latency_last == row.latency_last;
      });
      if (old != before.end()) {
        row.p50_us = old->p50_us;
        row.p99_us = old->p99_us;
      } else {
        row.p50_us = percentile(lat, 50);
        row.p99_us = percentile(lat, 99);
      }
    } else {
      row.state = node_state_text(world, id);  // a restart starts the counts from zero
    }
    state.workers.push_back(std::move(row));
  }
  state.resources.clear();
  for (NodeId id : nodes_with<ProtectedResource>(world)) {
    DuelState::Resource row;
    row.node = id;
    row.name = world.node(id).name;
    row.fencing = program_as<ProtectedResource>(world, id)->config().fencing;
    if (const auto* r = live_as<ProtectedResource>(world, id)) {
      row.running = world.node(id).running();
      row.value = r->value();
      row.writes = r->writes();
      row.lost_updates = r->lost_updates();
      row.overlaps = r->overlaps();
      row.rejected = r->rejected();
    }
    state.resources.push_back(std::move(row));
  }
  // Violations only grow, except when the run goes back in time (the list is cut).
  const auto& all = run.violations();
  if (went_back || all.size() < state.violations_seen) {
    state.violations.clear();
    state.violations_seen = 0;
  }
  for (size_t i = state.violations_seen; i < all.size(); ++i)
    if (lock_checker(all[i].checker)) state.violations.push_back(i);
  state.violations_seen = all.size();
}

// ---- 2. workers ---------------------------------------------------------------------------

void draw_workers(const DuelState& state) {
  ImGui::Text("Lock workers: %zu", state.workers.size());
  ImGui::SameLine();
  ImGui::TextDisabled("(hover a column header for what it counts)");
  if (state.workers.empty()) return;
  if (!ImGui::BeginTable("workers", 12, kTableFlags, ImVec2(0, table_height(state.workers.size()))))
    return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  header_tip("worker", "The lock worker: acquire, read A, work, write A+1, release.");
  header_tip("lock", "The variant and the key or path: workers with the same lock contend.");
  header_tip("state", "What the worker is doing now; green while it believes it holds the lock.");
  header_tip("acq.", "Acquisitions: times the lock said \"acquired\".");
  header_tip("p50",
             "Median acquisition latency: from the attempt to \"acquired\", waiting included.");
  header_tip("p99", "99th percentile acquisition latency.");
  header_tip("requests",
             "Requests sent to the lock service (Redis commands, ZooKeeper operations).");
  header_tip("req/acq", "Requests per acquisition: spinning clients send many while they wait.");
  header_tip("wake-ups",
             "ZooKeeper watch events that woke this waiter. The naive lock wakes every waiter "
             "on each release (the herd effect); the sequential lock wakes only the next one.");
  header_tip("lost",
             "The lock told the worker it had lost the lock (session expired, lease gone).");
  header_tip("failed rel.",
             "Releases that did not delete the worker's own lock (already expired or taken).");
  header_tip(
      "rejected",
      "Writes the resource refused because the fencing token was older than one it had seen.");
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.workers.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const DuelState::Worker& w = state.workers[static_cast<size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(w.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(w.lock.c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(theme::vec4(w.holds     ? theme::kTextGood
                                     : w.running ? theme::kTextPlain
                                                 : theme::kTextDim),
                         "%s", w.state.c_str());
      ImGui::TableNextColumn();
      count(w.acquisitions);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(w.p50_us ? duration_label_us(*w.p50_us).c_str() : "-");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(w.p99_us ? duration_label_us(*w.p99_us).c_str() : "-");
      ImGui::TableNextColumn();
      count(w.requests);
      ImGui::TableNextColumn();
      if (w.acquisitions == 0)
        ImGui::TextDisabled("-");
      else
        ImGui::Text("%.1f", static_cast<double>(w.requests) / static_cast<double>(w.acquisitions));
      ImGui::TableNextColumn();
      count(w.wakeups);
      ImGui::TableNextColumn();
      count(w.lost, true);
      ImGui::TableNextColumn();
      count(w.failed_releases, true);
      ImGui::TableNextColumn();
      count(w.rejected);
    }
  ImGui::EndTable();
}

// ---- 3. resources -------------------------------------------------------------------------

void draw_resources(const DuelState& state) {
  ImGui::Text("Protected resources: %zu", state.resources.size());
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);  // long hints wrap in narrow slots
  ImGui::TextDisabled("(the shared \"variable A\": each holder reads it, works, writes A+1)");
  ImGui::PopTextWrapPos();
  if (state.resources.empty()) return;
  if (!ImGui::BeginTable("resources", 7, kTableFlags,
                         ImVec2(0, table_height(state.resources.size()))))
    return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  header_tip("resource", "The protected resource.");
  header_tip("fencing", "On: writes carry the lock's token and older tokens are refused.");
  header_tip("A", "Its value now. With a correct lock it equals the number of writes.");
  header_tip("writes", "Writes accepted.");
  header_tip("lost updates",
             "Writes that overwrote another client's write made after this client's read.");
  header_tip("overlaps", "Reads that began inside another client's read-modify-write cycle.");
  header_tip("rejected", "Writes refused for a stale fencing token.");
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.resources.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const DuelState::Resource& r = state.resources[static_cast<size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.fencing ? "on" : "off");
      ImGui::TableNextColumn();
      if (r.running)
        ImGui::Text("%lld", static_cast<long long>(r.value));
      else
        ImGui::TextDisabled("down");
      ImGui::TableNextColumn();
      count(r.writes);
      ImGui::TableNextColumn();
      count(r.lost_updates, true);
      ImGui::TableNextColumn();
      count(r.overlaps, true);
      ImGui::TableNextColumn();
      count(r.rejected);
    }
  ImGui::EndTable();
}

// ---- 4. violations ------------------------------------------------------------------------

void draw_violations(const DuelState& state, const PanelContext& ctx) {
  const auto& all = ctx.run.violations();
  const sim::World& world = ctx.run.world();
  size_t mutual = 0;
  for (size_t i : state.violations)
    if (all[i].checker == sim::check::kMutualExclusion) ++mutual;
  const size_t lost = state.violations.size() - mutual;
  ImGui::TextColored(theme::vec4(state.violations.empty() ? theme::kTextGood : theme::kTextBad),
                     "Violations: mutual-exclusion %zu, lost-update %zu", mutual, lost);
  ImGui::SameLine();
  ImGui::TextDisabled(state.violations.empty() ? "(the lock checkers found nothing so far)"
                                               : "(hover a row for the whole text)");
  if (state.violations.empty()) return;
  if (!ImGui::BeginTable("violations", 4, kTableFlags & ~ImGuiTableFlags_ScrollX,
                         ImVec2(0, table_height(state.violations.size()))))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("checker");
  ImGui::TableSetupColumn("time");
  ImGui::TableSetupColumn("node");
  ImGui::TableSetupColumn("finding", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.violations.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const sim::check::Violation& v = all[state.violations[static_cast<size_t>(i)]];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(theme::vec4(theme::kTextBad), "%s", v.checker.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%s s", core::format_seconds(v.time).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(node_label(world, v.node).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(v.text.c_str());
      if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
        ImGui::TextUnformatted(v.text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
    }
  ImGui::EndTable();
}

}  // namespace

// ---- 5. the panel -------------------------------------------------------------------------

void draw_duel(DuelState& state, const PanelContext& ctx, CommandQueue&) {
  refresh(state, ctx.run);
  if (state.workers.empty() && state.resources.empty()) {
    ImGui::TextDisabled("No lock worker or protected resource in this world.");
    return;
  }
  draw_workers(state);
  ImGui::Spacing();
  draw_resources(state);
  ImGui::Spacing();
  ImGui::Separator();
  draw_violations(state, ctx);
}

}  // namespace zoolab::gui
