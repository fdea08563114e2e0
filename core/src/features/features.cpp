#include "vixray/features/features.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "vixray/base/detmath.hpp"
#include "vixray/base/error.hpp"

namespace vixray {
namespace {

using Series = std::vector<double>;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// 100 sqrt(252): daily standard deviation -> annualised volatility in percent (vol points).
const double kAnnualPercent = 100.0 * std::sqrt(252.0);
// 2 ln 2 - 1, the Garman-Klass weight of the open-to-close term (ln 2 = 0.693147180559945309).
constexpr double kGarmanKlassWeight = 2.0 * 0.6931471805599453094 - 1.0;
constexpr int32_t kMaxWindow = 100000;

bool finite(double v) { return std::isfinite(v); }
double clean(double v) { return std::isfinite(v) ? v : kNaN; }
size_t index_of(int32_t v) { return static_cast<size_t>(v); }

// ---- kind table ------------------------------------------------------------------------------

struct KindInfo {
  const char* name;
  bool series_input;  // input is a series ("spx"), not a column ("spx.close")
  bool input2, window, window2, window3, lag, relative;  // which parameters the kind uses
};

// Stable order: this is feature_kinds().
const KindInfo kKinds[] = {
    // name              series input2 window window2 window3 lag  relative
    {"level", false, false, false, false, false, false, false},
    {"change", false, false, false, false, false, true, false},
    {"return", false, false, false, false, false, true, false},
    {"log_change", false, false, false, false, false, true, false},
    {"acceleration", false, false, false, false, false, true, false},
    {"mean_distance", false, false, true, false, false, false, false},
    {"zscore", false, false, true, false, false, false, false},
    {"percentile_rank", false, false, true, false, false, false, false},
    {"momentum_zscore", false, false, true, false, false, true, false},
    {"realized_vol", false, false, true, false, false, false, false},
    {"drawdown", false, false, true, false, false, false, false},
    {"bollinger_width", false, false, true, false, false, false, false},
    {"rsi", false, false, true, false, false, false, false},
    {"macd", false, false, true, true, false, false, true},
    {"macd_hist", false, false, true, true, true, false, true},
    {"ratio", false, true, false, false, false, false, false},
    {"correlation", false, true, true, false, false, false, false},
    {"vrp_spread", false, true, true, false, false, false, false},
    {"gap", true, false, false, false, false, false, false},
    {"atr", true, false, true, false, false, false, true},
    {"garman_klass", true, false, true, false, false, false, false},
    {"candle_body", true, false, false, false, false, false, true},
    {"candle_upper_wick", true, false, false, false, false, false, true},
    {"candle_lower_wick", true, false, false, false, false, false, true},
    {"candle_wick_ratio", true, false, false, false, false, false, false},
    {"vwap_distance", true, false, true, false, false, false, false},
};

const KindInfo* find_kind(const std::string& kind) {
  for (const auto& k : kKinds)
    if (kind == k.name) return &k;
  return nullptr;
}

std::string where(const FeatureDef& def) { return "feature \"" + def.name + "\""; }

void check_param(const FeatureDef& def, const char* field, int32_t value, bool used,
                 int32_t minimum) {
  if (!used) {
    if (value != 0)
      throw Error(where(def) + ": field \"" + field + "\" is not used by kind \"" + def.kind +
                  "\" (got " + std::to_string(value) + ", expected it absent or 0)");
    return;
  }
  if (value < minimum || value > kMaxWindow)
    throw Error(where(def) + ": field \"" + field + "\" of kind \"" + def.kind +
                "\": expected an integer in [" + std::to_string(minimum) + ", " +
                std::to_string(kMaxWindow) + "], got " + std::to_string(value));
}

bool valid_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

// ---- helpers over series ---------------------------------------------------------------------

// At most this many of a window's w rows may be missing: w / 10 rounded down (none below 10 rows,
// 2 of 21, 6 of 63, 25 of 252). A few missing days (a holiday one series observed and the other
// did not) should not blank a 252-day feature for a year; a long gap should.
size_t allowed_missing(size_t w) { return w / 10; }

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
      kept.clear();
      for (size_t j = t + 1 - w; j <= t; ++j)
        if (finite(x[j])) kept.push_back(x[j]);
      out[t] = clean(f(kept.data(), kept.size(), x[t]));
    }
  }
}

// For every row t whose window t-w+1..t has at most allowed_missing(w) missing values, calls
// f(values, count, x_t) with the window's finite values in row order (x_t itself may be NaN).
// `first` is the first row where x can be defined at all (1 for 1-day changes): windows start
// there, so the warm-up is never mistaken for missing data.
template <class F>
Series rolling(const Series& x, size_t w, F f, size_t first = 0) {
  Series out(x.size(), kNaN);
  const BadRows bad({&x});
  std::vector<double> kept;
  in_spans(first + w - 1, x.size(),
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
      kept_a.clear();
      kept_b.clear();
      for (size_t j = t + 1 - w; j <= t; ++j)
        if (finite(a[j]) && finite(b[j])) {
          kept_a.push_back(a[j]);
          kept_b.push_back(b[j]);
        }
      out[t] = clean(f(kept_a.data(), kept_b.data(), kept_a.size(), t));
    }
  }
}

