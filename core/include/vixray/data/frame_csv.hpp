// The wide frame CSV: one row per trading day, a date column, then one column per frame column.
//
//   date,vix.close,spx.open,spx.close
//   2020-01-02,13.78,3244.67,3257.85
//   2020-01-03,,3226.36,3234.85        <- an empty field (or NaN, NA, null...: csv.hpp
//                                         is_missing_value) is a missing value
//
// It is the exchange format of `vixray features` (frames in; features go out in the same form,
// features/feature_csv.hpp) and of the native <-> WebAssembly feature parity test, not a market
// data format (see the CSV readers for CBOE/Yahoo/Stooq files). Numbers are written with 17
// significant digits, so a frame survives a round trip bit for bit.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "vixray/data/frame.hpp"

namespace vixray {

/// Parses a wide frame CSV. The first header field must be "date" (dates ISO or MM/DD/YYYY,
/// strictly increasing); accepts a BOM, CRLF, quoted fields and trailing blank lines. Every
/// rejection names `source`, the line and the column.
Frame parse_frame_csv(std::string_view text, const std::string& source);

/// Writes a frame as a wide CSV (ISO dates, %.17g numbers, empty fields for NaN).
std::string format_frame_csv(const Frame& frame);

}  // namespace vixray
