// ZooKeeper's vocabulary shared by server, client and shell: zxids, stat, ACLs, error codes,
// create modes and watch events (reference §1, §4.5, §5, §6, §7, §8).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zoolab::core::zk {

using Zxid = int64_t;       // (epoch << 32) | counter
using SessionId = int64_t;  // top byte = id of the server that created it
using Xid = int32_t;        // client request number; negative ones are special (ping -2, auth -4, ...)

constexpr Xid kXidNotification = -1;
constexpr Xid kXidPing = -2;
constexpr Xid kXidAuth = -4;
constexpr Xid kXidSetWatches = -8;

constexpr Zxid make_zxid(int64_t epoch, int64_t counter) { return (epoch << 32) | (counter & 0xffffffffLL); }
constexpr int64_t zxid_epoch(Zxid z) { return z >> 32; }
constexpr int64_t zxid_counter(Zxid z) { return z & 0xffffffffLL; }
// `0x` + lowercase hex, no padding; negative values as 16 unsigned digits (Long.toHexString).
std::string hex(int64_t v);

// Simulated calendar: wall-clock ms = kCalendarStartMs + the machine's local clock in ms
// (Mon Jan 06 09:00:00 UTC 2025). Stat ctime/mtime and session ids derive from it.
constexpr int64_t kCalendarStartMs = 1736154000000LL;

// Node data: nullopt is Java's null (create without data; `get` prints "null").
using Data = std::optional<std::string>;

// The 11 fields a client sees (DataNode.copyStat), cversion already in the client form.
struct Stat {
  Zxid czxid = 0, mzxid = 0;
  int64_t ctime_ms = 0, mtime_ms = 0;
  int32_t version = 0, cversion = 0, aversion = 0;
  SessionId ephemeral_owner = 0;
  int32_t data_length = 0, num_children = 0;
  Zxid pzxid = 0;
  bool operator==(const Stat&) const = default;
};

// ---- ACL (§7) --------------------------------------------------------------------------------
namespace perm {
constexpr int32_t kRead = 1, kWrite = 2, kCreate = 4, kDelete = 8, kAdmin = 16, kAll = 31;
}
// Printed permission string, always in the order c d r w a (ALL -> "cdrwa").
std::string perm_string(int32_t perms);

struct Id {
  std::string scheme, id;
  auto operator<=>(const Id&) const = default;
};
struct AclEntry {
  int32_t perms = 0;
  Id id;
  auto operator<=>(const AclEntry&) const = default;
};
using Acl = std::vector<AclEntry>;
Acl open_acl_unsafe();  // [world:anyone:cdrwa]
Acl read_acl_unsafe();  // [world:anyone:r]

// ---- errors (§8) -----------------------------------------------------------------------------
enum class Err : int32_t {
  kOk = 0,
  kSystemError = -1,
  kRuntimeInconsistency = -2,
  kDataInconsistency = -3,
  kConnectionLoss = -4,
  kMarshallingError = -5,
  kUnimplemented = -6,
  kOperationTimeout = -7,
  kBadArguments = -8,
  kUnknownSession = -12,
  kNewConfigNoQuorum = -13,
  kReconfigInProgress = -14,
  kApiError = -100,
  kNoNode = -101,
  kNoAuth = -102,
  kBadVersion = -103,
  kNoChildrenForEphemerals = -108,
  kNodeExists = -110,
  kNotEmpty = -111,
  kSessionExpired = -112,
  kInvalidCallback = -113,
  kInvalidAcl = -114,
  kAuthFailed = -115,
  kSessionMoved = -118,
  kNotReadOnly = -119,
  kEphemeralOnLocalSession = -120,
  kNoWatcher = -121,
  kRequestTimeout = -122,
  kReconfigDisabled = -123,
  kSessionClosedRequireSaslAuth = -124,
  kQuotaExceeded = -125,
  kThrottledOp = -127,
};
// KeeperException.getCodeMessage: "NoNode", "Directory not empty", "Unknown error UNKNOWNSESSION"...
std::string err_text(Err e);
// KeeperException.getMessage: "KeeperErrorCode = NoNode" + (" for " + path when a path is given).
std::string err_message(Err e, std::optional<std::string_view> path);
// The enum constant name ("NONODE"), for traces.
std::string_view err_name(Err e);

// ---- create modes (§5.5) ---------------------------------------------------------------------
enum class CreateMode : int32_t {
  kPersistent = 0,
  kEphemeral = 1,
  kPersistentSequential = 2,
  kEphemeralSequential = 3,
  kContainer = 4,
  kPersistentWithTtl = 5,
  kPersistentSequentialWithTtl = 6,
};
constexpr bool is_ephemeral(CreateMode m) { return m == CreateMode::kEphemeral || m == CreateMode::kEphemeralSequential; }
constexpr bool is_sequential(CreateMode m) {
  return m == CreateMode::kPersistentSequential || m == CreateMode::kEphemeralSequential ||
         m == CreateMode::kPersistentSequentialWithTtl;
}
constexpr bool is_ttl(CreateMode m) { return m == CreateMode::kPersistentWithTtl || m == CreateMode::kPersistentSequentialWithTtl; }
std::string_view create_mode_name(CreateMode m);  // "PERSISTENT", "EPHEMERAL_SEQUENTIAL", ...

// Internal ephemeralOwner markers (clients see 0 for these, §5.2).
constexpr SessionId kContainerOwner = INT64_MIN;                      // 0x8000000000000000
constexpr SessionId kTtlOwnerMask = static_cast<SessionId>(0xff00000000000000ULL);
constexpr int64_t kMaxTtlMs = 0xFFFFFFFFFFLL;

// ---- watches and events (§4.5, §6) ------------------------------------------------------------
enum class EventType : int32_t {
  kNone = -1,
  kNodeCreated = 1,
  kNodeDeleted = 2,
  kNodeDataChanged = 3,
  kNodeChildrenChanged = 4,
  kDataWatchRemoved = 5,
  kChildWatchRemoved = 6,
  kPersistentWatchRemoved = 7,
};
enum class KeeperState : int32_t {
  kUnknown = -1,
  kDisconnected = 0,
  kSyncConnected = 3,
  kAuthFailed = 4,
  kConnectedReadOnly = 5,
  kSaslAuthenticated = 6,
  kExpired = -112,
  kClosed = 7,
};
std::string_view event_type_name(EventType t);      // "NodeDataChanged"
std::string_view keeper_state_name(KeeperState s);  // "SyncConnected"

// Server-side registration modes and addWatch modes.
enum class WatcherMode : uint8_t { kStandard, kPersistent, kPersistentRecursive };
// removeWatches type (§6.5).
enum class WatcherType : int32_t { kChildren = 1, kData = 2, kAny = 3, kPersistent = 4, kPersistentRecursive = 5 };

// Client-side session state (ZooKeeper.States).
enum class ClientState : uint8_t {
  kConnecting, kAssociating, kConnected, kConnectedReadOnly, kClosed, kAuthFailed, kNotConnected
};
std::string_view client_state_name(ClientState s);  // "CONNECTED", ...
constexpr bool is_alive(ClientState s) { return s != ClientState::kClosed && s != ClientState::kAuthFailed; }

}  // namespace zoolab::core::zk
