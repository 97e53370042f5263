// What the ZooKeeper panels (znode tree, sessions, watches, console) share: finding servers and
// zkCli clients in the world, the server picker, and short texts for ZooKeeper values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/server/zookeeper_server.h"
#include "gui/panel_context.h"
#include "sim/kernel/world.h"

namespace zoolab::gui {

using core::zk::ZooKeeperServer;

// The running ZooKeeper server on `id`, or nullptr (another program, crashed, not started).
const ZooKeeperServer* zk_server(const sim::World& world, NodeId id);
// Machines whose program is a ZooKeeper server (running or not), in id order.
std::vector<NodeId> zk_server_nodes(const sim::World& world);
// Machines whose program is a zkCli client ("zkcli"), in id order.
std::vector<NodeId> zkcli_nodes(const sim::World& world);
bool is_zkcli(const sim::World& world, NodeId id);

// A combo choosing one of the servers, which also follows the map's selection when a server is
// selected there. `server` is kept valid (the first server when unset). Returns the running
// server, or nullptr after drawing a line that says why there is none.
// `last_selection` is the panel's memory of the selection it last followed.
const ZooKeeperServer* server_picker(const char* id, const PanelContext& ctx, NodeId& server,
                                     std::optional<NodeId>& last_selection);

// "standard (one-shot)", "persistent", "persistent-recursive".
std::string_view watcher_mode_label(core::zk::WatcherMode m);
// "STATE" from a zkCli prompt "[zk: zk1:2181(CONNECTED) 3] ", or "" when it has none.
std::string prompt_state(std::string_view prompt);
// A one-line preview of znode data: non-printable bytes as '.', cut at `max` characters.
std::string data_preview(std::string_view data, size_t max = 32);
// "c1 #2": the peer that opened a client connection and the connection's number on it.
std::string conn_label(const sim::World& world, core::ConnId conn, NodeId peer);
// "in 3.402 s", "due now" (negative: overdue, e.g. while the server is paused).
std::string expiry_label(int64_t ms_left);

}  // namespace zoolab::gui
