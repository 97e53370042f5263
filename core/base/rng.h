// Portable seeded randomness: xoshiro256** streams and ZooLab's own distributions.
// The standard library's engines are portable but its distributions are not, so every
// distribution here is written with integer arithmetic or correctly rounded operations only.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/base/time.h"

namespace zoolab::core {

class Rng {
 public:
  Rng() : Rng(0) {}
  explicit Rng(uint64_t seed);
  // An independent stream named `name` under `seed`: adding a stream never shifts another.
  static Rng stream(uint64_t seed, std::string_view name);

  uint64_t next_u64();
  // Uniform in [lo, hi] inclusive (Lemire's unbiased multiply-and-reject).
  uint64_t uniform_u64(uint64_t lo, uint64_t hi);
  int64_t uniform_i64(int64_t lo, int64_t hi);
  // Uniform in [0, 1) with 53 random bits.
  double uniform01();
  // True with probability permille/1000.
  bool chance_permille(uint32_t permille);
  // Approximately normal (Irwin-Hall sum of 12 uniforms), in integer fixed point.
  int64_t normal_i64(int64_t mean, int64_t stddev);
  // Log-normal with the given median and 99th percentile (long-tail latency).
  int64_t long_tail_i64(int64_t median, int64_t p99);

  bool operator==(const Rng&) const = default;

 private:
  uint64_t s_[4];
};

// FNV-1a, used to name streams and to fingerprint small strings portably.
constexpr uint64_t fnv1a64(std::string_view s, uint64_t h = 0xcbf29ce484222325ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// exp/log from + - * / only, so every compiler and libm gives the same bits.
double portable_exp(double x);
double portable_log(double x);

}  // namespace zoolab::core
