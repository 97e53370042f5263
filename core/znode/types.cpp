// Names and messages of ZooKeeper's enums, exactly as Java prints them.
#include "core/znode/types.h"

namespace zoolab::core::zk {

std::string hex(int64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  uint64_t u = static_cast<uint64_t>(v);
  std::string digits;
  do {
    digits.insert(digits.begin(), kDigits[u & 0xf]);
    u >>= 4;
  } while (u != 0);
  return "0x" + digits;
}

std::string perm_string(int32_t perms) {
  std::string s;
  if (perms & perm::kCreate) s += 'c';
  if (perms & perm::kDelete) s += 'd';
  if (perms & perm::kRead) s += 'r';
  if (perms & perm::kWrite) s += 'w';
  if (perms & perm::kAdmin) s += 'a';
  return s;
}

Acl open_acl_unsafe() { return {AclEntry{perm::kAll, Id{"world", "anyone"}}}; }
Acl read_acl_unsafe() { return {AclEntry{perm::kRead, Id{"world", "anyone"}}}; }

std::string_view err_name(Err e) {
  switch (e) {
    case Err::kOk: return "OK";
    case Err::kSystemError: return "SYSTEMERROR";
    case Err::kRuntimeInconsistency: return "RUNTIMEINCONSISTENCY";
    case Err::kDataInconsistency: return "DATAINCONSISTENCY";
    case Err::kConnectionLoss: return "CONNECTIONLOSS";
    case Err::kMarshallingError: return "MARSHALLINGERROR";
    case Err::kUnimplemented: return "UNIMPLEMENTED";
    case Err::kOperationTimeout: return "OPERATIONTIMEOUT";
    case Err::kBadArguments: return "BADARGUMENTS";
    case Err::kUnknownSession: return "UNKNOWNSESSION";
    case Err::kNewConfigNoQuorum: return "NEWCONFIGNOQUORUM";
    case Err::kReconfigInProgress: return "RECONFIGINPROGRESS";
    case Err::kApiError: return "APIERROR";
    case Err::kNoNode: return "NONODE";
    case Err::kNoAuth: return "NOAUTH";
    case Err::kBadVersion: return "BADVERSION";
    case Err::kNoChildrenForEphemerals: return "NOCHILDRENFOREPHEMERALS";
    case Err::kNodeExists: return "NODEEXISTS";
    case Err::kNotEmpty: return "NOTEMPTY";
    case Err::kSessionExpired: return "SESSIONEXPIRED";
    case Err::kInvalidCallback: return "INVALIDCALLBACK";
    case Err::kInvalidAcl: return "INVALIDACL";
    case Err::kAuthFailed: return "AUTHFAILED";
    case Err::kSessionMoved: return "SESSIONMOVED";
    case Err::kNotReadOnly: return "NOTREADONLY";
    case Err::kEphemeralOnLocalSession: return "EPHEMERALONLOCALSESSION";
    case Err::kNoWatcher: return "NOWATCHER";
    case Err::kRequestTimeout: return "REQUESTTIMEOUT";
    case Err::kReconfigDisabled: return "RECONFIGDISABLED";
    case Err::kSessionClosedRequireSaslAuth: return "SESSIONCLOSEDREQUIRESASLAUTH";
    case Err::kQuotaExceeded: return "QUOTAEXCEEDED";
    case Err::kThrottledOp: return "THROTTLEDOP";
  }
  return "UNKNOWN";
}

std::string err_text(Err e) {
  switch (e) {
    case Err::kOk: return "ok";
    case Err::kSystemError: return "SystemError";
    case Err::kRuntimeInconsistency: return "RuntimeInconsistency";
    case Err::kDataInconsistency: return "DataInconsistency";
    case Err::kConnectionLoss: return "ConnectionLoss";
    case Err::kMarshallingError: return "MarshallingError";
    case Err::kUnimplemented: return "Unimplemented";
    case Err::kOperationTimeout: return "OperationTimeout";
    case Err::kBadArguments: return "BadArguments";
    case Err::kNewConfigNoQuorum: return "NewConfigNoQuorum";
    case Err::kReconfigInProgress: return "ReconfigInProgress";
    case Err::kApiError: return "APIError";
    case Err::kNoNode: return "NoNode";
    case Err::kNoAuth: return "NoAuth";
    case Err::kBadVersion: return "BadVersion";
    case Err::kNoChildrenForEphemerals: return "NoChildrenForEphemerals";
    case Err::kNodeExists: return "NodeExists";
    case Err::kNotEmpty: return "Directory not empty";
    case Err::kSessionExpired: return "Session expired";
    case Err::kInvalidCallback: return "Invalid callback";
    case Err::kInvalidAcl: return "InvalidACL";
    case Err::kAuthFailed: return "AuthFailed";
    case Err::kSessionMoved: return "Session moved";
    case Err::kNotReadOnly: return "Not a read-only call";
    case Err::kEphemeralOnLocalSession: return "Ephemeral node on local session";
    case Err::kNoWatcher: return "No such watcher";
    case Err::kReconfigDisabled: return "Reconfig is disabled";
    case Err::kSessionClosedRequireSaslAuth: return "Session closed because client failed to authenticate";
    case Err::kQuotaExceeded: return "Quota has exceeded";
    case Err::kThrottledOp: return "Op throttled due to high load";
    default: return "Unknown error " + std::string(err_name(e));
  }
}

std::string err_message(Err e, std::optional<std::string_view> path) {
  std::string s = "KeeperErrorCode = " + err_text(e);
  if (path) s += " for " + std::string(*path);
  return s;
}

std::string_view create_mode_name(CreateMode m) {
  switch (m) {
    case CreateMode::kPersistent: return "PERSISTENT";
    case CreateMode::kEphemeral: return "EPHEMERAL";
    case CreateMode::kPersistentSequential: return "PERSISTENT_SEQUENTIAL";
    case CreateMode::kEphemeralSequential: return "EPHEMERAL_SEQUENTIAL";
    case CreateMode::kContainer: return "CONTAINER";
    case CreateMode::kPersistentWithTtl: return "PERSISTENT_WITH_TTL";
    case CreateMode::kPersistentSequentialWithTtl: return "PERSISTENT_SEQUENTIAL_WITH_TTL";
  }
  return "UNKNOWN";
}

std::string_view event_type_name(EventType t) {
  switch (t) {
    case EventType::kNone: return "None";
    case EventType::kNodeCreated: return "NodeCreated";
    case EventType::kNodeDeleted: return "NodeDeleted";
    case EventType::kNodeDataChanged: return "NodeDataChanged";
    case EventType::kNodeChildrenChanged: return "NodeChildrenChanged";
    case EventType::kDataWatchRemoved: return "DataWatchRemoved";
    case EventType::kChildWatchRemoved: return "ChildWatchRemoved";
    case EventType::kPersistentWatchRemoved: return "PersistentWatchRemoved";
  }
  return "None";
}

std::string_view keeper_state_name(KeeperState s) {
  switch (s) {
    case KeeperState::kUnknown: return "Unknown";
    case KeeperState::kDisconnected: return "Disconnected";
    case KeeperState::kSyncConnected: return "SyncConnected";
    case KeeperState::kAuthFailed: return "AuthFailed";
    case KeeperState::kConnectedReadOnly: return "ConnectedReadOnly";
    case KeeperState::kSaslAuthenticated: return "SaslAuthenticated";
    case KeeperState::kExpired: return "Expired";
    case KeeperState::kClosed: return "Closed";
  }
  return "Unknown";
}

std::string_view client_state_name(ClientState s) {
  switch (s) {
    case ClientState::kConnecting: return "CONNECTING";
    case ClientState::kAssociating: return "ASSOCIATING";
    case ClientState::kConnected: return "CONNECTED";
    case ClientState::kConnectedReadOnly: return "CONNECTEDREADONLY";
    case ClientState::kClosed: return "CLOSED";
    case ClientState::kAuthFailed: return "AUTH_FAILED";
    case ClientState::kNotConnected: return "NOT_CONNECTED";
  }
  return "NOT_CONNECTED";
}

}  // namespace zoolab::core::zk
