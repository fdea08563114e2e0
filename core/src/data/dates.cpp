#include "vixray/data/dates.hpp"

#include <cstdio>

namespace vixray {

Day days_from_civil(int32_t year, int32_t month, int32_t day) {
  year -= month <= 2;
  const int32_t era = (year >= 0 ? year : year - 399) / 400;
  const int32_t year_of_era = year - era * 400;
  const int32_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int32_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

void civil_from_days(Day days, int32_t& year, int32_t& month, int32_t& day) {
  const int32_t z = days + 719468;
  const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int32_t day_of_era = z - era * 146097;
  const int32_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int32_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int32_t mp = (5 * day_of_year + 2) / 153;
  day = day_of_year - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = year_of_era + era * 400 + (month <= 2);
}

int32_t weekday(Day days) {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  const int32_t w = (days + 3) % 7;
  return w < 0 ? w + 7 : w;
}

namespace {

// The date as ISO "YYYY-MM-DD" or, with `us`, "MM/DD/YYYY".
std::string format_date(Day days, bool us) {
  int32_t y = 0, m = 0, d = 0;
  civil_from_days(days, y, m, d);
  char buffer[48];
  if (us) {
    std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", static_cast<int>(m), static_cast<int>(d),
                  static_cast<int>(y));
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", static_cast<int>(y), static_cast<int>(m),
                  static_cast<int>(d));
  }
  return buffer;
}

}  // namespace

std::string format_iso(Day days) { return format_date(days, false); }
std::string format_us(Day days) { return format_date(days, true); }

namespace {

bool parse_uint(std::string_view text, int32_t& out) {
  if (text.empty() || text.size() > 4) return false;
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

bool valid(int32_t y, int32_t m, int32_t d) {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  static const int32_t kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

}  // namespace

bool parse_date(std::string_view text, Day& out) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  int32_t y = 0, m = 0, d = 0;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    if (!parse_uint(text.substr(0, 4), y) || !parse_uint(text.substr(5, 2), m) ||
        !parse_uint(text.substr(8, 2), d))
      return false;
  } else {
    const size_t a = text.find('/');
    const size_t b = a == std::string_view::npos ? a : text.find('/', a + 1);
    if (b == std::string_view::npos) return false;
    if (!parse_uint(text.substr(0, a), m) || !parse_uint(text.substr(a + 1, b - a - 1), d) ||
        text.size() - b - 1 != 4 || !parse_uint(text.substr(b + 1), y))
      return false;
  }
  if (!valid(y, m, d)) return false;
  out = days_from_civil(y, m, d);
  return true;
}

}  // namespace vixray
