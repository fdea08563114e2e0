// Embind declarations for the ticker view (issue 12): per-market ticker models, one bar file read,
// routed and scored into the view the page draws (analysis/ticker_view.hpp), TreeSHAP of a bar,
// and the review statuses' CSV / JSON forms (analysis/review.hpp). A thin layer: the core
// computes everything; per-bar arrays cross as typed arrays over the core's own vectors.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "guarded.hpp"
#include "vixray/analysis/review.hpp"
#include "vixray/analysis/ticker_view.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/ensemble/ticker_model.hpp"

using emscripten::val;
using vixray::wasm::guarded;

namespace {

template <typename T>
val ticker_view_of(const std::vector<T>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data()));
}

/// JavaScript's TickerSession: the ticker models loaded (one per market and interval) and the
/// view of the last file opened.
class TickerSession {
 public:
  /// Loads a vixray-ticker-model bundle (format checked; the page checks content_sha256 first).
  /// Returns {"market","interval","content_sha256","tickers":[...]} as JSON text.
  std::string addModel(const std::string& text) {
    return guarded([&] {
      const nlohmann::json bundle = vixray::parse_json_fast(text);
      if (bundle.is_discarded())
        throw vixray::Error("ticker model: the bundle text is not valid JSON (" +
                            std::to_string(text.size()) + " bytes)");
      vixray::TickerModel model = vixray::ticker_model_from_json(bundle);
      nlohmann::json tickers = nlohmann::json::array();
      for (const auto& t : model.tickers) tickers.push_back(t.ticker);
      const auto sha = bundle.find("content_sha256");
      nlohmann::json out = {
          {"market", model.market},
          {"interval", vixray::interval_name(model.interval_s, model.daily)},
          {"content_sha256",
           sha != bundle.end() && sha->is_string() ? *sha : nlohmann::json(nullptr)},
          {"tickers", std::move(tickers)}};
      // A second model of the same market and interval replaces the first (the reader's choice).
      models_.erase(std::remove_if(models_.begin(), models_.end(),
                                   [&](const vixray::TickerModel& m) {
                                     return m.market == model.market &&
                                            m.interval_s == model.interval_s &&
                                            m.daily == model.daily;
                                   }),
                    models_.end());
      models_.push_back(std::move(model));
      return out.dump();
    });
  }
  int nModels() const { return static_cast<int>(models_.size()); }

  /// Reads, routes and scores one bar CSV; `extra` are anomaly times (review entries' datetime)
  /// drawn as markers too. Returns ticker_view_json as text.
  std::string open(const std::string& name, const std::string& text, val extra) {
    return guarded([&] {
      const std::vector<std::string> texts = vixray::wasm::strings_of(extra, "extra");
      vixray::TickerView view = vixray::ticker_view(models_, text, name);
      vixray::match_ticker_markers(
          view, vixray::parse_anomaly_times(texts, model_of(view).hours.tz, "extra"));
      view_ = std::move(view);
      has_view_ = true;
      return vixray::ticker_view_json(view_).dump();
    });
  }
  /// The markers of the open view again for other extra times.
  std::string setExtraTimes(val extra) {
    return guarded([&] {
      const std::vector<std::string> texts = vixray::wasm::strings_of(extra, "extra");
      vixray::match_ticker_markers(current(),
                                   vixray::parse_anomaly_times(texts, model().hours.tz, "extra"));
      return vixray::ticker_view_json(view_).dump();
    });
  }
  /// A per-bar array of the open view, over this object's memory (slice it at once): time (UTC
  /// seconds as Float64), open, high, low, close, volume, score, raw, flagged (Uint8), vwap,
  /// bb_mid, bb_upper, bb_lower.
  val column(const std::string& name) {
    return guarded([&] {
      const vixray::TickerView& v = current();
      if (name == "time") {
        time_.assign(v.bars.time.begin(), v.bars.time.end());
        return ticker_view_of(time_);
      }
      if (name == "flagged") return ticker_view_of(v.scores.flagged);
      const std::vector<double>* c = name == "open"       ? &v.bars.open
                                     : name == "high"     ? &v.bars.high
                                     : name == "low"      ? &v.bars.low
                                     : name == "close"    ? &v.bars.close
                                     : name == "volume"   ? &v.bars.volume
                                     : name == "score"    ? &v.scores.score
                                     : name == "raw"      ? &v.scores.raw
                                     : name == "vwap"     ? &v.overlays.vwap
                                     : name == "bb_mid"   ? &v.overlays.bb_mid
                                     : name == "bb_upper" ? &v.overlays.bb_upper
                                     : name == "bb_lower" ? &v.overlays.bb_lower
                                                          : nullptr;
      if (!c) throw vixray::Error("ticker view: no column \"" + name + "\"");
      return ticker_view_of(*c);
    });
  }
  std::string explainBar(int bar) {
    return guarded([&] { return vixray::explain_ticker_bar(model(), current(), bar).dump(); });
  }

 private:
  vixray::TickerView& current() {
    if (!has_view_) throw vixray::Error("ticker view: no file is open");
    return view_;
  }
  const vixray::TickerModel& model() { return model_of(current()); }
  const vixray::TickerModel& model_of(const vixray::TickerView& v) const {
    for (const auto& m : models_)
      if (m.market == v.market && vixray::interval_name(m.interval_s, m.daily) == v.interval)
        return m;
    throw vixray::Error("ticker view: the model of " + v.market + " is no longer loaded");
  }

  std::vector<vixray::TickerModel> models_;
  vixray::TickerView view_;
  bool has_view_ = false;
  std::vector<double> time_;
};

/// Review statuses (analysis/review.hpp): either form read, checked and written as `format`
/// ("csv" or "json"); errors name the source, the line or entry and the field.
std::string review_convert(const std::string& text, const std::string& source,
                           const std::string& format) {
  return guarded([&] {
    const vixray::ReviewSet set = vixray::parse_review(text, source);
    if (format == "csv") return vixray::review_to_csv(set);
    if (format == "json") return vixray::review_to_json(set);
    throw vixray::Error("review: format \"" + format + "\": expected csv or json");
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(ticker) {
  emscripten::function("reviewConvert", &review_convert);
  emscripten::class_<TickerSession>("TickerSession")
      .constructor<>()
      .function("addModel", &TickerSession::addModel)
      .function("nModels", &TickerSession::nModels)
      .function("open", &TickerSession::open)
      .function("setExtraTimes", &TickerSession::setExtraTimes)
      .function("column", &TickerSession::column)
      .function("explainBar", &TickerSession::explainBar);
}