// The same over rows where both series are finite: f(values_a, values_b, count, t).
template <class F>
Series rolling_pairs(const Series& a, const Series& b, size_t w, F f, size_t first = 0) {
  Series out(a.size(), kNaN);
  const BadRows bad({&a, &b});
  std::vector<double> kept_a, kept_b;
  in_spans(first + w - 1, a.size(), [&](size_t begin, size_t end) {
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

double mean_of(const double* v, size_t w) {
  return ordered_sum(w, [v](size_t j) { return v[j]; }) / static_cast<double>(w);
}

// Sample standard deviation (divisor w - 1) around `mean`, two-pass. A constant window is
// exactly 0 (the rounded mean of equal values can differ from them by an ulp).
double sample_sd(const double* v, size_t w, double mean) {
  if (std::all_of(v + 1, v + w, [v](double x) { return x == v[0]; })) return 0.0;
  const double squares = ordered_sum(w, [v, mean](size_t j) {
    const double d = v[j] - mean;
    return d * d;
  });
  return std::sqrt(squares / static_cast<double>(w - 1));
}

double log_or_nan(double v) { return v > 0.0 && finite(v) ? detmath::log(v) : kNaN; }

Series lagged(const Series& x, size_t lag, double (*op)(double now, double before)) {
  Series out(x.size(), kNaN);
  for (size_t t = lag; t < x.size(); ++t) out[t] = clean(op(x[t], x[t - lag]));
  return out;
}

double op_difference(double now, double before) { return now - before; }
double op_return(double now, double before) { return now / before - 1.0; }

Series zscore(const Series& x, size_t w, size_t first = 0) {
  return rolling(
      x, w,
      [](const double* v, size_t n, double now) {
        const double m = mean_of(v, n);
        return (now - m) / sample_sd(v, n, m);
      },
      first);
}

Series realized_vol_of_log(const Series& log_x, size_t w) {
  const Series r = lagged(log_x, 1, op_difference);
  return rolling(
      r, w,
      [](const double* v, size_t n, double) {
        return sample_sd(v, n, mean_of(v, n)) * kAnnualPercent;
      },
      1);
}

// Seeded recursive smoothing: NaN until `w` finite inputs have been seen, whose simple mean is the
// first value; then s_t = step(s_{t-1}, x_t). A missing input leaves the state as it was (the
// output on that row is NaN) and the recursion continues with the next finite input.
template <class Step>
Series seeded_smoothing(const Series& x, size_t w, Step step) {
  Series out(x.size(), kNaN);
  size_t run = 0;
  double sum = 0.0, state = 0.0;
  for (size_t t = 0; t < x.size(); ++t) {
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
  return out;
}

Series ema(const Series& x, size_t w) {
  const double alpha = 2.0 / (static_cast<double>(w) + 1.0);
  return seeded_smoothing(x, w, [alpha](double s, double v) { return s + alpha * (v - s); });
}

Series wilder(const Series& x, size_t w) {
  const double n = static_cast<double>(w);
  return seeded_smoothing(x, w, [n](double s, double v) { return (s * (n - 1.0) + v) / n; });
}

// ---- computing one feature ---------------------------------------------------------------------

// The dispatch of a feature by kind runs a few times per market and the rows' work is in the
// spans above, so in WebAssembly (clang) it is compiled for size: a smaller function is much
// cheaper for V8 to recompile optimised, which it does in the background while the page computes.
#if defined(__clang__)
#define VIXRAY_COMPILE_FOR_SIZE __attribute__((minsize))
#else
#define VIXRAY_COMPILE_FOR_SIZE
#endif

class Computer {
 public:
  explicit Computer(const Frame& frame) : frame_(frame), n_(static_cast<size_t>(frame.rows())) {}

  VIXRAY_COMPILE_FOR_SIZE Series compute(const FeatureDef& d) {
    const std::string& k = d.kind;
    const size_t w = index_of(d.window), lag = index_of(d.lag);
    if (k == "level") {
      Series out = column(d.input);
      for (double& v : out) v = clean(v);
      return out;
    }
    if (k == "change") return lagged(column(d.input), lag, op_difference);
    if (k == "return") return lagged(column(d.input), lag, op_return);
    if (k == "log_change") return lagged(log_of(d.input), lag, op_difference);
    if (k == "acceleration")
      return lagged(lagged(log_of(d.input), lag, op_difference), lag, op_difference);
    if (k == "mean_distance")
      return rolling(column(d.input), w, [](const double* v, size_t n, double now) {
        return now / mean_of(v, n) - 1.0;
      });
    if (k == "zscore") return zscore(column(d.input), w);
    if (k == "percentile_rank")
      return rolling(column(d.input), w, [](const double* v, size_t n, double now) {
        if (!finite(now)) return kNaN;
        int32_t below = 0, equal = 0;  // equal counts x_t itself
        for (size_t j = 0; j < n; ++j) {
          below += v[j] < now ? 1 : 0;
          equal += v[j] == now ? 1 : 0;
        }
        return (below + (equal + 1) / 2.0) / static_cast<double>(n);
      });
    if (k == "momentum_zscore") return zscore(lagged(log_of(d.input), lag, op_difference), w, lag);
    if (k == "realized_vol") return realized_vol_of_log(log_of(d.input), w);
    if (k == "drawdown")
      return rolling(column(d.input), w, [](const double* v, size_t n, double now) {
        // Four running maxima (branch-free), combined at the end; max is exact in any order.
        double m0 = v[0], m1 = v[0], m2 = v[0], m3 = v[0];
        size_t j = 1;
        for (; j + 4 <= n; j += 4) {
          m0 = std::max(m0, v[j]);
          m1 = std::max(m1, v[j + 1]);
          m2 = std::max(m2, v[j + 2]);
          m3 = std::max(m3, v[j + 3]);
        }
        for (; j < n; ++j) m0 = std::max(m0, v[j]);
        return now / std::max(std::max(m0, m1), std::max(m2, m3)) - 1.0;
      });
    if (k == "bollinger_width")
      return rolling(column(d.input), w, [](const double* v, size_t n, double) {
        const double m = mean_of(v, n);
        return 4.0 * sample_sd(v, n, m) / m;
      });
    if (k == "rsi") return rsi(column(d.input), w);
    if (k == "macd" || k == "macd_hist") return macd(d);
    if (k == "ratio") {
      const Series &x = column(d.input), &y = column(d.input2);
      Series out(n_);
      for (size_t t = 0; t < n_; ++t) out[t] = clean(x[t] / y[t]);
      return out;
    }
    if (k == "correlation") return correlation(d, w);
    if (k == "vrp_spread") {
      const Series& x = column(d.input);
      Series out = realized_vol_of_log(log_of(d.input2), w);
      for (size_t t = 0; t < n_; ++t) out[t] = clean(x[t] - out[t]);
      return out;
    }
    return series_kind(d, w);
  }

 private:
  const Series& column(const std::string& name) { return frame_.column(name); }

  // ln of a column, computed once per column (many features share it).
  const Series& log_of(const std::string& name) {
    auto it = logs_.find(name);
    if (it == logs_.end()) {
      const Series& x = column(name);
      Series out(n_);
      for (size_t t = 0; t < n_; ++t) out[t] = log_or_nan(x[t]);
      it = logs_.emplace(name, std::move(out)).first;
    }
    return it->second;
  }

  Series rsi(const Series& x, size_t w) {
    Series gains(n_, kNaN), losses(n_, kNaN);
    for (size_t t = 1; t < n_; ++t) {
      const double d = x[t] - x[t - 1];
      if (!finite(d)) continue;
      gains[t] = d > 0.0 ? d : 0.0;
      losses[t] = d < 0.0 ? -d : 0.0;
    }
    const Series up = wilder(gains, w), down = wilder(losses, w);
    Series out(n_, kNaN);
    for (size_t t = 0; t < n_; ++t) {
      if (!finite(up[t]) || !finite(down[t])) continue;
      const double total = up[t] + down[t];
      out[t] = total == 0.0 ? 50.0 : clean(100.0 * up[t] / total);
    }
    return out;
  }

  Series macd(const FeatureDef& d) {
    const Series& x = column(d.input);
    const Series fast = ema(x, index_of(d.window)), slow = ema(x, index_of(d.window2));
    Series line(n_);
    for (size_t t = 0; t < n_; ++t) line[t] = clean(fast[t] - slow[t]);
    Series out = line;
    if (d.kind == "macd_hist") {
      const Series signal = ema(line, index_of(d.window3));
      for (size_t t = 0; t < n_; ++t) out[t] = clean(line[t] - signal[t]);
    }
    if (d.relative)
      for (size_t t = 0; t < n_; ++t) out[t] = clean(out[t] / x[t]);
    return out;
  }

  Series correlation(const FeatureDef& d, size_t w) {
    const Series a = lagged(log_of(d.input), 1, op_difference);
    const Series b = lagged(log_of(d.input2), 1, op_difference);
    return rolling_pairs(
        a, b, w,
        [](const double* va, const double* vb, size_t n, size_t) {
          const double ma = mean_of(va, n), mb = mean_of(vb, n);
          const double sab = ordered_sum(n, [&](size_t j) { return (va[j] - ma) * (vb[j] - mb); });
          const double saa = ordered_sum(n, [&](size_t j) { return (va[j] - ma) * (va[j] - ma); });
          const double sbb = ordered_sum(n, [&](size_t j) { return (vb[j] - mb) * (vb[j] - mb); });
          return sab / std::sqrt(saa * sbb);
        },
        1);
  }

  // Kinds on a series: s.open/high/low/close/volume.
  VIXRAY_COMPILE_FOR_SIZE Series series_kind(const FeatureDef& d, size_t w) {
    const std::string& k = d.kind;
    const std::string& s = d.input;
    const Series& close = column(s + ".close");
    Series out(n_, kNaN);
    if (k == "gap") {
      const Series& open = column(s + ".open");
      for (size_t t = 1; t < n_; ++t) out[t] = clean(open[t] / close[t - 1] - 1.0);
      return out;
    }
    const Series &high = column(s + ".high"), &low = column(s + ".low");
    if (k == "atr") {
      Series range(n_, kNaN);
      for (size_t t = 1; t < n_; ++t) {
        const double prev = close[t - 1];
        range[t] = clean(std::max(high[t] - low[t],
                                  std::max(std::abs(high[t] - prev), std::abs(low[t] - prev))));
        if (!finite(high[t]) || !finite(low[t]) || !finite(prev)) range[t] = kNaN;
      }
      out = wilder(range, w);
    } else if (k == "vwap_distance") {
      const Series& volume = column(s + ".volume");
      // Typical price times volume: NaN when any of high, low, close, volume is missing.
      Series weighted(n_);
      for (size_t t = 0; t < n_; ++t) weighted[t] = (high[t] + low[t] + close[t]) / 3.0 * volume[t];
      return rolling_pairs(weighted, volume, w,
                           [&close](const double* pv, const double* v, size_t n, size_t t) {
                             const double sum_pv = ordered_sum(n, [pv](size_t j) { return pv[j]; });
                             const double sum_v = ordered_sum(n, [v](size_t j) { return v[j]; });
                             return close[t] / (sum_pv / sum_v) - 1.0;
                           });
    } else {
      const Series& open = column(s + ".open");
      if (k == "garman_klass") {
        Series daily(n_);
        for (size_t t = 0; t < n_; ++t) {
          const double hl = log_or_nan(high[t]) - log_or_nan(low[t]);
          const double co = log_or_nan(close[t]) - log_or_nan(open[t]);
          daily[t] = 0.5 * hl * hl - kGarmanKlassWeight * co * co;
        }
        return rolling(daily, w, [](const double* v, size_t n, double) {
          return 100.0 * std::sqrt(252.0 * std::max(0.0, mean_of(v, n)));
        });
      }
      for (size_t t = 0; t < n_; ++t) {
        const double o = open[t], h = high[t], l = low[t], c = close[t];
        if (!finite(o) || !finite(h) || !finite(l) || !finite(c)) continue;
        const double upper = h - std::max(o, c), lower = std::min(o, c) - l;
        if (k == "candle_body") out[t] = std::abs(c - o);
        if (k == "candle_upper_wick") out[t] = upper;
        if (k == "candle_lower_wick") out[t] = lower;
        // A bar with no range (high == low) has no wicks: ratio 0, not 0/0.
        if (k == "candle_wick_ratio") out[t] = h > l ? clean((upper + lower) / (h - l)) : 0.0;
      }
    }
    if (d.relative)
      for (size_t t = 0; t < n_; ++t) out[t] = clean(out[t] / close[t]);
    return out;
  }

  const Frame& frame_;
  size_t n_;
  std::map<std::string, Series> logs_;
};

// ---- JSON helpers ----------------------------------------------------------------------------

std::string string_field(const nlohmann::json& j, const char* field, const std::string& at,
                         bool required) {
  const auto it = j.find(field);
  if (it == j.end() || it->is_null()) {
    if (required) throw Error(at + ": missing field \"" + field + "\"");
    return {};
  }
  if (!it->is_string())
    throw Error(at + ": field \"" + field + "\": expected a string, got " + it->dump());
  return it->get<std::string>();
}

int32_t int_field(const nlohmann::json& j, const char* field, const std::string& at) {
  const auto it = j.find(field);
  if (it == j.end() || it->is_null()) return 0;
  if (!it->is_number_integer() || it->get<int64_t>() < std::numeric_limits<int32_t>::min() ||
      it->get<int64_t>() > std::numeric_limits<int32_t>::max())
    throw Error(at + ": field \"" + field + "\": expected an integer, got " + it->dump());
  return static_cast<int32_t>(it->get<int64_t>());
}

// ---- catalogue helpers -----------------------------------------------------------------------

FeatureDef def(std::string name, std::string kind, std::string input, std::string domain) {
  FeatureDef d;
  d.name = std::move(name);
  d.kind = std::move(kind);
  d.input = std::move(input);
  d.domain = std::move(domain);
  return d;
}

FeatureDef windowed(std::string name, std::string kind, std::string input, int32_t window,
                    std::string domain) {
  FeatureDef d = def(std::move(name), std::move(kind), std::move(input), std::move(domain));
  d.window = window;
  return d;
}

FeatureDef lagged_def(std::string name, std::string kind, std::string input, int32_t lag,
                      std::string domain) {
  FeatureDef d = def(std::move(name), std::move(kind), std::move(input), std::move(domain));
  d.lag = lag;
  return d;
}

FeatureDef two_inputs(std::string name, std::string kind, std::string input, std::string input2,
                      int32_t window, std::string domain) {
  FeatureDef d =
      windowed(std::move(name), std::move(kind), std::move(input), window, std::move(domain));
  d.input2 = std::move(input2);
  return d;
}

FeatureDef macd_def(std::string name, bool hist, std::string input, int32_t relative,
                    std::string domain) {
  FeatureDef d =
      def(std::move(name), hist ? "macd_hist" : "macd", std::move(input), std::move(domain));
  d.window = 12;
  d.window2 = 26;
  d.window3 = hist ? 9 : 0;
  d.relative = relative;
  return d;
}

FeatureDef relative_def(FeatureDef d, int32_t relative) {
  d.relative = relative;
  return d;
}

}  // namespace

// ---- public API ------------------------------------------------------------------------------

std::vector<std::string> FeatureSpec::names() const {
  std::vector<std::string> out;
  out.reserve(features.size());
  for (const auto& f : features) out.push_back(f.name);
  return out;
}

const std::vector<std::string>& feature_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> out;
    for (const auto& k : kKinds) out.emplace_back(k.name);
    return out;
  }();
  return kinds;
}

void validate_feature_def(const FeatureDef& d) {
  if (d.name.empty()) throw Error("feature (kind \"" + d.kind + "\"): missing field \"name\"");
  for (char c : d.name)
    if (!valid_name_char(c))
      throw Error(where(d) + ": name: expected letters, digits, '_', '.' or '-', got \"" +
                  std::string(1, c) + "\"");
  const KindInfo* k = find_kind(d.kind);
  if (!k) {
    std::string known;
    for (const auto& name : feature_kinds()) known += (known.empty() ? "" : ", ") + name;
    throw Error(where(d) + ": unknown kind \"" + d.kind + "\" (known kinds: " + known + ")");
  }
  const auto check_input = [&](const std::string& value, const char* field) {
    const size_t dot = value.find('.');
    if (k->series_input) {
      if (value.empty() || dot != std::string::npos)
        throw Error(where(d) + ": field \"" + field + "\" of kind \"" + d.kind +
                    "\": expected a series name such as \"spx\", got \"" + value + "\"");
    } else if (dot == std::string::npos || dot == 0 || dot + 1 == value.size()) {
      throw Error(where(d) + ": field \"" + field + "\" of kind \"" + d.kind +
                  "\": expected a column \"<series>.<field>\" such as \"vix.close\", got \"" +
                  value + "\"");
    }
  };
  check_input(d.input, "input");
  if (k->input2) {
    check_input(d.input2, "input2");
  } else if (!d.input2.empty()) {
    throw Error(where(d) + ": field \"input2\" is not used by kind \"" + d.kind + "\" (got \"" +
                d.input2 + "\")");
  }
  check_param(d, "window", d.window, k->window, 2);
  check_param(d, "window2", d.window2, k->window2, 2);
  check_param(d, "window3", d.window3, k->window3, 2);
  check_param(d, "lag", d.lag, k->lag, 1);
  if (k->relative) {
    if (d.relative != 0 && d.relative != 1)
      throw Error(where(d) + ": field \"relative\": expected 0 or 1, got " +
                  std::to_string(d.relative));
  } else {
    check_param(d, "relative", d.relative, false, 0);
  }
  if (k->window2 && d.window >= d.window2)
    throw Error(where(d) + ": expected window (fast EMA, " + std::to_string(d.window) +
                ") < window2 (slow EMA, " + std::to_string(d.window2) + ")");
}

void validate_feature_spec(const FeatureSpec& spec) {
  for (size_t i = 0; i < spec.features.size(); ++i) {
    validate_feature_def(spec.features[i]);
    for (size_t j = 0; j < i; ++j)
      if (spec.features[j].name == spec.features[i].name)
        throw Error("feature spec: duplicate feature name \"" + spec.features[i].name +
                    "\" (features " + std::to_string(j) + " and " + std::to_string(i) + ")");
  }
}

std::vector<std::string> required_columns(const FeatureDef& d) {
  const KindInfo* k = find_kind(d.kind);
  if (!k) throw Error(where(d) + ": unknown kind \"" + d.kind + "\"");
  if (!k->series_input) {
    std::vector<std::string> out{d.input};
    if (k->input2) out.push_back(d.input2);
    return out;
  }
  const std::string& s = d.input;
  if (d.kind == "gap") return {s + ".open", s + ".close"};
  if (d.kind == "atr") return {s + ".high", s + ".low", s + ".close"};
  if (d.kind == "vwap_distance") return {s + ".high", s + ".low", s + ".close", s + ".volume"};
  return {s + ".open", s + ".high", s + ".low", s + ".close"};
}

int32_t min_history(const FeatureDef& d) {
  const std::string& k = d.kind;
  if (k == "level" || k == "ratio" || k.rfind("candle_", 0) == 0) return 0;
  if (k == "change" || k == "return" || k == "log_change") return d.lag;
  if (k == "acceleration") return 2 * d.lag;
  if (k == "momentum_zscore") return d.lag + d.window - 1;
  if (k == "realized_vol" || k == "rsi" || k == "correlation" || k == "vrp_spread" || k == "atr")
    return d.window;
  if (k == "macd") return d.window2 - 1;
  if (k == "macd_hist") return d.window2 + d.window3 - 2;
  if (k == "gap") return 1;
  if (!find_kind(k)) throw Error(where(d) + ": unknown kind \"" + k + "\"");
  return d.window - 1;  // the plain windowed kinds
}

std::string describe_feature(const FeatureDef& d) {
  const std::string& k = d.kind;
  const std::string x = d.input, y = d.input2;
  const std::string w = std::to_string(d.window), lag = std::to_string(d.lag);
  const std::string per_close = d.relative ? ", as a fraction of the close" : "";
  if (k == "level") return x;
  if (k == "change") return "change of " + x + " over " + lag + " days";
  if (k == "return") return "return of " + x + " over " + lag + " days (fraction)";
  if (k == "log_change") return "log change of " + x + " over " + lag + " days";
  if (k == "acceleration")
    return "change of the " + lag + "-day log change of " + x + " over " + lag + " days";
  if (k == "mean_distance") return x + " relative to its " + w + "-day mean, minus 1";
  if (k == "zscore") return "z-score of " + x + " against its " + w + "-day mean (sample sd)";
  if (k == "percentile_rank") return "percentile rank of " + x + " in its last " + w + " days";
  if (k == "momentum_zscore")
    return "z-score of the " + lag + "-day log change of " + x + " over " + w + " days";
  if (k == "realized_vol") return w + "-day realized volatility of " + x + " (annualised percent)";
  if (k == "drawdown") return x + " below its " + w + "-day high (fraction, <= 0)";
  if (k == "bollinger_width") return "Bollinger band width of " + x + " (" + w + " days, 2 sd)";
  if (k == "rsi") return "RSI of " + x + " (" + w + " days, Wilder)";
  if (k == "macd")
    return "MACD of " + x + " (EMA " + w + " - EMA " + std::to_string(d.window2) + ")" + per_close;
  if (k == "macd_hist")
    return "MACD histogram of " + x + " (" + w + "/" + std::to_string(d.window2) + "/" +
           std::to_string(d.window3) + ")" + per_close;
  if (k == "ratio") return x + " / " + y;
  if (k == "correlation")
    return w + "-day correlation of the daily log changes of " + x + " and " + y;
  if (k == "vrp_spread") return x + " minus the " + w + "-day realized volatility of " + y;
  if (k == "gap") return "opening gap of " + x + " against the previous close (fraction)";
  if (k == "atr") return "average true range of " + x + " (" + w + " days, Wilder)" + per_close;
  if (k == "garman_klass")
    return w + "-day Garman-Klass volatility of " + x + " (annualised percent)";
  if (k == "candle_body") return "candle body |close - open| of " + x + per_close;
  if (k == "candle_upper_wick") return "upper wick of " + x + per_close;
  if (k == "candle_lower_wick") return "lower wick of " + x + per_close;
  if (k == "candle_wick_ratio") return "share of the day's range of " + x + " in wicks";
  if (k == "vwap_distance") return x + " close relative to its " + w + "-day VWAP, minus 1";
  throw Error(where(d) + ": unknown kind \"" + k + "\"");
}

void to_json(nlohmann::json& j, const FeatureDef& d) {
  j = nlohmann::json::object();
  j["name"] = d.name;
  j["kind"] = d.kind;
  if (!d.domain.empty()) j["domain"] = d.domain;
  j["input"] = d.input;
  if (!d.input2.empty()) j["input2"] = d.input2;
  if (d.window) j["window"] = d.window;
  if (d.window2) j["window2"] = d.window2;
  if (d.window3) j["window3"] = d.window3;
  if (d.lag) j["lag"] = d.lag;
  if (d.relative) j["relative"] = d.relative;
}

void to_json(nlohmann::json& j, const FeatureSpec& spec) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : spec.features) list.push_back(d);
  j = nlohmann::json{{"features", std::move(list)}};
}

