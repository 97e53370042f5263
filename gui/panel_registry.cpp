// Registry panel (see panel_registry.h).
//
// Sections: 1. helpers  2. refreshing the views (when the world moved)  3. Eureka servers
//           4. the ZooKeeper registry  5. clients  6. the panel
#include "gui/panel_registry.h"

#include <algorithm>

#include <fmt/format.h>
#include <imgui.h>

#include "core/registry/eureka_client.h"
#include "core/registry/zk_registry_client.h"
#include "core/znode/types.h"
#include "gui/labels.h"
#include "gui/lock_view.h"
#include "gui/theme.h"
#include "gui/zk_view.h"

namespace zoolab::gui {

std::string instance_key(const std::string& app, const std::string& instance) {
  return app + "/" + instance;
}

namespace {

using core::registry::EurekaClient;
using core::registry::EurekaServer;
using core::registry::ZkRegistryClient;

// ---- 1. helpers ---------------------------------------------------------------------------

constexpr size_t kMaxRows = 8;
constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                        ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;

float table_height(size_t rows) {
  const float row = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  return (static_cast<float>(std::clamp<size_t>(rows, 1, kMaxRows)) + 1) * row + 2;
}

std::string ago(int64_t ms) {
  return ms < 0 ? fmt::format("in {:.1f} s", static_cast<double>(-ms) / 1e3)
                : fmt::format("{:.1f} s ago", static_cast<double>(ms) / 1e3);
}

bool stale(const RegistryState& s, const std::string& app, const std::string& instance) {
  return s.down_providers.count(instance_key(app, instance)) > 0;
}

void stale_tip() {
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Stale: the provider's process is down, but this entry still lists it.");
}

// ---- 2. refreshing the views (when the world moved) ---------------------------------------

void find_providers(RegistryState& state, const sim::World& world) {
  for (NodeId id = 0; id < world.node_count(); ++id) {
    std::string key;
    if (const auto* e = program_as<EurekaClient>(world, id)) {
      if (e->config().register_instance) key = instance_key(e->config().app, e->config().instance);
    } else if (const auto* z = program_as<ZkRegistryClient>(world, id)) {
      if (z->config().provider) key = instance_key(z->config().app, z->config().instance);
    }
    if (!key.empty() && !world.node(id).running()) state.down_providers.insert(key);
  }
}

void collect_clients(RegistryState& state, const sim::World& world) {
  for (NodeId id = 0; id < world.node_count(); ++id) {
    RegistryState::Client c;
    c.node = id;
    c.name = world.node(id).name;
    c.running = world.node(id).running();
    if (const auto* proto = program_as<EurekaClient>(world, id)) {
      const auto* e = live_as<EurekaClient>(world, id);
      c.kind = "eureka";
      c.app = proto->config().app;
      c.role = std::string(proto->config().register_instance ? "provider" : "") +
               (proto->config().register_instance && proto->config().fetch ? " + " : "") +
               (proto->config().fetch ? "consumer" : "");
      if (e != nullptr) {
        c.state = core::registry::eureka_client_state_name(e->state());
        c.server = e->current_server();
        c.fetched = e->fetched_once();
        c.sees = e->cached();
        const auto& st = e->stats();
        c.register_ok = st.register_ok, c.register_failed = st.register_failed;
        c.lookup_ok = st.lookup_ok, c.lookup_failed = st.lookup_failed;
      }
    } else if (const auto* zproto = program_as<ZkRegistryClient>(world, id)) {
      const auto* z = live_as<ZkRegistryClient>(world, id);
      c.kind = "zookeeper";
      c.app = zproto->config().app;
      c.role = std::string(zproto->config().provider ? "provider" : "") +
               (zproto->config().provider && zproto->config().consumer ? " + " : "") +
               (zproto->config().consumer ? "consumer" : "");
      if (z != nullptr) {
        std::string st;
        if (z->config().provider)
          st = core::registry::zk_registration_state_name(z->registration());
        if (z->config().consumer)
          st += (st.empty() ? "" : ", ") +
                std::string(core::registry::zk_watch_state_name(z->watch_state()));
        c.state = st + " (" + std::string(core::zk::client_state_name(z->client().state())) + ")";
        if (const auto server = z->client().connected_server()) c.server = server->host_port;
        c.fetched = z->read_once();
        c.sees = z->cached();
        const auto& stt = z->stats();
        c.register_ok = stt.register_ok, c.register_failed = stt.register_failed;
        c.lookup_ok = stt.lookup_ok, c.lookup_failed = stt.lookup_failed;
      }
    } else {
      continue;
    }
    if (!c.running) c.state = node_state_text(world, id);
    state.clients.push_back(std::move(c));
  }
}

void collect_zk(RegistryState& state, const sim::World& world) {
  std::set<std::string> apps;
  for (NodeId id : nodes_with<ZkRegistryClient>(world))
    apps.insert(program_as<ZkRegistryClient>(world, id)->config().app);
  state.zk_registry = !apps.empty();
  if (apps.empty()) return;
  const core::zk::ZooKeeperServer* zk = tree_server(world, state.zk_source);
  if (zk == nullptr) return;
  const core::zk::DataTree& tree = zk->tree();
  for (const std::string& app : apps) {
    const std::string dir = "/services/" + app;
    const auto ref = tree.find(dir);
    if (ref == core::zk::DataTree::kNone) continue;
    for (const std::string& child : tree.children(ref)) {
      const auto c = tree.find(dir + "/" + child);
      if (c == core::zk::DataTree::kNone) continue;
      state.zk_instances.push_back({app, child, data_preview(tree.data(c).value_or(""), 40),
                                    tree.persisted(c).ephemeral_owner});
    }
  }
}

void refresh(RegistryState& state, const sim::World& world) {
  const RegistryState::Key key{world.events_fired(), world.trace_hash()};
  if (key == state.key) return;
  state.key = key;
  ++state.rebuilds;
  state.servers.clear();
  state.zk_instances.clear();
  state.zk_source.clear();
  state.clients.clear();
  state.down_providers.clear();
  state.lease_servers.clear();
  state.running_servers.clear();
  find_providers(state, world);
  for (NodeId id : nodes_with<EurekaServer>(world)) {
    RegistryState::Server s;
    s.node = id;
    s.name = world.node(id).name;
    const auto* e = live_as<EurekaServer>(world, id);
    s.running = e != nullptr && world.node(id).running();
    if (!s.running) s.down_text = node_state_text(world, id);
    if (e != nullptr) s.view = e->view();
    s.local_ms = world.local_time(id).ns / 1'000'000;
    if (s.running) {
      state.running_servers.insert(s.name);
      for (const auto& l : s.view.leases)
        state.lease_servers[instance_key(l.app, l.instance)].insert(s.name);
    }
    state.servers.push_back(std::move(s));
  }
  collect_zk(state, world);
  collect_clients(state, world);
  state.stale_entries = 0;
  for (const auto& s : state.servers)
    for (const auto& l : s.view.leases)
      state.stale_entries += stale(state, l.app, l.instance);
  for (const auto& z : state.zk_instances)
    state.stale_entries += stale(state, z.app, z.instance);
  for (const auto& c : state.clients)
    for (const auto& i : c.sees)
      state.stale_entries += stale(state, c.app, i);
}

// ---- 3. Eureka servers --------------------------------------------------------------------

void draw_server(const RegistryState& state, const RegistryState::Server& s) {
  ImGui::TextColored(theme::vec4(theme::kTextNote), "%s", s.name.c_str());
  ImGui::SameLine();
  if (!s.running) {
    ImGui::TextDisabled("%s (its registry is in memory only: a restart starts empty)",
                        s.down_text.c_str());
    return;
  }
  const auto& v = s.view;
  if (v.self_preservation_on)
    ImGui::TextColored(theme::vec4(theme::kTextWarn), "SELF-PRESERVATION ON: eviction suspended");
  else
    ImGui::TextColored(theme::vec4(theme::kTextGood), "self-preservation off");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Eureka stops evicting expired leases when fewer renewals arrived in the last minute than\n"
        "85%% of those expected: it assumes the network, not the instances, is at fault.");
  ImGui::SameLine(0, 14);
  ImGui::TextDisabled("renews last min %lld / threshold %lld, evicted %llu",
                      static_cast<long long>(v.renews_last_min),
                      static_cast<long long>(v.renews_threshold),
                      static_cast<unsigned long long>(v.evicted_total));
  std::string peers;
  for (const auto& p : v.peers)
    peers += fmt::format("{}{} ({}{})", peers.empty() ? "" : ", ", p.name,
                         p.connected ? "link open" : "no link",
                         p.unacked > 0 ? fmt::format(", {} unacked", p.unacked) : "");
  if (!peers.empty()) ImGui::TextDisabled("  peers: %s", peers.c_str());
  if (v.leases.empty()) {
    ImGui::TextDisabled("  no instances registered");
    return;
  }
  if (!ImGui::BeginTable("leases", 5, kTableFlags, ImVec2(0, table_height(v.leases.size()))))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("app");
  ImGui::TableSetupColumn("instance");
  ImGui::TableSetupColumn("registered");
  ImGui::TableSetupColumn("last renewal");
  ImGui::TableSetupColumn("lease expires", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(v.leases.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const core::registry::LeaseView& l = v.leases[static_cast<size_t>(i)];
      const bool bad = stale(state, l.app, l.instance);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.app.c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(theme::vec4(bad ? theme::kTextBad : theme::kTextPlain), "%s%s",
                         l.instance.c_str(), bad ? " (provider down)" : "");
      if (bad) stale_tip();
      std::string missing;
      const auto& have = state.lease_servers.at(instance_key(l.app, l.instance));
      for (const std::string& other : state.running_servers)
        if (have.count(other) == 0) missing += (missing.empty() ? "" : ", ") + other;
      if (!missing.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(theme::vec4(theme::kTextWarn), "(not on %s)", missing.c_str());
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip(
              "Those servers have not got this registration (yet): peer replication is\n"
              "asynchronous and is lost while a peer is unreachable.");
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ago(s.local_ms - l.registered_ms).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ago(s.local_ms - l.last_renew_ms).c_str());
      ImGui::TableNextColumn();
      const int64_t left = l.expires_ms - s.local_ms;
      if (left < 0)
        ImGui::TextColored(theme::vec4(theme::kTextWarn), "expired %.1f s ago, not evicted yet",
                           static_cast<double>(-left) / 1e3);
      else
        ImGui::Text("in %.1f s", static_cast<double>(left) / 1e3);
    }
  ImGui::EndTable();
}

// ---- 4. the ZooKeeper registry ------------------------------------------------------------

void draw_zk(const RegistryState& state) {
  ImGui::TextColored(theme::vec4(theme::kTextNote), "ZooKeeper registry (CP)");
  ImGui::SameLine();
  if (state.zk_source.empty()) {
    ImGui::TextDisabled("no ZooKeeper server is running: nothing can register or look up");
    return;
  }
  ImGui::PushTextWrapPos(0);  // long hints wrap in narrow slots
  ImGui::TextDisabled(
      "ephemeral nodes /services/APP/INSTANCE as %s sees them; each lives as long as its session",
      state.zk_source.c_str());
  ImGui::PopTextWrapPos();
  if (state.zk_instances.empty()) {
    ImGui::TextDisabled("  no instances registered");
    return;
  }
  if (!ImGui::BeginTable("zk", 4, kTableFlags, ImVec2(0, table_height(state.zk_instances.size()))))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("app");
  ImGui::TableSetupColumn("instance");
  ImGui::TableSetupColumn("data");
  ImGui::TableSetupColumn("session (ephemeral owner)", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.zk_instances.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const RegistryState::ZkInstance& z = state.zk_instances[static_cast<size_t>(i)];
      const bool bad = stale(state, z.app, z.instance);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(z.app.c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(theme::vec4(bad ? theme::kTextBad : theme::kTextPlain), "%s%s",
                         z.instance.c_str(),
                         bad ? " (provider down, session not expired yet)" : "");
      if (bad) stale_tip();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(z.data.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(core::zk::hex(z.session).c_str());
    }
  ImGui::EndTable();
}

// ---- 5. clients ---------------------------------------------------------------------------

void draw_clients(const RegistryState& state) {
  ImGui::Text("Registry clients: %zu", state.clients.size());
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);  // long hints wrap in narrow slots
  ImGui::TextDisabled("(what a caller of the service would get from each client's cache)");
  ImGui::PopTextWrapPos();
  if (state.clients.empty()) return;
  if (!ImGui::BeginTable(
          "clients", 7, kTableFlags | ImGuiTableFlags_ScrollX,
          ImVec2(0, table_height(state.clients.size()) + ImGui::GetStyle().ScrollbarSize)))
    return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("client");
  ImGui::TableSetupColumn("registry");
  ImGui::TableSetupColumn("role");
  ImGui::TableSetupColumn("state");
  ImGui::TableSetupColumn("server");
  ImGui::TableSetupColumn("register / lookup probes");
  ImGui::TableSetupColumn("sees");
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.clients.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const RegistryState::Client& c = state.clients[static_cast<size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.kind == "eureka" ? "Eureka (AP)" : "ZooKeeper (CP)");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.role.c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(theme::vec4(c.running ? theme::kTextPlain : theme::kTextDim), "%s",
                         c.state.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.server.empty() ? "-" : c.server.c_str());
      ImGui::TableNextColumn();
      if (c.register_ok + c.register_failed + c.lookup_ok + c.lookup_failed == 0)
        ImGui::TextDisabled("-");
      else
        ImGui::TextColored(theme::vec4(c.register_failed + c.lookup_failed > 0 ? theme::kTextWarn
                                                                               : theme::kTextPlain),
                           "%llu ok %llu failed / %llu ok %llu failed",
                           static_cast<unsigned long long>(c.register_ok),
                           static_cast<unsigned long long>(c.register_failed),
                           static_cast<unsigned long long>(c.lookup_ok),
                           static_cast<unsigned long long>(c.lookup_failed));
      ImGui::TableNextColumn();
      if (c.role.find("consumer") == std::string::npos) {
        ImGui::TextDisabled("(does not look up)");
        continue;
      }
      if (!c.fetched) {
        ImGui::TextDisabled("(no list yet)");
        continue;
      }
      if (c.sees.empty()) ImGui::TextDisabled("%s: none", c.app.c_str());
      for (size_t k = 0; k < c.sees.size(); ++k) {
        if (k > 0) ImGui::SameLine(0, 6);
        const bool bad = stale(state, c.app, c.sees[k]);
        ImGui::TextColored(theme::vec4(bad ? theme::kTextBad : theme::kTextPlain), "%s%s",
                           c.sees[k].c_str(), bad ? " (stale)" : "");
        if (bad) stale_tip();
      }
    }
  ImGui::EndTable();
}

}  // namespace

// ---- 6. the panel -------------------------------------------------------------------------

void draw_registry(RegistryState& state, const PanelContext& ctx, CommandQueue&) {
  refresh(state, ctx.run.world());
  if (state.servers.empty() && state.clients.empty()) {
    ImGui::TextDisabled(
        "No registry server or client (eureka, eureka-client, zk-registry-client) in this world.");
    return;
  }
  ImGui::TextColored(theme::vec4(state.stale_entries > 0 ? theme::kTextBad : theme::kTextGood),
                     "Stale entries: %zu", state.stale_entries);
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);  // long hints wrap in narrow slots
  ImGui::TextDisabled("(instances still listed although their provider process is down)");
  ImGui::PopTextWrapPos();
  if (!state.servers.empty()) {
    ImGui::Separator();
    ImGui::TextColored(theme::vec4(theme::kTextNote), "Eureka registry (AP)");
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0);  // long hints wrap in narrow slots
    ImGui::TextDisabled(
        "each server's own copy, replicated to its peers without a quorum; times on its clock");
    ImGui::PopTextWrapPos();
    for (const RegistryState::Server& s : state.servers) {
      ImGui::PushID(static_cast<int>(s.node));
      draw_server(state, s);
      ImGui::PopID();
    }
  }
  if (state.zk_registry) {
    ImGui::Separator();
    draw_zk(state);
  }
  ImGui::Separator();
  draw_clients(state);
}

}  // namespace zoolab::gui
