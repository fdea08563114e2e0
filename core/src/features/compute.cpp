#include "vixray/features/compute.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "internal.hpp"
#include "kernels.hpp"
#include "vixray/base/error.hpp"
#include "window_moments.hpp"
#include "window_order.hpp"

namespace vixray {
namespace {

using namespace feature_kernels;  // NOLINT(build/namespaces): this folder's own kernels
using feature_internal::where;

// A feature's value from its input x_t and its window's mean and sd (WindowMoments).
using FromMoments = double (*)(double x, double mean, double sd);

// each_row() on rows begin..end-1.
[[gnu::noinline]] void each_row_span(FromMoments f, const Series& x, const Series& mean,
                                     const Series& sd, size_t begin, size_t end, Series& out) {
  for (size_t t = begin; t < end; ++t) out[t] = clean(f(x[t], mean[t], sd[t]));
}

// out_t = clean(f(x_t, mean_t, sd_t)) on every row: NaN on the rows without window statistics.
// In spans, as the kernels (kernels.hpp in_spans).
Series each_row(FromMoments f, const Series& x, const Series& mean, const Series& sd) {
  Series out(x.size());
  in_spans(0, x.size(),
           [&](size_t begin, size_t end) { each_row_span(f, x, mean, sd, begin, end, out); });
  return out;
}

// ---- computing one feature ---------------------------------------------------------------------

// The smoothings a recursive feature runs (FeatureCarry): rsi's of gains and of losses, macd's
// fast and slow EMAs and macd_hist's signal, atr's of the true range.
size_t smoothings(const FeatureDef& d) {
  return d.kind == "rsi" || d.kind == "macd" ? 2 : d.kind == "macd_hist" ? 3 : 1;
}

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
  // Window kinds compute rows >= `from` only (the rows before stay NaN); every other kind
  // computes every row (row-wise and lag kinds cost a pass), the recursive kinds from the first
  // row or from `carry_in`'s row when it holds their smoothings; their smoothings before the last
  // row are added to `carry_out`.
  Computer(const Frame& frame, size_t from, const FeatureCarry* carry_in = nullptr,
           FeatureCarry* carry_out = nullptr)
      : frame_(frame),
        n_(static_cast<size_t>(frame.rows())),
        from_(from),
        carry_in_(carry_in),
        carry_out_(carry_out) {}

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
    if (k == "log_change") return log_change(d.input, lag);
    if (k == "acceleration") return lagged(log_change(d.input, lag), lag, op_difference);
    if (k == "mean_distance") {
      const Series& x = column(d.input);
      const Series& mean = moments(x, w, 0).mean();
      return each_row([](double now, double mu, double) { return now / mu - 1.0; }, x, mean, mean);
    }
    if (k == "zscore") return zscore(column(d.input), w, 0);
    if (k == "percentile_rank") return percentile_rank(column(d.input), w, from_);
    if (k == "momentum_zscore") return zscore(log_change(d.input, lag), w, lag);
    if (k == "realized_vol") return realized_vol(d.input, w);
    if (k == "drawdown") return drawdown(column(d.input), w, from_);
    if (k == "bollinger_width") {
      WindowMoments& m = moments(column(d.input), w, 0);
      const Series &mean = m.mean(), &sd = m.sd();
      return each_row([](double, double mu, double sigma) { return 4.0 * sigma / mu; }, mean, mean,
                      sd);
    }
    if (k == "rsi") return rsi(d, column(d.input), w);
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
      Series out = realized_vol(d.input2, w);
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

  // ln x_t - ln x_{t-lag} of a column, computed once per column and lag.
  const Series& log_change(const std::string& name, size_t lag) {
    const std::string key = name + " " + std::to_string(lag);
    auto it = log_changes_.find(key);
    if (it == log_changes_.end())
      it = log_changes_.emplace(key, lagged(log_of(name), lag, op_difference)).first;
    return it->second;
  }

  // The window statistics of x over w rows (first as rolling()), computed once per series.
  WindowMoments& moments(const Series& x, size_t w, size_t first) {
    for (const auto& m : moments_)
      if (m->of(x, w, first)) return *m;
    moments_.push_back(std::make_unique<WindowMoments>(x, w, first, from_));
    return *moments_.back();
  }

  // (x_t - mean_w) / sd_w, the windows from row `first` on.
  Series zscore(const Series& x, size_t w, size_t first) {
    WindowMoments& m = moments(x, w, first);
    const Series &mean = m.mean(), &sd = m.sd();
    return each_row([](double now, double mu, double sigma) { return (now - mu) / sigma; }, x, mean,
                    sd);
  }

