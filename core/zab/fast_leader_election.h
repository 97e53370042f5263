// FastLeaderElection (reference §2) as a sans-I/O state machine inside a quorum peer.
//
// The Java poll loop becomes events: a notification is handled the moment it arrives (that is
// when poll() would return it), and one timer stands for poll()'s timeout - the notification
// timeout (200 ms doubling to 60 s) while collecting votes, or finalizeWait (200 ms) once a
// quorum agrees. Notifications a peer sends itself go through its own queue (§2.6) and are
// handled before the call returns. The receiver rules R1-R4 (§2.8) run in every peer state.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/time.h"
#include "core/zab/quorum_config.h"
#include "core/zab/vote.h"

namespace zoolab::core::zab {

inline constexpr int64_t kFinalizeWaitMs = 200;
inline constexpr int64_t kMinNotificationIntervalMs = 200;
inline constexpr int64_t kMaxNotificationIntervalMs = 60000;

// What a call asks the hosting peer to do.
struct ElectionEffects {
  struct Send {
    int64_t to = 0;  // sid (never our own: self-sends are handled inside)
    Notification n;
  };
  std::vector<Send> sends;
  std::optional<Vote> decided;           // lookForLeader returned: the peer's new currentVote
  std::optional<int64_t> timer_ms;       // (re)arm the election timer with this delay
  bool cancel_timer = false;             // the election timer is no longer needed
  std::vector<std::string> notes;        // trace annotations ("vote changed to (3, 0x0, epoch 0)")
};

// One handled notification, for the GUI's vote table and `--explain`.
struct ElectionStep {
  int64_t from = 0;
  Vote vote;                  // what it carried (state = sender's state)
  std::string outcome;        // "adopted: higher sid", "ignored: older round", ...
};

// Tunables and protocol-bug switches.
struct ElectionOptions {
  bool ignore_peer_epoch = false;  // bug switch "election-ignores-peer-epoch"
};

class FastLeaderElection {
 public:
  FastLeaderElection() = default;
  FastLeaderElection(QuorumConfig config, int64_t my_id, ElectionOptions options = {});

  // lookForLeader() start (§2.9): logicalclock += 1, proposal = `initial`, send to all voters.
  // `initial` is the peer's initial vote (§2.3); for a non-voter use kNoVoteValue fields.
  void look_for_leader(const Vote& initial, ElectionEffects& fx);
  // A notification from `from` arrived; `my_state` and `current_vote` are the peer's state and
  // currentVote (R1/R3 replies use them when we are not LOOKING).
  void receive(int64_t from, const Notification& n, PeerState my_state, const Vote& current_vote,
               ElectionEffects& fx);
  // The election timer fired (poll timeout or end of finalizeWait).
  void on_timer(ElectionEffects& fx);
  // The peer left LOOKING for another reason (shutdown): stop the round.
  void stop(ElectionEffects& fx);

  // ---- views ----
  bool looking() const { return looking_; }
  bool finalizing() const { return finalizing_; }
  int64_t logicalclock() const { return logicalclock_; }
  const Vote& proposal() const { return proposal_; }           // current proposal (leader, zxid, peerEpoch)
  const std::map<int64_t, Vote>& recvset() const { return recvset_; }
  const std::map<int64_t, Vote>& outofelection() const { return outofelection_; }
  int64_t notification_timeout_ms() const { return timeout_ms_; }
  const std::deque<ElectionStep>& history() const { return history_; }  // last kHistory steps
  const QuorumConfig& config() const { return config_; }
  int64_t my_id() const { return my_id_; }

  static constexpr size_t kHistory = 64;

 private:
  QuorumConfig config_;
  int64_t my_id_ = 0;
  ElectionOptions options_;
  bool looking_ = false;
  bool finalizing_ = false;
  int64_t logicalclock_ = 0;
  Vote initial_;
  Vote proposal_;
  std::map<int64_t, Vote> recvset_;
  std::map<int64_t, Vote> outofelection_;
  int64_t timeout_ms_ = kMinNotificationIntervalMs;
  std::deque<ElectionStep> history_;
  std::deque<std::pair<int64_t, Notification>> own_queue_;  // self-sends, handled before returning
  std::string config_text_;  // QuorumVerifier.toString(), carried by every notification we send

  // Our proposal as a LOOKING notification of the current round (sendNotifications and R2 replies).
  Notification proposal_notification() const;
  void send_notifications(ElectionEffects& fx);
  void send(int64_t to, const Notification& n, ElectionEffects& fx);
  void drain_own_queue(ElectionEffects& fx);
  // poll() returned `n` (finalize check, then the main loop body).
  void handle_polled(int64_t from, const Notification& n, ElectionEffects& fx);
  void process(int64_t from, const Notification& n, const std::string& prefix, ElectionEffects& fx);
  // receivedFollowingNotification (§2.9 a/b); returns the history outcome.
  std::string following(int64_t from, const Notification& n, ElectionEffects& fx);
  bool check_leader(const std::map<int64_t, Vote>& votes, int64_t leader, int64_t election_epoch) const;
  bool has_quorum(const std::map<int64_t, Vote>& votes, const Vote& target) const;
  bool better(int64_t id, Zxid zxid, int64_t epoch, const Vote& cur) const;
  std::string why_better(int64_t id, Zxid zxid, int64_t epoch, const Vote& cur) const;
  void decide(int64_t leader, Zxid zxid, int64_t peer_epoch, const std::string& why, ElectionEffects& fx);
  void record(int64_t from, const Notification& n, std::string outcome);
};

}  // namespace zoolab::core::zab
