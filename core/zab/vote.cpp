// The FastLeaderElection vote order and equality (reference §2.4, §2.5).
#include "core/zab/vote.h"

#include "core/znode/types.h"

namespace zoolab::core::zab {

bool total_order_predicate(int64_t new_id, Zxid new_zxid, int64_t new_epoch, int64_t cur_id, Zxid cur_zxid,
                           int64_t cur_epoch, bool ignore_peer_epoch) {
  if (new_id == kNoVoteValue) return false;  // weight 0: a non-voter's vote never wins
  if (!ignore_peer_epoch) {
    if (new_epoch != cur_epoch) return new_epoch > cur_epoch;
  }
  if (new_zxid != cur_zxid) return new_zxid > cur_zxid;
  return new_id > cur_id;
}

bool votes_equal(const Vote& a, const Vote& b) {
  if (a.state == PeerState::kLooking || b.state == PeerState::kLooking)
    return a.id == b.id && a.zxid == b.zxid && a.election_epoch == b.election_epoch && a.peer_epoch == b.peer_epoch;
  if ((a.version > 0) != (b.version > 0)) return a.id == b.id;
  return a.id == b.id && a.peer_epoch == b.peer_epoch;
}

std::string describe(const Vote& v) {
  if (v.id == kNoVoteValue) return "(no vote)";
  return "(" + std::to_string(v.id) + ", " + zk::hex(v.zxid) + ", epoch " + std::to_string(v.peer_epoch) + ")";
}

}  // namespace zoolab::core::zab
