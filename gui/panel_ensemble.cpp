// Ensemble panel (see panel_ensemble.h).
//
// Sections: 1. names, colours, sizes  2. refreshing the views (when the world moved)
//           3. the server table  4. election: received votes and steps  5. the txn log tail
//           6. the leader: proposals and learners  7. violations  8. the panel
#include "gui/panel_ensemble.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "gui/labels.h"
#include "gui/theme.h"
#include "gui/zk_view.h"

namespace zoolab::gui {
namespace {

using core::zab::PeerState;
using Card = EnsembleState::Card;

// ---- 1. names, colours, sizes -------------------------------------------------------------

// Roles: leader gold, follower blue, observer grey, looking red (lighter than the map's
// state colours, so they read as text on the dark background).
constexpr ImU32 kLeader = IM_COL32(255, 200, 60, 255);
constexpr ImU32 kFollower = IM_COL32(110, 170, 255, 255);
constexpr ImU32 kObserver = IM_COL32(175, 175, 175, 255);
constexpr ImU32 kLooking = IM_COL32(255, 110, 100, 255);

constexpr size_t kLogTail = 500;  // txns of the chosen server's log kept for the list
constexpr size_t kLogRows = 10;   // rows shown before the list scrolls
constexpr size_t kStepRows = 8;   // election steps shown before the list scrolls
constexpr size_t kViolationRows = 6;
constexpr float kWideLayout = 1000;  // from this width, election and log sit side by side

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                        ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit |
                                        ImGuiTableFlags_Resizable;

void text(const std::string& s) {
  ImGui::TextUnformatted(s.c_str());
}

void coloured(ImU32 colour, const std::string& s) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::vec4(colour));
  ImGui::TextUnformatted(s.c_str());
  ImGui::PopStyleColor();
}

// A dim explanation after a heading: on the same line when it fits, else wrapped below it.
void hint(const char* s) {
  ImGui::SameLine();
  if (ImGui::CalcTextSize(s).x > ImGui::GetContentRegionAvail().x) ImGui::NewLine();
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", s);
  ImGui::PopTextWrapPos();
}

void tooltip(const char* s) {
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
  ImGui::TextUnformatted(s);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

// A table of `rows` rows (plus the header) shows at most `max_rows` before it scrolls.
float table_height(size_t rows, size_t max_rows) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float row = ImGui::GetTextLineHeight() + 2 * style.CellPadding.y;
  return (static_cast<float>(std::clamp<size_t>(rows, 1, max_rows)) + 1) * row + 2;
}

struct Role {
  std::string word;
  ImU32 colour = theme::kTextPlain;
};

Role role_of(const Card& c) {
  if (!c.running) return {c.down_text, theme::kTextDim};
  if (!c.view.distributed) return {"standalone", theme::kTextGood};
  switch (c.view.state) {
    case PeerState::kLeading:
      return {"leader", kLeader};
    case PeerState::kFollowing:
      return {"follower", kFollower};
    case PeerState::kObserving:
      return {"observer", kObserver};
    case PeerState::kLooking:
      return {"looking", kLooking};
  }
  return {"?", theme::kTextPlain};
}

ImU32 state_colour(PeerState s) {
  switch (s) {
    case PeerState::kLeading:
      return kLeader;
    case PeerState::kFollowing:
      return kFollower;
    case PeerState::kObserving:
      return kObserver;
    case PeerState::kLooking:
      return kLooking;
  }
  return theme::kTextPlain;
}

std::string hex(core::zk::Zxid z) {
  return core::zk::hex(z);
}

const Card* card_of(const EnsembleState& state, NodeId node) {
  for (const Card& c : state.cards)
    if (c.node == node) return &c;
  return nullptr;
}

// "zk2" for a sid of the ensemble, "sid 7" otherwise.
std::string sid_name(const EnsembleState& state, const sim::World& world, int64_t sid) {
  for (const Card& c : state.cards)
    if (c.sid == sid) return node_label(world, c.node);
  return fmt::format("sid {}", sid);
}

// "1, 2" -> "zk1, zk2"
std::string sid_list(const EnsembleState& state, const sim::World& world,
                     const std::set<int64_t>& sids) {
  std::string out;
  for (int64_t s : sids)
    out += (out.empty() ? "" : ", ") + sid_name(state, world, s);
  return out.empty() ? "-" : out;
}

