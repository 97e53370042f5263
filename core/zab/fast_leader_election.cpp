// FastLeaderElection state machine (reference §2.8, §2.9). STUB: being implemented.
#include "core/zab/fast_leader_election.h"

namespace zoolab::core::zab {

FastLeaderElection::FastLeaderElection(QuorumConfig config, int64_t my_id, ElectionOptions options)
    : config_(std::move(config)), my_id_(my_id), options_(options) {}

void FastLeaderElection::look_for_leader(const Vote& initial, ElectionEffects&) {
  looking_ = true;
  ++logicalclock_;
  initial_ = proposal_ = initial;
}
void FastLeaderElection::receive(int64_t, const Notification&, PeerState, const Vote&, ElectionEffects&) {}
void FastLeaderElection::on_timer(ElectionEffects&) {}
void FastLeaderElection::stop(ElectionEffects& fx) {
  looking_ = finalizing_ = false;
  fx.cancel_timer = true;
}

}  // namespace zoolab::core::zab
