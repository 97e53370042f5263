// Fixed zkCli texts (see header), as ZooKeeper 3.8.0 prints them.
#include "core/client/zkcli_text.h"

#include "core/client/zkcli_args.h"

namespace zoolab::core::zk {

namespace {
struct Entry {
  std::string_view name, options;
};
// Already in Java String order (upper case before lower case: "addWatch" < "addauth").
constexpr Entry kCommands[] = {
    {"addWatch", "[-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE"},
    {"addauth", "scheme auth"},
    {"close", ""},
    {"config", "[-c] [-w] [-s]"},
    {"connect", "host:port"},
    {"create", "[-s] [-e] [-c] [-t ttl] path [data] [acl]"},
    {"delete", "[-v version] path"},
    {"deleteall", "path [-b batch size]"},
    {"delquota", "[-n|-b|-N|-B] path"},
    {"get", "[-s] [-w] path"},
    {"getAcl", "[-s] path"},
    {"getAllChildrenNumber", "path"},
    {"getEphemerals", "path"},
    {"history", ""},
    {"listquota", "path"},
    {"ls", "[-s] [-w] [-R] path"},
    {"printwatches", "on|off"},
    {"quit", ""},
    {"reconfig", "[-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | "
                 "[-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]"},
    {"redo", "cmdno"},
    {"removewatches", "path [-c|-d|-a] [-l]"},
    {"set", "[-s] [-v version] path data"},
    {"setAcl", "[-s] [-v version] [-R] path acl"},
    {"setquota", "-n|-b|-N|-B val path"},
    {"stat", "[-w] path"},
    {"sync", "path"},
    {"version", ""},
    {"whoami", ""},
};
}  // namespace

std::optional<std::string> command_usage_options(std::string_view cmd) {
  for (const auto& e : kCommands)
    if (e.name == cmd) return std::string(e.options);
  return std::nullopt;
}

std::string command_usage(std::string_view cmd) {
  return std::string(cmd) + " " + command_usage_options(cmd).value_or("");
}

std::string usage_text() {
  std::string s = "ZooKeeper -server host:port -client-configuration properties-file cmd args\n";
  for (const auto& e : kCommands) s += "\t" + std::string(e.name) + " " + std::string(e.options) + "\n";
  return s;
}

std::string cli_error(Err e, std::optional<std::string_view> path) {
  const std::string p = path ? std::string(*path) : std::string("null");
  switch (e) {
    case Err::kNoNode: return "Node does not exist: " + p;
    case Err::kNoChildrenForEphemerals: return "Ephemerals cannot have children: " + p;
    case Err::kNodeExists: return "Node already exists: " + p;
    case Err::kNotEmpty: return "Node not empty: " + p;
    case Err::kNotReadOnly: return "Not a read-only call: " + p;
    case Err::kInvalidAcl: return "Acl is not valid : " + p;
    case Err::kNoAuth: return "Insufficient permission : " + p;
    case Err::kBadArguments: return "Arguments are not valid : " + p;
    case Err::kBadVersion: return "version No is not valid : " + p;
    case Err::kReconfigInProgress: return "Another reconfiguration is in progress -- concurrent reconfigs not supported (yet)";
    case Err::kNewConfigNoQuorum:
      return "No quorum of new config is connected and up-to-date with the leader of last commmitted config - try "
             "invoking reconfiguration after new servers are connected and synced";
    case Err::kQuotaExceeded: return "Quota has exceeded : " + p;
    default: return err_message(e, path);
  }
}

std::vector<std::string> split_dropping_trailing(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t i = s.find(sep, start);
    out.emplace_back(s.substr(start, i == std::string_view::npos ? std::string_view::npos : i - start));
    if (i == std::string_view::npos) break;
    start = i + 1;
  }
  if (s.empty()) return out;  // "".split(x) is [""]
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

QuotaStats::QuotaStats(std::string_view text) {
  if (text.empty()) return;
  // Pairs are separated by runs of ',' or ';'.
  std::string cur;
  std::vector<std::string> pairs;
  for (char c : text) {
    if (c == ',' || c == ';') {
      if (!cur.empty()) pairs.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) pairs.push_back(cur);
  for (const auto& kv : pairs) {
    const auto parts = split_dropping_trailing(kv, '=');
    if (parts.empty()) continue;
    const std::string v = parts.size() > 1 ? parts[1] : std::string();
    stats[parts[0]] = v.empty() ? -1 : java_parse_long(v).value_or(-1);
  }
}

int64_t QuotaStats::get(const std::string& key) const {
  auto it = stats.find(key);
  return it == stats.end() ? -1 : it->second;
}

std::string QuotaStats::to_string() const {
  std::string s = "count=" + std::to_string(get("count")) + ",bytes=" + std::to_string(get("bytes"));
  bool extra = false;
  for (const auto& [k, v] : stats) {
    if (k == "count" || k == "bytes") continue;
    if (!extra) s += "=";
    extra = true;
    s += ";" + k + "=" + std::to_string(v);
  }
  return s;
}

}  // namespace zoolab::core::zk
