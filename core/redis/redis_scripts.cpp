// Lock-script recognition and script SHA1s (see redis_scripts.h).
#include "core/redis/redis_scripts.h"

#include <nettle/sha1.h>

#include "core/redis/redis_strings.h"

namespace zoolab::core::redis {
namespace {

// No blanks, no `;`, single quotes as double, lower case, pcall as call.
std::string normalise(const std::string& script) {
  std::string out;
  for (char c : script) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';') continue;
    out += c == '\'' ? '"' : c;
  }
  out = to_lower(out);
  for (size_t at = out.find("redis.pcall("); at != std::string::npos; at = out.find("redis.pcall(", at))
    out.erase(at + 6, 1);
  return out;
}

std::string shape(const std::string& action) {
  return "ifredis.call(\"get\",keys[1])==argv[1]thenreturnredis.call(" + action + ")elsereturn0end";
}

}  // namespace

LockScript recognise_script(const std::string& script) {
  const std::string n = normalise(script);
  if (n == shape("\"del\",keys[1]")) return LockScript::kCompareAndDelete;
  if (n == shape("\"pexpire\",keys[1],argv[2]")) return LockScript::kCompareAndPexpire;
  if (n == shape("\"expire\",keys[1],argv[2]")) return LockScript::kCompareAndExpire;
  return LockScript::kUnknown;
}

std::string script_sha1(const std::string& script) {
  sha1_ctx ctx;
  sha1_init(&ctx);
  sha1_update(&ctx, script.size(), reinterpret_cast<const uint8_t*>(script.data()));
  uint8_t digest[SHA1_DIGEST_SIZE];
  sha1_digest(&ctx, SHA1_DIGEST_SIZE, digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace zoolab::core::redis