// ---- 2. refreshing the views (when the world moved) ---------------------------------------

const ZooKeeperServer* server_program(const sim::World& world, NodeId id) {
  const sim::Node& n = world.node(id);
  const core::Process* p = n.process ? n.process.get() : n.prototype.get();
  return dynamic_cast<const ZooKeeperServer*>(p);
}

Card make_card(const sim::World& world, NodeId id) {
  Card c;
  c.node = id;
  if (const ZooKeeperServer* program = server_program(world, id)) {
    c.sid = program->config().server_id;
    if (const auto* peer = program->config().quorum.find(c.sid)) c.observer = peer->observer;
  }
  const ZooKeeperServer* zk = zk_server(world, id);
  c.running = zk != nullptr && world.node(id).running();
  if (!c.running) {
    c.down_text = node_state_text(world, id);
    return c;
  }
  c.view = zk->peer_view();
  const core::zab::FastLeaderElection& e = zk->election();
  c.logicalclock = e.logicalclock();
  c.looking = e.looking();
  c.finalizing = e.finalizing();
  c.timeout_ms = e.notification_timeout_ms();
  c.vote = c.view.state == PeerState::kLooking ? e.proposal() : zk->quorum_state().current_vote;
  return c;
}

void refresh(EnsembleState& state, const sim::World& world, const std::vector<NodeId>& servers) {
  const EnsembleState::Key key{world.events_fired(), world.trace_hash(), state.server};
  if (key == state.key) return;
  state.key = key;
  ++state.rebuilds;
  state.cards.clear();
  state.leaders = 0;
  for (NodeId id : servers) {
    state.cards.push_back(make_card(world, id));
    const Card& c = state.cards.back();
    if (c.running && c.view.distributed && c.view.state == PeerState::kLeading) ++state.leaders;
  }
  state.votes.clear();
  state.steps.clear();
  state.log.clear();
  const ZooKeeperServer* zk = zk_server(world, state.server);
  if (zk == nullptr) return;
  const core::zab::FastLeaderElection& e = zk->election();
  for (const auto& [from, vote] : e.recvset())
    state.votes.push_back({from, false, vote});
  for (const auto& [from, vote] : e.outofelection())
    state.votes.push_back({from, true, vote});
  state.steps.assign(e.history().rbegin(), e.history().rend());
  state.log = zk->log_tail(kLogTail);
}

// ---- 3. the server table ------------------------------------------------------------------

struct FieldRow {
  const char* label;
  const char* help;
};

constexpr FieldRow kFields[] = {
    {"role",
     "LOOKING peers run the election; the winner is LEADING, voters that agreed are "
     "FOLLOWING, observers (non-voters) are OBSERVING."},
    {"ZAB phase",
     "ELECTION -> DISCOVERY (agree on a new epoch) -> SYNCHRONIZATION (followers "
     "catch up with DIFF, TRUNC or SNAP) -> BROADCAST (proposals, ACKs, COMMITs)."},
    {"serving clients",
     "A quorum peer accepts client connections only once it is synced "
     "with an established leader."},
    {"logicalclock",
     "The election round this peer is in. A vote from an older round is "
     "ignored; one from a newer round makes the peer jump to that round."},
    {"current vote",
     "(proposed leader sid, its last zxid, its epoch). While LOOKING: the "
     "election's proposal; afterwards: currentVote, the leader it settled on. "
     "Once the new epoch is agreed, the vote's epoch becomes that epoch "
     "(updateElectionVote), so it can differ from the votes sent in the election."},
    {"epoch cur / acc",
     "currentEpoch (the epoch this peer has joined: NEWLEADER acknowledged) "
     "and acceptedEpoch (the last epoch it agreed to in discovery)."},
    {"last logged", "The last txn appended to this peer's txn log (its vote's zxid)."},
    {"last committed", "The last txn known committed here (applied to the znode tree)."},
    {"sync mode",
     "How this learner was brought up to date by its leader: DIFF (the missing "
     "txns), TRUNC (cut its log back), SNAP (a whole snapshot)."},
};
constexpr int kFieldCount = static_cast<int>(std::size(kFields));

