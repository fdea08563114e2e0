#include "vixray/data/csv.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "vixray/base/error.hpp"

namespace vixray {

LineReader::LineReader(std::string_view text) : text_(text) {
  if (text_.size() >= 3 && static_cast<unsigned char>(text_[0]) == 0xEF &&
      static_cast<unsigned char>(text_[1]) == 0xBB && static_cast<unsigned char>(text_[2]) == 0xBF)
    position_ = 3;
}

bool LineReader::next(std::string_view& line) {
  if (position_ >= text_.size()) return false;
  size_t end = text_.find('\n', position_);
  if (end == std::string_view::npos) end = text_.size();
  line = text_.substr(position_, end - position_);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  position_ = end + 1;
  ++line_number_;
  return true;
}

bool parse_double(std::string_view field, double& out) {
  while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) field.remove_prefix(1);
  while (!field.empty() && (field.back() == ' ' || field.back() == '\t')) field.remove_suffix(1);
  if (field.empty() || field.size() > 64) return false;
  char buffer[80];
  field.copy(buffer, field.size());
  buffer[field.size()] = '\0';
  char* end = nullptr;
  out = std::strtod(buffer, &end);
  return end == buffer + field.size() && std::isfinite(out);
}

std::vector<std::string> split_csv_record(std::string_view line, const std::string& source,
                                          int64_t line_number) {
  std::vector<std::string> fields;
  std::string current;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          current.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        current.push_back(ch);
      }
    } else if (ch == '"' && current.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (ch == ',') {
      fields.push_back(std::move(current));
      current.clear();
      was_quoted = false;
    } else {
      current.push_back(ch);
    }
  }
  if (quoted)
    throw Error(source + ":" + std::to_string(line_number) + ": column " +
                std::to_string(fields.size() + 1) + ": unterminated quoted field");
  fields.push_back(std::move(current));
  return fields;
}

bool is_missing_value(std::string_view field) {
  while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) field.remove_prefix(1);
  while (!field.empty() && (field.back() == ' ' || field.back() == '\t')) field.remove_suffix(1);
  if (field.size() > 4) return false;
  // A field starting with a digit is a number or an error, never a missing marker.
  if (!field.empty() && field.front() >= '0' && field.front() <= '9') return false;
  char lower[4] = {0, 0, 0, 0};
  for (size_t i = 0; i < field.size(); ++i)
    lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(field[i])));
  const std::string_view text(lower, field.size());
  for (std::string_view token : {"", ".", "-", "nan", "na", "n/a", "#n/a", "null"})
    if (text == token) return true;
  return false;
}

void append_csv_number(std::string& out, double value) {
  if (std::isnan(value)) return;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  out += buffer;
}

}  // namespace vixray
