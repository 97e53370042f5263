// zoo.cfg keys -> ServerConfig (QuorumPeerConfig.parseProperties, standalone subset).
#include "core/server/server_config.h"

#include <cstdlib>

namespace zoolab::core::zk {
namespace {

bool parse_i64(const std::string& s, int64_t& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (!end || *end != '\0') return false;
  out = v;
  return true;
}

std::string trim(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  const size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

}  // namespace

ServerConfig server_config_from(const std::map<std::string, std::string>& keys, int server_id) {
  ServerConfig c;
  c.server_id = server_id;
  auto num = [&](const char* key, auto& field) {
    auto it = keys.find(key);
    int64_t v = 0;
    if (it != keys.end() && parse_i64(trim(it->second), v)) field = static_cast<std::remove_reference_t<decltype(field)>>(v);
  };
  auto flag = [&](std::initializer_list<const char*> names, bool& field) {
    for (const char* n : names) {
      auto it = keys.find(n);
      if (it != keys.end()) field = trim(it->second) == "true";
    }
  };
  auto str = [&](std::initializer_list<const char*> names, std::string& field) {
    for (const char* n : names) {
      auto it = keys.find(n);
      if (it != keys.end()) field = trim(it->second);
    }
  };
  num("tickTime", c.tick_time_ms);
  num("minSessionTimeout", c.min_session_timeout_ms);
  num("maxSessionTimeout", c.max_session_timeout_ms);
  num("clientPort", c.client_port);
  num("maxClientCnxns", c.max_client_cnxns);
  num("initLimit", c.init_limit);
  num("syncLimit", c.sync_limit);
  for (const auto& [k, v] : keys)
    if (k.rfind("bug.", 0) == 0 && trim(v) == "on") c.bugs.insert(k.substr(4));
  num("snapCount", c.snap_count);
  num("znode.container.checkIntervalMs", c.container_check_interval_ms);
  num("znode.container.maxNeverUsedIntervalMs", c.container_max_never_used_interval_ms);
  str({"dataDir"}, c.data_dir);
  str({"dataLogDir"}, c.data_log_dir);
  flag({"extendedTypesEnabled", "zookeeper.extendedTypesEnabled"}, c.extended_types_enabled);
  flag({"enforceQuota", "zookeeper.enforceQuota"}, c.enforce_quota);
  str({"superDigest", "DigestAuthenticationProvider.superDigest",
       "zookeeper.DigestAuthenticationProvider.superDigest"}, c.super_digest);
  std::string wl;
  str({"4lw.commands.whitelist", "zookeeper.4lw.commands.whitelist"}, wl);
  if (!wl.empty()) {
    c.four_letter_whitelist.clear();
    size_t start = 0;
    while (start <= wl.size()) {
      size_t comma = wl.find(',', start);
      if (comma == std::string::npos) comma = wl.size();
      const std::string w = trim(wl.substr(start, comma - start));
      if (!w.empty()) c.four_letter_whitelist.insert(w);
      start = comma + 1;
    }
  }
  if (c.snap_count < 2) c.snap_count = 2;
  return c;
}

}  // namespace zoolab::core::zk