FeatureSpec feature_spec_from_json(const nlohmann::json& j, const std::string& source) {
  const nlohmann::json* list = &j;
  if (j.is_object()) {
    const auto it = j.find("features");
    if (it == j.end()) throw Error(source + ": missing field \"features\" (an array)");
    list = &*it;
  }
  if (!list->is_array())
    throw Error(source + ": \"features\": expected an array of feature definitions, got " +
                std::string(list->type_name()));
  FeatureSpec spec;
  for (size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& item = (*list)[i];
    std::string at = source + ": features[" + std::to_string(i) + "]";
    if (!item.is_object()) throw Error(at + ": expected an object, got " + item.dump());
    FeatureDef d;
    d.name = string_field(item, "name", at, true);
    at += " (\"" + d.name + "\")";
    d.kind = string_field(item, "kind", at, true);
    d.input = string_field(item, "input", at, true);
    d.input2 = string_field(item, "input2", at, false);
    d.domain = string_field(item, "domain", at, false);
    d.window = int_field(item, "window", at);
    d.window2 = int_field(item, "window2", at);
    d.window3 = int_field(item, "window3", at);
    d.lag = int_field(item, "lag", at);
    d.relative = int_field(item, "relative", at);
    try {
      validate_feature_def(d);
    } catch (const Error& e) {
      throw Error(source + ": features[" + std::to_string(i) + "]: " + e.what());
    }
    spec.features.push_back(std::move(d));
  }
  try {
    validate_feature_spec(spec);
  } catch (const Error& e) {
    throw Error(source + ": " + e.what());
  }
  return spec;
}