  // 100 sqrt(252) sd_w of the 1-day log changes of a column.
  Series realized_vol(const std::string& name, size_t w) {
    const Series& sd = moments(log_change(name, 1), w, 1).sd();
    return each_row([](double, double, double sigma) { return sigma * kAnnualPercent; }, sd, sd,
                    sd);
  }

  // A recursive feature's smoothings: from carry_in_'s row when it holds `count` of them for the
  // feature, else from the first row; `last` receives those before the last row.
  struct Recursion {
    size_t begin = 0;
    std::vector<Smoothing> now, last;
  };

  Recursion recursion(const FeatureDef& d, size_t count) const {
    Recursion r;
    r.now.assign(count, Smoothing{});
    r.last.assign(count, Smoothing{});
    if (carry_in_ == nullptr || carry_in_->row >= n_) return r;
    const auto& names = carry_in_->names;
    const auto it = std::find(names.begin(), names.end(), d.name);
    if (it == names.end() ||
        carry_in_->states[static_cast<size_t>(it - names.begin())].size() != count)
      return r;
    r.begin = carry_in_->row;
    r.now = carry_in_->states[static_cast<size_t>(it - names.begin())];
    return r;
  }

  void keep(const FeatureDef& d, Recursion& r) {
    if (carry_out_ == nullptr) return;
    carry_out_->names.push_back(d.name);
    carry_out_->states.push_back(std::move(r.last));
  }

  Series rsi(const FeatureDef& def, const Series& x, size_t w) {
    Recursion r = recursion(def, smoothings(def));
    Series gains(n_, kNaN), losses(n_, kNaN);
    for (size_t t = std::max<size_t>(1, r.begin); t < n_; ++t) {
      const double d = x[t] - x[t - 1];
      if (!finite(d)) continue;
      gains[t] = d > 0.0 ? d : 0.0;
      losses[t] = d < 0.0 ? -d : 0.0;
    }
    const Series up = wilder(gains, w, r.begin, r.now[0], r.last[0]);
    const Series down = wilder(losses, w, r.begin, r.now[1], r.last[1]);
    keep(def, r);
    Series out(n_, kNaN);
    for (size_t t = r.begin; t < n_; ++t) {
      if (!finite(up[t]) || !finite(down[t])) continue;
      const double total = up[t] + down[t];
      out[t] = total == 0.0 ? 50.0 : clean(100.0 * up[t] / total);
    }
    return out;
  }

  Series macd(const FeatureDef& d) {
    const Series& x = column(d.input);
    const bool hist = d.kind == "macd_hist";
    Recursion r = recursion(d, smoothings(d));
    const Series fast = ema(x, index_of(d.window), r.begin, r.now[0], r.last[0]);
    const Series slow = ema(x, index_of(d.window2), r.begin, r.now[1], r.last[1]);
    Series line(n_, kNaN);
    for (size_t t = r.begin; t < n_; ++t) line[t] = clean(fast[t] - slow[t]);
    Series out = line;
    if (hist) {
      const Series signal = ema(line, index_of(d.window3), r.begin, r.now[2], r.last[2]);
      for (size_t t = r.begin; t < n_; ++t) out[t] = clean(line[t] - signal[t]);
    }
    keep(d, r);
    if (d.relative)
      for (size_t t = r.begin; t < n_; ++t) out[t] = clean(out[t] / x[t]);
    return out;
  }

