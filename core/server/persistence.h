// Txn log records and snapshots on the simulated disk (FileTxnLog / FileSnap, reference §1.9):
// cereal portable-binary payloads; recovery = newest complete snapshot + every later logged txn.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/process.h"
#include "core/znode/data_tree.h"
#include "core/znode/txn.h"

namespace zoolab::core::zk {

// One length-prefixed log record.
std::string encode_log_record(const Txn& t);
std::string encode_snapshot(const DataTree& tree, const std::map<SessionId, int32_t>& sessions, Zxid last_zxid);

std::string log_file_name(const std::string& dir, Zxid first_zxid);       // <dir>/log.<16 hex>
std::string snapshot_file_name(const std::string& dir, Zxid last_zxid);   // <dir>/snapshot.<16 hex>

struct ReplayedTxn {
  Txn txn;
  std::string file;     // the log file it came from
  uint64_t offset = 0;  // its record's offset in that file
};

struct Recovered {
  DataTree tree;
  std::vector<ReplayedTxn> replayed;  // log txns applied after the snapshot, in order
  std::string snapshot_file, snapshot_bytes;  // the snapshot loaded (empty if none)
  std::map<SessionId, int32_t> sessions;
  Zxid last_zxid = 0;
  size_t txns_replayed = 0;
  std::optional<Zxid> snapshot_zxid;
};
// Loads what is durable under `dir` (torn or missing tails are simply absent).
Recovered recover(const DiskImage& disk, const std::string& dir);
// Keeps the session table in step with a txn (createSession adds, closeSession removes).
void apply_session_txn(std::map<SessionId, int32_t>& sessions, const Txn& t);

}  // namespace zoolab::core::zk
