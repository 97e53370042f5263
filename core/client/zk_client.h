// ZkClient: the ZooKeeper client library (ClientCnxn + ZooKeeper.States) as a copyable sans-I/O
// state machine. The owning Process forwards messages, closes and timers; the owner submits
// operations and drains typed outputs (replies, watch events, session events) — no callbacks.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/base/process.h"
#include "core/client/watch_tables.h"
#include "core/proto/client_protocol.h"

namespace zoolab::core::zk {

struct ServerAddress {
  NodeId node = kNoNode;  // kNoNode: nothing listens there (every attempt fails)
  std::string host_port;  // "localhost:2181", as the connect string names it
  bool operator==(const ServerAddress&) const = default;
};

struct ZkClientConfig {
  std::vector<ServerAddress> servers;
  int32_t session_timeout_ms = 30000;  // requested; the server's answer is adopted
  uint32_t timer_kind_base = 100;      // the client uses kinds base .. base+2 of its owner's timers
  bool shuffle_hosts = true;           // StaticHostProvider shuffles the connect string once
  bool operator==(const ZkClientConfig&) const = default;
};

// ---- outputs ---------------------------------------------------------------------------------
struct ClientReply {
  Xid xid = 0;
  Response response;
  bool operator==(const ClientReply&) const = default;
};
// A watch notification after client dispatch: `fired` names the tables it consumed/matched
// (watch_table bits); 0 means no client watcher wanted it (zkCli prints nothing then).
// Watch-removal events (DataWatchRemoved...) are produced locally with the removed tables.
struct ClientWatchEvent {
  WatchEvent event;
  uint8_t fired = 0;
  bool operator==(const ClientWatchEvent&) const = default;
};
// A session state change delivered to the default watcher (deduplicated like EventThread).
struct ClientSessionEvent {
  KeeperState state = KeeperState::kSyncConnected;
  bool operator==(const ClientSessionEvent&) const = default;
};
using ClientOutput = std::variant<ClientReply, ClientWatchEvent, ClientSessionEvent>;

// What the client is doing right now (finer than ClientState, for views).
enum class ClientPhase : uint8_t { kIdle, kSleeping, kHandshake, kConnected, kClosed, kAuthFailed };
std::string_view client_phase_name(ClientPhase p);

class ZkClient {
 public:
  explicit ZkClient(ZkClientConfig cfg = {});

  // Begins connecting (shuffles the host list once with env.rng).
  void start(Env& env);
  // Each handler returns false when the input is not the client's (another connection/timer).
  bool on_message(Env& env, ConnId conn, const Message& msg);
  bool on_closed(Env& env, ConnId conn);
  bool on_timer(Env& env, TimerId timer);
  bool owns_timer(TimerId t) const { return t.kind >= cfg_.timer_kind_base && t.kind < cfg_.timer_kind_base + 3; }
  std::string timer_name(TimerId t) const;

  // Queues an operation; the reply arrives as a ClientReply with the returned xid (also for
  // failures decided locally: ConnectionLoss, SessionExpired, AuthFailed, NoWatcher).
  // AuthOp is sent with xid -4 and answered with that xid; CloseSessionOp closes the session.
  Xid submit(Env& env, RequestBody body);
  // removeWatches/removeAllWatches with the `local` flag (§6.5).
  Xid remove_watches(Env& env, const std::string& path, WatcherType type, bool local);

  std::vector<ClientOutput> take_outputs();
  bool has_outputs() const { return !outputs_.empty(); }

  // ---- views ---------------------------------------------------------------------------------
  ClientState state() const;
  ClientPhase phase() const { return phase_; }
  SessionId session_id() const { return session_id_; }
  int32_t negotiated_timeout_ms() const { return negotiated_timeout_ms_; }
  std::optional<ServerAddress> connected_server() const;
  std::optional<ServerAddress> current_server() const;  // connected or being tried
  const std::vector<ServerAddress>& host_order() const { return hosts_; }
  const ClientWatchTables& watches() const { return watches_; }
  Zxid last_zxid_seen() const { return last_zxid_; }
  size_t pending_count() const { return pending_.size() + queued_.size(); }
  const std::vector<AuthOp>& auth_info() const { return auth_; }
  bool operator==(const ZkClient&) const = default;

 private:
  struct Outstanding {
    Xid xid = 0;
    RequestBody body;
    bool operator==(const Outstanding&) const = default;
  };
  enum TimerKind : uint32_t { kConnectTimer = 0, kReadTimer = 1, kPingTimer = 2 };
  TimerId timer(TimerKind k) const { return TimerId{cfg_.timer_kind_base + k, 0}; }

  void schedule_attempt(Env& env);
  void attempt(Env& env);
  void handshake_done(Env& env, const ConnectResponse& r);
  void on_response(Env& env, const Response& r);
  void drop(Env& env, std::string why);
  void finish_close(Env& env);
  void fail_all(Err err);
  void send(Env& env, Xid xid, RequestBody body);
  void touch_recv(Env& env);
  void touch_send(Env& env);
  void session_event(KeeperState s);
  void reply_local(Xid xid, Err err, const RequestBody& body);
  int32_t read_timeout_ms() const { return timeout_ms() * 2 / 3; }
  int32_t connect_timeout_ms() const;
  int32_t timeout_ms() const { return negotiated_timeout_ms_ > 0 ? negotiated_timeout_ms_ : cfg_.session_timeout_ms; }

  ZkClientConfig cfg_;
  std::vector<ServerAddress> hosts_;
  int current_index_ = -1;     // StaticHostProvider.currentIndex
  int last_index_ = -1;        // StaticHostProvider.lastIndex: last good server (0 after the first try)
  bool first_connect_ = true;
  ClientPhase phase_ = ClientPhase::kIdle;
  ConnId conn_ = kNoConn;
  SessionId session_id_ = 0;
  std::string passwd_;
  int32_t negotiated_timeout_ms_ = 0;
  Zxid last_zxid_ = 0;
  Xid next_xid_ = 1;
  bool closing_ = false;
  Xid close_xid_ = 0;
  KeeperState last_event_state_ = KeeperState::kDisconnected;  // EventThread.sessionState
  std::vector<AuthOp> auth_;
  std::deque<Outstanding> queued_;   // outgoingQueue: not yet sent
  std::deque<Outstanding> pending_;  // pendingQueue: sent, awaiting replies (incl. auth -4, setWatches -8)
  ClientWatchTables watches_;
  std::vector<ClientOutput> outputs_;
};

}  // namespace zoolab::core::zk
