// Seed sets for sweeps: "1..1000" / "7" / "1,5,10..20", sharding across machines (K/N) and
// dealing a shard's seeds to worker processes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zoolab::sim::explore {

constexpr uint64_t kMaxSeedsPerSweep = 100'000'000;

// Comma-separated seeds and inclusive ranges A..B, in the order given (duplicates kept out).
std::optional<std::vector<uint64_t>> parse_seed_set(std::string_view spec, std::string* why);

struct Shard {
  uint64_t index = 1;  // K, 1-based
  uint64_t count = 1;  // N
};
// "K/N" with 1 <= K <= N.
std::optional<Shard> parse_shard(std::string_view spec, std::string* why);

// The seeds at positions i with i % N == K-1: N shards partition the set.
std::vector<uint64_t> shard_seeds(const std::vector<uint64_t>& seeds, Shard shard);

// Worker `worker` of `workers` takes positions i with i % workers == worker (0-based). A seed's
// result never depends on which worker runs it.
std::vector<uint64_t> worker_seeds(const std::vector<uint64_t>& seeds, uint64_t worker,
                                   uint64_t workers);

}  // namespace zoolab::sim::explore