  // Pearson correlation over w rows of the 1-day log changes of two columns.
  Series correlation(const FeatureDef& d, size_t w) {
    const Series& a = log_change(d.input, 1);
    const Series& b = log_change(d.input2, 1);
    return feature_kernels::correlation(a, b, w, from_, moments(a, w, 1), moments(b, w, 1));
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
      Recursion r = recursion(d, smoothings(d));
      Series range(n_, kNaN);
      for (size_t t = std::max<size_t>(1, r.begin); t < n_; ++t) {
        const double prev = close[t - 1];
        range[t] = clean(std::max(high[t] - low[t],
                                  std::max(std::abs(high[t] - prev), std::abs(low[t] - prev))));
        if (!finite(high[t]) || !finite(low[t]) || !finite(prev)) range[t] = kNaN;
      }
      out = wilder(range, w, r.begin, r.now[0], r.last[0]);
      keep(d, r);
    } else if (k == "vwap_distance") {
      const Series& volume = column(s + ".volume");
      // Typical price times volume: NaN when any of high, low, close, volume is missing.
      Series weighted(n_);
      for (size_t t = 0; t < n_; ++t) weighted[t] = (high[t] + low[t] + close[t]) / 3.0 * volume[t];
      return rolling_pairs(
          weighted, volume, w,
          [&close](const double* pv, const double* v, size_t n, size_t t) {
            const double sum_pv = ordered_sum(n, [pv](size_t j) { return pv[j]; });
            const double sum_v = ordered_sum(n, [v](size_t j) { return v[j]; });
            return close[t] / (sum_pv / sum_v) - 1.0;
          },
          0, from_);
    } else {
      const Series& open = column(s + ".open");
      if (k == "garman_klass") {
        Series daily(n_);
        for (size_t t = 0; t < n_; ++t) {
          const double hl = log_or_nan(high[t]) - log_or_nan(low[t]);
          const double co = log_or_nan(close[t]) - log_or_nan(open[t]);
          daily[t] = 0.5 * hl * hl - kGarmanKlassWeight * co * co;
        }
        return rolling(
            daily, w,
            [](const double* v, size_t n, double) {
              return 100.0 * std::sqrt(252.0 * std::max(0.0, mean_of(v, n)));
            },
            0, from_);
      }
      const int part = k == "candle_body"         ? 0
                       : k == "candle_upper_wick" ? 1
                       : k == "candle_lower_wick" ? 2
                       : k == "candle_wick_ratio" ? 3
                                                  : -1;
      for (size_t t = 0; t < n_; ++t) {
        const double o = open[t], h = high[t], l = low[t], c = close[t];
        if (!finite(o) || !finite(h) || !finite(l) || !finite(c)) continue;
        const double upper = h - std::max(o, c), lower = std::min(o, c) - l;
        if (part == 0) out[t] = std::abs(c - o);
        if (part == 1) out[t] = upper;
        if (part == 2) out[t] = lower;
        // A bar with no range (high == low) has no wicks: ratio 0, not 0/0.
        if (part == 3) out[t] = h > l ? clean((upper + lower) / (h - l)) : 0.0;
      }
    }
    if (d.relative)
      for (size_t t = 0; t < n_; ++t) out[t] = clean(out[t] / close[t]);
    return out;
  }

  const Frame& frame_;
  size_t n_;
  size_t from_;
  const FeatureCarry* carry_in_;
  FeatureCarry* carry_out_;
  std::map<std::string, Series> logs_;
  std::map<std::string, Series> log_changes_;  // by "column lag"
  std::vector<std::unique_ptr<WindowMoments>> moments_;
};

}  // namespace

double FeatureMatrix::at(Eigen::Index row, Eigen::Index col) const {
  return row < first_row ? kNaN : values(row - first_row, col);
}

MatrixView FeatureMatrix::view() const {
  return MatrixView{values.data(), rows(), values.cols(), static_cast<int64_t>(first_row)};
}

int64_t FeatureMatrix::column_index(const std::string& name) const {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) throw Error("feature matrix: no feature \"" + name + "\"");
  return static_cast<int64_t>(it - names.begin());
}

namespace {

// Row t of a kind other than the recursive ones reads rows t - min_history .. t of its inputs only
// (spec.hpp); the recursive smoothings carry their state from the first row (or a carry's row).
bool recursive(const FeatureDef& d) {
  return d.kind == "rsi" || d.kind == "macd" || d.kind == "macd_hist" || d.kind == "atr";
}

// Whether `carry` holds the smoothings of every recursive feature of the spec.
bool carries_all(const FeatureSpec& spec, const FeatureCarry& carry) {
  for (const auto& d : spec.features) {
    if (!recursive(d)) continue;
    const auto it = std::find(carry.names.begin(), carry.names.end(), d.name);
    if (it == carry.names.end() ||
        carry.states[static_cast<size_t>(it - carry.names.begin())].size() != smoothings(d))
      return false;
  }
  return true;
}

// Rows `from`.. of the frame's `columns`.
Frame rows_from(const Frame& frame, size_t from, const std::set<std::string>& columns) {
  const auto begin = static_cast<std::ptrdiff_t>(from);
  Frame out(std::vector<Day>(frame.dates().begin() + begin, frame.dates().end()));
  for (const auto& name : columns) {
    const Series& c = frame.column(name);
    out.set(name, Series(c.begin() + begin, c.end()));
  }
  return out;
}

// Rows begin..end-1 of the matrix's columns c0.. from a group of computed columns: column c0 + i
// of row r is group[i][r - offsets[i]]. In spans (kernels.hpp in_spans).
// The matrix holds rows `first`.. (FeatureMatrix::first_row).
[[gnu::noinline]] void copy_rows(const std::vector<Series>& group,
                                 const std::vector<Eigen::Index>& offsets, Eigen::Index c0,
                                 size_t begin, size_t end, size_t first, RowMatrix& values) {
  std::vector<const double*> from(group.size());
  for (size_t i = 0; i < group.size(); ++i)
    from[i] = group[i].data() - static_cast<size_t>(offsets[i]);
  for (size_t r = begin; r < end; ++r) {
    double* row = values.row(static_cast<Eigen::Index>(r - first)).data() + c0;
    for (size_t i = 0; i < from.size(); ++i) row[i] = from[i][r];
  }
}

void check_columns(const Frame& frame, const FeatureSpec& spec) {
  for (const auto& d : spec.features)
    for (const auto& c : required_columns(d))
      if (!frame.has(c)) {
        std::string known;
        for (const auto& name : frame.names()) known += (known.empty() ? "" : ", ") + name;
        throw Error(where(d) + " (kind \"" + d.kind + "\") needs column \"" + c +
                    "\", which the frame lacks (columns: " + known + ")");
      }
}

}  // namespace

