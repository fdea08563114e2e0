// market.json: a Frame (the raw prices the browser scores) as a versioned JSON document.
#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "vixray/data/frame.hpp"

namespace vixray {

constexpr const char* kMarketFormat = "vixray-market";
constexpr int kMarketFormatMajor = 1;
constexpr int kMarketFormatMinor = 0;

/// market.json: {"format":"vixray-market","format_version":"1.0","dates":["YYYY-MM-DD",...],
/// "columns":{"vix.close":[... numbers, null = missing],...}, "provenance": <given>}.
nlohmann::json frame_to_market_json(const Frame& frame, const nlohmann::json& provenance = nullptr);
/// Reads market.json back; validates format, dates and column lengths (errors name the field).
Frame frame_from_market_json(const nlohmann::json& document);
Frame load_market_json(std::string_view text);

/// market.json read whole: the Frame and the recorded source of its prices ("provenance"
/// "source", data_source.hpp; null when absent).
struct MarketDocument {
  Frame frame;
  nlohmann::json source;
};
MarketDocument read_market_json(std::string_view text);

/// market.json in one pass over its text, without a JSON document (market_json_scan.cpp): the
/// common form, as frame_to_market_json writes it. read_market_json tries it first and reads
/// anything else as a document, so errors, other format versions and unusual JSON keep their
/// one behaviour. Fills `out` with exactly read_market_json's result and returns true, or
/// returns false (`out` unspecified) unless the text is one object with the members "format"
/// ("vixray-market"), "format_version" ("1.0"), "dates" (strings YYYY-MM-DD), "columns" (an
/// object of arrays of numbers or null, each as long as "dates"), each once, and optionally
/// "provenance" (any JSON value); strings of printable ASCII without escapes; numbers whose
/// double parse_decimal_fast gives (data/decimal.hpp), and no integer "-0" (a document's +0).
bool scan_market_json(std::string_view text, MarketDocument& out);

}  // namespace vixray
