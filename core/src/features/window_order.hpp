// Window kinds whose statistic does not depend on the order of the window's values, computed by
// sliding a structure over the rows instead of reading w values per row (private to
// core/src/features): the percentile rank counts values below and equal to x_t (a sorted copy of
// the window, O(log w) per row plus a move of at most w values), the drawdown divides by the
// window's maximum (a monotonic deque, O(1) per row on average). Counts and maxima are exact in
// any order, so the bits are those of rolling() with the plain formulas of spec.hpp (tested
// against them, written out in native_tests/test_feature_windows.cpp).
// Same rows, NaN policy and `from` as rolling(): a window with more than allowed_missing(w)
// missing rows, or a missing x_t, is NaN.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernels.hpp"

namespace vixray {
namespace feature_kernels {

// The finite values of rows t-w+1..t, sorted, as t advances one row at a time.
class SortedWindow {
 public:
  void add(double v) {
    if (finite(v)) values_.insert(std::upper_bound(values_.begin(), values_.end(), v), v);
  }
  void remove(double v) {
    if (!finite(v)) return;
    // One value comparing equal to v (-0.0 and 0.0 compare equal: the counts below cannot tell).
    values_.erase(std::lower_bound(values_.begin(), values_.end(), v));
  }
  // (#{< now} + (#{== now} + 1) / 2) / n, as percentile_in_window.
  double rank(double now) const {
    const auto low = std::lower_bound(values_.begin(), values_.end(), now);
    const auto high = std::upper_bound(low, values_.end(), now);
    const auto below = static_cast<int32_t>(low - values_.begin());
    const auto equal = static_cast<int32_t>(high - low);
    return (below + (equal + 1) / 2.0) / static_cast<double>(values_.size());
  }

 private:
  std::vector<double> values_;
};

// Rows begin..end-1 of the percentile rank; `window` holds rows begin-w..begin-1 on entry.
[[gnu::noinline]] inline void percentile_span(const Series& x, size_t w, const BadRows& bad,
                                              size_t begin, size_t end, SortedWindow& window,
                                              Series& out) {
  for (size_t t = begin; t < end; ++t) {
    if (t >= w) window.remove(x[t - w]);
    window.add(x[t]);
    if (finite(x[t]) && bad.missing(t, w) <= allowed_missing(w)) out[t] = clean(window.rank(x[t]));
  }
}

inline Series percentile_rank(const Series& x, size_t w, size_t from) {
  Series out(x.size(), kNaN);
  const BadRows bad({&x});
  const size_t start = first_window_row(0, w, from);
  SortedWindow window;
  for (size_t t = start - std::min(start, w); t < start && t < x.size(); ++t) window.add(x[t]);
  in_spans(start, x.size(),
           [&](size_t begin, size_t end) { percentile_span(x, w, bad, begin, end, window, out); });
  return out;
}

// The rows of the finite values that can still be a window's maximum, their values decreasing:
// the maximum of rows t-w+1..t is the first one's once the rows before t-w+1 are dropped.
class MaxWindow {
 public:
  explicit MaxWindow(size_t w) : rows_(w + 1) {}
  void add(const Series& x, size_t t) {
    if (!finite(x[t])) return;
    while (size_ > 0 && x[rows_[at(size_ - 1)]] <= x[t]) --size_;
    rows_[at(size_++)] = t;
  }
  void drop_before(size_t row) {
    while (size_ > 0 && rows_[head_] < row) {
      head_ = head_ + 1 == rows_.size() ? 0 : head_ + 1;
      --size_;
    }
  }
  bool empty() const { return size_ == 0; }
  size_t max_row() const { return rows_[head_]; }

 private:
  size_t at(size_t i) const { return (head_ + i) % rows_.size(); }
  std::vector<size_t> rows_;  // a ring of at most w + 1 rows
  size_t head_ = 0, size_ = 0;
};

// Rows begin..end-1 of the drawdown; `window` holds rows begin-w..begin-1 on entry.
[[gnu::noinline]] inline void drawdown_span(const Series& x, size_t w, const BadRows& bad,
                                            size_t begin, size_t end, MaxWindow& window,
                                            Series& out) {
  for (size_t t = begin; t < end; ++t) {
    window.add(x, t);
    window.drop_before(t + 1 - w);
    if (!window.empty() && bad.missing(t, w) <= allowed_missing(w))
      out[t] = clean(x[t] / x[window.max_row()] - 1.0);
  }
}

inline Series drawdown(const Series& x, size_t w, size_t from) {
  Series out(x.size(), kNaN);
  const BadRows bad({&x});
  const size_t start = first_window_row(0, w, from);
  MaxWindow window(w);
  for (size_t t = start - std::min(start, w); t < start && t < x.size(); ++t) window.add(x, t);
  in_spans(start, x.size(),
           [&](size_t begin, size_t end) { drawdown_span(x, w, bad, begin, end, window, out); });
  return out;
}

}  // namespace feature_kernels
}  // namespace vixray
