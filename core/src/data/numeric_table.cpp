#include "vixray/data/numeric_table.hpp"

#include <string>

#include "vixray/base/error.hpp"
#include "vixray/data/csv.hpp"

namespace vixray {

int64_t NumericTable::column_index(const std::string& name, const std::string& source) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return static_cast<int64_t>(i);
  std::string known;
  for (const auto& c : columns) known += (known.empty() ? "" : ", ") + c;
  throw Error(source + ": no column \"" + name + "\" (columns: " + known + ")");
}

NumericTable NumericTable::without_column(int64_t index) const {
  NumericTable out;
  for (size_t i = 0; i < columns.size(); ++i)
    if (static_cast<int64_t>(i) != index) out.columns.push_back(columns[i]);
  out.values.resize(values.rows(), values.cols() - 1);
  for (Eigen::Index c = 0, k = 0; c < values.cols(); ++c) {
    if (c == index) continue;
    out.values.col(k++) = values.col(c);
  }
  return out;
}

NumericTable parse_numeric_table(std::string_view text, const std::string& source) {
  LineReader reader(text);
  std::string_view line;
  NumericTable table;
  bool have_header = false;
  std::vector<double> values;
  int64_t rows = 0;
  int64_t blank_since = 0;  // a blank line is only allowed if nothing follows it
  while (reader.next(line)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      if (blank_since == 0) blank_since = reader.line_number();
      continue;
    }
    if (blank_since != 0)
      throw Error(source + ":" + std::to_string(blank_since) +
                  ": blank line inside the data; expected one record per line");
    auto fields = split_csv_record(line, source, reader.line_number());
    if (!have_header) {
      for (auto& f : fields) {
        while (!f.empty() && f.back() == ' ') f.pop_back();
        while (!f.empty() && f.front() == ' ') f.erase(f.begin());
        if (f.empty())
          throw Error(source + ":" + std::to_string(reader.line_number()) +
                      ": empty column name in the header");
        table.columns.push_back(f);
      }
      have_header = true;
      continue;
    }
    if (fields.size() != table.columns.size())
      throw Error(source + ":" + std::to_string(reader.line_number()) + ": expected " +
                  std::to_string(table.columns.size()) + " fields (as in the header), got " +
                  std::to_string(fields.size()));
    for (size_t c = 0; c < fields.size(); ++c) {
      double v = 0.0;
      if (!parse_double(fields[c], v))
        throw Error(source + ":" + std::to_string(reader.line_number()) + ": column " +
                    std::to_string(c + 1) + " (\"" + table.columns[c] +
                    "\"): expected a finite number, got \"" + fields[c] + "\"");
      values.push_back(v);
    }
    ++rows;
  }
  if (!have_header) throw Error(source + ": empty file; expected a header line and data rows");
  if (rows == 0) throw Error(source + ": no data rows after the header");
  table.values = Eigen::Map<RowMatrix>(values.data(), static_cast<Eigen::Index>(rows),
                                       static_cast<Eigen::Index>(table.columns.size()));
  return table;
}

}  // namespace vixray
