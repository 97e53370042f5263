// Printing of election notifications and quorum packets for traces and views.
#include "core/proto/quorum_protocol.h"

#include "core/base/overloaded.h"

namespace zoolab::core::zab {

const char* peer_state_name(PeerState s) {
  switch (s) {
    case PeerState::kLooking: return "LOOKING";
    case PeerState::kFollowing: return "FOLLOWING";
    case PeerState::kLeading: return "LEADING";
    case PeerState::kObserving: return "OBSERVING";
  }
  return "?";
}

const char* packet_type_name(PacketType t) {
  switch (t) {
    case PacketType::kRequest: return "REQUEST";
    case PacketType::kProposal: return "PROPOSAL";
    case PacketType::kAck: return "ACK";
    case PacketType::kCommit: return "COMMIT";
    case PacketType::kPing: return "PING";
    case PacketType::kRevalidate: return "REVALIDATE";
    case PacketType::kSync: return "SYNC";
    case PacketType::kInform: return "INFORM";
    case PacketType::kNewLeader: return "NEWLEADER";
    case PacketType::kFollowerInfo: return "FOLLOWERINFO";
    case PacketType::kUpToDate: return "UPTODATE";
    case PacketType::kDiff: return "DIFF";
    case PacketType::kTrunc: return "TRUNC";
    case PacketType::kSnap: return "SNAP";
    case PacketType::kObserverInfo: return "OBSERVERINFO";
    case PacketType::kLeaderInfo: return "LEADERINFO";
    case PacketType::kAckEpoch: return "ACKEPOCH";
  }
  return "?";
}

std::string describe(const Notification& n) {
  return std::string("vote ") + peer_state_name(n.state) + " leader=" + std::to_string(n.leader) +
         " zxid=" + zk::hex(n.zxid) + " round=" + std::to_string(n.election_epoch) +
         " peerEpoch=" + std::to_string(n.peer_epoch);
}

std::string describe(const QuorumPacket& p) {
  std::string out = packet_type_name(p.type);
  if (p.type != PacketType::kRequest && p.type != PacketType::kRevalidate && p.type != PacketType::kUpToDate)
    out += " " + zk::hex(p.zxid);
  std::visit(Overloaded{
                 [&](const std::monostate&) {},
                 [&](const zk::Txn& t) { out += " " + zk::describe_txn(t); },
                 [&](const ForwardedRequest& r) {
                   out += " session " + zk::hex(r.session);
                   if (r.kind == ForwardedRequest::Kind::kCreateSession) out += " createSession";
                   else if (r.kind == ForwardedRequest::Kind::kCloseSession) out += " closeSession";
                   else out += " " + std::string(zk::op_name(r.op));
                 },
                 [&](const LearnerInfo& i) { out += " sid=" + std::to_string(i.sid); },
                 [&](const EpochInfo& e) {
                   out += (p.type == PacketType::kAckEpoch ? " currentEpoch=" : " version=") + std::to_string(e.value);
                 },
                 [&](const SessionTouches& t) { out += " touches=" + std::to_string(t.touches.size()); },
                 [&](const Revalidate& r) {
                   out += " session " + zk::hex(r.session) + (r.valid ? " valid" : "");
                 },
                 [&](const Snapshot& s) {
                   if (s.data) out += " snapshot " + std::to_string(s.data->bytes.size()) + " bytes";
                 },
             },
             p.body);
  return out;
}

}  // namespace zoolab::core::zab
