// Reading the header names and fields of the market CSV files people download, shared by the
// daily price reader (price_csv.hpp) and the bar reader (bars.hpp): one rule for trimming, for
// matching a column name to a price field and for reading a price.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace vixray {

/// The price fields a header may name, in this order.
enum PriceField { kFieldOpen, kFieldHigh, kFieldLow, kFieldClose, kFieldAdjClose, kFieldVolume };
constexpr int kPriceFieldCount = 6;
/// "open", "high", "low", "close", "adj close", "volume".
const char* price_field_name(int field);

/// The field without the spaces and tabs around it.
std::string trim_field(std::string_view s);
/// A header name lower case, without <> brackets, '_' '.' and tabs read as spaces, spaces
/// collapsed: "<TICKER>" -> "ticker", "Adj_Close" -> "adj close".
std::string normalized_header_name(std::string_view name);
/// The PriceField a normalized name stands for, or -1. "VIX Close" counts as close (last word);
/// "adj close", "adjclose", "adjusted close" are the adjusted close.
int price_field_of(const std::string& norm);
/// A normalized name with the word "date" ("date", "observation date", "trade date").
bool is_date_header_name(const std::string& norm);

/// Parses a price: the exact decimal fast path (decimal.hpp; strtod's long-double code is slow in
/// WebAssembly) when the whole field is a plain decimal it can take, else parse_double.
bool parse_price_field(std::string_view text, double& out);

/// A price in a message: 10 significant digits, as the file would show it.
std::string price_message_text(double v);
/// "source:line".
std::string csv_place(const std::string& source, int64_t line);
/// "\"text\"".
std::string quoted_text(std::string_view s);

}  // namespace vixray
