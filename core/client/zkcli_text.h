// Fixed zkCli texts: the command table with usage strings, CliWrapperException messages, the
// version line, and the quota QuotaStats format.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/znode/types.h"

namespace zoolab::core::zk {

// Option string of a command as CommandFactory/commandMap hold it; nullopt = unknown command.
std::optional<std::string> command_usage_options(std::string_view cmd);
// "<cmd> <options>", the CliParseException text for missing arguments.
std::string command_usage(std::string_view cmd);
// ZooKeeperMain.usage(): header plus one tab-indented line per command, in Java String order.
std::string usage_text();

// CliWrapperException message for a KeeperException with `path` (nullopt prints "null").
std::string cli_error(Err e, std::optional<std::string_view> path);

inline constexpr std::string_view kCliVersion = "3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC";
inline constexpr std::string_view kCliQuotaRoot = "/zookeeper/quota";
inline constexpr std::string_view kCliQuotaLimitNode = "zookeeper_limits";
inline constexpr std::string_view kCliQuotaStatNode = "zookeeper_stats";

// org.apache.zookeeper.StatsTrack as the shell uses it (all four keys settable): "count=4,bytes=5=;byteHardLimit=10;countHardLimit=10".
struct QuotaStats {
  std::map<std::string, int64_t> stats;  // sorted keys, like Collections.sort of the key set
  explicit QuotaStats(std::string_view text = {});
  int64_t get(const std::string& key) const;
  void set(const std::string& key, int64_t v) { stats[key] = v; }
  std::string to_string() const;
};

// Java String.split(regex-free single char): trailing empty strings removed.
std::vector<std::string> split_dropping_trailing(std::string_view s, char sep);

}  // namespace zoolab::core::zk
