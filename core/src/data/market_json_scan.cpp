// market.json in one pass over its text (market_json.hpp scan_market_json): a cursor that
// accepts the common form only and says false on anything else.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "vixray/data/dates.hpp"
#include "vixray/data/decimal.hpp"
#include "vixray/data/market_json.hpp"

namespace vixray {
namespace {

// A cursor over the text; every method returns false when the text is not of the common form.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : at_(text.data()), end_(text.data() + text.size()) {}

  void skip_space() {
    while (at_ < end_ && (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) ++at_;
  }
  bool at_end() {
    skip_space();
    return at_ == end_;
  }
  // The next non-space character is c: consumes it.
  bool take(char c) {
    skip_space();
    if (at_ == end_ || *at_ != c) return false;
    ++at_;
    return true;
  }
  // A string of printable ASCII without escapes.
  bool string(std::string_view& out) {
    if (!take('"')) return false;
    const char* begin = at_;
    while (at_ < end_ && *at_ != '"') {
      if (*at_ < 0x20 || *at_ > 0x7e || *at_ == '\\') return false;
      ++at_;
    }
    if (at_ == end_) return false;
    out = std::string_view(begin, static_cast<size_t>(at_ - begin));
    ++at_;
    return true;
  }
  // A JSON number (RFC 8259 grammar) or null.
  bool number_or_null(double& out) {
    skip_space();
    if (end_ - at_ >= 4 && std::memcmp(at_, "null", 4) == 0) {
      at_ += 4;
      out = std::numeric_limits<double>::quiet_NaN();
      return true;
    }
    const char* begin = at_;
    const char* p = at_;
    if (p < end_ && *p == '-') ++p;
    if (p == end_ || !digit(*p)) return false;
    const bool zero = *p == '0';
    p = digits(p);
    if (zero && p - begin > (*begin == '-' ? 2 : 1)) return false;  // a leading zero
    bool integer = true;
    if (p < end_ && *p == '.') {
      integer = false;
      if (++p == end_ || !digit(*p)) return false;
      p = digits(p);
    }
    if (p < end_ && (*p == 'e' || *p == 'E')) {
      integer = false;
      if (++p < end_ && (*p == '+' || *p == '-')) ++p;
      if (p == end_ || !digit(*p)) return false;
      p = digits(p);
    }
    if (integer && zero && *begin == '-') return false;  // "-0": the document holds +0
    if (p == end_) return false;
    // parse_decimal_fast reads past the token only into characters a number cannot hold.
    const char* parsed = nullptr;
    if (!parse_decimal_fast(begin, &parsed, &out) || parsed != p) {
      // More digits than its fast path: strtod, as the document's reader (a double's value,
      // and an integer's, rounded once to the nearest double either way).
      const std::string token(begin, p);
      out = std::strtod(token.c_str(), nullptr);
      if (!std::isfinite(out)) return false;  // the document reader refuses it
    }
    at_ = p;
    return true;
  }
  // Any JSON value, skipped: its text, to parse with nlohmann (which validates it).
  bool value_text(std::string_view& out) {
    skip_space();
    const char* begin = at_;
    int depth = 0;
    while (at_ < end_) {
      const char c = *at_++;
      if (c == '"') {
        while (at_ < end_ && *at_ != '"') at_ += *at_ == '\\' ? 2 : 1;
        if (at_ >= end_) return false;
        ++at_;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth < 0) return false;
      }
      if (depth == 0 && (at_ == end_ || *at_ == ',' || *at_ == '}' || *at_ == ']' || *at_ == ' ' ||
                         *at_ == '\n' || *at_ == '\r' || *at_ == '\t'))
        break;
    }
    if (depth != 0) return false;
    out = std::string_view(begin, static_cast<size_t>(at_ - begin));
    return true;
  }

