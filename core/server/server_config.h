// Standalone server settings from zoo.cfg keys (reference §11) with ZooKeeper's defaults.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "core/zab/quorum_config.h"

namespace zoolab::core::zk {

struct ServerConfig {
  int server_id = 1;
  int32_t tick_time_ms = 3000;
  int32_t min_session_timeout_ms = -1;  // -1 = 2 * tickTime
  int32_t max_session_timeout_ms = -1;  // -1 = 20 * tickTime
  int32_t client_port = 2181;
  std::string data_dir = "/var/lib/zookeeper";
  std::string data_log_dir;  // empty = dataDir
  int32_t max_client_cnxns = 60;
  std::set<std::string> four_letter_whitelist{"srvr"};  // "*" = all
  bool extended_types_enabled = false;
  bool enforce_quota = false;
  std::string super_digest;  // "super:<base64 sha1>", empty = no super user
  int64_t snap_count = 100000;
  int64_t container_check_interval_ms = 60000;
  int64_t container_max_never_used_interval_ms = 0;
  std::string client_ip = "127.0.0.1";  // the address every client appears to come from
  // Quorum mode (§11): initLimit/syncLimit in ticks, the server.N lines, protocol-bug switches.
  int32_t init_limit = 0, sync_limit = 0;
  zab::QuorumConfig quorum;   // no peers or one voter: standalone
  std::set<std::string> bugs;  // "ack-before-fsync", "commit-without-quorum", "election-ignores-peer-epoch"
  bool distributed() const { return quorum.distributed(); }
  bool bug(const std::string& name) const { return bugs.count(name) != 0; }

  int32_t min_timeout() const { return min_session_timeout_ms < 0 ? 2 * tick_time_ms : min_session_timeout_ms; }
  int32_t max_timeout() const { return max_session_timeout_ms < 0 ? 20 * tick_time_ms : max_session_timeout_ms; }
  bool four_letter_allowed(const std::string& cmd) const {
    return four_letter_whitelist.count("*") || four_letter_whitelist.count(cmd);
  }
};

// Reads the keys a zoo.cfg would hold; unknown keys are ignored, malformed numbers keep defaults.
// Keys "bug.<name>" with value "on" switch protocol bugs on (scenario `bug NAME on`).
// The caller fills `quorum` (it knows which machine runs which server.N).
ServerConfig server_config_from(const std::map<std::string, std::string>& zoo_cfg_keys, int server_id);

}  // namespace zoolab::core::zk