FeatureSpec parse_feature_spec(std::string_view text, const std::string& source) {
  const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) throw Error(source + ": not valid JSON (expected a feature spec)");
  return feature_spec_from_json(j, source);
}

std::string dump_feature_spec(const FeatureSpec& spec) { return nlohmann::json(spec).dump(2); }

int64_t FeatureMatrix::column_index(const std::string& name) const {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) throw Error("feature matrix: no feature \"" + name + "\"");
  return static_cast<int64_t>(it - names.begin());
}

VIXRAY_COMPILE_FOR_SIZE FeatureMatrix compute_features(const Frame& frame,
                                                       const FeatureSpec& spec) {
  validate_feature_spec(spec);
  for (const auto& d : spec.features)
    for (const auto& c : required_columns(d))
      if (!frame.has(c)) {
        std::string known;
        for (const auto& name : frame.names()) known += (known.empty() ? "" : ", ") + name;
        throw Error(where(d) + " (kind \"" + d.kind + "\") needs column \"" + c +
                    "\", which the frame lacks (columns: " + known + ")");
      }
  const auto rows = static_cast<Eigen::Index>(frame.rows());
  const auto cols = static_cast<Eigen::Index>(spec.features.size());
  FeatureMatrix out;
  out.names = spec.names();
  out.values.resize(rows, cols);
  out.warmup.assign(spec.features.size(), static_cast<int32_t>(rows));
  Computer computer(frame);
  for (Eigen::Index c = 0; c < cols; ++c) {
    const Series values = computer.compute(spec.features[static_cast<size_t>(c)]);
    int32_t& first = out.warmup[static_cast<size_t>(c)];
    for (Eigen::Index r = 0; r < rows; ++r) {
      const double v = values[static_cast<size_t>(r)];
      out.values(r, c) = v;
      if (first == rows && !std::isnan(v)) first = static_cast<int32_t>(r);
    }
  }
  return out;
}

