// A standalone ZooKeeper 3.8.0 server as a sans-I/O Process (kind "zookeeper"): sessions, the
// request pipeline, watches, ACLs, txn log + snapshots, the container reaper, four-letter words.
//
// Pipeline: each connection's requests are answered strictly in order. Reads are answered at once
// unless an earlier write of that connection is pending. Writes go through one server-wide queue
// and are processed one at a time (prep -> log append + fsync -> apply -> watch events -> reply),
// so prep always sees the applied tree; multi ops see the pending state of earlier ops.
#pragma once

#include <deque>
#include <set>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/process.h"
#include "core/server/server_config.h"
#include "core/server/quorum_state.h"
#include "core/server/session_tracker.h"
#include "core/zab/fast_leader_election.h"
#include "core/zab/peer_view.h"
#include "core/znode/data_tree.h"
#include "core/znode/txn.h"
#include "core/znode/txn_apply.h"
#include "core/znode/watch_manager.h"

namespace zoolab::core::zk {

struct ServerCounters {
  int64_t packets_received = 0, packets_sent = 0;
  int64_t min_latency_ms = 0, max_latency_ms = 0, total_latency_ms = 0, latency_samples = 0;
  int64_t txns_logged = 0, snapshots = 0;
  int64_t log_bytes = 0, snapshot_bytes = 0;
};

// One client connection as the server sees it (the GUI lists these).
struct ClientConn {
  ConnId id = kNoConn;
  NodeId peer = kNoNode;
  SessionId session = 0;
  bool established = false;  // ConnectResponse sent
  bool waiting_write = false;  // its queue head is a write in the server queue
  std::vector<Id> auth;        // digest/super ids added by addauth (ip id is implicit)
  std::deque<Request> queue;   // received, not yet answered
  std::deque<Time> received_at;
  int64_t received = 0, sent = 0;
  Xid last_cxid = 0;
  Zxid last_zxid = 0;
};

class ZooKeeperServer final : public Process {
 public:
  explicit ZooKeeperServer(ServerConfig config);

  std::unique_ptr<Process> clone() const override { return std::make_unique<ZooKeeperServer>(*this); }
  std::string kind() const override { return "zookeeper"; }
  void on_start(Env& env, const DiskImage& disk) override;
  void on_accept(Env& env, ConnId conn, NodeId from) override;
  void on_message(Env& env, ConnId conn, NodeId from, const Message& msg) override;
  void on_closed(Env& env, ConnId conn, NodeId peer) override;
  void on_timer(Env& env, TimerId timer) override;
  void on_disk_done(Env& env, uint64_t token) override;
  void check_invariants() const override;
  std::string timer_name(TimerId t) const override;
  StateLines state_lines() const override;

  // ---- read-only views ----
  const ServerConfig& config() const { return config_; }
  const DataTree& tree() const { return tree_; }
  const SessionTracker& sessions() const { return sessions_; }
  const WatchManager& watches() const { return watches_; }
  const std::map<ConnId, ClientConn>& connections() const { return conns_; }
  Zxid last_processed_zxid() const { return last_zxid_; }
  const ServerCounters& counters() const { return counters_; }
  size_t queued_writes() const { return writes_.size() + (in_flight_ ? 1 : 0); }
  // The ids a connection is authenticated as, in whoami order (digest/super first, then ip).
  std::vector<Id> auth_ids(const ClientConn& c) const;
  // ---- quorum views (distributed mode; a standalone server reports mode "standalone") ----
  zab::PeerView peer_view() const;
  const zab::FastLeaderElection& election() const { return election_; }
  // The last `n` txns of the txn log, oldest first, with the commit point marked.
  std::vector<zab::LogEntryView> log_tail(size_t n) const;
  // Four-letter-word reply text (srvr, stat, mntr, conf, ruok, cons, wchs, ...).
  std::string four_letter_reply(const std::string& cmd, ConnId asking) const;

  // Serving clients: a standalone server always; a quorum peer once synced (LEADING/FOLLOWING/OBSERVING).
  bool serving() const;
  const QuorumPeerState& quorum_state() const { return q_; }

  static constexpr uint32_t kExpiryTimer = 1, kContainerTimer = 2;
  // Quorum timers (the id carries the role generation, so a stale one is ignored).
  static constexpr uint32_t kElectionTimer = 3, kLeaderTickTimer = 4, kPhaseTimer = 5, kLeaderSilentTimer = 6,
                            kConnectRetryTimer = 7, kObserverDelayTimer = 8;

 private:
  enum class WriteKind : uint8_t { kRequest, kCreateSession, kExpire, kContainer };
  struct PendingWrite {
    WriteKind kind = WriteKind::kRequest;
    ConnId conn = kNoConn;
    SessionId session = 0;
    int32_t timeout_ms = 0;
    std::string path;  // kContainer
    Request req;       // kRequest: a copy, processed even if the connection goes away
    std::vector<Id> auth;
  };
  struct InFlight {
    PendingWrite write;
    Txn txn;
    uint64_t token = 0;
  };

