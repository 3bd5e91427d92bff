#pragma once

// Random choices for the property tests: one seeded generator, so a failing
// seed reproduces the whole case.

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace rplan::testing {

class Random {
 public:
  explicit Random(std::uint32_t seed) : m_rng(seed) {}

  // A whole number in [lo, hi].
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
  // An index into something of `size` elements (size > 0).
  std::size_t index(std::size_t size) {
    return static_cast<std::size_t>(pick(0, static_cast<int>(size) - 1));
  }
  // True with probability `p`.
  bool chance(double p) { return std::bernoulli_distribution(p)(m_rng); }
  // A number in [0, 1).
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(m_rng); }
  template <typename T>
  const T& one_of(const std::vector<T>& items) {
    return items[index(items.size())];
  }
  std::uint32_t next() { return static_cast<std::uint32_t>(m_rng()); }

 private:
  std::mt19937 m_rng;
};

}  // namespace rplan::testing
