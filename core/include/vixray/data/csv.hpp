// Reading CSV text: lines (BOM and CR stripped), RFC 4180 records, and whole-field numbers.
// Every reader of outside CSV (price files, frames, feature tables, numeric tables) uses these.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vixray {

/// Splits one CSV record into fields (RFC 4180 quoting). `line_number` is for messages.
std::vector<std::string> split_csv_record(std::string_view line, const std::string& source,
                                          int64_t line_number);

/// Iterates over the lines of a text, stripping a UTF-8 BOM and a trailing '\r'.
class LineReader {
 public:
  explicit LineReader(std::string_view text);
  /// Next line (without its end); false at the end of the text.
  bool next(std::string_view& line);
  /// 1-based number of the line last returned.
  int64_t line_number() const { return line_number_; }

 private:
  std::string_view text_;
  size_t position_ = 0;
  int64_t line_number_ = 0;
};

/// Appends a number as every CSV writer of the project writes it: 17 significant digits (%.17g),
/// so it reads back bit for bit; NaN (missing) appends nothing, an empty field.
void append_csv_number(std::string& out, double value);

/// Whether a field marks a missing value, the one list every CSV reader uses: an empty field,
/// ".", "-", "NaN", "NA", "N/A", "#N/A" or "null", in any case, with spaces or tabs around.
bool is_missing_value(std::string_view field);

/// Parses a whole field as a double, strictly: spaces or tabs around, then a plain decimal number
/// (an optional '-', digits with an optional '.', an optional exponent e|E[+-]digits), nothing
/// else. False (and `out` untouched) for anything else, hexadecimal ("0x1p8"), "inf", "nan", a
/// leading '+', whitespace inside, and a number outside the range of a normal double ("1e999",
/// "1e-400"): every reader of outside CSV reads numbers with this one rule, natively and in
/// WebAssembly. Missing-value markers are is_missing_value's, checked before.
bool parse_double(std::string_view field, double& out);

}  // namespace vixray
