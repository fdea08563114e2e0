#include "vixray/data/csv.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
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

namespace {

bool is_decimal_digit(char c) { return c >= '0' && c <= '9'; }

// Whether `t` is a plain decimal number, the only numbers a data vendor's CSV holds: an optional
// '-', digits with an optional '.' (at least one digit in all), an optional exponent (e or E, an
// optional sign, digits). Not hexadecimal ("0x1p8"), "inf", "nan", a leading '+' or whitespace,
// which strtod would take. Sets *nonzero when a digit of the significand is not 0.
bool is_plain_decimal(std::string_view t, bool* nonzero) {
  size_t i = 0, digits = 0;
  *nonzero = false;
  if (i < t.size() && t[i] == '-') ++i;
  for (; i < t.size() && is_decimal_digit(t[i]); ++i, ++digits)
    if (t[i] != '0') *nonzero = true;
  if (i < t.size() && t[i] == '.')
    for (++i; i < t.size() && is_decimal_digit(t[i]); ++i, ++digits)
      if (t[i] != '0') *nonzero = true;
  if (digits == 0) return false;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    if (i == t.size() || !is_decimal_digit(t[i])) return false;
    while (i < t.size() && is_decimal_digit(t[i])) ++i;
  }
  return i == t.size();
}

}  // namespace

bool parse_double(std::string_view field, double& out) {
  while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) field.remove_prefix(1);
  while (!field.empty() && (field.back() == ' ' || field.back() == '\t')) field.remove_suffix(1);
  bool nonzero = false;
  if (field.empty() || field.size() > 64 || !is_plain_decimal(field, &nonzero)) return false;
  char buffer[80];
  field.copy(buffer, field.size());
  buffer[field.size()] = '\0';
  char* end = nullptr;
  const double value = std::strtod(buffer, &end);
  // Out of range: an overflow (inf), or an underflow to zero or to a subnormal (decided from the
  // value, not errno, so glibc and musl agree).
  if (end != buffer + field.size() || !std::isfinite(value)) return false;
  if (nonzero && !(std::fabs(value) >= std::numeric_limits<double>::min())) return false;
  out = value;
  return true;
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