void field_cell(const Card& c, int field) {
  if (!c.running && field > 0) {
    ImGui::TextDisabled("-");
    return;
  }
  const core::zab::PeerView& v = c.view;
  switch (field) {
    case 0: {
      const Role r = role_of(c);
      coloured(r.colour, r.word);
      if (c.running && v.distributed)
        tooltip(fmt::format("{}{}", core::zab::peer_state_name(v.state),
                            v.mode.empty() ? "" : ", srvr Mode: " + v.mode)
                    .c_str());
      break;
    }
    case 1:
      text(core::zab::zab_phase_name(v.phase));
      break;
    case 2:
      coloured(v.serving ? theme::kTextGood : theme::kTextDim, v.serving ? "yes" : "no");
      break;
    case 3:
      if (!v.distributed) {
        ImGui::TextDisabled("-");
        break;
      }
      text(std::to_string(c.logicalclock) + (c.finalizing ? " (finalizing)"
                                             : c.looking  ? " (collecting)"
                                                          : ""));
      break;
    case 4:
      if (!v.distributed)
        ImGui::TextDisabled("-");
      else
        text(core::zab::describe(c.vote));
      break;
    case 5:
      text(fmt::format("{} / {}", v.current_epoch, v.accepted_epoch));
      break;
    case 6:
      text(hex(v.last_logged));
      break;
    case 7:
      text(hex(v.last_committed));
      break;
    case 8:
      if (v.state == PeerState::kFollowing || v.state == PeerState::kObserving)
        text(core::zab::sync_mode_name(v.sync_mode));
      else
        ImGui::TextDisabled("-");
      break;
    default:
      break;
  }
}

std::string card_title(const sim::World& world, const Card& c) {
  return fmt::format("{} (sid {}{})", node_label(world, c.node), c.sid,
                     c.observer ? ", observer" : "");
}

void draw_server_table(EnsembleState& state, const sim::World& world) {
  const int columns = static_cast<int>(state.cards.size()) + 1;
  // Five or more servers may not fit: the table then scrolls sideways.
  const float label_w = ImGui::CalcTextSize("epoch cur / acc").x;
  // Server columns are at least this wide, so they do not jump while the run plays; a longer
  // vote widens its column.
  const float card_w = ImGui::CalcTextSize("(2, 0x100000000, epoch 1)").x;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float needed =
      label_w + static_cast<float>(state.cards.size()) * (card_w + 2 * style.CellPadding.x + 1);
  const bool scroll = needed > ImGui::GetContentRegionAvail().x;
  const float height = table_height(kFieldCount, kFieldCount) + (scroll ? style.ScrollbarSize : 0);
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                          ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit;
  if (scroll) flags |= ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("servers", columns, flags, ImVec2(0, scroll ? height : 0))) return;
  if (scroll) ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("##field");
  for (const Card& c : state.cards)
    ImGui::TableSetupColumn(card_title(world, c).c_str());
  // The header: click a server to show its election and log below.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::TableSetColumnIndex(0);
  ImGui::TableHeader("");
  for (size_t i = 0; i < state.cards.size(); ++i) {
    const Card& c = state.cards[i];
    ImGui::TableSetColumnIndex(static_cast<int>(i) + 1);
    ImGui::PushID(static_cast<int>(c.node));
    if (ImGui::Selectable(card_title(world, c).c_str(), c.node == state.server)) {
      state.server = c.node;
      state.user_chose = true;
    }
    tooltip("Click to show this server's votes, election steps and txn log below.");
    ImGui::PopID();
  }
  for (int f = 0; f < kFieldCount; ++f) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("%s", kFields[f].label);
    tooltip(kFields[f].help);
    for (size_t i = 0; i < state.cards.size(); ++i) {
      ImGui::TableSetColumnIndex(static_cast<int>(i) + 1);
      const float x0 = ImGui::GetCursorScreenPos().x;
      field_cell(state.cards[i], f);
      if (f != 0) continue;
      ImGui::SameLine(0, 0);  // the first row makes the column at least card_w wide
      ImGui::Dummy(ImVec2(std::max(0.0f, x0 + card_w - ImGui::GetCursorScreenPos().x), 0));
    }
  }
  ImGui::EndTable();
}

