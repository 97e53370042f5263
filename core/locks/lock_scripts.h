// The canonical Lua scripts of Redis locks (redis.io distlock page, Redisson), as clients send them.
#pragma once

namespace zoolab::core::locks {

// Deletes the key only if it still holds my value: 1 when deleted, else 0.
inline constexpr const char* kCompareAndDeleteScript =
    "if redis.call(\"get\",KEYS[1]) == ARGV[1] then return redis.call(\"del\",KEYS[1]) else return 0 end";
// Extends the key's lease only if it still holds my value (the watchdog's renewal): 1 or 0.
inline constexpr const char* kCompareAndPexpireScript =
    "if redis.call(\"get\",KEYS[1]) == ARGV[1] then return redis.call(\"pexpire\",KEYS[1],ARGV[2]) else return 0 end";

}  // namespace zoolab::core::locks
