// Seed-set parsing and partitioning for fuzz sweeps.
#include "sim/explore/seeds.h"

#include <set>

#include "sim/scenario/value_parse.h"

namespace zoolab::sim::explore {
namespace {

std::optional<uint64_t> seed_of(std::string_view s, std::string* why) {
  const std::optional<uint64_t> v = scenario_text::parse_uint(s, UINT64_MAX);
  if (!v && why != nullptr)
    *why = "`" + std::string(s) +
           "` is not a seed; expected N, A..B or a comma-separated mix (seeds are integers 0 to "
           "2^64-1)";
  return v;
}

}  // namespace

std::optional<std::vector<uint64_t>> parse_seed_set(std::string_view spec, std::string* why) {
  std::vector<uint64_t> out;
  std::set<uint64_t> seen;
  const auto add = [&](uint64_t s) {
    if (seen.insert(s).second) out.push_back(s);
  };
  size_t start = 0;
  while (start <= spec.size()) {
    const size_t comma = std::min(spec.find(',', start), spec.size());
    const std::string_view item = spec.substr(start, comma - start);
    start = comma + 1;
    const size_t dots = item.find("..");
    if (dots == std::string_view::npos) {
      const std::optional<uint64_t> s = seed_of(item, why);
      if (!s) return std::nullopt;
      add(*s);
      continue;
    }
    const std::optional<uint64_t> lo = seed_of(item.substr(0, dots), why);
    if (!lo) return std::nullopt;
    const std::optional<uint64_t> hi = seed_of(item.substr(dots + 2), why);
    if (!hi) return std::nullopt;
    if (*hi < *lo) {
      if (why != nullptr)
        *why = "the range `" + std::string(item) + "` goes backwards; expected A..B with A <= B";
      return std::nullopt;
    }
    if (*hi - *lo >= kMaxSeedsPerSweep || out.size() + (*hi - *lo) >= kMaxSeedsPerSweep) {
      if (why != nullptr)
        *why = "too many seeds; expected at most " + std::to_string(kMaxSeedsPerSweep);
      return std::nullopt;
    }
    for (uint64_t s = *lo;; ++s) {
      add(s);
      if (s == *hi) break;
    }
  }
  return out;
}

std::optional<Shard> parse_shard(std::string_view spec, std::string* why) {
  const size_t slash = spec.find('/');
  const auto bad = [&] {
    if (why != nullptr)
      *why = "`" + std::string(spec) + "` is not a shard; expected K/N with 1 <= K <= N, like 2/4";
    return std::nullopt;
  };
  if (slash == std::string_view::npos) return bad();
  const std::optional<uint64_t> k = scenario_text::parse_uint(spec.substr(0, slash), UINT32_MAX);
  const std::optional<uint64_t> n = scenario_text::parse_uint(spec.substr(slash + 1), UINT32_MAX);
  if (!k || !n || *k < 1 || *k > *n) return bad();
  return Shard{*k, *n};
}

std::vector<uint64_t> shard_seeds(const std::vector<uint64_t>& seeds, Shard shard) {
  return worker_seeds(seeds, shard.index - 1, shard.count);
}

std::vector<uint64_t> worker_seeds(const std::vector<uint64_t>& seeds, uint64_t worker,
                                   uint64_t workers) {
  std::vector<uint64_t> out;
  if (workers == 0) return out;
  for (size_t i = worker; i < seeds.size(); i += workers)
    out.push_back(seeds[i]);
  return out;
}

}  // namespace zoolab::sim::explore
