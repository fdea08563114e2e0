#include "vixray/base/rng.hpp"

#include <cmath>

#include "vixray/base/detmath.hpp"

namespace vixray {
namespace {

uint64_t splitmix64(uint64_t& x) {
  x += 0x9E3779B97F4A7C15ULL;
  uint64_t z = x;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Rng::Rng(uint64_t seed) {
  uint64_t s = seed;
  for (auto& word : state_) word = splitmix64(s);
}

uint64_t Rng::next_u64() {
  const uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

uint64_t Rng::below(uint64_t bound) {
  // Rejection of the low, biased zone: r < threshold = 2^64 mod bound. The threshold is below
  // bound, so a draw r >= bound is accepted without computing it (the same draws, one division
  // fewer).
  for (;;) {
    const uint64_t r = next_u64();
    if (r >= bound || r >= (0 - bound) % bound) return r % bound;
  }
}

uint64_t Rng::below(const Bound& bound) {
  for (;;) {
    const uint64_t r = next_u64();
    if (r >= bound.threshold_) return bound.remainder(r);
  }
}

Bound::Bound(uint64_t bound)
    : bound_(bound), threshold_((0 - bound) % bound), c_(~U128{0} / bound + 1) {}

uint64_t Bound::remainder(uint64_t r) const {
  // bound 1: c = 2^128 wraps to 0, and so does every remainder.
  const U128 low = c_ * r;  // (c * r) mod 2^128
  // floor(low * bound / 2^128) from two 64 x 64 -> 128 products (the sum cannot overflow).
  const U128 hi = static_cast<U128>(static_cast<uint64_t>(low >> 64)) * bound_;
  const U128 lo = static_cast<U128>(static_cast<uint64_t>(low)) * bound_;
  return static_cast<uint64_t>((hi + (lo >> 64)) >> 64);
}

double Rng::normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  for (;;) {
    const double u = 2.0 * uniform() - 1.0;
    const double v = 2.0 * uniform() - 1.0;
    const double s = u * u + v * v;
    if (s >= 1.0 || s == 0.0) continue;
    const double factor = std::sqrt(-2.0 * detmath::log(s) / s);  // sqrt is correctly rounded
    spare_normal_ = v * factor;
    has_spare_normal_ = true;
    return u * factor;
  }
}

Rng Rng::split() { return Rng(next_u64()); }

}  // namespace vixray
