// Builders for RESP replies (status, error, integer, bulk, nil, array) used by the Redis models.
#pragma once

#include <string>
#include <vector>

#include "core/proto/redis_protocol.h"

namespace zoolab::core::redis {

inline RedisReply status_reply(std::string s) { return {0, ReplyKind::kStatus, std::move(s), 0, {}}; }
inline RedisReply ok_reply() { return status_reply("OK"); }
inline RedisReply error_reply(std::string s) { return {0, ReplyKind::kError, std::move(s), 0, {}}; }
inline RedisReply int_reply(int64_t v) { return {0, ReplyKind::kInteger, {}, v, {}}; }
inline RedisReply bulk_reply(std::string s) { return {0, ReplyKind::kBulk, std::move(s), 0, {}}; }
inline RedisReply nil_reply() { return {}; }
inline RedisReply array_reply(std::vector<RedisReply> elements) {
  return {0, ReplyKind::kArray, {}, 0, std::move(elements)};
}

// The error texts Redis 7 sends (§14.14), shared by the server, Sentinel and tests.
inline constexpr const char* kErrSyntax = "ERR syntax error";
inline constexpr const char* kErrNotInteger = "ERR value is not an integer or out of range";
inline constexpr const char* kErrReadonly = "READONLY You can't write against a read only replica.";
inline constexpr const char* kErrNoScript = "NOSCRIPT No matching script. Please use EVAL.";
inline constexpr const char* kErrNoLua =
    "ERR ZooLab does not run Lua: only the compare-and-delete and compare-and-pexpire lock scripts are supported";
inline std::string arity_error(const std::string& lower_name) {
  return "ERR wrong number of arguments for '" + lower_name + "' command";
}
inline std::string invalid_expire_error(const std::string& lower_name) {
  return "ERR invalid expire time in '" + lower_name + "' command";
}

}  // namespace zoolab::core::redis
