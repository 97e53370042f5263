// The trace notes a quorum peer writes at the protocol's decisive steps. They are the contract
// between core (which writes them) and sim/check (whose ZAB checkers parse them), and what a
// learner reads in the trace. One function formats each kind; parse_zab_note() reads any back.
//
//   PROPOSAL 0x100000002 #0123456789abcdef create /a     leader proposes a txn
//   COMMIT 0x100000002 #0123456789abcdef acks 1,2        leader: a voter quorum ACKed it
//   deliver 0x100000002 #0123456789abcdef                any server applies a committed txn
//   fast-forward 0x100000003 #0123456789abcdef           applies a logged, never-committed txn (§1.9)
//   recovered 0x100000002                                state after loading the disk at start
//   state LOOKING                                        peer state change (LEADING/FOLLOWING/...)
//   established leader of epoch 2 at 0x200000000         leader: a quorum ACKed NEWLEADER
//   synced with leader 3 in epoch 2 by DIFF at 0x100000002  learner got UPTODATE
//   TRUNC to 0x100000005                                 learner truncated its log and tree
//   SNAP loaded at 0x200000004                           learner replaced its tree by the leader's
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/zab/peer_view.h"
#include "core/znode/txn.h"

namespace zoolab::core::zab {

// FNV-1a over the txn's log record: equal txns have equal hashes on every server.
uint64_t txn_hash(const zk::Txn& t);

std::string note_propose(const zk::Txn& t);
std::string note_commit(const zk::Txn& t, const std::set<int64_t>& acks);
std::string note_deliver(const zk::Txn& t);
std::string note_fast_forward(const zk::Txn& t);
std::string note_recovered(Zxid z);
std::string note_state(PeerState s);
std::string note_established(int64_t epoch, Zxid z);
std::string note_synced(int64_t leader, int64_t epoch, SyncMode mode, Zxid z);
std::string note_trunc(Zxid z);
std::string note_snap(Zxid z);

struct ZabNote {
  enum class Kind : uint8_t {
    kPropose, kCommit, kDeliver, kFastForward, kRecovered, kState, kEstablished, kSynced, kTrunc, kSnap
  };
  Kind kind = Kind::kDeliver;
  Zxid zxid = 0;
  uint64_t hash = 0;                // propose/commit/deliver/fast-forward
  std::vector<int64_t> acks;        // commit
  PeerState state = PeerState::kLooking;  // state
  int64_t epoch = 0;                // established/synced
  int64_t leader = 0;               // synced
  SyncMode mode = SyncMode::kNone;  // synced
};
std::optional<ZabNote> parse_zab_note(std::string_view text);

}  // namespace zoolab::core::zab
