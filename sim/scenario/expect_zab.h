// `expect` checks on the ensemble, read from each server's PeerView: who leads, each server's
// role, epochs and srvr mode. The shell's `!leader` prints the same per-server lines.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/zab/peer_view.h"
#include "sim/scenario/expect.h"

namespace zoolab::sim {

// Adds leader, no-leader, role, epoch, accepted-epoch and mode to `checks`.
void add_zab_checks(std::map<std::string, ExpectCheck>& checks);

// What one server of the scenario shows right now.
struct ServerStatus {
  std::string name;
  std::string down;  // "" when it runs a ZooKeeper server; else why not: "crashed", "not started",
                     // "powered off", "not a ZooKeeper server"
  std::optional<core::zab::PeerView> view;  // set exactly when `down` is empty
};

// Every `server.N` machine of the scenario, in scenario order.
std::vector<ServerStatus> server_statuses(const World& w, const Scenario& sc);

// LEADING and in phase BROADCAST: an established leader.
bool established_leader(const core::zab::PeerView& v);
// "leader", "follower", "observer", "looking" (from the peer state), or "standalone".
std::string role_word(const core::zab::PeerView& v);
// One line per server, as `!leader` prints it: "zk1 follower epoch 1 zxid 0x100000003",
// with the phase in parentheses while a leader or learner is not yet in BROADCAST, or
// "zk3 crashed".
std::string describe_status(const ServerStatus& s);
// Who leads, e.g. "zk2 leads (epoch 1)", "no leader (zk1 looking, zk2 leader (DISCOVERY), zk3
// crashed)" or "2 established leaders: zk1 (epoch 1), zk3 (epoch 2)".
std::string describe_leadership(const std::vector<ServerStatus>& servers);
// The one established leader's name, if exactly one server is an established leader.
std::optional<std::string> sole_leader(const std::vector<ServerStatus>& servers);

}  // namespace zoolab::sim
