// Embind declarations for the feature library: a FrameBuilder that JavaScript fills through
// typed-array views of C++-owned buffers, and the catalogues as JSON text. Every entry point runs
// inside `guarded`, so a C++ error (bad spec, missing column, unsorted dates) becomes a JS Error.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <map>
#include <string>
#include <vector>

#include "guarded.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/frame_csv.hpp"
#include "vixray/features/features.hpp"

using emscripten::val;
using vixray::wasm::guarded;

namespace {

size_t checked_count(int n, const char* what) {
  if (n < 0)
    throw vixray::Error(std::string(what) + ": expected a count >= 0, got " + std::to_string(n));
  return static_cast<size_t>(n);
}

// Trading days plus named columns, filled from JavaScript, then turned into a vixray::Frame.
class FrameBuilder {
 public:
  /// An Int32Array over `n` dates (days since 1970-01-01), to be filled by JavaScript.
  val datesBuffer(int n) {
    return guarded([&] {
      dates_.assign(checked_count(n, "datesBuffer"), 0);
      return val(emscripten::typed_memory_view(dates_.size(), dates_.data()));
    });
  }

  /// A Float64Array over the values of column `name` (created or replaced), to be filled by
  /// JavaScript; NaN = missing.
  val columnBuffer(const std::string& name, int n) {
    return guarded([&] {
      std::vector<double>& column = columns_[name];
      column.assign(checked_count(n, "columnBuffer"), 0.0);
      return val(emscripten::typed_memory_view(column.size(), column.data()));
    });
  }

  /// Replaces dates and columns with those of a wide frame CSV (date,<series>.<field>,...).
  void loadCsv(const std::string& text, const std::string& source) {
    guarded([&] {
      const vixray::Frame frame = vixray::parse_frame_csv(text, source);
      dates_ = frame.dates();
      columns_.clear();
      for (const auto& name : frame.names()) columns_[name] = frame.column(name);
      return 0;
    });
  }

  void clear() {
    dates_.clear();
    columns_.clear();
  }

  int rows() const { return static_cast<int>(dates_.size()); }

  val dates() const {
    return guarded([&] {
      return val(emscripten::typed_memory_view(dates_.size(), dates_.data())).call<val>("slice");
    });
  }

  val column(const std::string& name) const {
    return guarded([&] {
      const auto it = columns_.find(name);
      if (it == columns_.end()) throw vixray::Error("frame: no column \"" + name + "\"");
      return val(emscripten::typed_memory_view(it->second.size(), it->second.data()))
          .call<val>("slice");
    });
  }

  val columnNames() const {
    return guarded([&] {
      val names = val::array();
      for (const auto& entry : columns_) names.call<void>("push", entry.first);
      return names;
    });
  }

  /// The market catalogue restricted to the columns present, as JSON text.
  std::string marketCatalogue() const {
    return guarded([&] {
      std::vector<std::string> names;
      for (const auto& entry : columns_) names.push_back(entry.first);
      return vixray::dump_feature_spec(vixray::market_feature_catalogue(names));
    });
  }

  /// Computes the features of a spec (JSON text) on the frame:
  /// {names, rows, cols, values: Float64Array (row-major, NaN = not available), warmup:
  /// Int32Array}.
  val computeFeatures(const std::string& spec_json) const {
    return guarded([&] {
      const vixray::FeatureSpec spec = vixray::parse_feature_spec(spec_json, "feature spec");
      const vixray::FeatureMatrix m = vixray::compute_features(frame(), spec);
      val out = val::object();
      val names = val::array();
      for (const auto& n : m.names) names.call<void>("push", n);
      out.set("names", names);
      out.set("rows", static_cast<double>(m.values.rows()));
      out.set("cols", static_cast<double>(m.values.cols()));
      // Sliced into JS-owned arrays before `m` goes away.
      out.set("values", val(emscripten::typed_memory_view(static_cast<size_t>(m.values.size()),
                                                          m.values.data()))
                            .call<val>("slice"));
      out.set(
          "warmup",
          val(emscripten::typed_memory_view(m.warmup.size(), m.warmup.data())).call<val>("slice"));
      return out;
    });
  }

 private:
  vixray::Frame frame() const {
    vixray::Frame f(dates_);
    for (const auto& entry : columns_) f.set(entry.first, entry.second);
    return f;
  }

  std::vector<vixray::Day> dates_;
  std::map<std::string, std::vector<double>> columns_;  // sorted by name: a stable order
};

std::string marketFeatureCatalogue(val columns) {
  return guarded([&] {
    if (columns.isUndefined() || columns.isNull())
      return vixray::dump_feature_spec(vixray::market_feature_catalogue());
    return vixray::dump_feature_spec(
        vixray::market_feature_catalogue(vixray::wasm::strings_of(columns, "columns")));
  });
}

std::string tickerFeatureCatalogue(bool price_relative) {
  return guarded(
      [&] { return vixray::dump_feature_spec(vixray::ticker_feature_catalogue(price_relative)); });
}

/// Parses and validates a spec; returns it re-serialised (canonical form) or throws.
std::string validateFeatureSpec(const std::string& text) {
  return guarded(
      [&] { return vixray::dump_feature_spec(vixray::parse_feature_spec(text, "feature spec")); });
}

/// One-line human descriptions of a spec's features (JSON text), in spec order.
val describeFeatures(const std::string& text) {
  return guarded([&] {
    val out = val::array();
    for (const auto& d : vixray::parse_feature_spec(text, "feature spec").features)
      out.call<void>("push", vixray::describe_feature(d));
    return out;
  });
}

val featureKinds() {
  return guarded([] {
    val kinds = val::array();
    for (const auto& k : vixray::feature_kinds()) kinds.call<void>("push", k);
    return kinds;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(features) {
  emscripten::class_<FrameBuilder>("FrameBuilder")
      .constructor<>()
      .function("datesBuffer", &FrameBuilder::datesBuffer)
      .function("columnBuffer", &FrameBuilder::columnBuffer)
      .function("loadCsv", &FrameBuilder::loadCsv)
      .function("clear", &FrameBuilder::clear)
      .function("rows", &FrameBuilder::rows)
      .function("dates", &FrameBuilder::dates)
      .function("column", &FrameBuilder::column)
      .function("columnNames", &FrameBuilder::columnNames)
      .function("marketCatalogue", &FrameBuilder::marketCatalogue)
      .function("computeFeatures", &FrameBuilder::computeFeatures);
  emscripten::function("marketFeatureCatalogue", &marketFeatureCatalogue);
  emscripten::function("tickerFeatureCatalogue", &tickerFeatureCatalogue);
  emscripten::function("validateFeatureSpec", &validateFeatureSpec);
  emscripten::function("describeFeatures", &describeFeatures);
  emscripten::function("featureKinds", &featureKinds);
}
