// Applying a committed txn to the data tree (DataTree.processTxn) and reporting what watches
// must fire, in order.
#pragma once

#include <string>
#include <vector>

#include "core/znode/data_tree.h"
#include "core/znode/txn.h"

namespace zoolab::core::zk {

enum class TreeChange : uint8_t { kCreated, kDeleted, kDataChanged };
struct TreeEvent {
  TreeChange change;
  std::string path;
};

struct TxnResult {
  Err err = Err::kOk;
  std::string path;  // created path
  Stat stat;         // create/setData/setACL
  std::vector<TxnResult> multi;
};

// Applies `t` to `tree` (sessions are the caller's business), appends fired tree events,
// and sets lastProcessedZxid-style bookkeeping in the caller. Never throws for model errors.
TxnResult apply_txn(DataTree& tree, const Txn& t, std::vector<TreeEvent>& events);

}  // namespace zoolab::core::zk
