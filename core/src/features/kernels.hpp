// The series kernels of compute.cpp (private to core/src/features): rolling windows that skip a
// few missing rows, sums in one fixed order, lags, z-scores, realized volatility and the seeded
// recursive smoothings (EMA, Wilder). Every function is deterministic across platforms: native
// and WebAssembly give the same bits.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <vector>

#include "vixray/base/detmath.hpp"
#include "vixray/base/nan.hpp"
#include "vixray/features/compute.hpp"

namespace vixray {
namespace feature_kernels {

using Series = std::vector<double>;
// 100 sqrt(252): daily standard deviation -> annualised volatility in percent (vol points).
const double kAnnualPercent = 100.0 * std::sqrt(252.0);
// 2 ln 2 - 1, the Garman-Klass weight of the open-to-close term (ln 2 = 0.693147180559945309).
constexpr double kGarmanKlassWeight = 2.0 * 0.6931471805599453094 - 1.0;

inline bool finite(double v) { return std::isfinite(v); }
inline double clean(double v) { return std::isfinite(v) ? v : kNaN; }
inline size_t index_of(int32_t v) { return static_cast<size_t>(v); }

// ---- helpers over series ---------------------------------------------------------------------

// At most this many of a window's w rows may be missing: w / 10 rounded down (none below 10 rows,
// 2 of 21, 6 of 63, 25 of 252). A few missing days (a holiday one series observed and the other
// did not) should not blank a 252-day feature for a year; a long gap should.
inline size_t allowed_missing(size_t w) { return w / 10; }

// Prefix counts of rows where any of the given series is not finite, so "how many rows of the
// window t-w+1..t are missing?" costs O(1).
class BadRows {
 public:
  explicit BadRows(std::initializer_list<const Series*> series) {
    const size_t n = (*series.begin())->size();
    prefix_.assign(n + 1, 0);
    for (size_t t = 0; t < n; ++t) {
      bool bad = false;
      for (const Series* s : series) bad = bad || !finite((*s)[t]);
      prefix_[t + 1] = prefix_[t] + (bad ? 1 : 0);
    }
  }
  // Missing rows among t-w+1..t (requires t + 1 >= w).
  size_t missing(size_t t, size_t w) const {
    return static_cast<size_t>(prefix_[t + 1] - prefix_[t + 1 - w]);
  }

