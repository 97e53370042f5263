// Ensemble panel: the quorum peers of a ZooKeeper ensemble side by side (one column per server:
// role, ZAB phase, election round, current vote, epochs, last logged / committed zxid, sync
// mode), then for one chosen server its received votes (recvset and outofelection), its last
// election steps with the outcome of each comparison and its txn log tail with the commit
// point; the leader's pending proposals with their ACK sets and its learner handlers; and the
// invariant checkers' violations (click one to select it and its server).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/zab/fast_leader_election.h"
#include "core/zab/peer_view.h"
#include "gui/panel_context.h"
#include "gui/ui_command.h"

namespace zoolab::gui {

struct EnsembleState {
  NodeId server = core::kNoNode;             // the server the detail sections show
  bool user_chose = false;                   // else `server` follows the leader
  std::optional<NodeId> last_selection;      // the map selection last followed
  std::optional<size_t> selected_violation;  // index into Run::violations()

  // Everything below is rebuilt only when the world moved or another server was chosen.
  struct Key {
    uint64_t events = UINT64_MAX;
    uint64_t hash = 0;
    NodeId server = core::kNoNode;
    bool operator==(const Key&) const = default;
  } key;
  uint64_t rebuilds = 0;  // tests: how often the views were rebuilt

  // One column of the server table.
  struct Card {
    NodeId node = core::kNoNode;
    int64_t sid = 0;
    bool observer = false;  // configured as an observer (server.N=...:observer)
    bool running = false;   // false: crashed, powered off or not started (down_text says which)
    std::string down_text;
    core::zab::PeerView view;
    int64_t logicalclock = 0;
    bool looking = false;     // the election is collecting votes
    bool finalizing = false;  // a quorum agrees; waiting finalizeWait for a better vote
    int64_t timeout_ms = 0;   // notification timeout
    core::zab::Vote vote;     // LOOKING: the election's proposal; else currentVote
  };
  std::vector<Card> cards;  // in machine id order

  // The chosen server's election and log (empty when it is not running).
  struct VoteRow {
    int64_t from = 0;
    bool out_of_election = false;  // from outofelection (FOLLOWING/LEADING senders)
    core::zab::Vote vote;
  };
  std::vector<VoteRow> votes;
  std::vector<core::zab::ElectionStep> steps;  // newest first
  std::vector<core::zab::LogEntryView> log;    // oldest first
  int leaders = 0;  // running servers in state LEADING (two: look closer)
};

void draw_ensemble(EnsembleState& state, const PanelContext& ctx, CommandQueue& out);

}  // namespace zoolab::gui
