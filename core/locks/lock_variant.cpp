// Names and one-line summaries of the lock variants.
#include "core/locks/lock_variant.h"

namespace zoolab::core::locks {
namespace {
struct Info {
  LockVariant v;
  std::string_view name, summary;
};
constexpr Info kInfo[] = {
    {LockVariant::kRedisSetnxExpire, "redis-setnx-expire", "SETNX then EXPIRE (seed step 1)"},
    {LockVariant::kRedisSetNxEx, "redis-set-nx-ex", "SET NX EX, DEL to release (seed step 2)"},
    {LockVariant::kRedisGetDel, "redis-get-del", "owner value, GET-compare then DEL (seed step 3)"},
    {LockVariant::kRedisCad, "redis-cad", "owner value, atomic compare-and-delete script"},
    {LockVariant::kRedisWatchdog, "redis-watchdog", "compare-and-delete + lease renewal (Redisson watchdog)"},
    {LockVariant::kRedlock, "redlock", "Redlock: SET NX PX on a majority of N masters"},
    {LockVariant::kMemcachedAdd, "memcached-add", "memcached add with exptime, delete to release"},
    {LockVariant::kZkSequential, "zk-seq-lock", "ephemeral-sequential, watch the predecessor (Curator)"},
    {LockVariant::kZkNaive, "zk-naive-lock", "one ephemeral node, everyone watches it (herd)"},
};
}  // namespace

std::string_view variant_name(LockVariant v) {
  for (const Info& i : kInfo)
    if (i.v == v) return i.name;
  return "?";
}

std::string_view variant_summary(LockVariant v) {
  for (const Info& i : kInfo)
    if (i.v == v) return i.summary;
  return "?";
}

std::optional<LockVariant> parse_variant(std::string_view name) {
  for (const Info& i : kInfo)
    if (i.name == name) return i.v;
  return std::nullopt;
}

const std::vector<LockVariant>& all_variants() {
  static const std::vector<LockVariant> kAll = [] {
    std::vector<LockVariant> out;
    for (const Info& i : kInfo) out.push_back(i.v);
    return out;
  }();
  return kAll;
}

std::string variant_names_joined() {
  std::string out;
  for (const Info& i : kInfo) out += (out.empty() ? "" : ", ") + std::string(i.name);
  return out;
}

bool is_zookeeper(LockVariant v) { return v == LockVariant::kZkSequential || v == LockVariant::kZkNaive; }
bool is_redis(LockVariant v) { return !is_zookeeper(v) && v != LockVariant::kMemcachedAdd; }

}  // namespace zoolab::core::locks
