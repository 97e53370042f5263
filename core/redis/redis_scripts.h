// The Lua scripts ZooLab's Redis understands (it runs no Lua): the lock release
// compare-and-delete and the lease renewal compare-and-pexpire, recognised by their shape.
#pragma once

#include <string>

namespace zoolab::core::redis {

enum class LockScript : uint8_t {
  kUnknown,
  kCompareAndDelete,   // if get(KEYS[1]) == ARGV[1] then return del(KEYS[1]) else return 0 end
  kCompareAndPexpire,  // ... then return pexpire(KEYS[1], ARGV[2]) ...
  kCompareAndExpire,   // ... then return expire(KEYS[1], ARGV[2]) ...
};

// The canonical texts (Redis docs' distributed-lock page; Redisson-style renewal).
inline constexpr const char* kCompareAndDeleteScript =
    "if redis.call(\"get\",KEYS[1]) == ARGV[1] then return redis.call(\"del\",KEYS[1]) else return 0 end";
inline constexpr const char* kCompareAndPexpireScript =
    "if redis.call(\"get\",KEYS[1]) == ARGV[1] then return redis.call(\"pexpire\",KEYS[1],ARGV[2]) else return 0 end";

// Whitespace, quote style (' or "), `;`, letter case of the commands and redis.pcall do not matter.
LockScript recognise_script(const std::string& script);
// Lowercase hex SHA1 of the script text, as SCRIPT LOAD answers and EVALSHA takes.
std::string script_sha1(const std::string& script);

}  // namespace zoolab::core::redis
