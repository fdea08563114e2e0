// Embind declarations for the ensemble: load a model bundle, compute the Analysis from typed
// arrays, explain a day with TreeSHAP. A thin layer: the core computes everything. Results cross
// as JSON text produced by the same core function the CLI uses (analysis_to_json), so native and
// browser outputs are compared field by field; or, for the page, as the small summary JSON
// (analysis_summary_json) plus the per-day columns as typed arrays over the core's own buffers
// (analysis_columns.hpp), which skips ~6 MB of number text each way.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "guarded.hpp"
#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/analysis_columns.hpp"
#include "vixray/analysis/analysis_json.hpp"
#include "vixray/analysis/explain.hpp"
#include "vixray/analysis/feature_table.hpp"
#include "vixray/analysis/market_session.hpp"
#include "vixray/analysis/model_facts.hpp"
#include "vixray/analysis/seed000_documents.hpp"
#include "vixray/base/build_id.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/data/market_json.hpp"
#include "vixray/data/price_files.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/model_io.hpp"

using emscripten::val;
using vixray::wasm::guarded;

namespace {

/// UTF-8 text filled from JavaScript bytes (a Uint8Array view, .set() once): reading a few MB of
/// JSON this way skips Embind's character-by-character string conversion.
class TextBuffer {
 public:
  /// Empty when the memory cannot be had (the error slot says so: guarded.hpp).
  explicit TextBuffer(int length) {
    guarded([&] {
      text_.assign(static_cast<size_t>(std::max(length, 0)), '\0');
      return 0;
    });
  }
  val view() {
    return val(emscripten::typed_memory_view(text_.size(),
                                             reinterpret_cast<unsigned char*>(text_.data())));
  }
  const std::string& text() const { return text_; }
  /// The text itself, moved out (the buffer is empty afterwards): no second copy of a few MB.
  std::string take() { return std::move(text_); }

 private:
  std::string text_;
};

template <typename T>
val view_of(const std::vector<T>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data()));
}

val view_of(const vixray::ColumnData& c) {
  switch (c.type) {
    case vixray::ColumnType::kFloat64:
      return val(emscripten::typed_memory_view(c.size, static_cast<const double*>(c.data)));
    case vixray::ColumnType::kInt32:
      return val(emscripten::typed_memory_view(c.size, static_cast<const int32_t*>(c.data)));
    case vixray::ColumnType::kInt8:
      break;
  }
  return val(emscripten::typed_memory_view(c.size, static_cast<const int8_t*>(c.data)));
}

// Detector indices of a model of `detectors` detectors, checked.
std::vector<size_t> indices_of(val list, size_t detectors) {
  std::vector<size_t> out;
  const auto count = list["length"].as<unsigned>();
  for (unsigned i = 0; i < count; ++i) {
    const int k = list[i].as<int>();
    vixray::check_detector_index(k, detectors);
    out.push_back(static_cast<size_t>(k));
  }
  return out;
}

/// The reader's files [{name, text}] read and aligned, and their recorded source.
vixray::MarketDocument market_of_files(val files) {
  std::vector<std::pair<std::string, std::string>> named;
  nlohmann::json names = nlohmann::json::array();
  if (!files.isArray()) throw vixray::Error("files: expected an array of {name, text}");
  const auto count = files["length"].as<unsigned>();
  for (unsigned i = 0; i < count; ++i) {
    named.emplace_back(vixray::wasm::string_at(files, i, "name", "files"),
                       vixray::wasm::string_at(files, i, "text", "files"));
    names.push_back(named.back().first);
  }
  return {vixray::read_named_price_files(named).frame,
          {{"kind", "reader_files"}, {"files", std::move(names)}}};
}

int load_into(vixray::MarketSession& session, vixray::MarketDocument market) {
  return static_cast<int>(session.load(std::move(market.frame), std::move(market.source)));
}

/// The column list of analysis_columns.hpp: [{name, type: "Float64" | "Int32" | "Int8", blocks}].
val column_list() {
  return guarded([] {
    val list = val::array();
    for (const auto& c : vixray::analysis_column_list()) {
      val entry = val::object();
      entry.set("name", std::string(c.name));
      entry.set("type", std::string(c.type == vixray::ColumnType::kFloat64 ? "Float64"
                                    : c.type == vixray::ColumnType::kInt32 ? "Int32"
                                                                           : "Int8"));
      entry.set("blocks", std::string(c.blocks));
      list.call<void>("push", entry);
    }
    return list;
  });
}

/// JavaScript's EnsembleModel: a vixray::MarketSession (analysis/market_session.hpp), and the
/// input buffers of the JSON-text API (FeatureBuffers). Every method is one core call.
class EnsembleModel {
 public:
  explicit EnsembleModel(vixray::EnsembleModel model) : session_(std::move(model)) {}

