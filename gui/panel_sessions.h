// Sessions panel: one server's sessions (id, negotiated timeout, time to expiry from the
// session's expiry bucket and the server's local clock, connection, ephemerals, closing) and
// every zkCli client of the world (its state from its prompt, the session it holds).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/znode/types.h"
#include "gui/panel_context.h"
#include "gui/ui_command.h"

namespace zoolab::gui {

struct SessionsState {
  NodeId server = core::kNoNode;
  std::optional<NodeId> last_selection;
  // Rebuilt only when the world moved: session ids of the shown server, in id order (each
  // visible row looks its session up), and which server connection each client holds.
  struct Key {
    NodeId server = core::kNoNode;
    uint64_t events = UINT64_MAX;
    uint64_t hash = 0;
    bool operator==(const Key&) const = default;
  } key;
  std::vector<core::zk::SessionId> sessions;
  struct ClientRow {
    NodeId node = core::kNoNode;
    NodeId server = core::kNoNode;  // the server it holds a connection to (kNoNode: none)
    core::ConnId conn = core::kNoConn;
    core::zk::SessionId session = 0;
  };
  std::vector<ClientRow> clients;
};

void draw_sessions(SessionsState& state, const PanelContext& ctx, CommandQueue& out);

}  // namespace zoolab::gui
