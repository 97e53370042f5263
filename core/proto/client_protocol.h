// The ZooKeeper client <-> server protocol as plain structs (jute records, reference §4-§7):
// what ZkClient sends and a server answers over one simulated TCP connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/znode/types.h"

namespace zoolab::core::zk {

// ---- session establishment (§4.3) -------------------------------------------------------------
struct ConnectRequest {
  int32_t protocol_version = 0;
  Zxid last_zxid_seen = 0;
  int32_t timeout_ms = 30000;
  SessionId session_id = 0;  // 0 = new session
  std::string passwd;        // 16 bytes in real ZooKeeper; any token here
  bool read_only = false;
  bool operator==(const ConnectRequest&) const = default;
};
// timeout_ms == 0 and session_id == 0: the session is invalid (expired); the server then closes.
struct ConnectResponse {
  int32_t protocol_version = 0;
  int32_t timeout_ms = 0;
  SessionId session_id = 0;
  std::string passwd;
  bool read_only = false;
  bool operator==(const ConnectResponse&) const = default;
};

// ---- request bodies (one per opcode) ---------------------------------------------------------
struct CreateOp {  // create(1) / create2(15) / createContainer(19) / createTTL(21)
  std::string path;
  Data data;
  Acl acl;
  CreateMode mode = CreateMode::kPersistent;
  int64_t ttl_ms = -1;
  bool want_stat = false;  // create2
  bool operator==(const CreateOp&) const = default;
};
struct DeleteOp { std::string path; int32_t version = -1; bool operator==(const DeleteOp&) const = default; };
struct SetDataOp { std::string path; Data data; int32_t version = -1; bool operator==(const SetDataOp&) const = default; };
struct CheckOp { std::string path; int32_t version = -1; bool operator==(const CheckOp&) const = default; };
using MultiItem = std::variant<CreateOp, DeleteOp, SetDataOp, CheckOp>;
struct MultiOp { std::vector<MultiItem> ops; bool operator==(const MultiOp&) const = default; };

struct ExistsOp { std::string path; bool watch = false; bool operator==(const ExistsOp&) const = default; };
struct GetDataOp { std::string path; bool watch = false; bool operator==(const GetDataOp&) const = default; };
struct GetChildrenOp {  // getChildren(8) / getChildren2(12) when with_stat
  std::string path;
  bool watch = false;
  bool with_stat = false;
  bool operator==(const GetChildrenOp&) const = default;
};
struct GetAclOp { std::string path; bool operator==(const GetAclOp&) const = default; };
struct SetAclOp { std::string path; Acl acl; int32_t version = -1; bool operator==(const SetAclOp&) const = default; };
struct SyncOp { std::string path; bool operator==(const SyncOp&) const = default; };
struct AddWatchOp {
  std::string path;
  WatcherMode mode = WatcherMode::kPersistentRecursive;
  bool operator==(const AddWatchOp&) const = default;
};
struct RemoveWatchesOp {  // removeWatches(18); checkWatches(17) is not needed by the shell
  std::string path;
  WatcherType type = WatcherType::kAny;
  bool operator==(const RemoveWatchesOp&) const = default;
};
// xid -4. `auth` is absent when zkCli's addauth is given no auth argument (a null buffer on the wire).
struct AuthOp {
  std::string scheme;
  std::optional<std::string> auth;
  bool operator==(const AuthOp&) const = default;
};
struct SetWatchesOp {  // SetWatches(101) / SetWatches2(105), xid -8 (§6.6)
  Zxid relative_zxid = 0;
  std::vector<std::string> data, exist, child, persistent, persistent_recursive;
  bool operator==(const SetWatchesOp&) const = default;
};
struct GetEphemeralsOp { std::string prefix; bool operator==(const GetEphemeralsOp&) const = default; };
struct GetAllChildrenNumberOp { std::string path; bool operator==(const GetAllChildrenNumberOp&) const = default; };
struct WhoAmIOp { bool operator==(const WhoAmIOp&) const = default; };
struct ReconfigOp { std::string args; bool operator==(const ReconfigOp&) const = default; };
struct PingOp { bool operator==(const PingOp&) const = default; };                  // xid -2
struct CloseSessionOp { bool operator==(const CloseSessionOp&) const = default; };  // closeSession(-11)

using RequestBody =
    std::variant<CreateOp, DeleteOp, SetDataOp, CheckOp, MultiOp, ExistsOp, GetDataOp, GetChildrenOp, GetAclOp,
                 SetAclOp, SyncOp, AddWatchOp, RemoveWatchesOp, AuthOp, SetWatchesOp, GetEphemeralsOp,
                 GetAllChildrenNumberOp, WhoAmIOp, ReconfigOp, PingOp, CloseSessionOp>;

struct Request {
  Xid xid = 0;
  RequestBody body;
  bool operator==(const Request&) const = default;
};

// ZooKeeper opcode of a request body (create 1, delete 2, ..., createContainer 19, createTTL 21).
int32_t opcode(const RequestBody& b);
// Name as ZooKeeper logs it ("create", "getData", "multi", ...).
std::string_view op_name(const RequestBody& b);
// True for operations that become transactions (take a zxid, even when they fail).
bool is_write(const RequestBody& b);
// Length of the jute frame (without its 4-byte length prefix) the real client would send; the
// server drops the connection when it exceeds jute.maxbuffer (§5.8: plain create = 47+path+data).
int64_t wire_size(const Request& r);
constexpr int64_t kJuteMaxBuffer = 0xfffff;

// ---- response bodies -------------------------------------------------------------------------
struct EmptyResult { bool operator==(const EmptyResult&) const = default; };  // delete, check, addWatch...
struct CreateResult { std::string path; std::optional<Stat> stat; bool operator==(const CreateResult&) const = default; };
struct StatResult { Stat stat; bool operator==(const StatResult&) const = default; };  // exists, setData, setACL
struct DataResult { Data data; Stat stat; bool operator==(const DataResult&) const = default; };
struct ChildrenResult {
  std::vector<std::string> children;  // server order; the shell sorts
  std::optional<Stat> stat;
  bool operator==(const ChildrenResult&) const = default;
};
struct AclResult { Acl acl; Stat stat; bool operator==(const AclResult&) const = default; };
struct PathResult { std::string path; bool operator==(const PathResult&) const = default; };  // sync
struct OpResult {  // one entry of a multi's answer (M3/M4)
  Err err = Err::kOk;
  std::variant<EmptyResult, CreateResult, StatResult> result;
  bool operator==(const OpResult&) const = default;
};
struct MultiResult { std::vector<OpResult> results; bool operator==(const MultiResult&) const = default; };
struct PathsResult { std::vector<std::string> paths; bool operator==(const PathsResult&) const = default; };  // getEphemerals
struct CountResult { int32_t count = 0; bool operator==(const CountResult&) const = default; };
struct WhoAmIResult { std::vector<Id> ids; bool operator==(const WhoAmIResult&) const = default; };  // scheme + user

using ResponseBody = std::variant<EmptyResult, CreateResult, StatResult, DataResult, ChildrenResult, AclResult,
                                  PathResult, MultiResult, PathsResult, CountResult, WhoAmIResult>;

struct Response {
  Xid xid = 0;
  Zxid zxid = -1;  // the server's lastProcessedZxid when it answered (clients track lastZxidSeen)
  Err err = Err::kOk;
  ResponseBody body;
  bool operator==(const Response&) const = default;
};

// A watch notification (xid -1). 3.8 servers send zxid -1.
struct WatchEvent {
  EventType type = EventType::kNone;
  KeeperState state = KeeperState::kSyncConnected;
  std::string path;
  Zxid zxid = -1;
  bool operator==(const WatchEvent&) const = default;
};

// A four-letter word sent as the first bytes of a connection; the server answers and closes.
struct FourLetterWord { std::string cmd; bool operator==(const FourLetterWord&) const = default; };
struct FourLetterReply { std::string text; bool operator==(const FourLetterReply&) const = default; };

// One-line renderings for traces: "create /a (PERSISTENT) xid=3", "reply xid=3 zxid=0x2 ok".
std::string describe(const ConnectRequest& m);
std::string describe(const ConnectResponse& m);
std::string describe(const Request& m);
std::string describe(const Response& m);
std::string describe(const WatchEvent& m);
std::string describe(const FourLetterWord& m);
std::string describe(const FourLetterReply& m);

}  // namespace zoolab::core::zk
