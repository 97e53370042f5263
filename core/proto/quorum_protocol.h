// The server <-> server protocols as plain structs: FastLeaderElection notifications (reference
// §2.2) on the election port and ZAB quorum packets (§3.1) on the quorum port.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/proto/client_protocol.h"
#include "core/znode/txn.h"

namespace zoolab::core::zab {

using zk::SessionId;
using zk::Zxid;

// ServerState of QuorumPeer, with the wire values of §2.2.
enum class PeerState : int32_t { kLooking = 0, kFollowing = 1, kLeading = 2, kObserving = 3 };
const char* peer_state_name(PeerState s);  // "LOOKING", "FOLLOWING", ...

// A FastLeaderElection notification (§2.2). The receiver knows the sender sid from the connection.
struct Notification {
  PeerState state = PeerState::kLooking;
  int64_t leader = 0;          // proposed leader sid
  Zxid zxid = 0;               // proposed leader's last logged zxid
  int64_t election_epoch = 0;  // sender's logicalclock (or the electionEpoch of its current vote)
  int64_t peer_epoch = 0;      // proposed leader's currentEpoch
  int32_t version = 2;
  std::string config;          // sender's quorum config text (informational; no reconfig)
  bool operator==(const Notification&) const = default;
};

// QuorumPacket types (§3.1).
enum class PacketType : int32_t {
  kRequest = 1, kProposal = 2, kAck = 3, kCommit = 4, kPing = 5, kRevalidate = 6, kSync = 7, kInform = 8,
  kNewLeader = 10, kFollowerInfo = 11, kUpToDate = 12, kDiff = 13, kTrunc = 14, kSnap = 15,
  kObserverInfo = 16, kLeaderInfo = 17, kAckEpoch = 18,
};
const char* packet_type_name(PacketType t);  // "PROPOSAL", "ACK", ...

// REQUEST body: a client write (or sync / session op) forwarded by a learner to the leader.
struct ForwardedRequest {
  enum class Kind : uint8_t { kOp, kCreateSession, kCloseSession };
  Kind kind = Kind::kOp;
  SessionId session = 0;
  zk::Xid cxid = 0;
  zk::RequestBody op;        // kOp
  int32_t timeout_ms = 0;    // kCreateSession
  std::vector<zk::Id> auth;  // the connection's auth ids (QuorumPacket.authinfo)
  bool operator==(const ForwardedRequest&) const = default;
};
struct LearnerInfo {  // FOLLOWERINFO / OBSERVERINFO
  int64_t sid = 0;
  int32_t protocol_version = 0x10000;
  bool operator==(const LearnerInfo&) const = default;
};
struct EpochInfo {  // LEADERINFO: protocol version; ACKEPOCH: the learner's currentEpoch (or -1)
  int64_t value = 0;
  bool operator==(const EpochInfo&) const = default;
};
struct SessionTouches {  // PING reply: sessions touched since the last ping (id, timeout)
  std::vector<std::pair<SessionId, int32_t>> touches;
  bool operator==(const SessionTouches&) const = default;
};
struct Revalidate {  // REVALIDATE request (valid unused) and reply
  SessionId session = 0;
  int32_t timeout_ms = 0;
  bool valid = false;
  bool operator==(const Revalidate&) const = default;
};
// SNAP body: the leader's serialized database (shared, immutable: copying a message stays cheap).
struct SnapshotData {
  std::string bytes;  // encode_snapshot() of the leader's tree + session table at `zxid`
  Zxid zxid = 0;
};
struct Snapshot {
  std::shared_ptr<const SnapshotData> data;
  bool operator==(const Snapshot& o) const { return data == o.data || (data && o.data && data->bytes == o.data->bytes); }
};

using PacketBody = std::variant<std::monostate, zk::Txn, ForwardedRequest, LearnerInfo, EpochInfo, SessionTouches,
                                Revalidate, Snapshot>;

struct QuorumPacket {
  PacketType type = PacketType::kPing;
  Zxid zxid = 0;
  PacketBody body;
  bool operator==(const QuorumPacket&) const = default;
};

std::string describe(const Notification& n);
std::string describe(const QuorumPacket& p);

}  // namespace zoolab::core::zab
