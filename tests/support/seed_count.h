// How many seeds a seed-sweeping scenario test runs: `n`, or fewer when the environment variable
// ZOOLAB_TEST_SEEDS caps it. CI's sanitizer run sets it (every event costs ~10x there); the plain
// run always sweeps every seed, so no check is lost — only repetitions under ASan.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>

namespace zoolab::testing {

inline uint64_t seed_count(uint64_t n) {
  const char* cap = std::getenv("ZOOLAB_TEST_SEEDS");
  if (!cap || !*cap) return n;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(cap, &end, 10);
  if (*end != '\0' || v == 0) return n;
  return v < n ? v : n;
}

}  // namespace zoolab::testing