// ---- 4. election: received votes and steps ------------------------------------------------

std::string election_summary(const Card& c) {
  if (c.finalizing)
    return fmt::format("round {}: a quorum agrees; finalizeWait ({} ms) for a better vote",
                       c.logicalclock, core::zab::kFinalizeWaitMs);
  if (c.looking)
    return fmt::format("round {}: collecting votes (notification timeout {} ms)", c.logicalclock,
                       c.timeout_ms);
  if (c.logicalclock == 0) return "no election yet";
  return fmt::format("round {} is over: settled on {}", c.logicalclock,
                     core::zab::describe(c.vote));
}

void vote_row(const EnsembleState& state, const sim::World& world,
              const EnsembleState::VoteRow& r) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  text(sid_name(state, world, r.from));
  ImGui::TableNextColumn();
  if (r.out_of_election)
    ImGui::TextDisabled("outofelection");
  else
    text("recvset");
  ImGui::TableNextColumn();
  coloured(state_colour(r.vote.state), core::zab::peer_state_name(r.vote.state));
  ImGui::TableNextColumn();
  if (r.vote.id == core::zab::kNoVoteValue)
    ImGui::TextDisabled("(no vote)");
  else
    text(fmt::format("{} ({})", r.vote.id, sid_name(state, world, r.vote.id)));
  ImGui::TableNextColumn();
  text(hex(r.vote.zxid));
  ImGui::TableNextColumn();
  text(std::to_string(r.vote.election_epoch));
  ImGui::TableNextColumn();
  text(std::to_string(r.vote.peer_epoch));
}

void draw_votes(const EnsembleState& state, const sim::World& world) {
  ImGui::Text("Received votes: %zu", state.votes.size());
  hint(
      "(recvset: this round's LOOKING votes; outofelection: from FOLLOWING or LEADING "
      "peers)");
  if (state.votes.empty()) {
    ImGui::TextDisabled("  none yet");
    return;
  }
  if (!ImGui::BeginTable("votes", 7, kTableFlags,
                         ImVec2(0, table_height(state.votes.size(), state.cards.size() * 2))))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("from");
  ImGui::TableSetupColumn("set");
  ImGui::TableSetupColumn("state");
  ImGui::TableSetupColumn("leader");
  ImGui::TableSetupColumn("zxid");
  ImGui::TableSetupColumn("round");
  ImGui::TableSetupColumn("peerEpoch", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.votes.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      vote_row(state, world, state.votes[static_cast<size_t>(i)]);
  ImGui::EndTable();
}

ImU32 outcome_colour(const std::string& outcome) {
  if (outcome.find("adopted") != std::string::npos) return theme::kTextGood;
  if (outcome.find("quorum") != std::string::npos) return kLeader;
  if (outcome.find("ignored") != std::string::npos ||
      outcome.find("discarded") != std::string::npos || outcome == "not better")
    return theme::kTextDim;
  return theme::kTextPlain;
}

void step_row(const EnsembleState& state, const sim::World& world, size_t i,
              const core::zab::ElectionStep& s) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%zu", state.steps.size() - i);
  ImGui::TableNextColumn();
  text(sid_name(state, world, s.from));
  ImGui::TableNextColumn();
  coloured(state_colour(s.vote.state), core::zab::peer_state_name(s.vote.state));
  ImGui::TableNextColumn();
  text(core::zab::describe(s.vote));
  ImGui::TableNextColumn();
  text(std::to_string(s.vote.election_epoch));
  ImGui::TableNextColumn();
  coloured(outcome_colour(s.outcome), s.outcome);
}