  /// Loads a bundle (format checked; the content hash is checked by the native CLI).
  static EnsembleModel* fromJSON(const std::string& text) {
    return guarded([&] { return new EnsembleModel(vixray::load_model(text)); });
  }
  static EnsembleModel* fromBuffer(const TextBuffer& text) { return fromJSON(text.text()); }
  /// Reads a bundle once (bundle_read.hpp read_model_bundle): the model, and for the page's
  /// content check the stored content_sha256 and the hash text, kept until dropBundleSeal().
  static EnsembleModel* fromBundle(const TextBuffer& text) {
    return guarded([&] {
      vixray::ModelBundle bundle = vixray::read_model_bundle(text.text());
      auto* out = new EnsembleModel(std::move(bundle.model));
      out->stored_sha256_ = std::move(bundle.content_sha256);
      out->hash_text_ = std::move(bundle.hash_text);
      return out;
    });
  }
  /// {stored: content_sha256 or null, text: the hash text (a view of the core's memory, valid
  /// until the next call) or null} of fromBundle.
  val bundleSeal() const {
    return guarded([&] {
      val out = val::object();
      out.set("stored", stored_sha256_ ? val(*stored_sha256_) : val::null());
      out.set("text", hash_text_ ? val(emscripten::typed_memory_view(
                                       hash_text_->size(),
                                       reinterpret_cast<const unsigned char*>(hash_text_->data())))
                                 : val::null());
      return out;
    });
  }
  void dropBundleSeal() {
    stored_sha256_.reset();
    hash_text_.reset();
  }

  // ---- the JSON-text API over precomputed features (full build) ----
  val buffer(const std::string& name, int length) {
    return guarded([&] { return view_of(buffers_.resize(name, length)); });
  }
  void setFeatureNames(val names) {
    guarded([&] {
      buffers_.feature_names = vixray::wasm::strings_of(names, "featureNames");
      return 0;
    });
  }
  std::string analyze(int rows, int cols) {
    return guarded([&] {
      return vixray::analysis_to_json(vixray::analyze(model(), buffers_.input(rows, cols)), model())
          .dump();
    });
  }
  std::string explain(int rows, int cols, int day) {
    return guarded([&] {
      const vixray::AnalysisInput in = buffers_.input(rows, cols);
      const auto explanations = vixray::explain_day(model(), in, day);  // checks the day
      return vixray::explanation_json(model(), explanations, day,
                                      vixray::format_iso(in.dates[static_cast<size_t>(day)]))
          .dump();
    });
  }

  // ---- the market session (analysis/market_session.hpp) ----
  int loadMarket(const std::string& text) {
    return guarded([&] { return load_into(session_, vixray::read_market_json(text)); });
  }
  int loadMarketBuffer(const TextBuffer& market) { return loadMarket(market.text()); }
  int loadMarketBufferFor(const TextBuffer& market, val detectors) {
    return guarded([&] {
      vixray::MarketDocument doc = vixray::read_market_json(market.text());
      return count(session_.load_for_detectors(std::move(doc.frame),
                                               indices_of(detectors, model().detectors.size()),
                                               std::move(doc.source)));
    });
  }
  int loadFiles(val files) {
    return guarded([&] { return load_into(session_, market_of_files(files)); });
  }
  void analyzeLoaded() {
    guarded([&] {
      session_.commit();
      return 0;
    });
  }
  val scoreLoaded(int k) {
    return guarded([&] { return view_of(session_.score_loaded(detector(k))); });
  }
  val scoresFor(int k) {
    return guarded([&] { return view_of(session_.scores_for(detector(k))); });
  }
  std::string summary() const {
    return guarded(
        [&] { return vixray::analysis_summary_json(session_.analysis(), model()).dump(); });
  }
  /// A column of the current Analysis (analysis_column_list) as a typed array over this
  /// object's memory (valid until the next call that allocates: slice it at once).
  val column(const std::string& name) const {
    return guarded([&] {
      return view_of(vixray::analysis_column(session_.analysis(), session_.columns(), name));
    });
  }
  std::string explainDay(int day) {
    return guarded([&] { return session_.explain_day(day).dump(); });
  }
  std::string whatIf(double vix_close, double spx_return_pct) {
    return guarded([&] { return session_.what_if(vix_close, spx_return_pct).dump(); });
  }
  // ---- the state kept between visits (analysis/analysis_state.hpp) ----
  /// The current market's state bytes, as a Uint8Array over this object's memory (valid until
  /// the next call: slice it at once).
  val state() {
    return guarded([&] {
      state_bytes_ = session_.state();
      return val(emscripten::typed_memory_view(
          state_bytes_.size(), reinterpret_cast<const unsigned char*>(state_bytes_.data())));
    });
  }
  /// The saved Analysis becomes the current one (no features, no scores); `market` is the
  /// market.json it was saved from, read only if a later call needs its features (its text is
  /// moved into the session: `market` is empty afterwards).
  void restoreState(const TextBuffer& state, TextBuffer& market) {
    guarded([&] {
      session_.restore(state.text(), market.take());
      return 0;
    });
  }
  /// The Analysis of `market`, which extends the saved market by days: only those are scored.
  void extendState(const TextBuffer& state, const TextBuffer& market) {
    guarded([&] {
      session_.extend(state.text(), vixray::read_market_json(market.text()));
      return 0;
    });
  }
  std::string analyzeMarket(const std::string& text) {
    return guarded([&] {
      load_into(session_, vixray::read_market_json(text));
      session_.commit();
      return vixray::analysis_to_json(session_.analysis(), model()).dump();
    });
  }
  std::string analyzeFiles(val files) {
    return guarded([&] {
      load_into(session_, market_of_files(files));
      session_.commit();
      return vixray::analysis_to_json(session_.analysis(), model()).dump();
    });
  }
#ifdef VIXRAY_WASM_FULL_API  // the Node tests' build (wasm/CMakeLists.txt); the page has no use
  std::string documents(const std::string& timestamp, const std::string& training_date) {
    return guarded([&] {
      nlohmann::json out = nlohmann::json::object();
      for (auto& [name, doc] : session_.documents({timestamp, training_date}))
        out[name] = std::move(doc);
      return out.dump();
    });
  }
  std::string toJSON() const {
    return guarded([&] { return vixray::model_to_json(model()).dump(); });
  }
#endif
  /// The model's facts for the page, with labels (model_facts.hpp), as JSON text.
  std::string modelFacts() const {
    return guarded([&] { return vixray::model_facts_json(model()).dump(); });
  }
  /// Where the current market's prices came from (data_source.hpp), as JSON text.
  std::string dataSource() const {
    return guarded([&] { return session_.data_source().to_json().dump(); });
  }
  /// Lays out the forests of these detectors now (else each on its first use).
  void layOut(val detectors) {
    guarded([&] {
      const auto& list = model().detectors;
      for (const size_t k : indices_of(detectors, list.size())) list[k].forest.lay_out();
      return 0;
    });
  }
  int nDetectors() const { return static_cast<int>(model().detectors.size()); }
  val featureNames() const {
    return guarded([&] { return val::array(session_.feature_names()); });
  }

