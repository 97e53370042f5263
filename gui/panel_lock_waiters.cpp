// Lock waiters panel (see panel_lock_waiters.h).
//
// Sections: 1. colours and helpers  2. refreshing the views (when the world moved)
//           3. the chain of lock nodes  4. the clients  5. the panel
#include "gui/panel_lock_waiters.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <imgui.h>

#include "core/locks/lock_variant.h"
#include "core/locks/lock_worker.h"
#include "core/recipes/zk_lock.h"
#include "core/recipes/zk_lock_process.h"
#include "core/znode/types.h"
#include "gui/labels.h"
#include "gui/lock_view.h"
#include "gui/theme.h"
#include "gui/zk_view.h"

namespace zoolab::gui {
namespace {

using core::locks::LockWorker;
using core::recipes::ZkLock;
using core::recipes::ZkLockProcess;
using Client = LockWaitersState::Client;
using LockNode = LockWaitersState::LockNode;

// ---- 1. colours and helpers ---------------------------------------------------------------

constexpr ImU32 kHolder = IM_COL32(255, 200, 60, 255);  // gold, as the leader in the ensemble panel
constexpr ImU32 kWaiting = IM_COL32(110, 170, 255, 255);
constexpr size_t kMaxRows = 8;
constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                        ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;

float table_height(size_t rows) {
  const float row = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  return (static_cast<float>(std::clamp<size_t>(rows, 1, kMaxRows)) + 1) * row + 2;
}

// The node's name, its GUID shortened (the full path is in the tooltip).
std::string base_name(const std::string& path) {
  const size_t slash = path.rfind('/');
  return short_node_name(slash == std::string::npos ? path : path.substr(slash + 1));
}

void path_tip(const std::string& path) {
  if (!path.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", path.c_str());
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names)
    out += (out.empty() ? "" : ", ") + n;
  return out;
}

ImU32 state_colour(const Client& c) {
  if (!c.running) return theme::kTextDim;
  if (c.lock_state == "held") return kHolder;
  if (c.lock_state == "suspended" || c.lock_state == "lost") return theme::kTextBad;
  if (c.lock_state.rfind("waiting", 0) == 0) return kWaiting;
  return theme::kTextPlain;
}

// ---- 2. refreshing the views (when the world moved) ---------------------------------------

Client client_row(const sim::World& world, NodeId id, const std::string& kind, const ZkLock& lock,
                  const core::zk::ZkClient& session, uint64_t acquisitions) {
  Client c;
  c.node = id;
  c.name = world.node(id).name;
  c.kind = kind;
  c.path = lock.options().path;
  c.flavor = std::string(core::recipes::lock_flavor_name(lock.options().flavor));
  c.role = std::string(core::recipes::lock_role_name(lock.options().role));
  c.running = world.node(id).running();
  if (!c.running) c.down_text = node_state_text(world, id);
  if (c.running && world.paused(id)) c.paused = node_state_text(world, id);
  c.lock_state = std::string(core::recipes::lock_state_name(lock.state()));
  c.holds = lock.holds();
  c.session_state = std::string(core::zk::client_state_name(session.state()));
  c.session_id = session.session_id();
  c.my_node = lock.my_node();
  c.watching = lock.watching();
  c.token = lock.token();
  c.wakeups = lock.wakeups();
  c.requests = lock.requests_sent();
  c.acquisitions = acquisitions;
  return c;
}

void collect_clients(LockWaitersState& state, const sim::World& world) {
  for (NodeId id = 0; id < world.node_count(); ++id) {
    if (const auto* w = program_as<LockWorker>(world, id)) {
      if (!core::locks::is_zookeeper(w->variant())) continue;
      const LockWorker* live = live_as<LockWorker>(world, id);
      const LockWorker& v = live != nullptr ? *live : *w;  // a crashed one: its configured lock
      const auto* zk = v.zk();
      if (zk == nullptr) continue;
      state.clients.push_back(
          client_row(world, id, "lock-worker", zk->lock(), zk->client(), v.acquisitions()));
      if (live == nullptr) state.clients.back().running = false;
    } else if (const auto* p = program_as<ZkLockProcess>(world, id)) {
      const ZkLockProcess* live = live_as<ZkLockProcess>(world, id);
      const ZkLockProcess& v = live != nullptr ? *live : *p;
      state.clients.push_back(
          client_row(world, id, v.kind(), v.lock(), v.client(), v.acquisitions()));
      if (live == nullptr) state.clients.back().running = false;
    }
  }
  // A client that is not running holds nothing and watches nothing any more.
  for (Client& c : state.clients)
    if (!c.running) {
      c.holds = false;
      c.watching.clear();
      if (c.down_text.empty()) c.down_text = node_state_text(world, c.node);
    }
}

void build_chain(LockWaitersState::Lock& lock, const LockWaitersState& state,
                 const ZooKeeperServer* zk) {
  std::map<int64_t, std::string> by_session;
  for (size_t i : lock.clients)
    if (state.clients[i].session_id != 0 && state.clients[i].running)
      by_session[state.clients[i].session_id] = state.clients[i].name;
  if (zk != nullptr) {
    const core::zk::DataTree& tree = zk->tree();
    const auto dir = tree.find(lock.path);
    if (dir != core::zk::DataTree::kNone) {
      std::vector<std::string> names = tree.children(dir);
      sort_by_sequence(names);
      for (const std::string& n : names) {
        LockNode node;
        node.name = n;
        node.path = lock.path + "/" + n;
        const auto ref = tree.find(node.path);
        if (ref == core::zk::DataTree::kNone) continue;
        node.data = data_preview(tree.data(ref).value_or(""), 40);
        node.session = tree.persisted(ref).ephemeral_owner;
        node.czxid = tree.persisted(ref).czxid;
        if (const auto it = by_session.find(node.session); it != by_session.end())
          node.session_owner = it->second;
        lock.nodes.push_back(std::move(node));
      }
      if (!lock.nodes.empty()) lock.nodes.front().first = true;
    }
  }
  for (size_t i : lock.clients) {
    const Client& c = state.clients[i];
    bool found_mine = false;
    for (LockNode& n : lock.nodes) {
      const bool mine = (!c.my_node.empty() && n.path == c.my_node) ||
                        (lock.flavor == "naive" && n.name == "lock" && n.session == c.session_id);
      if (c.holds && mine) n.held_by.push_back(c.name);
      if (!c.watching.empty() && n.path == c.watching) n.watched_by.push_back(c.name);
      if (n.path == c.my_node) found_mine = true;
    }
    if (c.holds && zk != nullptr && !c.my_node.empty() && !found_mine)
      lock.warnings.push_back(
          fmt::format("{} believes it holds the lock, but its node {} is gone from the tree (its "
                      "session expired?): "
                      "someone else can take the lock now.",
                      c.name, base_name(c.my_node)));
  }
}

void refresh(LockWaitersState& state, const sim::World& world) {
  const LockWaitersState::Key key{world.events_fired(), world.trace_hash()};
  if (key == state.key) return;
  state.key = key;
  ++state.rebuilds;
  state.clients.clear();
  state.locks.clear();
  collect_clients(state, world);
  std::string source;
  const ZooKeeperServer* zk = tree_server(world, source);
  std::map<std::string, size_t> lock_of_path;
  for (size_t i = 0; i < state.clients.size(); ++i) {
    const Client& c = state.clients[i];
    auto [it, fresh] = lock_of_path.emplace(c.path, state.locks.size());
    if (fresh) {
      LockWaitersState::Lock l;
      l.path = c.path;
      l.flavor = c.flavor;
      l.tree_source = source;
      state.locks.push_back(std::move(l));
    }
    state.locks[it->second].clients.push_back(i);
  }
  for (LockWaitersState::Lock& l : state.locks)
    build_chain(l, state, zk);
}

// ---- 3. the chain of lock nodes -----------------------------------------------------------

void draw_chain(const LockWaitersState::Lock& lock) {
  if (lock.tree_source.empty()) {
    ImGui::TextDisabled("  No ZooKeeper server is running: the lock nodes cannot be read.");
    return;
  }
  if (lock.nodes.empty()) {
    ImGui::TextDisabled("  %s has no lock nodes right now (as %s sees it).", lock.path.c_str(),
                        lock.tree_source.c_str());
    return;
  }
  if (!ImGui::BeginTable("chain", 5, kTableFlags, ImVec2(0, table_height(lock.nodes.size()))))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("#");
  ImGui::TableSetupColumn("lock node (sequence order)");
  ImGui::TableSetupColumn("data (owner)");
  ImGui::TableSetupColumn("ephemeral owner");
  ImGui::TableSetupColumn("holder / watched by", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(lock.nodes.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const LockNode& n = lock.nodes[static_cast<size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%d", i + 1);
      ImGui::TableNextColumn();
      ImGui::TextColored(theme::vec4(!n.held_by.empty() ? kHolder : theme::kTextPlain), "%s",
                         short_node_name(n.name).c_str());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s\nczxid %s (the fencing token)", n.path.c_str(),
                          core::zk::hex(n.czxid).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(n.data.c_str());
      ImGui::TableNextColumn();
      if (n.session == 0)
        ImGui::TextDisabled("persistent");
      else
        ImGui::Text("%s%s", core::zk::hex(n.session).c_str(),
                    n.session_owner.empty() ? "" : (" (" + n.session_owner + ")").c_str());
      ImGui::TableNextColumn();
      // The holder first, then who waits for this node; a lowest node nobody claims (its owner
      // crashed or is cut off) still blocks the lock until its session expires.
      bool any = false;
      if (!n.held_by.empty()) {
        ImGui::TextColored(theme::vec4(kHolder), "HOLDER: %s", joined(n.held_by).c_str());
        any = true;
      }
      if (!n.watched_by.empty()) {
        if (any) ImGui::SameLine();
        ImGui::TextColored(theme::vec4(kWaiting), "<- watched by %s", joined(n.watched_by).c_str());
        any = true;
      }
      if (n.first && n.held_by.empty()) {
        if (any) ImGui::SameLine();
        ImGui::TextColored(theme::vec4(theme::kTextWarn),
                           n.session_owner.empty() ? "(lowest: taken until its session expires)"
                                                   : "(lowest: its owner is about to hold it)");
        any = true;
      }
      if (!any) ImGui::TextDisabled("-");
    }
  ImGui::EndTable();
}

// ---- 4. the clients -----------------------------------------------------------------------

void draw_clients(const LockWaitersState& state, const LockWaitersState::Lock& lock) {
  if (!ImGui::BeginTable(
          "clients", 9, kTableFlags | ImGuiTableFlags_ScrollX,
          ImVec2(0, table_height(lock.clients.size()) + ImGui::GetStyle().ScrollbarSize)))
    return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("client");
  ImGui::TableSetupColumn("lock state");
  ImGui::TableSetupColumn("session");
  ImGui::TableSetupColumn("session id");
  ImGui::TableSetupColumn("my node");
  ImGui::TableSetupColumn("watching");
  ImGui::TableSetupColumn("token");
  ImGui::TableSetupColumn("wake-ups");
  ImGui::TableSetupColumn("acq.");
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(lock.clients.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const Client& c = state.clients[lock.clients[static_cast<size_t>(i)]];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.name.c_str());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s, %s lock, role %s", c.kind.c_str(), c.flavor.c_str(), c.role.c_str());
      if (!c.paused.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(theme::vec4(theme::kTextWarn), "%s", c.paused.c_str());
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip(
              "Frozen (a GC pause): it notices nothing, so its lock state and session\n"
              "are what it last knew. The server may have expired its session meanwhile.");
      }
      ImGui::TableNextColumn();
      ImGui::TextColored(theme::vec4(state_colour(c)), "%s",
                         c.running ? c.lock_state.c_str() : c.down_text.c_str());
      ImGui::TableNextColumn();
      const bool connected = c.session_state == "CONNECTED";
      ImGui::TextColored(theme::vec4(!c.running  ? theme::kTextDim
                                     : connected ? theme::kTextGood
                                                 : theme::kTextWarn),
                         "%s", c.session_state.c_str());
      ImGui::TableNextColumn();
      if (c.session_id == 0)
        ImGui::TextDisabled("-");
      else
        ImGui::TextUnformatted(core::zk::hex(c.session_id).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.my_node.empty() ? "-" : base_name(c.my_node).c_str());
      path_tip(c.my_node);
      ImGui::TableNextColumn();
      if (c.watching.empty())
        ImGui::TextDisabled("-");
      else
        ImGui::TextColored(theme::vec4(kWaiting), "-> %s", base_name(c.watching).c_str());
      path_tip(c.watching);
      ImGui::TableNextColumn();
      if (c.token == 0)
        ImGui::TextDisabled("-");
      else
        ImGui::TextUnformatted(core::zk::hex(c.token).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%llu", static_cast<unsigned long long>(c.wakeups));
      ImGui::TableNextColumn();
      ImGui::Text("%llu", static_cast<unsigned long long>(c.acquisitions));
    }
  ImGui::EndTable();
}

}  // namespace

// ---- 5. the panel -------------------------------------------------------------------------

void draw_lock_waiters(LockWaitersState& state, const PanelContext& ctx, CommandQueue&) {
  const sim::World& world = ctx.run.world();
  refresh(state, world);
  if (state.locks.empty()) {
    ImGui::TextDisabled(
        "No ZooKeeper lock client (zk-seq-lock / zk-naive-lock worker, zk-lock program) in this "
        "world.");
    return;
  }
  for (size_t i = 0; i < state.locks.size(); ++i) {
    const LockWaitersState::Lock& lock = state.locks[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TextColored(theme::vec4(theme::kTextNote), "Lock %s", lock.path.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("(%s recipe; nodes as %s sees them)", lock.flavor.c_str(),
                        lock.tree_source.empty() ? "no server" : lock.tree_source.c_str());
    ImGui::PushTextWrapPos(0);  // long hints wrap in narrow slots
    if (lock.flavor == "naive")
      ImGui::TextDisabled(
          "  Naive lock: one node, every waiter watches it, so each release wakes them all "
          "(herd).");
    else
      ImGui::TextDisabled(
          "  Lowest sequence number holds the lock; every other client watches only the node just "
          "before its own.");
    ImGui::PopTextWrapPos();
    draw_chain(lock);
    for (const std::string& w : lock.warnings) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(theme::vec4(theme::kTextBad), "%s", w.c_str());
      ImGui::PopTextWrapPos();
    }
    draw_clients(state, lock);
    ImGui::Spacing();
    ImGui::PopID();
  }
}

}  // namespace zoolab::gui
