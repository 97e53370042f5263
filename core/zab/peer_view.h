// What a learner (and the GUI, the checkers, the scenario expects) may see of a quorum peer.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/proto/quorum_protocol.h"

namespace zoolab::core::zab {

// ZabState (§3.2).
enum class ZabPhase : uint8_t { kElection, kDiscovery, kSynchronization, kBroadcast };
// SyncMode (§3.2): how a learner was (or is being) brought up to date.
enum class SyncMode : uint8_t { kNone, kDiff, kSnap, kTrunc };
const char* zab_phase_name(ZabPhase p);  // "ELECTION", "DISCOVERY", "SYNCHRONIZATION", "BROADCAST"
const char* sync_mode_name(SyncMode m);  // "NONE", "DIFF", "SNAP", "TRUNC"

struct LogEntryView {
  Zxid zxid = 0;
  std::string what;        // describe_txn()
  bool committed = false;  // at or below the commit point
};

struct ProposalView {  // an outstanding proposal on the leader
  Zxid zxid = 0;
  std::string what;
  std::set<int64_t> acks;  // voter sids that ACKed (the leader's own included once logged)
};

struct LearnerView {  // one LearnerHandler on the leader
  int64_t sid = 0;
  bool observer = false;
  ZabPhase phase = ZabPhase::kDiscovery;
  SyncMode sync = SyncMode::kNone;
  Zxid last_acked = 0;
  bool synced = false;  // counted toward the leader's quorum check this tick
};

struct PeerView {
  bool distributed = false;  // false: a standalone server (the fields below keep their defaults)
  PeerState state = PeerState::kLooking;
  ZabPhase phase = ZabPhase::kElection;
  bool serving = false;      // accepts client connections
  std::string mode;          // srvr "Mode:" value: leader, follower, observer, standalone ("" when not serving)
  int64_t leader = -1;       // sid this peer follows or is; -1 while LOOKING
  int64_t current_epoch = 0, accepted_epoch = 0;
  Zxid last_logged = 0;      // last txn appended to the txn log (the vote zxid once applied)
  Zxid last_committed = 0;   // last txn known committed (applied to the tree)
  Zxid last_processed = 0;   // lastProcessedZxid (what srvr shows)
  SyncMode sync_mode = SyncMode::kNone;  // learner: how it synced with its leader
  std::vector<ProposalView> pending;     // leader: outstanding proposals in zxid order
  std::vector<LearnerView> learners;     // leader: its learner handlers in sid order
};

}  // namespace zoolab::core::zab
