// FastLeaderElection state machine (reference §2.7-§2.9, §2.13): lookForLeader() as events.
//
// poll() returning a notification = handle_polled(); poll() timing out = on_timer(). The finalize
// loop of the Java code (poll(finalizeWait) until nothing arrives for 200 ms, a better vote is
// "put back" and handled by the main loop, anything else is consumed) is the `finalizing_` flag.
#include "core/zab/fast_leader_election.h"

#include <algorithm>
#include <set>
#include <utility>

namespace zoolab::core::zab {

namespace {

Vote vote_of(const Notification& n) {
  return Vote{n.leader, n.zxid, n.election_epoch, n.peer_epoch, n.state, n.version};
}

}  // namespace

FastLeaderElection::FastLeaderElection(QuorumConfig config, int64_t my_id, ElectionOptions options)
    : config_(std::move(config)), my_id_(my_id), options_(options), config_text_(config_.text()) {}

// ---------------------------------------------------------------------------------------------
// Entry points

void FastLeaderElection::look_for_leader(const Vote& initial, ElectionEffects& fx) {
  looking_ = true;
  finalizing_ = false;
  ++logicalclock_;
  initial_ = initial;
  initial_.election_epoch = logicalclock_;
  initial_.state = PeerState::kLooking;
  proposal_ = initial_;
  recvset_.clear();
  outofelection_.clear();
  own_queue_.clear();
  timeout_ms_ = kMinNotificationIntervalMs;
  fx.notes.push_back("round " + std::to_string(logicalclock_) + ": " +
                     (proposal_.id == kNoVoteValue ? std::string("no vote (not a voter)") : "vote " + describe(proposal_)));
  send_notifications(fx);
  fx.timer_ms = timeout_ms_;
  drain_own_queue(fx);
}

void FastLeaderElection::receive(int64_t from, const Notification& n, PeerState my_state, const Vote& current_vote,
                                 ElectionEffects& fx) {
  // R1: a non-voter (observer) gets our current vote at once; its message goes no further.
  if (!config_.is_voter(from)) {
    Notification reply;
    if (looking_) {
      reply = proposal_notification();
    } else {
      reply.state = my_state;
      reply.leader = current_vote.id;
      reply.zxid = current_vote.zxid;
      reply.election_epoch = current_vote.election_epoch;
      reply.peer_epoch = current_vote.peer_epoch;
      reply.config = config_text_;
    }
    send(from, reply, fx);
    if (looking_) record(from, n, "from a non-voter: answered with our proposal");
    return;
  }
  // R2: we are LOOKING - the notification goes to lookForLeader; a LOOKING sender of an older
  // round also gets our proposal with our round.
  if (looking_) {
    if (n.state == PeerState::kLooking && n.election_epoch < logicalclock_ && from != my_id_)
      send(from, proposal_notification(), fx);
    handle_polled(from, n, fx);
    drain_own_queue(fx);
    return;
  }
  // Not running an election although the peer says LOOKING (between two elections): nothing to
  // answer with yet.
  if (my_state == PeerState::kLooking) return;
  // R3: we are FOLLOWING/LEADING/OBSERVING and the sender is LOOKING: tell it whom we follow.
  if (n.state == PeerState::kLooking) {
    Notification reply;
    reply.state = my_state;
    reply.leader = current_vote.id;
    reply.zxid = current_vote.zxid;
    reply.election_epoch = current_vote.election_epoch;
    reply.peer_epoch = current_vote.peer_epoch;
    reply.config = config_text_;
    send(from, reply, fx);
  }
  // R4: both not LOOKING: ignored.
}

void FastLeaderElection::on_timer(ElectionEffects& fx) {
  if (!looking_) return;  // a stale timer
  if (finalizing_) {
    decide(proposal_.id, proposal_.zxid, proposal_.peer_epoch,
           "no better vote for " + std::to_string(kFinalizeWaitMs) + "ms", fx);
    return;
  }
  // poll() timed out: send again, double the timeout (capped).
  const int64_t waited = timeout_ms_;
  timeout_ms_ = std::min(2 * timeout_ms_, kMaxNotificationIntervalMs);
  fx.notes.push_back("no notification for " + std::to_string(waited) + "ms: resend " + describe(proposal_) +
                     ", next wait " + std::to_string(timeout_ms_) + "ms");
  send_notifications(fx);
  fx.timer_ms = timeout_ms_;
  drain_own_queue(fx);
}

void FastLeaderElection::stop(ElectionEffects& fx) {
  looking_ = finalizing_ = false;
  own_queue_.clear();
  fx.cancel_timer = true;
  fx.timer_ms.reset();
}

// ---------------------------------------------------------------------------------------------
// Sending

Notification FastLeaderElection::proposal_notification() const {
  Notification n;
  n.state = PeerState::kLooking;
  n.leader = proposal_.id;
  n.zxid = proposal_.zxid;
  n.election_epoch = logicalclock_;
  n.peer_epoch = proposal_.peer_epoch;
  n.config = config_text_;
  return n;
}

void FastLeaderElection::send(int64_t to, const Notification& n, ElectionEffects& fx) {
  if (to == my_id_) {
    own_queue_.emplace_back(my_id_, n);  // §2.6: straight into our own receive queue
  } else {
    fx.sends.push_back(ElectionEffects::Send{to, n});
  }
}

// §2.7: to every voter of the config, ourselves included (observers get nothing unsolicited).
void FastLeaderElection::send_notifications(ElectionEffects& fx) {
  const Notification n = proposal_notification();
  for (const auto& [sid, peer] : config_.peers())
    if (!peer.observer) send(sid, n, fx);
}

// Our own notifications pass the receiver as a voter's LOOKING message of our round (R2).
void FastLeaderElection::drain_own_queue(ElectionEffects& fx) {
  while (looking_ && !own_queue_.empty()) {
    auto [from, n] = std::move(own_queue_.front());
    own_queue_.pop_front();
    handle_polled(from, n, fx);
  }
}

// ---------------------------------------------------------------------------------------------
// The lookForLeader loop

void FastLeaderElection::handle_polled(int64_t from, const Notification& n, ElectionEffects& fx) {
  if (finalizing_) {
    if (better(n.leader, n.zxid, n.peer_epoch, proposal_)) {
      // recvqueue.put(n); break: the main loop handles it next.
      finalizing_ = false;
      fx.notes.push_back("better vote " + describe(vote_of(n)) + " from " + std::to_string(from) +
                         " during finalize wait: not deciding " + describe(proposal_));
      process(from, n, "during finalize: ", fx);
    } else {
      // Consumed by the finalize loop and not recorded; poll(finalizeWait) starts again.
      record(from, n, "discarded during finalize");
      fx.timer_ms = kFinalizeWaitMs;
    }
    return;
  }
  process(from, n, "", fx);
}

void FastLeaderElection::process(int64_t from, const Notification& n, const std::string& prefix,
                                 ElectionEffects& fx) {
  std::string outcome;
  if (!config_.is_voter(from) || !config_.is_voter(n.leader)) {
    outcome = "ignored: not a voter";
  } else {
    switch (n.state) {
      case PeerState::kLooking: {
        if (initial_.zxid == -1 || n.zxid == -1) {
          outcome = "ignored: zxid -1";
          break;
        }
        if (n.election_epoch > logicalclock_) {
          logicalclock_ = n.election_epoch;
          recvset_.clear();
          // Better of n's vote and our INITIAL vote - not our current proposal.
          if (better(n.leader, n.zxid, n.peer_epoch, initial_)) {
            proposal_ = vote_of(n);
            proposal_.version = initial_.version;
          } else {
            proposal_ = initial_;
          }
          proposal_.election_epoch = logicalclock_;
          proposal_.state = PeerState::kLooking;
          fx.notes.push_back("round " + std::to_string(logicalclock_) + " (from " + std::to_string(from) +
                             "): vote " + describe(proposal_));
          outcome = "newer round: adopted round " + std::to_string(logicalclock_);
          send_notifications(fx);
        } else if (n.election_epoch < logicalclock_) {
          outcome = "older round: ignored";
          break;
        } else if (better(n.leader, n.zxid, n.peer_epoch, proposal_)) {
          const std::string why = why_better(n.leader, n.zxid, n.peer_epoch, proposal_);
          proposal_.id = n.leader;
          proposal_.zxid = n.zxid;
          proposal_.peer_epoch = n.peer_epoch;
          fx.notes.push_back("adopt " + describe(proposal_) + " from " + std::to_string(from) + ": " + why);
          outcome = "adopted: " + why;
          send_notifications(fx);
        } else {
          outcome = from == my_id_ ? "own vote" : "not better";
        }
        // Java's 4-argument Vote: state LOOKING, version 0.
        recvset_[from] = Vote{n.leader, n.zxid, n.election_epoch, n.peer_epoch, PeerState::kLooking, 0};
        if (has_quorum(recvset_, proposal_)) {
          finalizing_ = true;
          std::string supporters;
          for (const auto& [sid, v] : recvset_)
            if (votes_equal(v, proposal_)) supporters += (supporters.empty() ? "" : ", ") + std::to_string(sid);
          fx.notes.push_back("quorum for " + describe(proposal_) + " in round " + std::to_string(logicalclock_) +
                             " (votes of " + supporters + "): finalize wait " + std::to_string(kFinalizeWaitMs) + "ms");
          outcome += "; quorum, finalize wait";
        }
        break;
      }
      case PeerState::kObserving:
        outcome = "OBSERVING: ignored";
        break;
      case PeerState::kFollowing:
      case PeerState::kLeading:
        outcome = following(from, n, fx);
        break;
    }
  }
  record(from, n, prefix + outcome);
  if (looking_) fx.timer_ms = finalizing_ ? kFinalizeWaitMs : timeout_ms_;  // poll() again
}

std::string FastLeaderElection::following(int64_t from, const Notification& n, ElectionEffects& fx) {
  const std::string kind = peer_state_name(n.state);
  const Vote nv = vote_of(n);
  // a. Same round: count it with this round's votes.
  if (n.election_epoch == logicalclock_) {
    // Java's 5-argument Vote: version 0, so against n's (version 2) vote only the id is compared.
    recvset_[from] = Vote{n.leader, n.zxid, n.election_epoch, n.peer_epoch, n.state, 0};
    if (has_quorum(recvset_, nv) && check_leader(recvset_, n.leader, n.election_epoch)) {
      decide(n.leader, n.zxid, n.peer_epoch, "quorum of round " + std::to_string(logicalclock_), fx);
      return kind + " reply: decided in this round";
    }
  }
  // b. Any round: join an established leader once a quorum follows it and it says LEADING itself.
  outofelection_[from] = nv;
  if (has_quorum(outofelection_, nv) && check_leader(outofelection_, n.leader, n.election_epoch)) {
    logicalclock_ = n.election_epoch;
    decide(n.leader, n.zxid, n.peer_epoch, "established leader (round " + std::to_string(logicalclock_) + ")", fx);
    return kind + " reply: joined the established leader";
  }
  return kind + " reply recorded";
}

bool FastLeaderElection::check_leader(const std::map<int64_t, Vote>& votes, int64_t leader,
                                      int64_t election_epoch) const {
  if (leader != my_id_) {
    auto it = votes.find(leader);
    return it != votes.end() && it->second.state == PeerState::kLeading;
  }
  return logicalclock_ == election_epoch;
}

bool FastLeaderElection::has_quorum(const std::map<int64_t, Vote>& votes, const Vote& target) const {
  std::set<int64_t> acks;
  for (const auto& [sid, v] : votes)
    if (votes_equal(v, target)) acks.insert(sid);
  return config_.is_quorum(acks);
}

bool FastLeaderElection::better(int64_t id, Zxid zxid, int64_t epoch, const Vote& cur) const {
  return total_order_predicate(id, zxid, epoch, cur.id, cur.zxid, cur.peer_epoch, options_.ignore_peer_epoch);
}

std::string FastLeaderElection::why_better(int64_t, Zxid zxid, int64_t epoch, const Vote& cur) const {
  if (!options_.ignore_peer_epoch && epoch != cur.peer_epoch) return "higher epoch";
  if (zxid != cur.zxid) return "higher zxid";
  return "higher sid";
}

void FastLeaderElection::decide(int64_t leader, Zxid zxid, int64_t peer_epoch, const std::string& why,
                                ElectionEffects& fx) {
  const PeerState state = leader == my_id_                ? PeerState::kLeading
                          : config_.is_voter(my_id_) ? PeerState::kFollowing
                                                          : PeerState::kObserving;
  const Vote v{leader, zxid, logicalclock_, peer_epoch, state};
  looking_ = false;
  finalizing_ = false;
  own_queue_.clear();  // leaveInstance: the receive queue is cleared
  fx.decided = v;
  fx.cancel_timer = true;
  fx.timer_ms.reset();
  fx.notes.push_back(std::string("decided ") + peer_state_name(state) + " " + describe(v) + ": " + why);
}

void FastLeaderElection::record(int64_t from, const Notification& n, std::string outcome) {
  history_.push_back(ElectionStep{from, vote_of(n), std::move(outcome)});
  while (history_.size() > kHistory) history_.pop_front();
}

}  // namespace zoolab::core::zab
