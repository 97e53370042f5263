// The quorum-peer half of a ZooKeeper server's state (reference §1-§3): election transport,
// epochs, the leader's learner handlers and proposals, the learner's sync progress. Plain data,
// owned by ZooKeeperServer, so a world copy copies it.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/base/ids.h"
#include "core/proto/quorum_protocol.h"
#include "core/zab/peer_view.h"
#include "core/zab/vote.h"
#include "core/znode/txn.h"

namespace zoolab::core::zk {

// A txn in this server's log (since its last snapshot), where it sits on disk.
struct LoggedTxn {
  Txn txn;
  std::string file;
  uint64_t offset = 0;  // file size before the record
  bool durable = false;  // its fsync completed
};

// A proposal the leader is waiting to commit (Leader.outstandingProposals).
struct Proposal {
  Txn txn;
  std::set<int64_t> acks;  // voter sids
  Time proposed_at{0};
};

// LearnerHandler: the leader's side of one learner connection.
struct LearnerHandler {
  enum class Step : uint8_t {
    kWaitInfo,        // connection accepted, FOLLOWERINFO/OBSERVERINFO not yet read
    kWaitEpoch,       // waiting for the new epoch to be decided (getEpochToPropose)
    kWaitAckEpoch,    // LEADERINFO sent
    kWaitEpochQuorum, // ACKEPOCH read, waiting for a quorum of them (waitForEpochAck)
    kWaitNewLeaderAck,  // sync packets + NEWLEADER queued
    kWaitUpToDate,    // NEWLEADER ACKed, waiting for the leader to start serving
    kBroadcast,       // UPTODATE sent: live
  };
  ConnId conn = kNoConn;
  int64_t sid = 0;
  bool observer = false;
  Step step = Step::kWaitInfo;
  int64_t accepted_epoch = 0;            // from FOLLOWERINFO (epoch of its zxid)
  int64_t peer_current_epoch = -1;       // from ACKEPOCH
  Zxid peer_last_zxid = 0;               // from ACKEPOCH
  zab::SyncMode sync = zab::SyncMode::kNone;
  bool forwarding = false;               // receives live PROPOSAL/COMMIT (or INFORM)
  Zxid last_acked = 0;
  int64_t tick_of_next_ack_deadline = 0;
  std::vector<std::pair<SessionId, int32_t>> touches;  // not used on the leader side; kept for symmetry
};

struct LeaderState {
  int64_t new_epoch = -1;                // decided epoch, -1 while collecting
  int64_t epoch_max = -1;                // running max of acceptedEpochs seen (getEpochToPropose)
  std::set<int64_t> epoch_connecting;    // sids counted for the epoch decision (self included)
  std::set<int64_t> epoch_acked;         // sids whose ACKEPOCH counted (self included)
  std::set<int64_t> newleader_acked;     // sids that ACKed NEWLEADER (self included)
  bool epoch_acked_quorum = false;
  bool established = false;              // a quorum ACKed NEWLEADER: serving
  int64_t tick = 0;
  bool half_tick = false;                // pings every tickTime/2, ticks every second one
  std::map<ConnId, LearnerHandler> handlers;
  std::map<Zxid, Proposal> outstanding;  // zxid order
  Zxid last_proposed = 0;
  Zxid last_committed = 0;
  std::map<Zxid, std::vector<ConnId>> pending_syncs;  // learner SYNCs released when zxid commits
  int64_t last_proposal_size = -1, min_proposal_size = -1, max_proposal_size = -1;
};

struct LearnerState {
  enum class Step : uint8_t {
    kConnecting,     // dialling the leader (up to 5 tries, 100 ms apart)
    kWaitLeaderInfo, // FOLLOWERINFO sent
    kSyncing,        // ACKEPOCH sent; DIFF/TRUNC/SNAP and txns until NEWLEADER
    kWaitUpToDate,   // NEWLEADER ACKed
    kBroadcast,      // serving
  };
  int64_t leader = 0;
  NodeId leader_node = kNoNode;
  ConnId conn = kNoConn;
  Step step = Step::kConnecting;
  int connect_tries = 0;
  int64_t new_epoch = 0;
  zab::SyncMode sync = zab::SyncMode::kNone;
  std::deque<Txn> pending;          // PROPOSALs logged (or being logged), not yet committed
  std::set<Zxid> acked;             // proposals whose ACK went out
  std::map<uint64_t, Zxid> ack_tokens;  // fsync token -> proposal zxid to ACK once durable
  uint64_t newleader_token = 0;     // fsync of the NEWLEADER step; ACK once done
  std::map<SessionId, int32_t> touches;  // sessions touched since the last PING
  std::deque<ConnId> pending_syncs; // client syncs forwarded to the leader
  std::map<SessionId, ConnId> revalidating;  // reconnects waiting for the leader's REVALIDATE
};

struct QuorumPeerState {
  zab::PeerState state = zab::PeerState::kLooking;
  zab::ZabPhase phase = zab::ZabPhase::kElection;
  zab::Vote current_vote;
  int64_t current_epoch = 0, accepted_epoch = 0;
  std::map<int64_t, ConnId> election_out;  // sid -> the connection we send notifications on
  std::map<ConnId, int64_t> peer_conns;    // every connection with a peer server (election or quorum)
  std::set<ConnId> election_in_seen;       // peer-opened election connections already sorted out
  std::optional<LeaderState> leader;
  std::optional<LearnerState> learner;
  std::deque<Txn> committed_log;           // ZKDatabase.committedLog (last 500 committed)
  std::vector<LoggedTxn> log;              // txn log since the last snapshot
  std::string snapshot_bytes;              // the last snapshot written (for TRUNC's reload)
  std::string snapshot_file;
  std::map<std::string, uint64_t> file_sizes;
  Zxid last_logged = 0;
  Time left_election_at{0};
};

}  // namespace zoolab::core::zk
