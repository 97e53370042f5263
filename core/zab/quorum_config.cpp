// Ensemble membership and the majority rule (QuorumMaj, reference §2.10).
#include "core/zab/quorum_config.h"

namespace zoolab::core::zab {

const PeerAddress* QuorumConfig::find(int64_t sid) const {
  auto it = peers_.find(sid);
  return it == peers_.end() ? nullptr : &it->second;
}

const PeerAddress* QuorumConfig::find_node(NodeId node) const {
  for (const auto& [sid, p] : peers_)
    if (p.node == node) return &p;
  return nullptr;
}

bool QuorumConfig::is_voter(int64_t sid) const {
  const PeerAddress* p = find(sid);
  return p != nullptr && !p->observer;
}

size_t QuorumConfig::voter_count() const {
  size_t n = 0;
  for (const auto& [sid, p] : peers_) n += p.observer ? 0 : 1;
  return n;
}

bool QuorumConfig::is_quorum(const std::set<int64_t>& sids) const {
  size_t n = 0;
  for (int64_t s : sids) n += is_voter(s) ? 1 : 0;
  return n > voter_count() / 2;
}

std::string QuorumConfig::text() const {
  std::string out;
  for (const auto& [sid, p] : peers_)
    out += "server." + std::to_string(sid) + "=" + p.host + ":" + std::to_string(p.quorum_port) + ":" +
           std::to_string(p.election_port) + (p.observer ? ":observer" : ":participant") + "\n";
  return out + "version=0";
}

}  // namespace zoolab::core::zab
