// PrepRequestProcessor: turns a write request into a txn body, checking in ZooKeeper 3.8.0's exact
// order (reference §5.7); a failure becomes an ErrorTxn that still takes a zxid. Multi ops are
// prepared against the pending changes of the earlier ops (ChangeRecords, like outstandingChanges).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/proto/client_protocol.h"
#include "core/server/server_config.h"
#include "core/znode/data_tree.h"
#include "core/znode/txn.h"

namespace zoolab::core::zk {

struct PrepContext {
  const DataTree& tree;
  const ServerConfig& config;
  const std::vector<Id>& auth;  // the connection's ids
  SessionId session = 0;
  Zxid zxid = 0;
  int64_t time_ms = 0;
  std::vector<std::string>* notes = nullptr;  // quota warnings
};

// What prep knows of a node: the tree's record or a pending change (ChangeRecord).
struct ChangeRecord {
  PersistedStat stat;
  int32_t child_count = 0;
  Acl acl;
  int64_t data_length = 0;
};

class Prep {
 public:
  explicit Prep(const PrepContext& ctx) : ctx_(ctx) {}
  // Create/delete/setData/setACL/check/multi; other bodies are not writes.
  TxnBody prep(const RequestBody& body);
  TxnBody prep_delete_container(const std::string& path);
  CloseSessionTxn prep_close_session(SessionId s) const;

 private:
  using Result = std::variant<SubTxn, Err>;  // a txn or the failure
  Result create(const CreateOp& op);
  Result remove(const DeleteOp& op);
  Result set_data(const SetDataOp& op);
  Result check(const CheckOp& op);
  std::variant<SetAclTxn, Err> set_acl(const SetAclOp& op);
  std::optional<ChangeRecord> record(const std::string& path) const;
  bool allowed(const Acl& acl, int32_t perm) const { return acl_allows(acl, perm, ctx_.auth); }
  void add_pending(const SubTxn& txn);

  const PrepContext& ctx_;
  std::map<std::string, std::optional<ChangeRecord>> pending_;  // nullopt = deleted
};

}  // namespace zoolab::core::zk
