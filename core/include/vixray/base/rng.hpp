// The project's own random number generator: xoshiro256** seeded by splitmix64.
//
// std::*_distribution differ between standard libraries, so every draw used for training or
// simulation goes through these functions, which give the same stream for a seed on every
// platform (native and WebAssembly).
#pragma once
#include <cstdint>

namespace vixray {

class Rng {
 public:
  explicit Rng(uint64_t seed);
  /// Next 64 random bits.
  uint64_t next_u64();
  /// Uniform double in [0, 1) with 53 random bits.
  double uniform();
  /// Uniform integer in [0, bound) without modulo bias; bound must be > 0.
  uint64_t below(uint64_t bound);
  /// Standard normal (Marsaglia polar method, deterministic log).
  double normal();
  /// A new generator whose stream is independent of this one (for per-tree or per-detector use).
  Rng split();

 private:
  uint64_t state_[4];
  bool has_spare_normal_ = false;
  double spare_normal_ = 0.0;
};

}  // namespace vixray
