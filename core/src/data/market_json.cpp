#include "vixray/data/market_json.hpp"

#include <limits>

#include "vixray/base/error.hpp"
#include "vixray/data/json_fields.hpp"
#include "vixray/data/json_read.hpp"

namespace vixray {

nlohmann::json frame_to_market_json(const Frame& frame, const nlohmann::json& provenance) {
  nlohmann::json dates = nlohmann::json::array();
  for (Day d : frame.dates()) dates.push_back(format_iso(d));
  nlohmann::json columns = nlohmann::json::object();
  for (const auto& name : frame.names()) {
    nlohmann::json values = nlohmann::json::array();
    for (double v : frame.column(name))
      values.push_back(std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr));
    columns[name] = std::move(values);
  }
  return {{"format", kMarketFormat},
          {"format_version", format_version_text(kMarketFormatMajor, kMarketFormatMinor)},
          {"dates", std::move(dates)},
          {"columns", std::move(columns)},
          {"provenance", provenance}};
}

Frame frame_from_market_json(const nlohmann::json& document) {
  const JsonFields doc(document, "market");
  check_format_version(doc, kMarketFormat, kMarketFormatMajor, kMarketFormatMinor);
  const nlohmann::json& date_texts = doc.array("dates");
  std::vector<Day> dates;
  dates.reserve(date_texts.size());
  for (size_t i = 0; i < date_texts.size(); ++i) {
    const auto& d = date_texts[i];
    Day day = 0;
    if (!d.is_string() || !parse_date(d.get<std::string>(), day))
      throw Error(item_place(doc.place("dates"), i) + ": expected \"YYYY-MM-DD\", got " +
                  json_value_text(d));
    dates.push_back(day);
  }
  Frame frame(std::move(dates));
  const JsonFields columns = doc.object("columns");
  for (const auto& [name, column] : columns.get_object().items()) {
    if (!column.is_array() || static_cast<int64_t>(column.size()) != frame.rows())
      throw Error(columns.place(name) + ": expected an array of " + std::to_string(frame.rows()) +
                  " values (one per date)");
    std::vector<double> values;
    values.reserve(column.size());
    for (size_t i = 0; i < column.size(); ++i) {
      const auto& v = column[i];
      if (v.is_null()) {
        values.push_back(std::numeric_limits<double>::quiet_NaN());
      } else if (v.is_number()) {
        values.push_back(v.get<double>());
      } else {
        throw Error(item_place(columns.place(name), i) + ": expected a number or null, got " +
                    json_value_text(v));
      }
    }
    frame.set(name, std::move(values));
  }
  return frame;
}

Frame load_market_json(std::string_view text) { return read_market_json(text).frame; }

MarketDocument read_market_json(std::string_view text) {
  // The common form in one pass (scan_market_json), else the document and its checks.
  MarketDocument scanned;
  if (scan_market_json(text, scanned)) return scanned;
  nlohmann::json doc = parse_json_fast(text);
  if (doc.is_discarded()) throw Error("market: not valid JSON (corrupt or truncated)");
  MarketDocument out{frame_from_market_json(doc), nullptr};
  const auto provenance = doc.find("provenance");
  if (provenance != doc.end() && provenance->is_object() && provenance->contains("source"))
    out.source = (*provenance)["source"];
  release_json(doc);
  return out;
}

}  // namespace vixray
