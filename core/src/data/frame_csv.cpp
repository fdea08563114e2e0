#include "vixray/data/frame_csv.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

#include "vixray/base/error.hpp"
#include "vixray/data/csv.hpp"

namespace vixray {
namespace {

// Fields of one record as views into `line` (fast path for lines without quotes), or owned
// copies from split_csv_record when the line quotes anything.
void split_fields(std::string_view line, const std::string& source, int64_t line_number,
                  std::vector<std::string>& owned, std::vector<std::string_view>& fields) {
  fields.clear();
  if (line.find('"') != std::string_view::npos) {
    owned = split_csv_record(line, source, line_number);
    for (const auto& f : owned) fields.emplace_back(f);
    return;
  }
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return;
    }
    fields.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

}  // namespace

Frame parse_frame_csv(std::string_view text, const std::string& source) {
  LineReader reader(text);
  std::string_view line;
  if (!reader.next(line) || line.empty())
    throw Error(source + ":1: expected a header \"date,<column>,...\", got an empty file");
  const std::vector<std::string> header = split_csv_record(line, source, reader.line_number());
  if (header[0] != "date")
    throw Error(source + ":1: column 1: expected \"date\", got \"" + header[0] + "\"");
  if (header.size() < 2) throw Error(source + ":1: expected at least one column after \"date\"");
  for (size_t c = 1; c < header.size(); ++c) {
    if (header[c].empty())
      throw Error(source + ":1: column " + std::to_string(c + 1) + ": empty column name");
    for (size_t k = 1; k < c; ++k)
      if (header[k] == header[c])
        throw Error(source + ":1: column " + std::to_string(c + 1) + ": duplicate name \"" +
                    header[c] + "\"");
  }
  std::vector<Day> dates;
  std::vector<std::vector<double>> columns(header.size() - 1);
  std::vector<std::string> owned;
  std::vector<std::string_view> fields;
  while (reader.next(line)) {
    if (line.empty()) continue;  // blank lines (e.g. trailing) carry nothing
    const int64_t number = reader.line_number();
    const auto at = [&] { return source + ":" + std::to_string(number); };
    split_fields(line, source, number, owned, fields);
    if (fields.size() != header.size())
      throw Error(at() + ": expected " + std::to_string(header.size()) + " fields, got " +
                  std::to_string(fields.size()));
    Day day = 0;
    if (!parse_date(fields[0], day))
      throw Error(at() + ": column 1 (\"date\"): expected a date YYYY-MM-DD or MM/DD/YYYY, got \"" +
                  std::string(fields[0]) + "\"");
    if (!dates.empty() && day <= dates.back())
      throw Error(at() + ": column 1 (\"date\"): expected dates after " + format_iso(dates.back()) +
                  " (strictly increasing), got " + format_iso(day));
    dates.push_back(day);
    for (size_t c = 1; c < fields.size(); ++c) {
      double v = std::numeric_limits<double>::quiet_NaN();
      if (!is_missing_value(fields[c]) && !parse_double(fields[c], v))
        throw Error(at() + ": column " + std::to_string(c + 1) + " (\"" + header[c] +
                    "\"): expected a finite number or an empty field, got \"" +
                    std::string(fields[c]) + "\"");
      columns[c - 1].push_back(v);
    }
  }
  Frame frame(std::move(dates));
  for (size_t c = 1; c < header.size(); ++c) frame.set(header[c], std::move(columns[c - 1]));
  return frame;
}

std::string format_frame_csv(const Frame& frame) {
  std::string out = "date";
  for (const auto& name : frame.names()) out += "," + name;
  out += "\n";
  std::vector<const std::vector<double>*> columns;
  for (const auto& name : frame.names()) columns.push_back(&frame.column(name));
  for (size_t r = 0; r < frame.dates().size(); ++r) {
    out += format_iso(frame.dates()[r]);
    for (const auto* column : columns) {
      out += ",";
      append_csv_number(out, (*column)[r]);
    }
    out += "\n";
  }
  return out;
}

}  // namespace vixray
