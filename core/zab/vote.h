// Votes of FastLeaderElection (reference §2.3-§2.5): the order that decides who leads.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include "core/proto/quorum_protocol.h"

namespace zoolab::core::zab {

struct Vote {
  int64_t id = 0;              // proposed leader sid
  Zxid zxid = 0;               // its last logged zxid
  int64_t election_epoch = 0;  // logicalclock of the round the vote belongs to
  int64_t peer_epoch = 0;      // its currentEpoch
  PeerState state = PeerState::kLooking;  // the state of the peer that sent it
  int32_t version = 2;
  bool operator==(const Vote&) const = default;
};

// Non-voters (observers) vote for nobody: Long.MIN_VALUE everywhere, so they never win (§2.3).
constexpr int64_t kNoVoteValue = std::numeric_limits<int64_t>::min();

// totalOrderPredicate (§2.4): is (new_id, new_zxid, new_epoch) better than the current one?
// peerEpoch first, then zxid, then sid. `ignore_peer_epoch` is the protocol-bug switch
// "election-ignores-peer-epoch" (compares zxid, then sid only).
bool total_order_predicate(int64_t new_id, Zxid new_zxid, int64_t new_epoch, int64_t cur_id, Zxid cur_zxid,
                           int64_t cur_epoch, bool ignore_peer_epoch = false);

// Vote.equals (§2.5), used when counting votes.
bool votes_equal(const Vote& a, const Vote& b);

// "(2, 0x100000005, epoch 1)" for notes and views.
std::string describe(const Vote& v);

}  // namespace zoolab::core::zab