FeatureSpec market_feature_catalogue() {
  std::vector<FeatureDef> f;
  const std::string vix = "vix.close", spx = "spx.close";
  // VIX mean reversion: how far the VIX sits from its own recent levels.
  std::string dom = "vix_mean_reversion";
  f.push_back(def("vix_level", "level", vix, dom));
  for (int32_t w : {10, 21, 63})
    f.push_back(
        windowed("vix_mean_distance_" + std::to_string(w) + "d", "mean_distance", vix, w, dom));
  for (int32_t w : {63, 126, 252})
    f.push_back(windowed("vix_zscore_" + std::to_string(w) + "d", "zscore", vix, w, dom));
  f.push_back(windowed("vix_percentile_252d", "percentile_rank", vix, 252, dom));
  // VIX momentum: speed and acceleration of VIX moves.
  dom = "vix_momentum";
  for (int32_t l : {1, 5, 10, 21})
    f.push_back(lagged_def("vix_log_change_" + std::to_string(l) + "d", "log_change", vix, l, dom));
  for (int32_t l : {1, 5})
    f.push_back(
        lagged_def("vix_acceleration_" + std::to_string(l) + "d", "acceleration", vix, l, dom));
  const std::pair<int32_t, int32_t> lag_windows[] = {{1, 63}, {5, 63}, {21, 252}};
  for (const auto& lw : lag_windows) {
    FeatureDef d = windowed(
        "vix_momentum_zscore_" + std::to_string(lw.first) + "d_" + std::to_string(lw.second) + "d",
        "momentum_zscore", vix, lw.second, dom);
    d.lag = lw.first;
    f.push_back(d);
  }
  // Volatility of volatility: realized vol of the VIX itself, and VVIX when present.
  dom = "vol_of_vol";
  for (int32_t w : {10, 21, 63})
    f.push_back(windowed("vix_vol_of_vol_" + std::to_string(w) + "d", "realized_vol", vix, w, dom));
  f.push_back(def("vvix_level", "level", "vvix.close", dom));
  f.push_back(windowed("vvix_zscore_63d", "zscore", "vvix.close", 63, dom));
  // Term structure (needs VIX9D / VIX3M): ratios above 1 mean an inverted curve.
  dom = "vix_term_structure";
  f.push_back(two_inputs("vix9d_vix_ratio", "ratio", "vix9d.close", vix, 0, dom));
  f.push_back(two_inputs("vix_vix3m_ratio", "ratio", vix, "vix3m.close", 0, dom));
  f.push_back(two_inputs("vix9d_vix3m_ratio", "ratio", "vix9d.close", "vix3m.close", 0, dom));
  // Tail risk (needs SKEW).
  dom = "tail_risk";
  f.push_back(def("skew_level", "level", "skew.close", dom));
  f.push_back(lagged_def("skew_change_5d", "change", "skew.close", 5, dom));
  f.push_back(windowed("skew_zscore_63d", "zscore", "skew.close", 63, dom));
  // S&P 500 price action.
  dom = "spx_price_action";
  for (int32_t l : {1, 3, 5, 10, 21})
    f.push_back(lagged_def("spx_return_" + std::to_string(l) + "d", "return", spx, l, dom));
  f.push_back(windowed("spx_zscore_20d", "zscore", spx, 20, dom));
  f.push_back(def("spx_gap", "gap", "spx", dom));
  f.push_back(windowed("spx_rsi_14", "rsi", spx, 14, dom));
  // Trend and drawdown. MACD is divided by the close so 1990 and 2018 compare.
  dom = "spx_trend";
  for (int32_t w : {20, 50, 200})
    f.push_back(
        windowed("spx_mean_distance_" + std::to_string(w) + "d", "mean_distance", spx, w, dom));
  f.push_back(windowed("spx_drawdown_252d", "drawdown", spx, 252, dom));
  f.push_back(macd_def("spx_macd_rel_12_26", false, spx, 1, dom));
  f.push_back(macd_def("spx_macd_hist_rel_12_26_9", true, spx, 1, dom));
  // Realized volatility (annualised percent) and range measures.
  dom = "spx_volatility";
  for (int32_t w : {10, 21, 63})
    f.push_back(
        windowed("spx_realized_vol_" + std::to_string(w) + "d", "realized_vol", spx, w, dom));
  f.push_back(windowed("spx_garman_klass_21d", "garman_klass", "spx", 21, dom));
  f.push_back(relative_def(windowed("spx_atr_rel_14", "atr", "spx", 14, dom), 1));
  f.push_back(windowed("spx_bollinger_width_20d", "bollinger_width", spx, 20, dom));
  // Candles (as fractions of the close) and volume.
  dom = "spx_candles_volume";
  f.push_back(relative_def(def("spx_candle_body_rel", "candle_body", "spx", dom), 1));
  f.push_back(relative_def(def("spx_upper_wick_rel", "candle_upper_wick", "spx", dom), 1));
  f.push_back(relative_def(def("spx_lower_wick_rel", "candle_lower_wick", "spx", dom), 1));
  f.push_back(def("spx_wick_ratio", "candle_wick_ratio", "spx", dom));
  for (int32_t w : {20, 63})
    f.push_back(
        windowed("spx_volume_zscore_" + std::to_string(w) + "d", "zscore", "spx.volume", w, dom));
  f.push_back(windowed("spx_volume_vs_mean_20d", "mean_distance", "spx.volume", 20, dom));
  f.push_back(windowed("spx_vwap_distance_20d", "vwap_distance", "spx", 20, dom));
  // VIX against what the S&P actually did.
  dom = "vix_spx_relationship";
  f.push_back(two_inputs("vix_realized_spread_21d", "vrp_spread", vix, spx, 21, dom));
  for (int32_t w : {21, 63})
    f.push_back(two_inputs("spx_vix_correlation_" + std::to_string(w) + "d", "correlation", spx,
                           vix, w, dom));
  return FeatureSpec{std::move(f)};
}

