// `zoolab run --explain`: "why" lines derived from the trace, for a learner who wants the reason
// behind a step, not just the step. For each FastLeaderElection decision the vote comparison
// (peerEpoch, then zxid, then sid) or the quorum that settled it; for each COMMIT the ACK quorum;
// for each lock hand-over the watch that fired. It reads only trace records (the contract the
// checkers also parse), so it explains a replayed or exported run the same way.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/zab/quorum_config.h"
#include "sim/kernel/trace.h"

namespace zoolab::sim {

class World;

// Notes a learner follows a run by: role changes, election decisions, syncs, commits, sessions,
// locks, Sentinel and registry turns. Narration and the space-time diagram show only these.
bool is_milestone_note(std::string_view text);

struct ParsedVote {
  int64_t sid = 0;
  int64_t zxid = 0;
  int64_t peer_epoch = 0;
};
// "(2, 0x100000005, epoch 1)" -> vote; nullopt for anything else.
std::optional<ParsedVote> parse_vote_text(std::string_view text);

class Explainer {
 public:
  // `node_names` name the machines in the lines ("zk2"); `chinese` writes them in Chinese.
  Explainer(core::zab::QuorumConfig config, std::vector<std::string> node_names, bool chinese = false);

  // The why-lines for this record (most records have none). Call in trace order.
  std::vector<std::string> explain(const TraceRecord& r);

 private:
  std::string why(const std::string& en, const std::string& zh) const;  // "why: ..." or "原因: ..."
  std::string server_name(int64_t sid) const;
  std::string node_name(NodeId id) const;
  std::vector<std::string> election(const TraceRecord& r, std::string_view text);
  std::vector<std::string> commit(const TraceRecord& r, std::string_view text);
  std::vector<std::string> lock(const TraceRecord& r, std::string_view text);

  core::zab::QuorumConfig config_;
  std::vector<std::string> names_;
  std::map<NodeId, ParsedVote> proposal_;       // each peer's current FLE proposal
  std::map<NodeId, std::string> quorum_of_;     // who agreed, from its last "quorum for" note
  std::map<NodeId, std::string> waits_for_;     // lock waiter -> the node it watches
  std::map<NodeId, std::string> last_watch_;    // lock waiter -> last watch event delivered to it
  bool zh_ = false;
};

}  // namespace zoolab::sim