 private:
  static bool digit(char c) { return c >= '0' && c <= '9'; }
  const char* digits(const char* p) const {
    while (p < end_ && digit(*p)) ++p;
    return p;
  }
  const char* at_;
  const char* end_;
};

// An array's items are read in spans by a function that is not inlined: a WebAssembly engine
// (V8) swaps in optimised code for a function at its next call, never in the middle of one, so a
// page's first read of market.json would otherwise run its baseline code to the end (as
// features/kernels.hpp's in_spans). The result does not depend on the spans.
constexpr int kItemsPerSpan = 512;

// Up to kItemsPerSpan items and their commas: 1 = the array ended, 0 = more items follow,
// -1 = not the common form.
template <class Item>
[[gnu::noinline]] int array_span(Scanner& s, Item& item) {
  for (int i = 0; i < kItemsPerSpan; ++i) {
    if (!item()) return -1;
    if (!s.take(',')) return s.take(']') ? 1 : -1;
  }
  return 0;
}

// "[" items "]" with `item` reading one; an empty array is allowed.
template <class Item>
bool array(Scanner& s, Item item) {
  if (!s.take('[')) return false;
  if (s.take(']')) return true;
  int state = 0;
  while (state == 0) state = array_span(s, item);
  return state == 1;
}

bool dates(Scanner& s, std::vector<Day>& out) {
  return array(s, [&] {
    std::string_view text;
    Day day = 0;
    if (!s.string(text) || !parse_date(text, day)) return false;
    out.push_back(day);
    return true;
  });
}

bool columns(Scanner& s, std::vector<std::pair<std::string, std::vector<double>>>& out) {
  if (!s.take('{')) return false;
  if (s.take('}')) return true;
  do {
    std::string_view name;
    if (!s.string(name) || !s.take(':')) return false;
    std::vector<double> values;
    if (!array(s, [&] {
          double v = 0.0;
          if (!s.number_or_null(v)) return false;
          values.push_back(v);
          return true;
        }))
      return false;
    out.emplace_back(std::string(name), std::move(values));
  } while (s.take(','));
  return s.take('}');
}

}  // namespace

bool scan_market_json(std::string_view text, MarketDocument& out) {
  Scanner s(text);
  std::vector<Day> day_list;
  std::vector<std::pair<std::string, std::vector<double>>> column_list;
  std::string_view provenance;
  bool format = false, version = false, have_dates = false, have_columns = false,
       have_provenance = false;
  if (!s.take('{')) return false;
  do {
    std::string_view key, value;
    if (!s.string(key) || !s.take(':')) return false;
    if (key == "format" && !format) {
      format = s.string(value) && value == kMarketFormat;
      if (!format) return false;
    } else if (key == "format_version" && !version) {
      version = s.string(value) && value == "1.0";
      if (!version) return false;
    } else if (key == "dates" && !have_dates) {
      have_dates = dates(s, day_list);
      if (!have_dates) return false;
    } else if (key == "columns" && !have_columns) {
      have_columns = columns(s, column_list);
      if (!have_columns) return false;
    } else if (key == "provenance" && !have_provenance) {
      have_provenance = s.value_text(provenance);
      if (!have_provenance) return false;
    } else {
      return false;  // another member, or one given twice
    }
  } while (s.take(','));
  if (!s.take('}') || !s.at_end() || !format || !version || !have_dates || !have_columns)
    return false;
  // The document path's columns come from a JSON object: sorted by name, each name once.
  std::sort(column_list.begin(), column_list.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t c = 0; c < column_list.size(); ++c)
    if (column_list[c].second.size() != day_list.size() ||
        (c > 0 && column_list[c].first == column_list[c - 1].first))
      return false;
  nlohmann::json source = nullptr;
  if (have_provenance) {
    const nlohmann::json p = nlohmann::json::parse(provenance, nullptr, false);
    if (p.is_discarded()) return false;
    if (p.is_object() && p.contains("source")) source = p["source"];
  }
  out.frame = Frame(std::move(day_list));
  for (auto& [name, values] : column_list) out.frame.set(name, std::move(values));
  out.source = std::move(source);
  return true;
}

}  // namespace vixray
