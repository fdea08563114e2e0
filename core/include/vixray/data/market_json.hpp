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

}  // namespace vixray
