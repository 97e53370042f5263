// The portable RNG: fixed outputs (so every compiler and machine agrees) and sane distributions.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/base/rng.h"

using zoolab::core::Rng;

TEST_CASE("xoshiro256** output is fixed for a seed") {
  Rng a(42), b(42), c(43);
  std::vector<uint64_t> xs;
  for (int i = 0; i < 4; ++i) xs.push_back(a.next_u64());
  for (uint64_t x : xs) CHECK(x == b.next_u64());
  CHECK(xs[0] != c.next_u64());
  // Golden values: a change here breaks every recorded run and trace hash.
  Rng g(1);
  CHECK(g.next_u64() == 0xb3f2af6d0fc710c5ULL);
  CHECK(g.next_u64() == 0x853b559647364ceaULL);
}

TEST_CASE("named streams are independent of each other") {
  Rng s1 = Rng::stream(7, "link:zk1->zk2");
  Rng s1b = Rng::stream(7, "link:zk1->zk2");
  Rng s2 = Rng::stream(7, "link:zk2->zk1");
  const uint64_t v = s1.next_u64();
  CHECK(v == s1b.next_u64());
  CHECK(v != s2.next_u64());
  CHECK(Rng::stream(8, "link:zk1->zk2").next_u64() != v);
}

TEST_CASE("uniform stays in range and covers it") {
  Rng r(3);
  std::vector<int> hits(10, 0);
  for (int i = 0; i < 10000; ++i) {
    const int64_t v = r.uniform_i64(-5, 4);
    REQUIRE(v >= -5);
    REQUIRE(v <= 4);
    ++hits[static_cast<size_t>(v + 5)];
  }
  for (int h : hits) CHECK(h > 800);
  CHECK(r.uniform_u64(9, 9) == 9);
  CHECK(r.uniform_u64(0, UINT64_MAX) >= 0);
}

TEST_CASE("normal has the asked mean and spread") {
  Rng r(11);
  const int n = 20000;
  double sum = 0, sq = 0;
  for (int i = 0; i < n; ++i) {
    const double v = static_cast<double>(r.normal_i64(5'000'000, 1'000'000));
    sum += v;
    sq += v * v;
  }
  const double mean = sum / n;
  const double sd = std::sqrt(sq / n - mean * mean);
  CHECK(mean == doctest::Approx(5e6).epsilon(0.01));
  CHECK(sd == doctest::Approx(1e6).epsilon(0.03));
}

TEST_CASE("long tail has the asked median and p99") {
  Rng r(5);
  std::vector<int64_t> v;
  for (int i = 0; i < 20000; ++i) v.push_back(r.long_tail_i64(2'000'000, 50'000'000));
  std::sort(v.begin(), v.end());
  CHECK(static_cast<double>(v[10000]) == doctest::Approx(2e6).epsilon(0.05));
  CHECK(static_cast<double>(v[19800]) == doctest::Approx(5e7).epsilon(0.2));
}

TEST_CASE("portable exp and log match the C library closely") {
  for (double x : {-20.0, -1.5, -0.1, 0.0, 0.3, 1.0, 2.5, 10.0, 40.0}) {
    CHECK(zoolab::core::portable_exp(x) == doctest::Approx(std::exp(x)).epsilon(1e-12));
  }
  for (double x : {1e-9, 0.01, 0.5, 1.0, 2.0, 3.7, 1000.0, 1e12}) {
    CHECK(zoolab::core::portable_log(x) == doctest::Approx(std::log(x)).epsilon(1e-12));
  }
}

TEST_CASE("chance_permille extremes") {
  Rng r(1);
  int yes = 0;
  for (int i = 0; i < 10000; ++i) yes += r.chance_permille(100);
  CHECK(yes > 850);
  CHECK(yes < 1150);
  CHECK_FALSE(r.chance_permille(0));
  CHECK(r.chance_permille(1000));
}