FeatureSpec available_features(const FeatureSpec& spec, const std::vector<std::string>& columns) {
  FeatureSpec out;
  for (const auto& d : spec.features) {
    bool present = true;
    for (const auto& c : required_columns(d))
      present = present && std::find(columns.begin(), columns.end(), c) != columns.end();
    if (present) out.features.push_back(d);
  }
  return out;
}

FeatureSpec market_feature_catalogue(const std::vector<std::string>& columns) {
  return available_features(market_feature_catalogue(), columns);
}

FeatureSpec market_feature_catalogue(const Frame& frame) {
  return market_feature_catalogue(frame.names());
}

FeatureSpec ticker_feature_catalogue(bool price_relative) {
  const int32_t rel = price_relative ? 1 : 0;
  const std::string close = "ticker.close";
  std::vector<FeatureDef> f;
  std::string dom = "ticker_momentum";
  for (int32_t l : {1, 3, 6})
    f.push_back(lagged_def("return_" + std::to_string(l), "return", close, l, dom));
  f.push_back(windowed("zscore_20", "zscore", close, 20, dom));
  dom = "ticker_volatility";
  f.push_back(relative_def(windowed("ATR_14", "atr", "ticker", 14, dom), rel));
  f.push_back(windowed("bb_width", "bollinger_width", close, 20, dom));
  dom = "ticker_oscillators";
  f.push_back(windowed("RSI", "rsi", close, 14, dom));
  f.push_back(macd_def("MACD", false, close, rel, dom));
  f.push_back(macd_def("MACD_hist", true, close, rel, dom));
  dom = "ticker_volume_price";
  f.push_back(windowed("VWAP", "vwap_distance", "ticker", 20, dom));
  f.push_back(relative_def(def("body", "candle_body", "ticker", dom), rel));
  f.push_back(relative_def(def("upper_wick", "candle_upper_wick", "ticker", dom), rel));
  f.push_back(relative_def(def("lower_wick", "candle_lower_wick", "ticker", dom), rel));
  f.push_back(def("wick_ratio", "candle_wick_ratio", "ticker", dom));
  return FeatureSpec{std::move(f)};
}

}  // namespace vixray
