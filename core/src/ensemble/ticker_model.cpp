// Training a per-market ticker model and its bundle (ticker_model.hpp).
#include "vixray/ensemble/ticker_model.hpp"

#include <algorithm>
#include <cmath>

#include "vixray/base/error.hpp"
#include "vixray/base/quantile.hpp"
#include "vixray/base/version.hpp"
#include "vixray/data/json_fields.hpp"
#include "vixray/ensemble/model_io.hpp"
#include "vixray/features/catalogue.hpp"
#include "vixray/features/compute.hpp"

namespace vixray {

using nlohmann::json;

namespace {

// 2.0: the forest and the calibration as typed arrays (model_io.hpp); 1.0 is still read.
constexpr int kTickerFormatMajor = 2;
constexpr int kTickerFormatMinor = 0;
constexpr int64_t kMaxBundleRows = int64_t{1} << 40;

std::string file_name_of(const TickerTrainFile& file, size_t index) {
  return "training file " + std::to_string(index + 1) + " (" +
         (file.bars.ticker.empty() ? std::string("no ticker") : file.bars.ticker) + ")";
}

// Appends the complete feature rows (every indicator finite) of one file to `rows`.
int64_t append_complete_rows(const FeatureMatrix& features, std::vector<double>& rows) {
  int64_t added = 0;
  const RowMatrix& v = features.values;
  for (Eigen::Index r = 0; r < v.rows(); ++r) {
    bool complete = true;
    for (Eigen::Index c = 0; c < v.cols() && complete; ++c) complete = std::isfinite(v(r, c));
    if (!complete) continue;
    for (Eigen::Index c = 0; c < v.cols(); ++c) rows.push_back(v(r, c));
    ++added;
  }
  return added;
}

}  // namespace

FeatureMatrix ticker_indicators(const FeatureSpec& spec, const Bars& bars) {
  std::vector<Day> rows(static_cast<size_t>(bars.size()));
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<Day>(i);
  Frame frame(std::move(rows));
  frame.set("ticker.open", bars.open);
  frame.set("ticker.high", bars.high);
  frame.set("ticker.low", bars.low);
  frame.set("ticker.close", bars.close);
  frame.set("ticker.volume", bars.volume);
  return compute_features(frame, spec);
}

TickerModel train_ticker_model(const std::vector<TickerTrainFile>& files,
                               const TickerSettings& settings) {
  if (files.empty()) throw Error("ticker model: expected at least one file of bars");
  TickerModel model;
  model.version = kVersion;
  model.market = settings.hours.market;
  model.hours = settings.hours;
  model.spec = ticker_feature_catalogue(settings.price_relative);
  model.contamination = settings.contamination;
  model.settings = settings.resolved;
  std::vector<double> pooled;
  for (size_t i = 0; i < files.size(); ++i) {
    const Bars& bars = files[i].bars;
    if (bars.size() < 2)
      throw Error(file_name_of(files[i], i) + ": expected at least 2 bars, got " +
                  std::to_string(bars.size()));
    const BarCheck check = check_bars(bars, settings.hours, 0);
    if (i == 0) {
      model.interval_s = check.interval_s;
      model.daily = check.daily;
    } else if (check.interval_s != model.interval_s || check.daily != model.daily) {
      throw Error(
          file_name_of(files[i], i) + ": interval " + interval_name(check.interval_s, check.daily) +
          ", but " + file_name_of(files[0], 0) + " has " +
          interval_name(model.interval_s, model.daily) + " (one model is trained on one interval)");
    }
    const FeatureMatrix features = ticker_indicators(model.spec, bars);
    append_complete_rows(features, pooled);
    model.tickers.push_back(TickerInfo{bars.ticker, files[i].asset_class, bars.time.front(),
                                       bars.time.back(), bars.size()});
  }
  const auto n_features = static_cast<Eigen::Index>(model.spec.features.size());
  const auto n_rows = static_cast<Eigen::Index>(pooled.size()) / n_features;
  if (n_rows < settings.sample_size)
    throw Error("ticker model: " + std::to_string(n_rows) +
                " complete indicator rows after warm-up, fewer than sample_size " +
                std::to_string(settings.sample_size) + " (give more bars or lower sample_size)");
  const RowMatrix x = Eigen::Map<const RowMatrix>(pooled.data(), n_rows, n_features);
  ForestParams params;
  params.n_trees = settings.n_trees;
  params.sample_size = settings.sample_size;
  params.seed = settings.seed;
  model.forest = IsolationForest::fit(x, params, model.spec.names());
  const Vector raw = model.forest.score_samples(x);
  std::vector<double> sorted(raw.data(), raw.data() + raw.size());
  std::sort(sorted.begin(), sorted.end());
  // Type 7 quantile (base/quantile.hpp): about `contamination` of the training bars lie above.
  model.threshold = quantile_sorted(sorted, 1.0 - settings.contamination);
  model.calibration = Calibration::fit(std::move(sorted), settings.calibration_knots);
  model.training_rows = n_rows;
  return model;
}

json ticker_model_to_json(const TickerModel& m, BundleForm form) {
  json tickers = json::array();
  for (const auto& t : m.tickers)
    tickers.push_back(json{{"ticker", t.ticker},
                           {"asset_class", t.asset_class},
                           {"first", format_bar_time(t.first, m.daily)},
                           {"last", format_bar_time(t.last, m.daily)},
                           {"bars", t.bars}});
  json spec;
  to_json(spec, m.spec);
  return json{{"format", kTickerModelFormat},
              {"format_version", form == BundleForm::kPacked2
                                     ? format_version_text(kTickerFormatMajor, kTickerFormatMinor)
                                     : format_version_text(1, 0)},
              {"version", m.version},
              {"market", m.market},
              {"interval", interval_name(m.interval_s, m.daily)},
              {"interval_s", m.interval_s},
              {"daily", m.daily},
              {"hours", m.hours.to_json()},
              {"tickers", std::move(tickers)},
              {"training_rows", m.training_rows},
              {"contamination", m.contamination},
              {"threshold", m.threshold},
              {"feature_spec", std::move(spec)},
              {"forest", m.forest.to_json(form)},
              {"calibration", calibration_to_json(m.calibration, form)},
              {"settings", m.settings}};
}

namespace {

int64_t read_bar_time(const JsonFields& t, const char* key, bool daily) {
  const std::string text = t.string(key);
  int64_t utc = 0;
  bool date_only = false;
  if (!parse_bar_time(text, PosixTz::parse("UTC0"), utc, date_only) || date_only != daily)
    throw Error(t.place(key) + ": expected " +
                (daily ? std::string("a date YYYY-MM-DD") : std::string("a UTC time")) +
                ", got \"" + text + "\"");
  return utc;
}

std::vector<TickerInfo> tickers_from_json(const JsonFields& j, bool daily) {
  const json& array = j.array("tickers");
  if (array.empty()) throw Error(j.place("tickers") + ": expected at least one ticker");
  std::vector<TickerInfo> tickers;
  for (size_t i = 0; i < array.size(); ++i) {
    const JsonFields t(array[i], item_place(j.place("tickers"), i));
    TickerInfo info{t.string("ticker"), t.string("asset_class"), read_bar_time(t, "first", daily),
                    read_bar_time(t, "last", daily), t.integer("bars", 1, kMaxBundleRows)};
    if (info.last < info.first) throw Error(t.place("last") + ": before \"first\"");
    tickers.push_back(std::move(info));
  }
  return tickers;
}

}  // namespace

TickerModel ticker_model_from_json(const json& bundle) {
  const JsonFields j(bundle, "ticker_model");
  const int major =
      check_format_version(j, kTickerModelFormat, kTickerFormatMajor, kTickerFormatMinor);
  TickerModel m;
  m.version = j.string("version");
  m.market = j.string("market");
  m.interval_s = j.integer("interval_s", 1, 366 * 86400);
  m.daily = j.boolean("daily");
  m.hours = MarketHours::from_json(j.get("hours"), j.place("hours"));
  m.tickers = tickers_from_json(j, m.daily);
  m.training_rows = j.integer("training_rows", 2, kMaxBundleRows);
  m.contamination = j.number("contamination");
  if (!(m.contamination > 0.0 && m.contamination <= 0.5))
    throw Error(j.place("contamination") + ": expected a share in (0, 0.5], got " +
                number_text(m.contamination));
  m.threshold = j.number("threshold");
  m.spec = feature_spec_from_json(j.get("feature_spec"), j.place("feature_spec"));
  try {
    m.forest = IsolationForest::from_json(j.get("forest"));
  } catch (const Error& e) {
    throw Error(j.place("forest") + ": " + e.what());
  }
  if (m.forest.n_features() != static_cast<int32_t>(m.spec.features.size()))
    throw Error(j.place("forest") + ": " + std::to_string(m.forest.n_features()) +
                " features, but feature_spec has " + std::to_string(m.spec.features.size()));
  m.calibration = calibration_from_json(j.object("calibration"), major);
  m.settings = j.get("settings");
  return m;
}

}  // namespace vixray
