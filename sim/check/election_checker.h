// election-order: FastLeaderElection may only settle on a vote at least as up to date as the
// deciding voter's own (reference §2.4, §13.4): proposals only ever move to better votes.
#pragma once

#include <memory>

#include "sim/check/checker.h"

namespace zoolab::sim::check {

// A voter that decides, after finalizeWait, on a vote whose (peerEpoch, zxid) is below its own
// initial vote of that lookForLeader call elected a leader that lacks what it has. The bug switch
// election-ignores-peer-epoch does exactly that (a stale epoch with a larger zxid wins).
std::unique_ptr<Checker> make_election_order_checker();

}  // namespace zoolab::sim::check
