// The project's own random number generator: xoshiro256** seeded by splitmix64.
//
// std::*_distribution differ between standard libraries, so every draw used for training or
// simulation goes through these functions, which give the same stream for a seed on every
// platform (native and WebAssembly).
#pragma once
#include <cstdint>

namespace vixray {

class Bound;

class Rng {
 public:
  explicit Rng(uint64_t seed);
  /// Next 64 random bits.
  uint64_t next_u64();
  /// Uniform double in [0, 1) with 53 random bits.
  double uniform();
  /// Uniform integer in [0, bound) without modulo bias; bound must be > 0.
  uint64_t below(uint64_t bound);
  /// The same draw for a bound prepared once (the same values; no division per draw).
  uint64_t below(const Bound& bound);
  /// Standard normal (Marsaglia polar method, deterministic log).
  double normal();
  /// A new generator whose stream is independent of this one (for per-tree or per-detector use).
  Rng split();

 private:
  uint64_t state_[4];
  bool has_spare_normal_ = false;
  double spare_normal_ = 0.0;
};

/// A bound for many Rng::below() draws: the rejection threshold (2^64 mod bound) is computed
/// once and each remainder by multiplication, exact for every 64-bit value (Lemire, Kaser and
/// Kurz, "Faster remainder by direct computation", 2019: with F = 128 >= 64 + log2(bound) bits,
/// r mod d = floor(((c * r) mod 2^128) * d / 2^128) for c = ceil(2^128 / d)).
class Bound {
 public:
  /// bound must be > 0.
  explicit Bound(uint64_t bound);
  uint64_t value() const { return bound_; }
  /// r mod value(), exactly.
  uint64_t remainder(uint64_t r) const;

 private:
  using U128 = unsigned __int128;
  friend class Rng;
  uint64_t bound_, threshold_;
  U128 c_;
};

}  // namespace vixray
