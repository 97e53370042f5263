// The memcached 1.6 text protocol's framing: cut the next request (command line, plus the data
// block of a storage command) off a connection's input, with memcached's line and number checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zoolab::core::redis {

inline constexpr size_t kMemcachedKeyMax = 250;

struct McRequest {
  enum class Kind : uint8_t {
    kIncomplete,  // need more input (no newline yet, or the data block is not all there)
    kCommand,     // tokens (and, for storage commands, data) are valid
    kError,       // answer `error` (unless noreply) and go on with the rest of the input
  };
  Kind kind = Kind::kIncomplete;
  size_t consumed = 0;              // bytes of input this request used
  std::vector<std::string> tokens;  // command line words (spaces collapse, "\r\n" or "\n" ends it)
  std::string data;                 // storage commands: the value (without the trailing "\r\n")
  std::string error;                // kError: "ERROR", "CLIENT_ERROR bad data chunk", ...
  bool noreply = false;             // last word was `noreply`
  // Storage commands, parsed: set/add/replace/append/prepend <key> <flags> <exptime> <bytes> [cas].
  uint32_t flags = 0;
  int64_t exptime = 0;
  uint64_t cas_unique = 0;
};

bool is_storage_command(std::string_view name);
// The next request at the start of `input`.
McRequest parse_memcached(std::string_view input);
// memcached's safe_strtoul / safe_strtol / safe_strtoull: the whole word, in range.
std::optional<uint32_t> mc_u32(std::string_view s);
std::optional<int32_t> mc_i32(std::string_view s);
std::optional<uint64_t> mc_u64(std::string_view s);

}  // namespace zoolab::core::redis
