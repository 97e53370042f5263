// Ensemble expectations read each server's PeerView (what srvr, mntr and the GUI show):
//   expect leader == zk2            exactly one established leader (LEADING, phase BROADCAST): zk2
//   expect no-leader                no established leader
//   expect role zk1 == follower     leader, follower, observer, looking (or standalone)
//   expect epoch zk3 >= 2           currentEpoch (accepted-epoch: acceptedEpoch)
//   expect mode zk1 == "leader"     srvr's Mode: ("" while not serving)
// Every failure says what was seen instead.
#include "sim/scenario/expect_zab.h"
#include "sim/scenario/expect_common.h"

#include <charconv>
#include <functional>
#include <utility>

#include "core/server/zookeeper_server.h"

namespace zoolab::sim {
namespace {

using namespace expect_common;

using Args = std::vector<std::string>;
using core::zab::PeerState;
using core::zab::PeerView;
using core::zab::ZabPhase;

constexpr const char* kRoles[] = {"leader", "follower", "observer", "looking", "standalone"};
constexpr const char* kModes[] = {"leader", "follower", "observer", "standalone", "read-only", ""};

std::string join_words(const char* const* begin, const char* const* end, bool quote_words) {
  std::string out;
  for (const char* const* w = begin; w != end; ++w)
    out += (out.empty() ? "" : ", ") + (quote_words ? "\"" + std::string(*w) + "\"" : std::string(*w));
  return out;
}

template <size_t N>
bool one_of(const char* const (&list)[N], const std::string& word) {
  for (const char* w : list)
    if (word == w) return true;
  return false;
}

std::string check_server(const Scenario& sc, const std::string& name) {
  const auto id = sc.find(name);
  if (id && sc.nodes[*id].kind == "zookeeper") return "";
  std::string servers;
  for (const NodeDecl& n : sc.nodes)
    if (n.kind == "zookeeper") servers += (servers.empty() ? "" : ", ") + n.name;
  return code_quoted(name) + " is not a server (servers: " + (servers.empty() ? "none" : servers) + ")";
}

std::string check_equality(const std::string& op) {
  return op == "==" || op == "!=" ? "" : "unknown comparison " + code_quoted(op) + " (use == or !=)";
}

// The status of the server named `name`.
ServerStatus status_of(const World& w, const std::string& name) {
  ServerStatus s;
  s.name = name;
  const std::optional<NodeId> id = w.find_node(name);
  if (!id) {
    s.down = "does not exist";
    return s;
  }
  const Node& n = w.node(*id);
  if (!n.running()) {
    s.down = std::string(node_state_name(n.state));
    return s;
  }
  const auto* server = dynamic_cast<const core::zk::ZooKeeperServer*>(n.process.get());
  if (server == nullptr) {
    s.down = "not a ZooKeeper server";
    return s;
  }
  s.view = server->peer_view();
  return s;
}

// "zk1 looking", "zk2 leader (DISCOVERY)", "zk3 crashed".
std::string short_status(const ServerStatus& s) {
  if (!s.view) return s.name + " " + s.down;
  std::string out = s.name + " " + role_word(*s.view);
  const PeerView& v = *s.view;
  if (v.distributed && v.state != PeerState::kLooking && v.phase != ZabPhase::kBroadcast)
    out += std::string(" (") + core::zab::zab_phase_name(v.phase) + ")";
  return out;
}

// `CHECK SERVER OP VALUE` on one running server's view.
using ViewReader = std::function<ExpectOutcome(const ServerStatus&, const std::string& op, const std::string& value)>;

ExpectOutcome on_server(const World& w, const Args& a, const ViewReader& read) {
  if (a.size() != 3) return kBadArguments;
  const ServerStatus s = status_of(w, a[0]);
  if (!s.view) return {false, s.name + " is " + s.down};
  return read(s, a[1], a[2]);
}

ExpectCheck leader_check() {
  return {"leader ==|!= SERVER",
          [](const Scenario& sc, const Args& a) -> std::string {
            if (a.size() != 2) return "expected == SERVER (like leader == zk2)";
            if (std::string p = check_equality(a[0]); !p.empty()) return p;
            return check_server(sc, a[1]);
          },
          [](const World& w, const Scenario& sc, const Args& a) {
            if (a.size() != 2 || check_equality(a[0]) != "") return kBadArguments;
            const std::vector<ServerStatus> servers = server_statuses(w, sc);
            const std::optional<std::string> leader = sole_leader(servers);
            const bool is = leader && *leader == a[1];
            return ExpectOutcome{a[0] == "==" ? is : !is, describe_leadership(servers)};
          }};
}

ExpectCheck no_leader_check() {
  return {"no-leader",
          [](const Scenario&, const Args& a) -> std::string {
            return a.empty() ? "" : "takes no arguments, got " + std::to_string(a.size());
          },
          [](const World& w, const Scenario& sc, const Args& a) {
            if (!a.empty()) return kBadArguments;
            const std::vector<ServerStatus> servers = server_statuses(w, sc);
            bool any = false;
            for (const ServerStatus& s : servers) any = any || (s.view && established_leader(*s.view));
            return ExpectOutcome{!any, describe_leadership(servers)};
          }};
}

ExpectCheck role_check() {
  std::string roles;
  for (const char* r : kRoles) roles += (roles.empty() ? "" : "|") + std::string(r);
  return {"role SERVER ==|!= " + roles,
          [](const Scenario& sc, const Args& a) -> std::string {
            if (a.size() != 3) return "expected SERVER == ROLE (like role zk1 == follower)";
            if (std::string p = check_server(sc, a[0]); !p.empty()) return p;
            if (std::string p = check_equality(a[1]); !p.empty()) return p;
            if (!one_of(kRoles, a[2]))
              return "unknown role " + code_quoted(a[2]) + " (" + join_words(std::begin(kRoles), std::end(kRoles), false) + ")";
            return "";
          },
          [](const World& w, const Scenario&, const Args& a) {
            return on_server(w, a, [](const ServerStatus& s, const std::string& op, const std::string& want) {
              const PeerView& v = *s.view;
              const bool is = role_word(v) == want;
              std::string seen = s.name + "'s role is " + role_word(v);
              if (v.distributed && (v.state == PeerState::kFollowing || v.state == PeerState::kObserving))
                seen += " of sid " + std::to_string(v.leader);
              if (v.distributed && v.state != PeerState::kLooking && v.phase != ZabPhase::kBroadcast)
                seen += std::string(" (") + core::zab::zab_phase_name(v.phase) + ")";
              return ExpectOutcome{op == "==" ? is : !is, seen};
            });
          }};
}

ExpectCheck epoch_check(bool accepted) {
  const std::string what = accepted ? "acceptedEpoch" : "currentEpoch";
  return {std::string(accepted ? "accepted-epoch" : "epoch") + " SERVER ==|!=|>=|<= N",
          [](const Scenario& sc, const Args& a) -> std::string {
            if (a.size() != 3) return "expected SERVER == N (like epoch zk3 == 2)";
            if (std::string p = check_server(sc, a[0]); !p.empty()) return p;
            if (a[1] != "==" && a[1] != "!=" && a[1] != ">=" && a[1] != "<=")
              return "unknown comparison " + code_quoted(a[1]) + " (use ==, !=, >= or <=)";
            return parse_number(a[2]) ? "" : code_quoted(a[2]) + " is not an epoch (a number)";
          },
          [accepted, what](const World& w, const Scenario&, const Args& a) {
            const std::optional<int64_t> want = a.size() == 3 ? parse_number(a[2]) : std::nullopt;
            if (!want) return kBadArguments;
            return on_server(w, a, [&](const ServerStatus& s, const std::string& op, const std::string&) {
              const int64_t seen = accepted ? s.view->accepted_epoch : s.view->current_epoch;
              return ExpectOutcome{compare(op, seen, *want),
                                   s.name + "'s " + what + " is " + std::to_string(seen)};
            });
          }};
}

ExpectCheck mode_check() {
  return {"mode SERVER ==|!= \"leader\" (follower, observer, standalone, read-only, or \"\" while not serving)",
          [](const Scenario& sc, const Args& a) -> std::string {
            if (a.size() != 3) return "expected SERVER == \"MODE\" (like mode zk1 == \"leader\")";
            if (std::string p = check_server(sc, a[0]); !p.empty()) return p;
            if (std::string p = check_equality(a[1]); !p.empty()) return p;
            if (!one_of(kModes, a[2]))
              return "unknown mode " + code_quoted(a[2]) + " (" + join_words(std::begin(kModes), std::end(kModes), true) + ")";
            return "";
          },
          [](const World& w, const Scenario&, const Args& a) {
            return on_server(w, a, [](const ServerStatus& s, const std::string& op, const std::string& want) {
              const std::string& mode = s.view->mode;
              const bool is = mode == want;
              return ExpectOutcome{op == "==" ? is : !is,
                                   mode.empty() ? s.name + " is not serving (srvr has no Mode line)"
                                                : s.name + "'s srvr says Mode: " + mode};
            });
          }};
}

}  // namespace

std::vector<ServerStatus> server_statuses(const World& w, const Scenario& sc) {
  std::vector<ServerStatus> out;
  for (const NodeDecl& n : sc.nodes)
    if (n.kind == "zookeeper") out.push_back(status_of(w, n.name));
  return out;
}

bool established_leader(const PeerView& v) {
  return v.state == PeerState::kLeading && v.phase == ZabPhase::kBroadcast;
}

std::string role_word(const PeerView& v) {
  if (!v.distributed) return "standalone";
  switch (v.state) {
    case PeerState::kLeading: return "leader";
    case PeerState::kFollowing: return "follower";
    case PeerState::kObserving: return "observer";
    case PeerState::kLooking: return "looking";
  }
  return "looking";
}

std::string describe_status(const ServerStatus& s) {
  if (!s.view) return s.name + " " + s.down;
  const PeerView& v = *s.view;
  std::string out = s.name + " " + role_word(v) + " epoch " + std::to_string(v.current_epoch) + " zxid " +
                    core::zk::hex(v.last_processed);
  if (v.distributed && v.state != PeerState::kLooking && v.phase != ZabPhase::kBroadcast)
    out += std::string(" (") + core::zab::zab_phase_name(v.phase) + ")";
  return out;
}

std::optional<std::string> sole_leader(const std::vector<ServerStatus>& servers) {
  std::optional<std::string> found;
  for (const ServerStatus& s : servers) {
    if (!s.view || !established_leader(*s.view)) continue;
    if (found) return std::nullopt;
    found = s.name;
  }
  return found;
}

std::string describe_leadership(const std::vector<ServerStatus>& servers) {
  std::vector<const ServerStatus*> leaders;
  for (const ServerStatus& s : servers)
    if (s.view && established_leader(*s.view)) leaders.push_back(&s);
  if (leaders.size() == 1)
    return leaders[0]->name + " leads (epoch " + std::to_string(leaders[0]->view->current_epoch) + ")";
  if (leaders.empty()) {
    std::string all;
    for (const ServerStatus& s : servers) all += (all.empty() ? "" : ", ") + short_status(s);
    return "no leader (" + (all.empty() ? std::string("no servers") : all) + ")";
  }
  std::string list;
  for (const ServerStatus* s : leaders)
    list += (list.empty() ? "" : ", ") + s->name + " (epoch " + std::to_string(s->view->current_epoch) + ")";
  return std::to_string(leaders.size()) + " established leaders: " + list;
}

void add_zab_checks(std::map<std::string, ExpectCheck>& checks) {
  checks["leader"] = leader_check();
  checks["no-leader"] = no_leader_check();
  checks["role"] = role_check();
  checks["epoch"] = epoch_check(false);
  checks["accepted-epoch"] = epoch_check(true);
  checks["mode"] = mode_check();
}

}  // namespace zoolab::sim
