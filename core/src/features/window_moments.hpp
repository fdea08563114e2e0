// The mean and sample standard deviation of every row's window (private to core/src/features):
// the statistics of the z-score, mean distance, bollinger width, realized volatility, momentum
// z-score and correlation kinds. compute.cpp keeps them per (series, window, first row), so the
// features of one series and window (the VIX's 63-day z-score and mean distance, the S&P's
// 20-day z-score and bollinger width, the realized volatilities, the spread and the correlations
// of the same log changes) sum its windows once.
//
// Same rows, NaN policy and `from` as rolling() (kernels.hpp), and the bits of mean_of() and
// sample_sd() on each row's window: rows whose window has more than allowed_missing(w) missing
// values, and rows before the first window, stay NaN. Where four consecutive rows have whole
// windows, their sums run side by side in two 2-double vectors (SSE2 natively, SIMD128 in
// WebAssembly): each lane is one row's ordered_sum() in its own order (four interleaved partial
// sums, then the tail), lanes never mix, so each row gets the bits of its own sum, with eight
// independent chains of additions instead of four.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstring>
#include <vector>

#include "kernels.hpp"

namespace vixray {
namespace feature_kernels {

// Two doubles in one vector register; + - * / act lane by lane, rounded as the scalar operations.
using Pair = double __attribute__((vector_size(16)));

inline Pair pair_at(const double* p) {
  Pair v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// ordered_sum(w, term) of rows r..r+3: term(k, half) gives the values at offset k of the windows
// of rows r and r + 1 (half 0) or, with k already advanced by 2, of rows r + 2 and r + 3 (half
// 1), a row's window starting one value after the row before's.
template <class Term>
void ordered_sums4(size_t w, Term term, double out[4]) {
  Pair a0{}, a1{}, a2{}, a3{}, b0{}, b1{}, b2{}, b3{};
  size_t j = 0;
  for (; j + 4 <= w; j += 4) {
    a0 += term(j, 0);
    b0 += term(j + 2, 1);
    a1 += term(j + 1, 0);
    b1 += term(j + 3, 1);
    a2 += term(j + 2, 0);
    b2 += term(j + 4, 1);
    a3 += term(j + 3, 0);
    b3 += term(j + 5, 1);
  }
  Pair a = (a0 + a1) + (a2 + a3), b = (b0 + b1) + (b2 + b3);
  for (; j < w; ++j) {
    a += term(j, 0);
    b += term(j + 2, 1);
  }
  out[0] = a[0];
  out[1] = a[1];
  out[2] = b[0];
  out[3] = b[1];
}

// True when rows t..t+3 all have whole windows (no missing value in rows t-w+1..t+3).
inline bool four_whole(const BadRows& bad, size_t t, size_t w, size_t end) {
  return t + 4 <= end && bad.missing(t + 3, w + 3) == 0;
}

// The finite values of rows t-w+1..t when 0 < missing <= allowed_missing(w), else none.
inline bool kept_window(const Series& x, size_t t, size_t w, const BadRows& bad,
                        std::vector<double>& kept) {
  const size_t missing = bad.missing(t, w);
  if (missing == 0 || missing > allowed_missing(w)) return false;
  finite_values(x, t, w, kept);
  return true;
}

// Means of rows begin..end-1.
[[gnu::noinline]] inline void mean_span(const Series& x, size_t w, const BadRows& bad, size_t begin,
                                        size_t end, std::vector<double>& kept, Series& mean) {
  const double n = static_cast<double>(w);
  for (size_t t = begin; t < end;) {
    if (four_whole(bad, t, w, end)) {
      const double* v = &x[t + 1 - w];
      double sums[4];
      ordered_sums4(
          w, [v](size_t k, size_t) { return pair_at(v + k); }, sums);
      for (size_t i = 0; i < 4; ++i) mean[t + i] = sums[i] / n;
      t += 4;
      continue;
    }
    if (bad.missing(t, w) == 0)
      mean[t] = mean_of(&x[t + 1 - w], w);
    else if (kept_window(x, t, w, bad, kept))
      mean[t] = mean_of(kept.data(), kept.size());
    ++t;
  }
}

// The squares about the mean (squares_about()) and sample sds of rows begin..end-1.
[[gnu::noinline]] inline void sd_span(const Series& x, size_t w, const BadRows& bad, size_t begin,
                                      size_t end, const Series& mean, std::vector<double>& kept,
                                      Series& squares, Series& sd) {
  for (size_t t = begin; t < end;) {
    if (four_whole(bad, t, w, end)) {
      const double* v = &x[t + 1 - w];
      const Pair m[2] = {pair_at(&mean[t]), pair_at(&mean[t + 2])};
      ordered_sums4(
          w,
          [v, &m](size_t k, size_t half) {
            const Pair d = pair_at(v + k) - m[half];
            return d * d;
          },
          &squares[t]);
      for (size_t i = 0; i < 4; ++i) sd[t + i] = sample_sd(v + i, w, squares[t + i]);
      t += 4;
      continue;
    }
    if (bad.missing(t, w) == 0) {
      squares[t] = squares_about(&x[t + 1 - w], w, mean[t]);
      sd[t] = sample_sd(&x[t + 1 - w], w, squares[t]);
    } else if (kept_window(x, t, w, bad, kept)) {
      squares[t] = squares_about(kept.data(), kept.size(), mean[t]);
      sd[t] = sample_sd(kept.data(), kept.size(), squares[t]);
    }
    ++t;
  }
}

// The window mean, squares about it and sd of a series, each computed on first use; `first` and
// `from` as rolling().
class WindowMoments {
 public:
  WindowMoments(const Series& x, size_t w, size_t first, size_t from)
      : x_(x), w_(w), first_(first), start_(first_window_row(first, w, from)), bad_({&x}) {}

  // True for the statistics of x (this very series) over w rows from row `first`.
  bool of(const Series& x, size_t w, size_t first) const {
    return &x == &x_ && w == w_ && first == first_;
  }

  const Series& mean() {
    if (mean_.empty()) {
      mean_.assign(x_.size(), kNaN);
      in_spans(start_, x_.size(), [&](size_t begin, size_t end) {
        mean_span(x_, w_, bad_, begin, end, kept_, mean_);
      });
    }
    return mean_;
  }

  const Series& squares() {
    sd();
    return squares_;
  }

  const Series& sd() {
    if (sd_.empty()) {
      const Series& m = mean();
      squares_.assign(x_.size(), kNaN);
      sd_.assign(x_.size(), kNaN);
      in_spans(start_, x_.size(), [&](size_t begin, size_t end) {
        sd_span(x_, w_, bad_, begin, end, m, kept_, squares_, sd_);
      });
    }
    return sd_;
  }

 private:
  const Series& x_;
  size_t w_, first_, start_;
  BadRows bad_;
  std::vector<double> kept_;
  Series mean_, squares_, sd_;
};

// Rows begin..end-1 of the correlation of a and b over w rows (compute.cpp): where both windows
// are whole, from their moments (ma, mb and the squares saa, sbb are those of the windows) and the
// cross sum, four rows side by side; where the rows of a finite pair are fewer, from those pairs.
// The window statistics of a and b: their means and squares about them.
struct PairMoments {
  const Series &mean_a, &mean_b, &squares_a, &squares_b;
};

// Pearson correlation of n pairs from their means and squares about them; the cross sum in the
// order of ordered_sum().
[[gnu::noinline]] inline double correlation_of(const double* va, const double* vb, size_t n,
                                               double ma, double mb, double saa, double sbb) {
  const double sab = ordered_sum(n, [&](size_t j) { return (va[j] - ma) * (vb[j] - mb); });
  return sab / std::sqrt(saa * sbb);
}

[[gnu::noinline]] inline void correlation_span(const Series& a, const Series& b, size_t w,
                                               const PairMoments& m, const BadRows& bad,
                                               size_t begin, size_t end,
                                               std::vector<double>& kept_a,
                                               std::vector<double>& kept_b, Series& out) {
  const Series &mean_a = m.mean_a, &mean_b = m.mean_b;
  const Series &squares_a = m.squares_a, &squares_b = m.squares_b;
  for (size_t t = begin; t < end;) {
    if (four_whole(bad, t, w, end)) {
      const double *va = &a[t + 1 - w], *vb = &b[t + 1 - w];
      const Pair ca[2] = {pair_at(&mean_a[t]), pair_at(&mean_a[t + 2])};
      const Pair cb[2] = {pair_at(&mean_b[t]), pair_at(&mean_b[t + 2])};
      double cross[4];
      ordered_sums4(
          w,
          [va, vb, &ca, &cb](size_t k, size_t half) {
            return (pair_at(va + k) - ca[half]) * (pair_at(vb + k) - cb[half]);
          },
          cross);
      for (size_t i = 0; i < 4; ++i)
        out[t + i] = clean(cross[i] / std::sqrt(squares_a[t + i] * squares_b[t + i]));
      t += 4;
      continue;
    }
    const size_t missing = bad.missing(t, w);
    if (missing == 0) {
      out[t] = clean(correlation_of(&a[t + 1 - w], &b[t + 1 - w], w, mean_a[t], mean_b[t],
                                    squares_a[t], squares_b[t]));
    } else if (missing <= allowed_missing(w)) {
      finite_pairs(a, b, t, w, kept_a, kept_b);
      const size_t n = kept_a.size();
      const double *va = kept_a.data(), *vb = kept_b.data();
      const double mean_va = mean_of(va, n), mean_vb = mean_of(vb, n);
      out[t] = clean(correlation_of(va, vb, n, mean_va, mean_vb, squares_about(va, n, mean_va),
                                    squares_about(vb, n, mean_vb)));
    }
    ++t;
  }
}

// The correlation of a and b over w rows, from row first_window_row(1, w, from) (rolling_pairs()
// with first = 1); ma and mb are their moments over w rows from row 1.
inline Series correlation(const Series& a, const Series& b, size_t w, size_t from,
                          WindowMoments& ma, WindowMoments& mb) {
  Series out(a.size(), kNaN);
  const BadRows bad({&a, &b});
  const PairMoments m{ma.mean(), mb.mean(), ma.squares(), mb.squares()};
  std::vector<double> kept_a, kept_b;
  in_spans(first_window_row(1, w, from), a.size(), [&](size_t begin, size_t end) {
    correlation_span(a, b, w, m, bad, begin, end, kept_a, kept_b, out);
  });
  return out;
}

}  // namespace feature_kernels
}  // namespace vixray
