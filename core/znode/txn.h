// Transactions (jute TxnHeader + txn records): what prep produces, the log stores and the data
// tree applies. Failed writes are ErrorTxns that still take a zxid (reference §1.2).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/znode/types.h"

namespace zoolab::core::zk {

struct CreateTxn {
  std::string path;
  Data data;
  Acl acl;
  SessionId ephemeral_owner = 0;  // session id, kContainerOwner or kTtlOwnerMask | ttl
  int32_t parent_cversion = -1;
  bool operator==(const CreateTxn&) const = default;
};
struct DeleteTxn { std::string path; bool operator==(const DeleteTxn&) const = default; };
struct SetDataTxn { std::string path; Data data; int32_t version = 0; bool operator==(const SetDataTxn&) const = default; };
struct SetAclTxn { std::string path; Acl acl; int32_t version = 0; bool operator==(const SetAclTxn&) const = default; };
struct CheckVersionTxn { std::string path; int32_t version = 0; bool operator==(const CheckVersionTxn&) const = default; };
struct ErrorTxn { Err err = Err::kOk; bool operator==(const ErrorTxn&) const = default; };
struct CreateSessionTxn { int32_t timeout_ms = 0; bool operator==(const CreateSessionTxn&) const = default; };
// 3.8 CloseSessionTxn: the ephemerals to delete, in the order prep collected them.
struct CloseSessionTxn { std::vector<std::string> paths; bool operator==(const CloseSessionTxn&) const = default; };
struct DeleteContainerTxn { std::string path; bool operator==(const DeleteContainerTxn&) const = default; };
using SubTxn = std::variant<CreateTxn, DeleteTxn, SetDataTxn, CheckVersionTxn, ErrorTxn>;
struct MultiTxn { std::vector<SubTxn> ops; bool operator==(const MultiTxn&) const = default; };

using TxnBody = std::variant<CreateTxn, DeleteTxn, SetDataTxn, SetAclTxn, CheckVersionTxn, ErrorTxn, CreateSessionTxn,
                             CloseSessionTxn, DeleteContainerTxn, MultiTxn>;

struct Txn {
  SessionId session = 0;
  Xid cxid = 0;
  Zxid zxid = 0;
  int64_t time_ms = 0;  // calendar ms when prepared (ctime/mtime)
  TxnBody body;
  bool operator==(const Txn&) const = default;
};

// One-line description for traces: "create /a", "error NONODE", "multi(3)".
std::string describe_txn(const Txn& t);

}  // namespace zoolab::core::zk