VIXRAY_COMPILE_FOR_SIZE FeatureMatrix compute_features(const Frame& frame, const FeatureSpec& spec,
                                                       size_t first_row,
                                                       const FeatureCarry* carry) {
  validate_feature_spec(spec);
  check_columns(frame, spec);
  if (carry != nullptr && carry->row > first_row)
    throw Error("features: the recursive features' carry is of a row after the first computed");
  const auto rows = static_cast<Eigen::Index>(frame.rows());
  const auto cols = static_cast<Eigen::Index>(spec.features.size());
  const auto from = std::min(static_cast<Eigen::Index>(first_row), rows);
  FeatureMatrix out;
  out.carry.row = rows > 0 ? static_cast<size_t>(rows - 1) : 0;
  out.names = spec.names();
  // The rows from `from` on only: a market extended by a day holds one row, not every day's.
  out.first_row = from;
  out.values.resize(rows - from, cols);
  out.warmup.assign(spec.features.size(), static_cast<int32_t>(rows));
  // From a later row, the kinds of bounded history run on the rows they read: from `from` minus
  // the longest history on (`recent`); the recursive ones there too when `carry` holds all of
  // them (from its row, which the rows read include with the one before), else on every row
  // (`whole`).
  const bool carried =
      carry != nullptr && carries_all(spec, *carry) && carry->row < static_cast<size_t>(rows);
  size_t reach = 0;
  std::set<std::string> read;
  for (const auto& d : spec.features)
    if (!recursive(d) || carried) {
      if (!recursive(d)) reach = std::max(reach, index_of(min_history(d)));
      for (auto& c : required_columns(d)) read.insert(std::move(c));
    }
  size_t lo = static_cast<size_t>(from) > reach ? static_cast<size_t>(from) - reach : 0;
  if (carried) lo = std::min(lo, carry->row > 0 ? carry->row - 1 : 0);
  const Frame tail = lo > 0 ? rows_from(frame, lo, read) : Frame{};
  FeatureCarry rebased;
  if (carried && lo > 0) {
    rebased = *carry;
    rebased.row -= lo;
  }
  Computer whole(frame, static_cast<size_t>(from), carry, &out.carry);
  Computer recent(lo > 0 ? tail : frame, static_cast<size_t>(from) - lo, &rebased, &out.carry);
  // Columns are computed a group at a time and copied row by row: a group's values of one row
  // are adjacent in the row-major matrix (8 doubles, one cache line), where a column at a time
  // would write one value per cache line.
  constexpr Eigen::Index kGroup = 8;
  std::vector<Series> group;
  std::vector<Eigen::Index> offsets;
  for (Eigen::Index c0 = 0; c0 < cols; c0 += kGroup) {
    const Eigen::Index c1 = std::min(cols, c0 + kGroup);
    group.clear();
    offsets.clear();
    for (Eigen::Index c = c0; c < c1; ++c) {
      const FeatureDef& d = spec.features[static_cast<size_t>(c)];
      const bool bounded = lo > 0 && (!recursive(d) || carried);
      group.push_back(bounded ? recent.compute(d) : whole.compute(d));
      offsets.push_back(static_cast<Eigen::Index>(bounded ? lo : 0));
      const Series& values = group.back();
      for (Eigen::Index r = from; r < rows; ++r)
        if (!std::isnan(values[static_cast<size_t>(r - offsets.back())])) {
          out.warmup[static_cast<size_t>(c)] = static_cast<int32_t>(r);
          break;
        }
    }
    in_spans(static_cast<size_t>(from), static_cast<size_t>(rows), [&](size_t begin, size_t end) {
      copy_rows(group, offsets, c0, begin, end, static_cast<size_t>(from), out.values);
    });
  }
  return out;
}

}  // namespace vixray
