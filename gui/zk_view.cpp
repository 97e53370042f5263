// Shared helpers of the ZooKeeper panels (see zk_view.h).
#include "gui/zk_view.h"

#include <algorithm>

#include <fmt/format.h>
#include <imgui.h>

#include "gui/labels.h"

namespace zoolab::gui {
namespace {

std::string kind_of(const sim::Node& n) {
  if (n.process) return n.process->kind();
  if (n.prototype) return n.prototype->kind();
  return {};
}

}  // namespace

const ZooKeeperServer* zk_server(const sim::World& world, NodeId id) {
  if (id >= world.node_count()) return nullptr;
  return dynamic_cast<const ZooKeeperServer*>(world.node(id).process.get());
}

std::vector<NodeId> zk_server_nodes(const sim::World& world) {
  std::vector<NodeId> out;
  for (NodeId id = 0; id < world.node_count(); ++id) {
    const sim::Node& n = world.node(id);
    const core::Process* p = n.process ? n.process.get() : n.prototype.get();
    if (dynamic_cast<const ZooKeeperServer*>(p) != nullptr) out.push_back(id);
  }
  return out;
}

std::vector<NodeId> zkcli_nodes(const sim::World& world) {
  std::vector<NodeId> out;
  for (NodeId id = 0; id < world.node_count(); ++id)
    if (is_zkcli(world, id)) out.push_back(id);
  return out;
}

bool is_zkcli(const sim::World& world, NodeId id) {
  return id < world.node_count() && kind_of(world.node(id)) == "zkcli";
}

const ZooKeeperServer* server_picker(const char* id, const PanelContext& ctx, NodeId& server,
                                     std::optional<NodeId>& last_selection) {
  const sim::World& world = ctx.run.world();
  const std::vector<NodeId> servers = zk_server_nodes(world);
  if (servers.empty()) {
    ImGui::TextDisabled("No ZooKeeper server in this world.");
    return nullptr;
  }
  // Follow the map: selecting a server there shows it here (once per new selection).
  if (ctx.selected != last_selection) {
    last_selection = ctx.selected;
    if (ctx.selected && std::find(servers.begin(), servers.end(), *ctx.selected) != servers.end())
      server = *ctx.selected;
  }
  if (std::find(servers.begin(), servers.end(), server) == servers.end()) server = servers.front();
  if (servers.size() > 1) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::BeginCombo(id, node_label(world, server).c_str())) {
      for (NodeId s : servers)
        if (ImGui::Selectable(node_label(world, s).c_str(), s == server)) server = s;
      ImGui::EndCombo();
    }
  } else {
    ImGui::TextUnformatted(node_label(world, server).c_str());
  }
  const ZooKeeperServer* zk = zk_server(world, server);
  ImGui::SameLine();
  if (zk == nullptr) {
    ImGui::TextDisabled("is %s: nothing to show", node_state_text(world, server).c_str());
    return nullptr;
  }
  ImGui::TextDisabled("lastProcessedZxid %s", core::zk::hex(zk->last_processed_zxid()).c_str());
  return zk;
}

std::string_view watcher_mode_label(core::zk::WatcherMode m) {
  switch (m) {
    case core::zk::WatcherMode::kStandard:
      return "standard (one-shot)";
    case core::zk::WatcherMode::kPersistent:
      return "persistent";
    case core::zk::WatcherMode::kPersistentRecursive:
      return "persistent-recursive";
  }
  return "?";
}

std::string prompt_state(std::string_view prompt) {
  const size_t close = prompt.rfind(')');
  if (close == std::string_view::npos) return {};
  const size_t open = prompt.rfind('(', close);
  if (open == std::string_view::npos) return {};
  return std::string(prompt.substr(open + 1, close - open - 1));
}

std::string data_preview(std::string_view data, size_t max) {
  std::string out;
  for (char c : data.substr(0, max)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u != 0x7f) ? c : '.';
  }
  if (data.size() > max) out += "...";
  return out;
}

std::string conn_label(const sim::World& world, core::ConnId conn, NodeId peer) {
  if (conn == core::kNoConn) return "-";
  return fmt::format("{} #{}", node_label(world, peer), conn & 0xffffffffu);
}

std::string expiry_label(int64_t ms_left) {
  if (ms_left <= 0) return ms_left == 0 ? "due now" : fmt::format("overdue by {} ms", -ms_left);
  return fmt::format("in {}.{:03} s", ms_left / 1000, ms_left % 1000);
}

}  // namespace zoolab::gui