void draw_steps(const EnsembleState& state, const sim::World& world) {
  ImGui::Text("Election steps: %zu", state.steps.size());
  hint("(newest first: each notification and what the comparison decided)");
  if (state.steps.empty()) {
    ImGui::TextDisabled("  none yet");
    return;
  }
  if (!ImGui::BeginTable("steps", 6, kTableFlags,
                         ImVec2(0, table_height(state.steps.size(), kStepRows))))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("#");
  ImGui::TableSetupColumn("from");
  ImGui::TableSetupColumn("state");
  ImGui::TableSetupColumn("vote (sid, zxid, epoch)");
  ImGui::TableSetupColumn("round");
  ImGui::TableSetupColumn("outcome", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.steps.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      step_row(state, world, static_cast<size_t>(i), state.steps[static_cast<size_t>(i)]);
  ImGui::EndTable();
}

void draw_election(const EnsembleState& state, const sim::World& world, const Card& c) {
  ImGui::Text("Election on %s:", node_label(world, c.node).c_str());
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(theme::vec4(c.looking ? kLooking : theme::kTextPlain), "%s",
                     election_summary(c).c_str());
  ImGui::PopTextWrapPos();
  draw_votes(state, world);
  draw_steps(state, world);
}

// ---- 5. the txn log tail ------------------------------------------------------------------

void log_row(const core::zab::LogEntryView& e, bool commit_point) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  const ImU32 colour = e.committed ? theme::kTextPlain : theme::kTextWarn;
  coloured(colour, hex(e.zxid));
  ImGui::TableNextColumn();
  if (commit_point)
    coloured(kLeader, "<- commit point");
  else if (e.committed)
    ImGui::TextDisabled("committed");
  else
    coloured(theme::kTextWarn, "logged, not committed");
  ImGui::TableNextColumn();
  coloured(colour, e.what);
}

void draw_log(const EnsembleState& state, const sim::World& world, const Card& c) {
  if (state.log.size() == kLogTail)
    ImGui::Text("Txn log of %s: the last %zu txns", node_label(world, c.node).c_str(), kLogTail);
  else
    ImGui::Text("Txn log of %s: %zu txn%s", node_label(world, c.node).c_str(), state.log.size(),
                state.log.size() == 1 ? "" : "s");
  hint(fmt::format("(since its last snapshot; committed up to {})", hex(c.view.last_committed))
           .c_str());
  if (state.log.empty()) {
    ImGui::TextDisabled("  empty");
    return;
  }
  if (!ImGui::BeginTable("log", 3, kTableFlags,
                         ImVec2(0, table_height(state.log.size(), kLogRows))))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("zxid");
  ImGui::TableSetupColumn("state");
  ImGui::TableSetupColumn("txn", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.log.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const size_t k = static_cast<size_t>(i);
      const bool point =
          state.log[k].committed && (k + 1 == state.log.size() || !state.log[k + 1].committed);
      log_row(state.log[k], point);
    }
  ImGui::EndTable();
}

// ---- 6. the leader: proposals and learners ------------------------------------------------