 private:
  const vixray::EnsembleModel& model() const { return session_.model(); }
  static int count(int64_t days) { return static_cast<int>(days); }
  size_t detector(int k) const {
    vixray::check_detector_index(k, model().detectors.size());
    return static_cast<size_t>(k);
  }

  vixray::MarketSession session_;
  vixray::FeatureBuffers buffers_;
  std::string state_bytes_;                               // the last state() (its view points here)
  std::optional<std::string> stored_sha256_, hash_text_;  // fromBundle's, until dropBundleSeal
};

}  // namespace

/// The bundle's stated content_sha256 (null when absent) and its canonical content, the text
/// whose SHA-256 it must be (model_io.hpp): the page hashes it (SubtleCrypto) before trusting
/// the bundle, as the CLI does with OpenSSL.
val bundle_content(const TextBuffer& text) {
  return guarded([&] {
    const nlohmann::json document = vixray::parse_json_fast(text.text());
    if (document.is_discarded())
      throw vixray::Error("model: the bundle text is not valid JSON (corrupt or truncated, " +
                          std::to_string(text.text().size()) + " bytes)");
    val out = val::object();
    const auto stored = document.is_object() ? document.find("content_sha256") : document.end();
    out.set("stored", stored != document.end() && stored->is_string()
                          ? val(stored->get<std::string>())
                          : val::null());
    out.set("content", val(vixray::canonical_content(document)));
    return out;
  });
}

/// The core's build id (base/build_id.hpp): a page keys the state it keeps by it.
std::string build_id_text() { return vixray::build_id(); }

EMSCRIPTEN_BINDINGS(analysis) {
  emscripten::function("analysisColumns", &column_list);
  emscripten::function("bundleContent", &bundle_content);
  emscripten::function("buildId", &build_id_text);
  emscripten::class_<TextBuffer>("TextBuffer")
      .constructor<int>()
      .function("view", &TextBuffer::view);
  const auto model = emscripten::class_<EnsembleModel>("EnsembleModel");
  model.class_function("fromJSON", &EnsembleModel::fromJSON, emscripten::allow_raw_pointers())
      .class_function("fromBuffer", &EnsembleModel::fromBuffer, emscripten::allow_raw_pointers())
      .class_function("fromBundle", &EnsembleModel::fromBundle, emscripten::allow_raw_pointers())
      .function("bundleSeal", &EnsembleModel::bundleSeal)
      .function("dropBundleSeal", &EnsembleModel::dropBundleSeal)
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
      .function("modelFacts", &EnsembleModel::modelFacts)
      .function("dataSource", &EnsembleModel::dataSource)
      .function("nDetectors", &EnsembleModel::nDetectors)
      .function("layOut", &EnsembleModel::layOut)
      .function("featureNames", &EnsembleModel::featureNames)
      .function("state", &EnsembleModel::state)
      .function("restoreState", &EnsembleModel::restoreState)
      .function("extendState", &EnsembleModel::extendState);
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
