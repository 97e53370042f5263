// The static ensemble membership (server.N lines) and the majority rule of QuorumMaj (§2.10).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "core/base/ids.h"

namespace zoolab::core::zab {

struct PeerAddress {
  int64_t sid = 0;
  NodeId node = kNoNode;   // the machine that runs it in the simulated world
  std::string host;        // "zk1"
  int32_t quorum_port = 2888, election_port = 3888, client_port = 2181;
  bool observer = false;
};

class QuorumConfig {
 public:
  QuorumConfig() = default;
  explicit QuorumConfig(std::map<int64_t, PeerAddress> peers) : peers_(std::move(peers)) {}

  const std::map<int64_t, PeerAddress>& peers() const { return peers_; }
  const PeerAddress* find(int64_t sid) const;
  const PeerAddress* find_node(NodeId node) const;
  bool is_voter(int64_t sid) const;
  size_t voter_count() const;
  // QuorumMaj.containsQuorum: more than half of the voters are in `sids` (non-voters ignored).
  bool is_quorum(const std::set<int64_t>& sids) const;
  // Distributed iff more than one voting member (standaloneEnabled=true, §11).
  bool distributed() const { return voter_count() > 1; }
  // QuorumVerifier.toString(): "server.1=zk1:2888:3888:participant\n...version=0".
  std::string text() const;

 private:
  std::map<int64_t, PeerAddress> peers_;
};

}  // namespace zoolab::core::zab
