// Embind declarations for market data: read a user's price CSV and align several series into a
// Frame, all inside the browser (the file never leaves the page). Every entry point runs inside
// `guarded`, so a reader error (file:line: column ...) becomes a JavaScript Error.
// Reports cross as JSON text (the same JSON the CLI prints with --json); arrays as typed arrays.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <limits>
#include <string>
#include <vector>

#include "guarded.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/align.hpp"
#include "vixray/data/price_csv.hpp"

using emscripten::val;
using vixray::wasm::guarded;

namespace {

// A JS-owned copy of a C++ vector (the view is sliced before the vector goes away).
template <class T>
val copy_of(const std::vector<T>& v) {
  return val(emscripten::typed_memory_view(v.size(), v.data())).call<val>("slice");
}

struct FieldName {
  const char* js;
  std::vector<double> vixray::PriceSeries::*values;
};
const FieldName kFields[] = {{"open", &vixray::PriceSeries::open},
                             {"high", &vixray::PriceSeries::high},
                             {"low", &vixray::PriceSeries::low},
                             {"close", &vixray::PriceSeries::close},
                             {"adjClose", &vixray::PriceSeries::adj_close},
                             {"volume", &vixray::PriceSeries::volume}};

// {format, report: JSON text, days: Int32Array (days since 1970-01-01), open, high, low, close,
// adjClose, volume: Float64Array (NaN where the format has no such field or it was repaired)}.
val parsePriceCsv(const std::string& text, const std::string& source) {
  return guarded([&] {
    const vixray::ParsedPrices parsed = vixray::parse_price_csv(text, source);
    val out = val::object();
    out.set("format", vixray::format_name(parsed.report.format));
    out.set("report", parsed.report.to_json().dump());
    out.set("days", copy_of(parsed.series.dates));
    for (const FieldName& f : kFields) out.set(f.js, copy_of(parsed.series.*f.values));
    return out;
  });
}

// A PriceSeries from {days, open, ..., volume}: typed arrays or plain arrays; an absent field is
// all NaN.
vixray::PriceSeries series_from(const val& js, const std::string& name) {
  vixray::PriceSeries s;
  const val days = js["days"];
  if (days.isUndefined() || days.isNull())
    throw vixray::Error("alignSeries: series \"" + name + "\" has no days array");
  s.dates = emscripten::convertJSArrayToNumberVector<vixray::Day>(days);
  for (const FieldName& f : kFields) {
    const val values = js[f.js];
    if (values.isUndefined() || values.isNull())
      (s.*f.values).assign(s.dates.size(), std::numeric_limits<double>::quiet_NaN());
    else
      s.*f.values = emscripten::convertJSArrayToNumberVector<double>(values);
  }
  return s;
}

// series: [{name, days, open, high, low, close, adjClose, volume}, ...]; the one named `primary`
// defines the trading days. Returns {days: Int32Array, names: [...], columns: [Float64Array...],
// report: JSON text}.
val alignSeries(const val& series, const std::string& primary, int max_fill_days) {
  return guarded([&] {
    const auto count = series["length"].as<unsigned>();
    std::vector<std::string> names(count);
    std::vector<vixray::PriceSeries> data(count);
    for (unsigned i = 0; i < count; ++i) {
      const val item = series[i];
      if (!item["name"].isString())
        throw vixray::Error("alignSeries: series " + std::to_string(i) +
                            ": expected a name (vix, spx, vix9d, vix3m, vvix, skew or ticker)");
      names[i] = item["name"].as<std::string>();
      data[i] = series_from(item, names[i]);
    }
    const vixray::PriceSeries* primary_series = nullptr;
    std::vector<vixray::NamedSeries> others;
    for (unsigned i = 0; i < count; ++i) {
      if (names[i] == primary && primary_series == nullptr)
        primary_series = &data[i];
      else
        others.push_back(vixray::NamedSeries{names[i], &data[i]});
    }
    if (primary_series == nullptr)
      throw vixray::Error("alignSeries: primary \"" + primary + "\" is not among the series");
    vixray::AlignOptions options;
    options.max_fill_days = max_fill_days;
    const vixray::AlignedMarket aligned =
        vixray::align_market(vixray::NamedSeries{primary, primary_series}, others, options);
    val out = val::object();
    out.set("days", copy_of(aligned.frame.dates()));
    val column_names = val::array();
    val columns = val::array();
    for (const auto& name : aligned.frame.names()) {
      column_names.call<void>("push", name);
      columns.call<void>("push", copy_of(aligned.frame.column(name)));
    }
    out.set("names", column_names);
    out.set("columns", columns);
    out.set("report", aligned.report.to_json().dump());
    return out;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(data) {
  emscripten::function("parsePriceCsv", &parsePriceCsv);
  emscripten::function("alignSeries", &alignSeries);
}