 private:
  std::vector<int32_t> prefix_;
};

// Rows are computed in spans of kRowsPerSpan by a function that is not inlined. A WebAssembly
// engine (V8) first runs baseline code and swaps in optimised code for a function at its next
// call, never in the middle of one: a feature computed in one long call would run its first
// time (a page's first Analysis) unoptimised to the end. The values do not depend on the spans.
constexpr size_t kRowsPerSpan = 1024;

// Calls span(begin, end) over first..n-1 in spans of kRowsPerSpan rows.
template <class Span>
void in_spans(size_t first, size_t n, Span span) {
  for (size_t begin = first; begin < n; begin += kRowsPerSpan)
    span(begin, std::min(n, begin + kRowsPerSpan));
}

// The finite values of rows t-w+1..t, in row order.
inline void finite_values(const Series& x, size_t t, size_t w, std::vector<double>& kept) {
  kept.clear();
  for (size_t j = t + 1 - w; j <= t; ++j)
    if (finite(x[j])) kept.push_back(x[j]);
}

// The pairs of rows t-w+1..t where both series are finite, in row order.
inline void finite_pairs(const Series& a, const Series& b, size_t t, size_t w,
                         std::vector<double>& kept_a, std::vector<double>& kept_b) {
  kept_a.clear();
  kept_b.clear();
  for (size_t j = t + 1 - w; j <= t; ++j)
    if (finite(a[j]) && finite(b[j])) {
      kept_a.push_back(a[j]);
      kept_b.push_back(b[j]);
    }
}

// rolling() on rows begin..end-1.
template <class F>
[[gnu::noinline]] void rolling_span(const Series& x, size_t w, F& f, const BadRows& bad,
                                    size_t begin, size_t end, std::vector<double>& kept,
                                    Series& out) {
  for (size_t t = begin; t < end; ++t) {
    const size_t missing = bad.missing(t, w);
    if (missing == 0) {
      out[t] = clean(f(&x[t + 1 - w], w, x[t]));
    } else if (missing <= allowed_missing(w)) {
      finite_values(x, t, w, kept);
      out[t] = clean(f(kept.data(), kept.size(), x[t]));
    }
  }
}

// The first row a window kernel computes: the first full window (`first` + w - 1) or `from`
// (compute_features' first_row), whichever is later. A row's value reads only its own window, so
// starting later changes no row computed.
inline size_t first_window_row(size_t first, size_t w, size_t from) {
  return std::max(first + w - 1, from);
}

// For every row t >= from whose window t-w+1..t has at most allowed_missing(w) missing values,
// calls f(values, count, x_t) with the window's finite values in row order (x_t itself may be
// NaN); the other rows are NaN. `first` is the first row where x can be defined at all (1 for
// 1-day changes): windows start there, so the warm-up is never mistaken for missing data.
template <class F>
Series rolling(const Series& x, size_t w, F f, size_t first = 0, size_t from = 0) {
  Series out(x.size(), kNaN);
  const BadRows bad({&x});
  std::vector<double> kept;
  in_spans(first_window_row(first, w, from), x.size(),
           [&](size_t begin, size_t end) { rolling_span(x, w, f, bad, begin, end, kept, out); });
  return out;
}

// rolling_pairs() on rows begin..end-1.
template <class F>
[[gnu::noinline]] void rolling_pairs_span(const Series& a, const Series& b, size_t w, F& f,
                                          const BadRows& bad, size_t begin, size_t end,
                                          std::vector<double>& kept_a, std::vector<double>& kept_b,
                                          Series& out) {
  for (size_t t = begin; t < end; ++t) {
    const size_t missing = bad.missing(t, w);
    if (missing == 0) {
      out[t] = clean(f(&a[t + 1 - w], &b[t + 1 - w], w, t));
    } else if (missing <= allowed_missing(w)) {
      finite_pairs(a, b, t, w, kept_a, kept_b);
      out[t] = clean(f(kept_a.data(), kept_b.data(), kept_a.size(), t));
    }
  }
}

// The same over rows where both series are finite: f(values_a, values_b, count, t).
template <class F>
Series rolling_pairs(const Series& a, const Series& b, size_t w, F f, size_t first = 0,
                     size_t from = 0) {
  Series out(a.size(), kNaN);
  const BadRows bad({&a, &b});
  std::vector<double> kept_a, kept_b;
  in_spans(first_window_row(first, w, from), a.size(), [&](size_t begin, size_t end) {
    rolling_pairs_span(a, b, w, f, bad, begin, end, kept_a, kept_b, out);
  });
  return out;
}

// Sums in one fixed order on every platform: four interleaved partial sums combined as
// (s0 + s1) + (s2 + s3), then the tail. Four independent chains run ~3x faster than one (the
// additions no longer wait on each other), and the order is written out, so native and
// WebAssembly round identically.
template <class Term>
double ordered_sum(size_t w, Term term) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  size_t j = 0;
  for (; j + 4 <= w; j += 4) {
    s0 += term(j);
    s1 += term(j + 1);
    s2 += term(j + 2);
    s3 += term(j + 3);
  }
  double sum = (s0 + s1) + (s2 + s3);
  for (; j < w; ++j) sum += term(j);
  return sum;
}

[[gnu::noinline]] inline double mean_of(const double* v, size_t w) {
  return ordered_sum(w, [v](size_t j) { return v[j]; }) / static_cast<double>(w);
}

// The sum of squared deviations from `mean` (the second pass of a standard deviation).
[[gnu::noinline]] inline double squares_about(const double* v, size_t w, double mean) {
  return ordered_sum(w, [v, mean](size_t j) {
    const double d = v[j] - mean;
    return d * d;
  });
}

// Sample standard deviation (divisor w - 1) of v from its squares_about() its mean. A constant
// window is exactly 0 (the rounded mean of equal values can differ from them by an ulp).
[[gnu::noinline]] inline double sample_sd(const double* v, size_t w, double squares) {
  if (std::all_of(v + 1, v + w, [v](double x) { return x == v[0]; })) return 0.0;
  return std::sqrt(squares / static_cast<double>(w - 1));
}

inline double log_or_nan(double v) { return v > 0.0 && finite(v) ? detmath::log(v) : kNaN; }

inline Series lagged(const Series& x, size_t lag, double (*op)(double now, double before)) {
  Series out(x.size(), kNaN);
  for (size_t t = lag; t < x.size(); ++t) out[t] = clean(op(x[t], x[t - lag]));
  return out;
}

inline double op_difference(double now, double before) { return now - before; }
inline double op_return(double now, double before) { return now / before - 1.0; }

// Seeded recursive smoothing: NaN until `w` finite inputs have been seen, whose simple mean is the
// first value; then s_t = step(s_{t-1}, x_t). A missing input leaves the state as it was (the
// output on that row is NaN) and the recursion continues with the next finite input.
// Runs rows begin.. from `s`, the variables after rows 0..begin-1 (zero for begin = 0; the rows
// before stay NaN), and leaves in `s` those after the last row and in `before_last` those before
// it (when begin < x.size()): the same operations in the same order as from the first row.
template <class Step>
Series seeded_smoothing(const Series& x, size_t w, Step step, size_t begin, Smoothing& s,
                        Smoothing& before_last) {
  Series out(x.size(), kNaN);
  const size_t n = x.size();
  uint64_t run = s.run;
  double sum = s.sum, state = s.state;
  for (size_t t = begin; t < n; ++t) {
    if (t + 1 == n) before_last = Smoothing{run, sum, state};
    if (!finite(x[t])) continue;
    ++run;
    if (run <= w) {
      sum += x[t];
      if (run < w) continue;
      state = sum / static_cast<double>(w);
    } else {
      state = step(state, x[t]);
    }
    out[t] = clean(state);
  }
  s = Smoothing{run, sum, state};
  return out;
}

inline Series ema(const Series& x, size_t w, size_t begin, Smoothing& s, Smoothing& before_last) {
  const double alpha = 2.0 / (static_cast<double>(w) + 1.0);
  return seeded_smoothing(
      x, w, [alpha](double v0, double v) { return v0 + alpha * (v - v0); }, begin, s, before_last);
}

inline Series wilder(const Series& x, size_t w, size_t begin, Smoothing& s,
                     Smoothing& before_last) {
  const double n = static_cast<double>(w);
  return seeded_smoothing(
      x, w, [n](double v0, double v) { return (v0 * (n - 1.0) + v) / n; }, begin, s, before_last);
}

}  // namespace feature_kernels
}  // namespace vixray
