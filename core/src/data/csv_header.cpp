#include "vixray/data/csv_header.hpp"

#include <cstdio>
#include <cstring>

#include "vixray/data/csv.hpp"
#include "vixray/data/decimal.hpp"

namespace vixray {

const char* price_field_name(int field) {
  static const char* const kNames[kPriceFieldCount] = {"open",  "high",      "low",
                                                       "close", "adj close", "volume"};
  return field >= 0 && field < kPriceFieldCount ? kNames[field] : "?";
}

std::string trim_field(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::string normalized_header_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '<' || c == '>') continue;
    if (c == '_' || c == '.' || c == '\t') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

int price_field_of(const std::string& norm) {
  if (norm == "adj close" || norm == "adjclose" || norm == "adjusted close") return kFieldAdjClose;
  const size_t space = norm.rfind(' ');
  const std::string last = space == std::string::npos ? norm : norm.substr(space + 1);
  if (space != std::string::npos && (last == "close") && norm.find("adj") != std::string::npos)
    return kFieldAdjClose;
  if (last == "open") return kFieldOpen;
  if (last == "high") return kFieldHigh;
  if (last == "low") return kFieldLow;
  if (last == "close") return kFieldClose;
  if (last == "volume" || last == "vol") return kFieldVolume;
  return -1;
}

bool is_date_header_name(const std::string& norm) {
  size_t start = 0;
  while (start <= norm.size()) {
    size_t end = norm.find(' ', start);
    if (end == std::string::npos) end = norm.size();
    if (norm.compare(start, end - start, "date") == 0) return true;
    start = end + 1;
  }
  return false;
}

bool parse_price_field(std::string_view text, double& out) {
  char field[32];  // prices are short; the fast path needs a terminated copy of the field
  if (!text.empty() && text.size() < sizeof field) {
    std::memcpy(field, text.data(), text.size());
    field[text.size()] = '\0';
    const char* end = nullptr;
    double value = 0.0;
    if (parse_decimal_fast(field, &end, &value) && end == field + text.size()) {
      out = value;
      return true;
    }
  }
  return parse_double(text, out);
}

std::string price_message_text(double v) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.10g", v);
  return buffer;
}

std::string csv_place(const std::string& source, int64_t line) {
  return source + ":" + std::to_string(line);
}

std::string quoted_text(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace vixray