  int64_t now_ms(const Env& env) const { return env.now.ns / 1'000'000; }
  int64_t calendar_ms(const Env& env) const { return kCalendarStartMs + now_ms(env); }
  void handle_connect(Env& env, ClientConn& c, const ConnectRequest& req);
  void handle_request(Env& env, ClientConn& c, const Request& req);
  void pump(Env& env, ConnId conn);
  void answer_read(Env& env, ClientConn& c, const Request& req);
  void start_next_write(Env& env);
  void finish_write(Env& env);
  void reply(Env& env, ClientConn& c, Response r);
  void send_events(Env& env, const std::vector<WatchDelivery>& events);
  void close_conn(Env& env, ConnId conn);
  void sync_expiry_timers(Env& env);
  void expire_bucket(Env& env, int64_t bucket_ms);
  void run_container_pass(Env& env);
  void maybe_snapshot(Env& env);
  void set_watches(Env& env, ClientConn& c, const SetWatchesOp& op);
  void submit_write(Env& env, PendingWrite w);
  void fire_watches(Env& env, const std::vector<TreeEvent>& changes);
  void reset_sessions(Env& env, const std::map<SessionId, int32_t>& table);

  // ---- quorum peer (quorum_peer.cpp) ----
  void start_quorum(Env& env, const DiskImage& disk);
  void go_looking(Env& env, const std::string& why);
  void start_election(Env& env);
  // Sends to `reply_sid` go back on `reply_conn` (the connection its notification came on).
  void apply_election(Env& env, zab::ElectionEffects& fx, int64_t reply_sid = -1, ConnId reply_conn = kNoConn);
  void decided(Env& env, const zab::Vote& v);
  void send_notification(Env& env, int64_t sid, const zab::Notification& n);
  void on_peer_message(Env& env, ConnId conn, int64_t sid, const Message& msg);
  void peer_closed(Env& env, ConnId conn);
  void sort_out_election_conn(Env& env, int64_t sid, ConnId conn);
  void quorum_timer(Env& env, TimerId t);
  void fast_forward(Env& env);
  void write_epoch(Env& env, const char* file, int64_t value);
  uint64_t log_txn(Env& env, const Txn& t);
  void deliver(Env& env, const Txn& t);
  void close_client_connections(Env& env);
  void truncate_to(Env& env, Zxid z);
  void load_snapshot(Env& env, const zab::SnapshotData& snap);
  void write_snapshot(Env& env);
  zab::Vote initial_vote() const;
  int64_t my_sid() const { return config_.server_id; }
  TimerId role_timer(uint32_t kind) const { return TimerId{kind, generation_}; }
  // ---- leader (quorum_leader.cpp) ----
  void lead(Env& env);
  void leader_packet(Env& env, ConnId conn, int64_t sid, const zab::QuorumPacket& p);
  void leader_decide_epoch(Env& env);
  void leader_ackepoch(Env& env, LearnerHandler& h, const zab::QuorumPacket& p);
  void leader_sync(Env& env, LearnerHandler& h);
  void leader_start_serving(Env& env);
  void leader_prep(Env& env, PendingWrite w);
  void leader_ack(Env& env, int64_t sid, Zxid z);
  void leader_tick(Env& env);
  void leader_request(Env& env, LearnerHandler& h, const zab::ForwardedRequest& r);
  void send_learner(Env& env, const LearnerHandler& h, zab::QuorumPacket p);
  // ---- learner (quorum_learner.cpp) ----
  void follow(Env& env);
  void learner_connect(Env& env);
  void learner_packet(Env& env, const zab::QuorumPacket& p);
  void learner_send(Env& env, zab::QuorumPacket p);
  void learner_forward(Env& env, zab::ForwardedRequest r);
  void arm_leader_silence(Env& env);

  ServerConfig config_;
  zab::FastLeaderElection election_;
  DataTree tree_;
  SessionTracker sessions_;
  WatchManager watches_;
  std::map<ConnId, ClientConn> conns_;
  std::deque<PendingWrite> writes_;
  std::optional<InFlight> in_flight_;
  std::set<int64_t> armed_buckets_;
  Zxid last_zxid_ = 0;  // lastProcessedZxid
  Zxid next_zxid_ = 0;  // hzxid
  uint64_t next_token_ = 1;
  std::string log_file_;
  int64_t txns_since_snapshot_ = 0;
  int64_t snap_threshold_ = 0;
  Time started_at_{0};
  ServerCounters counters_;
  // Quorum mode.
  QuorumPeerState q_;
  DataTree spec_tree_;        // leader: the tree with every outstanding proposal applied (prep sees it)
  std::map<uint64_t, Zxid> self_ack_tokens_;  // leader: fsync token -> proposal to ACK itself
  uint64_t generation_ = 0;   // bumped at every role change; tags role timers
  bool serving_ = false;
};

std::unique_ptr<Process> make_zookeeper_server(ServerConfig config);
// The reply body of a write (FinalRequestProcessor): created path, stat, multi results.
ResponseBody write_reply_body(const RequestBody& req, const TxnResult& r);

}  // namespace zoolab::core::zk
