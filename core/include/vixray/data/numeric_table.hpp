// A numeric table read from CSV text: a header of column names, then rows of numbers.
// Used by the generic `vixray forest` commands (any feature matrix, optional label column).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vixray/base/matrix.hpp"

namespace vixray {

struct NumericTable {
  std::vector<std::string> columns;
  RowMatrix values;  // rows x columns.size()
  /// Index of a column by name; throws vixray::Error naming the source if absent.
  int64_t column_index(const std::string& name, const std::string& source) const;
  /// The table without one column (e.g. the label), and that column as a vector.
  NumericTable without_column(int64_t index) const;
};

/// Parses comma-separated text with a header line. Accepts a UTF-8 BOM, CRLF or LF line ends,
/// double-quoted fields and trailing blank lines. Every rejection names `source`, the line and
/// the column: "data.csv:14: column 3 (\"f2\"): expected a number, got \"abc\"".
NumericTable parse_numeric_table(std::string_view text, const std::string& source);

}  // namespace vixray
