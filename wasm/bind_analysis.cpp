// Embind declarations for the ensemble: load a model bundle, compute the Analysis from typed
// arrays, explain a day with TreeSHAP. A thin layer: the core computes everything. Results cross
// as JSON text produced by the same core function the CLI uses (analysis_to_json), so native and
// browser outputs are compared field by field; or, for the page, as the small summary JSON
// (analysis_summary_json) plus the per-day columns as typed arrays over the core's own buffers
// (analysis_columns.hpp), which skips ~6 MB of number text each way.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "guarded.hpp"
#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/analysis_columns.hpp"
#include "vixray/analysis/analysis_json.hpp"
#include "vixray/analysis/explain.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/analysis/report.hpp"
#include "vixray/analysis/what_if.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/market_json.hpp"
#include "vixray/data/price_files.hpp"
#include "vixray/ensemble/detector_scores.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/model_io.hpp"

using emscripten::val;
using vixray::wasm::guarded;

namespace {

/// UTF-8 text filled from JavaScript bytes (a Uint8Array view, .set() once): reading a few MB of
/// JSON this way skips Embind's character-by-character string conversion.
class TextBuffer {
 public:
  explicit TextBuffer(int length) : text_(static_cast<size_t>(std::max(length, 0)), '\0') {}
  val view() {
    return val(emscripten::typed_memory_view(text_.size(),
                                             reinterpret_cast<unsigned char*>(text_.data())));
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

class EnsembleModel {
 public:
  explicit EnsembleModel(vixray::EnsembleModel model) : model_(std::move(model)) {}

  /// Loads a bundle (format checked; the content hash is checked by the native CLI).
  static EnsembleModel* fromJSON(const std::string& text) {
    return guarded([&] { return new EnsembleModel(vixray::load_model(text)); });
  }
  /// The same from a TextBuffer.
  static EnsembleModel* fromBuffer(const TextBuffer& text) { return fromJSON(text.text()); }

  /// Input buffers owned here, filled from JavaScript with .set(): "features" (rows x cols,
  /// row-major, NaN = missing), "vix", "spx" (rows) and "dates" (rows, days since 1970-01-01).
  val buffer(const std::string& name, int length) {
    return guarded([&] {
      if (length < 0) throw vixray::Error("buffer: length must not be negative");
      std::vector<double>& b = slot(name);
      b.assign(static_cast<size_t>(length), 0.0);
      return val(emscripten::typed_memory_view(b.size(), b.data()));
    });
  }

  void setFeatureNames(val names) {
    guarded([&] {
      feature_names_.clear();
      const auto count = names["length"].as<unsigned>();
      for (unsigned i = 0; i < count; ++i) feature_names_.push_back(names[i].as<std::string>());
      return 0;
    });
  }

  /// The Analysis of the buffered input as JSON text.
  std::string analyze(int rows, int cols) {
    return guarded([&] {
      const vixray::AnalysisInput in = input(rows, cols);
      return vixray::analysis_to_json(vixray::analyze(model_, in), model_).dump();
    });
  }

  /// TreeSHAP of every detector on day `day` (row index) as JSON text:
  /// {"detectors": {name: {"features": [...], "phi": [...], "expected_value", "path_length"} |
  /// null on a warm-up day}}. phi in path-length units: negative = pushes the score up.
  std::string explain(int rows, int cols, int day) {
    return guarded([&] {
      const vixray::AnalysisInput in = input(rows, cols);
      vixray::Analysis none;
      none.dates = in.dates;
      return vixray::explanations_to_json(model_, none, vixray::explain_day(model_, in, day), day)
          .dump();
    });
  }

  // ---- market session: raw prices in, everything computed here (features from the model's
  // spec, Analysis, explanations, what-if, the reader's own files) --------------------------

  /// Loads market.json (raw prices) and returns the Analysis JSON; later calls work on it.
  std::string analyzeMarket(const std::string& market_text) {
    return guarded([&] {
      load(vixray::load_market_json(market_text));
      commit();
      return vixray::analysis_to_json(analysis_, model_).dump();
    });
  }

  // The same in stages, so the page can time them and read the result as typed arrays:
  // loadMarket / loadFiles (read the prices, compute the model's features), analyzeLoaded (the
  // Analysis; the loaded market becomes the current one), then summary() and column(name).

  /// Reads market.json and computes the model's features; returns the number of days.
  int loadMarket(const std::string& market_text) {
    return guarded([&] { return load(vixray::load_market_json(market_text)); });
  }

  /// loadMarket from a TextBuffer.
  int loadMarketBuffer(const TextBuffer& market) { return loadMarket(market.text()); }

  /// loadMarketBuffer computing only the features detectors `detectors` ([indices]) read, to
  /// score just those (scoreLoaded); such a market cannot be analysed (analyzeLoaded refuses).
  int loadMarketBufferFor(const TextBuffer& market, val detectors) {
    return guarded([&] {
      std::vector<size_t> part;
      const auto count = detectors["length"].as<unsigned>();
      for (unsigned i = 0; i < count; ++i) {
        const int k = detectors[i].as<int>();
        if (k < 0) throw vixray::Error("detector " + std::to_string(k) + " does not exist");
        part.push_back(static_cast<size_t>(k));
      }
      return load(vixray::load_market_json(market.text()),
                  vixray::detectors_feature_spec(model_, part), true);
    });
  }

  /// Reads the reader's CSV files ([{name, text}]) and computes the features; returns the days.
  int loadFiles(val files) {
    return guarded([&] { return load(read_files(files)); });
  }

  /// The Analysis of the loaded market, which becomes the current market.
  void analyzeLoaded() {
    guarded([&] {
      commit();
      return 0;
    });
  }

  // Detectors scored apart (e.g. half of them by a second worker's instance of the core, which
  // loaded the same bundle and market): scoreLoaded(k) scores detector k of the loaded market here
  // and returns its scores (a view: slice it at once); scoresFor(k) returns a zeroed view of one
  // value per loaded day to .set() with scores computed elsewhere. analyzeLoaded() scores the
  // detectors that have no scores yet, so the Analysis is the same however they were split.

  /// Scores detector k (model order) on the loaded market; a Float64Array view, one per day.
  val scoreLoaded(int k) {
    return guarded([&] {
      std::vector<double>& scores = loaded_scores(k);
      scores = vixray::detector_scores(model_, loaded_prepared_.input(), static_cast<size_t>(k));
      return view(scores);
    });
  }

  /// A view of zeros, one per loaded day, to fill with detector k's scores computed elsewhere.
  val scoresFor(int k) {
    return guarded([&] {
      std::vector<double>& scores = loaded_scores(k);
      scores.assign(static_cast<size_t>(loaded_frame_.rows()), 0.0);
      return view(scores);
    });
  }

  /// The current Analysis without its per-day arrays (analysis_summary_json) as JSON text.
  std::string summary() const {
    return guarded([&] {
      need_market();
      return vixray::analysis_summary_json(analysis_, model_).dump();
    });
  }

  /// A per-day column of the current Analysis as a typed array over this object's memory
  /// (valid until the next call that allocates: slice it at once). Names as in analysis_to_json:
  /// dates (Int32Array, days since 1970-01-01), vix_close, spx_close, ensemble_score,
  /// ensemble_std, ensemble_min, ensemble_max, forward_return (Float64Array, NaN = missing),
  /// level (Int8Array, -1 = unavailable), regime, detectors_at_high (Int32Array), and from
  /// analysis_columns.hpp: streak, regime_days, domains_at_high (Int32Array), detector_scores,
  /// domain_scores (Float64Array, detector- / domain-major), domain_levels (Int8Array,
  /// domain-major).
  val column(const std::string& name) const {
    return guarded([&] {
      need_market();
      const auto& a = analysis_;
      const auto& c = columns_;
      if (name == "dates") return view(a.dates);
      if (name == "vix_close") return view(a.vix_close);
      if (name == "spx_close") return view(a.spx_close);
      if (name == "ensemble_score") return view(a.ensemble_score);
      if (name == "ensemble_std") return view(a.ensemble_std);
      if (name == "ensemble_min") return view(a.ensemble_min);
      if (name == "ensemble_max") return view(a.ensemble_max);
      if (name == "forward_return") return view(a.forward_return);
      if (name == "regime") return view(a.regimes.regime);
      if (name == "detectors_at_high") return view(a.detectors_at_high);
      if (name == "level") return view(c.level);
      if (name == "streak") return view(c.streak);
      if (name == "regime_days") return view(c.regime_days);
      if (name == "domains_at_high") return view(c.domains_at_high);
      if (name == "detector_scores") return view(c.detector_scores);
      if (name == "domain_scores") return view(c.domain_scores);
      if (name == "domain_levels") return view(c.domain_levels);
      throw vixray::Error("column: unknown column \"" + name + "\"");
    });
  }

  /// Reads the reader's CSV files ([{name, text}], series from the file name or header) and
  /// makes them the current market; returns the Analysis JSON.
  std::string analyzeFiles(val files) {
    return guarded([&] {
      load(read_files(files));
      commit();
      return vixray::analysis_to_json(analysis_, model_).dump();
    });
  }

  /// TreeSHAP of every detector on one day of the current market.
  std::string explainDay(int day) {
    return guarded([&] {
      need_market();
      return vixray::explanations_to_json(model_, analysis_,
                                          vixray::explain_day(model_, prepared_.input(), day), day)
          .dump();
    });
  }

  /// The current market with one more day (VIX close, S&P return in %): that day's summary and
  /// drivers; the current market is unchanged. The forests score only the new day (the other
  /// days' scores come from the current Analysis), so the page can answer as the reader types.
  std::string whatIf(double vix_close, double spx_return_pct) {
    return guarded([&] {
      need_market();
      const vixray::Frame extended = vixray::extend_what_if(frame_, vix_close, spx_return_pct);
      const vixray::PreparedMarket prepared =
          vixray::prepare_market(extended, vixray::model_feature_spec(model_));
      const vixray::Analysis analysis =
          vixray::analyze_appended(model_, prepared.input(), analysis_);
      const int64_t day = static_cast<int64_t>(analysis.dates.size()) - 1;
      nlohmann::json out = vixray::day_summary(analysis, model_, day);
      out["drivers"] = vixray::explanations_to_json(
          model_, analysis, vixray::explain_day(model_, prepared.input(), day), day);
      return out.dump();
    });
  }

#ifdef VIXRAY_WASM_FULL_API  // the Node tests' build (wasm/CMakeLists.txt); the page has no use
  /// The eight seed-000 documents of the current market ({file name: document}).
  std::string documents(const std::string& timestamp, const std::string& training_date) {
    return guarded([&] {
      need_market();
      const auto explanations =
          analysis_.today >= 0 ? vixray::explain_day(model_, prepared_.input(), analysis_.today)
                               : std::vector<vixray::DetectorExplanation>{};
      nlohmann::json out = nlohmann::json::object();
      for (auto& [name, doc] :
           vixray::seed000_documents(analysis_, model_, explanations, {timestamp, training_date}))
        out[name] = std::move(doc);
      return out.dump();
    });
  }

  std::string toJSON() const { return vixray::model_to_json(model_).dump(); }
#endif
  int nDetectors() const { return static_cast<int>(model_.detectors.size()); }
  val featureNames() const {
    // Every feature the model reads, first use order.
    val names = val::array();
    std::vector<std::string> seen;
    for (const auto& d : model_.detectors)
      for (const auto& f : d.features)
        if (std::find(seen.begin(), seen.end(), f) == seen.end()) {
          seen.push_back(f);
          names.call<void>("push", f);
        }
    return names;
  }

 private:
  static vixray::Frame read_files(val files) {
    std::vector<vixray::SeriesText> inputs;
    const auto count = files["length"].as<unsigned>();
    for (unsigned i = 0; i < count; ++i) {
      const std::string name = files[i]["name"].as<std::string>();
      const std::string series = vixray::series_name_from_file(name);
      if (series.empty())
        throw vixray::Error(name +
                            ": cannot tell which series this is from its name; name it "
                            "like vix.csv, spx.csv, vix9d.csv, vix3m.csv, vvix.csv or skew.csv");
      inputs.push_back({series, name, files[i]["text"].as<std::string>()});
    }
    return vixray::read_price_csvs(inputs).frame;
  }

  /// Features of a frame, held until commit(); the current market is unchanged until then.
  int load(vixray::Frame frame) {
    return load(std::move(frame), vixray::model_feature_spec(model_), false);
  }
  int load(vixray::Frame frame, const vixray::FeatureSpec& spec, bool part_only) {
    loaded_prepared_ = vixray::prepare_market(frame, spec);
    loaded_frame_ = std::move(frame);
    loaded_scores_.assign(model_.detectors.size(), {});
    loaded_part_only_ = part_only;
    has_loaded_ = true;
    return static_cast<int>(loaded_frame_.rows());
  }

  /// The Analysis of the loaded frame; on success the loaded frame becomes the current market.
  void commit() {
    if (!has_loaded_) throw vixray::Error("no market loaded: call loadMarket or loadFiles first");
    if (loaded_part_only_)
      throw vixray::Error("the market was loaded for some detectors only (loadMarketBufferFor)");
    const vixray::AnalysisInput input = loaded_prepared_.input();
    for (size_t k = 0; k < loaded_scores_.size(); ++k)
      if (loaded_scores_[k].empty()) loaded_scores_[k] = vixray::detector_scores(model_, input, k);
    vixray::Analysis analysis = vixray::analyze_scored(model_, input, std::move(loaded_scores_));
    loaded_scores_.clear();
    columns_ = vixray::analysis_columns(analysis);
    analysis_ = std::move(analysis);
    frame_ = std::move(loaded_frame_);
    prepared_ = std::move(loaded_prepared_);
    loaded_frame_ = vixray::Frame{};
    loaded_prepared_ = vixray::PreparedMarket{};
    has_loaded_ = false;
    has_market_ = true;
  }

  template <typename T>
  static val view(const std::vector<T>& values) {
    return val(emscripten::typed_memory_view(values.size(), values.data()));
  }

  std::vector<double>& loaded_scores(int k) {
    if (!has_loaded_) throw vixray::Error("no market loaded: call loadMarket or loadFiles first");
    if (k < 0 || static_cast<size_t>(k) >= loaded_scores_.size())
      throw vixray::Error("detector " + std::to_string(k) + " does not exist (the model has " +
                          std::to_string(loaded_scores_.size()) + ")");
    return loaded_scores_[static_cast<size_t>(k)];
  }

  void need_market() const {
    if (!has_market_) throw vixray::Error("no market loaded: call analyzeMarket first");
  }

  std::vector<double>& slot(const std::string& name) {
    if (name == "features") return features_;
    if (name == "vix") return vix_;
    if (name == "spx") return spx_;
    if (name == "dates") return dates_;
    throw vixray::Error("buffer: unknown input \"" + name +
                        "\" (expected features, vix, spx or dates)");
  }

  vixray::AnalysisInput input(int rows, int cols) const {
    if (rows < 0 || cols < 0) throw vixray::Error("analyze: rows and cols must not be negative");
    const auto n = static_cast<size_t>(rows);
    if (features_.size() != n * static_cast<size_t>(cols))
      throw vixray::Error("analyze: rows x cols (" + std::to_string(rows) + " x " +
                          std::to_string(cols) + ") does not match the features buffer (" +
                          std::to_string(features_.size()) + " values)");
    if (dates_.size() != n || vix_.size() != n || spx_.size() != n)
      throw vixray::Error("analyze: dates, vix and spx buffers must hold " + std::to_string(rows) +
                          " values each");
    vixray::AnalysisInput in;
    for (double d : dates_) {
      if (!(std::isfinite(d) && d == std::floor(d) && std::abs(d) < 1e8))
        throw vixray::Error("analyze: dates must be whole days since 1970-01-01");
      in.dates.push_back(static_cast<vixray::Day>(d));
    }
    in.feature_names = feature_names_;
    in.features = vixray::MatrixView{features_.data(), rows, cols};
    in.vix_close = vix_;
    in.spx_close = spx_;
    return in;
  }

  vixray::EnsembleModel model_;
  bool has_market_ = false;
  vixray::Frame frame_;
  vixray::PreparedMarket prepared_;
  vixray::Analysis analysis_;
  vixray::AnalysisColumns columns_;
  bool has_loaded_ = false;  // a market read by load() and not analysed yet
  vixray::Frame loaded_frame_;
  vixray::PreparedMarket loaded_prepared_;
  std::vector<std::vector<double>> loaded_scores_;  // per detector; empty = not scored yet
  bool loaded_part_only_ = false;  // features of some detectors only (loadMarketBufferFor)
  std::vector<std::string> feature_names_;
  std::vector<double> features_, vix_, spx_, dates_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(analysis) {
  emscripten::class_<TextBuffer>("TextBuffer")
      .constructor<int>()
      .function("view", &TextBuffer::view);
  const auto model = emscripten::class_<EnsembleModel>("EnsembleModel");
  model.class_function("fromJSON", &EnsembleModel::fromJSON, emscripten::allow_raw_pointers())
      .class_function("fromBuffer", &EnsembleModel::fromBuffer, emscripten::allow_raw_pointers())
      .function("loadMarket", &EnsembleModel::loadMarket)
      .function("loadMarketBuffer", &EnsembleModel::loadMarketBuffer)
      .function("loadMarketBufferFor", &EnsembleModel::loadMarketBufferFor)
      .function("loadFiles", &EnsembleModel::loadFiles)
      .function("analyzeLoaded", &EnsembleModel::analyzeLoaded)
      .function("scoreLoaded", &EnsembleModel::scoreLoaded)
      .function("scoresFor", &EnsembleModel::scoresFor)
      .function("summary", &EnsembleModel::summary)
      .function("column", &EnsembleModel::column)
      .function("explainDay", &EnsembleModel::explainDay)
      .function("whatIf", &EnsembleModel::whatIf)
      .function("nDetectors", &EnsembleModel::nDetectors)
      .function("featureNames", &EnsembleModel::featureNames);
#ifdef VIXRAY_WASM_FULL_API
  // The JSON-text API (the parity tests compare its text with the CLI's) and the Analysis of
  // precomputed features: the page reads typed arrays (analyzeMarketColumns) instead.
  model.function("buffer", &EnsembleModel::buffer)
      .function("setFeatureNames", &EnsembleModel::setFeatureNames)
      .function("analyze", &EnsembleModel::analyze)
      .function("explain", &EnsembleModel::explain)
      .function("analyzeMarket", &EnsembleModel::analyzeMarket)
      .function("analyzeFiles", &EnsembleModel::analyzeFiles)
      .function("documents", &EnsembleModel::documents)
      .function("toJSON", &EnsembleModel::toJSON);
#endif
}