void draw_proposals(const EnsembleState& state, const sim::World& world, const Card& leader) {
  const core::zab::PeerView& v = leader.view;
  ImGui::Text("Pending proposals: %zu", v.pending.size());
  hint("(committed once a quorum of voters has ACKed)");
  if (v.pending.empty()) return;
  const ZooKeeperServer* zk = zk_server(world, leader.node);
  if (!ImGui::BeginTable("proposals", 4, kTableFlags,
                         ImVec2(0, table_height(v.pending.size(), kLogRows))))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("zxid");
  ImGui::TableSetupColumn("ACKs from");
  ImGui::TableSetupColumn("quorum");
  ImGui::TableSetupColumn("txn", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(v.pending.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const core::zab::ProposalView& p = v.pending[static_cast<size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      text(hex(p.zxid));
      ImGui::TableNextColumn();
      text(sid_list(state, world, p.acks));
      ImGui::TableNextColumn();
      const bool quorum = zk != nullptr && zk->config().quorum.is_quorum(p.acks);
      coloured(quorum ? theme::kTextGood : theme::kTextWarn, quorum ? "yes" : "not yet");
      ImGui::TableNextColumn();
      text(p.what);
    }
  ImGui::EndTable();
}

void draw_learners(const EnsembleState& state, const sim::World& world, const Card& leader) {
  const core::zab::PeerView& v = leader.view;
  ImGui::Text("Learner handlers: %zu", v.learners.size());
  hint("(one per connected follower or observer)");
  if (v.learners.empty()) return;
  if (!ImGui::BeginTable("learners", 6, kTableFlags,
                         ImVec2(0, table_height(v.learners.size(), state.cards.size()))))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("learner");
  ImGui::TableSetupColumn("kind");
  ImGui::TableSetupColumn("phase");
  ImGui::TableSetupColumn("sync");
  ImGui::TableSetupColumn("last ACKed");
  ImGui::TableSetupColumn("synced", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(v.learners.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const core::zab::LearnerView& l = v.learners[static_cast<size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      text(fmt::format("{} (sid {})", sid_name(state, world, l.sid), l.sid));
      ImGui::TableNextColumn();
      coloured(l.observer ? kObserver : kFollower, l.observer ? "observer" : "follower");
      ImGui::TableNextColumn();
      text(core::zab::zab_phase_name(l.phase));
      ImGui::TableNextColumn();
      text(core::zab::sync_mode_name(l.sync));
      ImGui::TableNextColumn();
      text(hex(l.last_acked));
      ImGui::TableNextColumn();
      coloured(l.synced ? theme::kTextGood : theme::kTextBad, l.synced ? "yes" : "no (late)");
      tooltip(
          "Synced: the learner ACKed within syncLimit ticks; the leader counts it toward "
          "the quorum it needs to stay leader.");
    }
  ImGui::EndTable();
}

void draw_leaders(const EnsembleState& state, const sim::World& world) {
  if (state.leaders == 0) {
    ImGui::TextDisabled(
        "No leader right now: pending proposals and learners appear here once "
        "a server is LEADING.");
    return;
  }
  if (state.leaders > 1)
    ImGui::TextColored(theme::vec4(theme::kTextWarn),
                       "%d servers are LEADING: at most one of them can keep a quorum.",
                       state.leaders);
  for (const Card& c : state.cards) {
    if (!c.running || !c.view.distributed || c.view.state != PeerState::kLeading) continue;
    ImGui::PushID(static_cast<int>(c.node));
    ImGui::TextColored(theme::vec4(kLeader), "Leader %s", node_label(world, c.node).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("epoch %lld, %s", static_cast<long long>(c.view.current_epoch),
                        core::zab::zab_phase_name(c.view.phase));
    draw_proposals(state, world, c);
    draw_learners(state, world, c);
    ImGui::PopID();
  }
}

// ---- 7. violations ------------------------------------------------------------------------

void draw_violations(EnsembleState& state, const PanelContext& ctx,
                     const std::vector<NodeId>& servers) {
  const sim::World& world = ctx.run.world();
  const auto& list = ctx.run.violations();  // cut back with the run after time travel
  if (state.selected_violation && *state.selected_violation >= list.size())
    state.selected_violation.reset();
  ImGui::TextColored(theme::vec4(list.empty() ? theme::kTextGood : theme::kTextBad),
                     "Violations: %zu", list.size());
  hint(list.empty() ? "(the invariant checkers found nothing so far)"
                    : "(click one to select it and its server)");
  if (list.empty()) return;
  if (ImGui::BeginTable("violations", 5, kTableFlags,
                        ImVec2(0, table_height(list.size(), kViolationRows)))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("checker");
    ImGui::TableSetupColumn("time");
    ImGui::TableSetupColumn("event");
    ImGui::TableSetupColumn("node");
    ImGui::TableSetupColumn("violation", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(list.size()));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const size_t k = static_cast<size_t>(i);
        const sim::check::Violation& v = list[k];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(i);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::vec4(theme::kTextBad));
        if (ImGui::Selectable(v.checker.c_str(), state.selected_violation == k,
                              ImGuiSelectableFlags_SpanAllColumns)) {
          state.selected_violation = k;
          if (std::find(servers.begin(), servers.end(), v.node) != servers.end()) {
            state.server = v.node;
            state.user_chose = true;
          }
        }
        ImGui::PopStyleColor();
        ImGui::PopID();
        ImGui::TableNextColumn();
        text(core::format_seconds(v.time));
        ImGui::TableNextColumn();
        text(std::to_string(v.event));
        ImGui::TableNextColumn();
        text(node_label(world, v.node));
        ImGui::TableNextColumn();
        text(v.text);  // one line per row (the clipper needs even rows): hover or select
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
  if (!state.selected_violation) return;
  const sim::check::Violation& v = list[*state.selected_violation];
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(theme::vec4(theme::kTextWarn), "Selected: %s at event #%llu (t = %s s) on %s",
                     v.checker.c_str(), static_cast<unsigned long long>(v.event),
                     core::format_seconds(v.time).c_str(), node_label(world, v.node).c_str());
  ImGui::TextUnformatted(v.text.c_str());
  const uint64_t now = world.events_fired();
  ImGui::TextDisabled(
      "The controls show (event %llu) now. The GUI cannot jump to an event yet: to stand where "
      "this was found, press < Back (left arrow) %llu times, or open the scenario with --until "
      "%ss. In the Events panel's trace it reads \"%s: ... (event %llu)\".",
      static_cast<unsigned long long>(now),
      static_cast<unsigned long long>(now > v.event ? now - v.event : 0),
      core::format_seconds(v.time).c_str(), v.checker.c_str(),
      static_cast<unsigned long long>(v.event));
  ImGui::PopTextWrapPos();
}

// Follow the map: selecting a server there shows it here (once per new selection). Until the
// user chose a server (map, column header, violation), the panel shows the leader, else the
// first running server.
void follow_selection(EnsembleState& state, const PanelContext& ctx,
                      const std::vector<NodeId>& servers) {
  if (ctx.selected != state.last_selection) {
    state.last_selection = ctx.selected;
    if (ctx.selected && std::find(servers.begin(), servers.end(), *ctx.selected) != servers.end()) {
      state.server = *ctx.selected;
      state.user_chose = true;
    }
  }
  if (state.user_chose && std::find(servers.begin(), servers.end(), state.server) != servers.end())
    return;
  const sim::World& world = ctx.run.world();
  std::optional<NodeId> running;
  for (NodeId id : servers)
    if (const ZooKeeperServer* zk = zk_server(world, id)) {
      if (zk->quorum_state().state == PeerState::kLeading) {
        state.server = id;
        return;
      }
      if (!running) running = id;
    }
  state.server = running.value_or(servers.front());
}

}  // namespace

// ---- 8. the panel -------------------------------------------------------------------------

void draw_ensemble(EnsembleState& state, const PanelContext& ctx, CommandQueue&) {
  const sim::World& world = ctx.run.world();
  const std::vector<NodeId> servers = zk_server_nodes(world);
  if (servers.empty()) {
    ImGui::TextDisabled("No ZooKeeper server in this world.");
    draw_violations(state, ctx, servers);
    return;
  }
  follow_selection(state, ctx, servers);
  refresh(state, world, servers);

  draw_server_table(state, world);
  const Card* chosen = card_of(state, state.server);
  const bool ensemble = std::any_of(state.cards.begin(), state.cards.end(),
                                    [](const Card& c) { return c.running && c.view.distributed; });
  if (!ensemble && state.cards.size() == 1)
    ImGui::TextDisabled(
        "A standalone server: no election and no ZAB. A scenario with several "
        "server.N lines runs an ensemble.");
  ImGui::Spacing();

  const bool wide = ImGui::GetContentRegionAvail().x >= kWideLayout;
  // A standalone server has no election, and its txns are not kept in a quorum log.
  const bool detail = chosen != nullptr && chosen->running && chosen->view.distributed;
  if (chosen != nullptr && !chosen->running)
    ImGui::TextDisabled("%s is %s: no election or log to show (click another server above).",
                        node_label(world, chosen->node).c_str(), chosen->down_text.c_str());
  if (wide && detail &&
      ImGui::BeginTable("layout", 2,
                        ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    draw_election(state, world, *chosen);
    ImGui::TableNextColumn();
    draw_log(state, world, *chosen);
    ImGui::Spacing();
    if (ensemble) draw_leaders(state, world);
    ImGui::EndTable();
  } else {
    if (detail) {
      draw_election(state, world, *chosen);
      ImGui::Spacing();
      draw_log(state, world, *chosen);
      ImGui::Spacing();
    }
    if (ensemble) draw_leaders(state, world);
  }
  ImGui::Spacing();
  ImGui::Separator();
  draw_violations(state, ctx, servers);
}

}  // namespace zoolab::gui
