// xoshiro256** (Blackman & Vigna) seeded by splitmix64, plus portable distributions.
#include "core/base/rng.h"

#include "core/base/wide_int.h"

namespace zoolab::core {
namespace {

uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Rng::Rng(uint64_t seed) {
  uint64_t x = seed;
  for (uint64_t& w : s_) w = splitmix64(x);
}

Rng Rng::stream(uint64_t seed, std::string_view name) {
  uint64_t x = seed ^ fnv1a64(name);
  return Rng(splitmix64(x));
}

uint64_t Rng::next_u64() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

uint64_t Rng::uniform_u64(uint64_t lo, uint64_t hi) {
  if (hi <= lo) return lo;
  const uint64_t range = hi - lo;
  if (range == UINT64_MAX) return next_u64();
  const uint64_t n = range + 1;
  UInt128 m = static_cast<UInt128>(next_u64()) * n;
  uint64_t low = static_cast<uint64_t>(m);
  if (low < n) {
    const uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<UInt128>(next_u64()) * n;
      low = static_cast<uint64_t>(m);
    }
  }
  return lo + static_cast<uint64_t>(m >> 64);
}

int64_t Rng::uniform_i64(int64_t lo, int64_t hi) {
  if (hi <= lo) return lo;
  const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
  return static_cast<int64_t>(static_cast<uint64_t>(lo) + uniform_u64(0, span));
}

double Rng::uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

bool Rng::chance_permille(uint32_t permille) {
  if (permille == 0) return false;
  if (permille >= 1000) return true;
  return uniform_u64(0, 999) < permille;
}

int64_t Rng::normal_i64(int64_t mean, int64_t stddev) {
  // Sum of 12 uniforms in [0, 2^32) has mean 6*2^32 and variance 2^64 (in units of 2^32 squared).
  int64_t sum = 0;
  for (int i = 0; i < 12; ++i) sum += static_cast<int64_t>(next_u64() >> 32);
  const int64_t z_fixed = sum - (int64_t{6} << 32);  // ~N(0,1) scaled by 2^32
  const Int128 scaled = static_cast<Int128>(z_fixed) * stddev;
  return mean + static_cast<int64_t>(scaled >> 32);
}

int64_t Rng::long_tail_i64(int64_t median, int64_t p99) {
  if (median <= 0) return 0;
  if (p99 <= median) return median;
  // log-normal: ln X ~ N(ln median, sigma) with sigma chosen so that P99 = p99 (z_0.99 = 2.326).
  const double sigma = portable_log(static_cast<double>(p99) / static_cast<double>(median)) / 2.326348;
  const int64_t z_micro = normal_i64(0, 1'000'000);  // z in millionths
  const double z = static_cast<double>(z_micro) / 1e6;
  const double v = static_cast<double>(median) * portable_exp(sigma * z);
  if (v > 9.0e18) return INT64_MAX / 2;
  return static_cast<int64_t>(v);
}

double portable_exp(double x) {
  if (x > 700) x = 700;
  if (x < -700) return 0;
  // exp(x) = 2^k * exp(r), |r| <= ln2/2; Taylor series for exp(r) to double precision.
  constexpr double kLn2 = 0.6931471805599453094;
  const double kf = x / kLn2;
  const int64_t k = static_cast<int64_t>(kf >= 0 ? kf + 0.5 : kf - 0.5);
  const double r = x - static_cast<double>(k) * kLn2;
  double term = 1, sum = 1;
  for (int i = 1; i < 24; ++i) {
    term = term * r / i;
    sum = sum + term;
  }
  double p = 1;
  const double base = k >= 0 ? 2.0 : 0.5;
  for (int64_t i = 0, n = k >= 0 ? k : -k; i < n; ++i) p = p * base;
  return sum * p;
}

double portable_log(double x) {
  if (x <= 0) return -1e300;
  // Reduce to m in [1, 2) by exact multiplications by two, then atanh series.
  int e = 0;
  while (x >= 2) { x = x / 2; ++e; }
  while (x < 1) { x = x * 2; --e; }
  const double y = (x - 1) / (x + 1);
  const double y2 = y * y;
  double term = y, sum = 0;
  for (int i = 1; i < 60; i += 2) {
    sum = sum + term / i;
    term = term * y2;
  }
  constexpr double kLn2 = 0.6931471805599453094;
  return 2 * sum + e * kLn2;
}

}  // namespace zoolab::core
