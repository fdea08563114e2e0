#include "vixray/data/posix_tz.hpp"

#include <string>

#include "vixray/base/error.hpp"
#include "vixray/data/dates.hpp"

namespace vixray {

namespace {

constexpr int64_t kTzDaySeconds = 86400;

// A cursor over the rule text; every failure names the rule and the character (1-based).
class TzScanner {
 public:
  explicit TzScanner(std::string_view text) : text_(text) {}

  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  [[noreturn]] void fail(const std::string& expected) const {
    throw Error("time zone \"" + std::string(text_) + "\": expected " + expected +
                ", at character " + std::to_string(pos_ + 1));
  }

  // std or dst name: 3+ letters, or <...> of letters, digits, '+' and '-'.
  std::string name(const char* what) {
    std::string out;
    if (accept('<')) {
      while (!done() && peek() != '>') {
        const char c = peek();
        if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-') fail(std::string(what) + " name");
        out.push_back(c);
        ++pos_;
      }
      if (!accept('>')) fail("'>' closing the " + std::string(what) + " name");
    } else {
      while (is_alpha(peek())) out.push_back(text_[pos_++]);
    }
    if (out.size() < 3) fail(std::string(what) + " name of 3 or more letters");
    return out;
  }

  // [+-]hh[:mm[:ss]] as seconds; hours up to `max_hours`.
  int32_t duration(const char* what, int32_t max_hours, bool allow_sign) {
    int32_t sign = 1;
    if (allow_sign && (peek() == '+' || peek() == '-')) sign = text_[pos_++] == '-' ? -1 : 1;
    const int32_t h = number(what, 0, max_hours);
    int32_t m = 0, s = 0;
    if (accept(':')) {
      m = number(what, 0, 59);
      if (accept(':')) s = number(what, 0, 59);
    }
    return sign * (h * 3600 + m * 60 + s);
  }

  int32_t number(const std::string& what, int32_t lo, int32_t hi) {
    if (!is_digit(peek())) fail(what);
    const size_t start = pos_;
    int64_t v = 0;
    while (is_digit(peek())) {
      v = v * 10 + (text_[pos_++] - '0');
      if (v > hi) break;
    }
    if (v < lo || v > hi) {
      pos_ = start;
      fail(what + " in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    }
    return static_cast<int32_t>(v);
  }

  PosixTzRule rule() {
    PosixTzRule r;
    if (accept('M')) {
      r.kind = PosixTzRule::Kind::kMonthWeekDay;
      r.month = number("month (Mm.w.d)", 1, 12);
      if (!accept('.')) fail("'.' after the month (Mm.w.d)");
      r.week = number("week (Mm.w.d)", 1, 5);
      if (!accept('.')) fail("'.' after the week (Mm.w.d)");
      r.weekday = number("weekday (Mm.w.d)", 0, 6);
    } else if (accept('J')) {
      r.kind = PosixTzRule::Kind::kJulianNoLeap;
      r.day = number("day (Jn)", 1, 365);
    } else {
      r.kind = PosixTzRule::Kind::kJulianZero;
      r.day = number("a rule Mm.w.d, Jn or n", 0, 365);
    }
    if (accept('/')) r.time_s = duration("time of the change", 167, true);
    return r;
  }

 private:
  static bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  std::string_view text_;
  size_t pos_ = 0;
};

bool tz_is_leap(int32_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Local day (days since 1970) on which a rule falls in a year.
Day tz_rule_day(const PosixTzRule& r, int32_t year) {
  const Day jan1 = days_from_civil(year, 1, 1);
  switch (r.kind) {
    case PosixTzRule::Kind::kJulianNoLeap: {
      Day d = jan1 + r.day - 1;
      if (tz_is_leap(year) && r.day >= 60) ++d;  // Jn never counts Feb 29
      return d;
    }
    case PosixTzRule::Kind::kJulianZero:
      return jan1 + r.day;
    case PosixTzRule::Kind::kMonthWeekDay:
      break;
  }
  const Day first = days_from_civil(year, r.month, 1);
  // weekday() is 0 = Monday; POSIX d is 0 = Sunday.
  const int32_t first_wd = (weekday(first) + 1) % 7;
  Day d = first + (r.weekday - first_wd + 7) % 7 + 7 * (r.week - 1);
  const int32_t next_month_year = r.month == 12 ? year + 1 : year;
  const Day next_month = days_from_civil(next_month_year, r.month == 12 ? 1 : r.month + 1, 1);
  while (d >= next_month) d -= 7;  // week 5 = the last such weekday
  return d;
}

int32_t tz_year_of_utc(int64_t utc_s) {
  int64_t days = utc_s / kTzDaySeconds;
  if (utc_s % kTzDaySeconds < 0) --days;
  int32_t y = 0, m = 0, d = 0;
  civil_from_days(static_cast<Day>(days), y, m, d);
  return y;
}

}  // namespace

PosixTz PosixTz::parse(std::string_view rule) {
  PosixTz tz;
  tz.text_ = std::string(rule);
  TzScanner s(rule);
  tz.std_name_ = s.name("standard time");
  tz.std_offset_s_ = -s.duration("an offset [+-]hh[:mm[:ss]]", 24, true);
  if (s.done()) {
    tz.dst_name_ = tz.std_name_;
    tz.dst_offset_s_ = tz.std_offset_s_;
    return tz;
  }
  tz.has_dst_ = true;
  tz.dst_name_ = s.name("daylight time");
  tz.dst_offset_s_ = tz.std_offset_s_ + 3600;
  if (!s.done() && s.peek() != ',')
    tz.dst_offset_s_ = -s.duration("a daylight offset [+-]hh[:mm[:ss]]", 24, true);
  if (s.done()) {
    tz.start_ = PosixTzRule{PosixTzRule::Kind::kMonthWeekDay, 3, 2, 0, 0, 7200};
    tz.end_ = PosixTzRule{PosixTzRule::Kind::kMonthWeekDay, 11, 1, 0, 0, 7200};
    return tz;
  }
  if (!s.accept(',')) s.fail("',' before the start rule");
  tz.start_ = s.rule();
  if (!s.accept(',')) s.fail("',' before the end rule");
  tz.end_ = s.rule();
  if (!s.done()) s.fail("the end of the rule");
  return tz;
}

// The start rule's time is local standard time; the end rule's is local daylight time.
int64_t PosixTz::dst_start_utc(int32_t year) const {
  return static_cast<int64_t>(tz_rule_day(start_, year)) * kTzDaySeconds + start_.time_s -
         std_offset_s_;
}

int64_t PosixTz::dst_end_utc(int32_t year) const {
  return static_cast<int64_t>(tz_rule_day(end_, year)) * kTzDaySeconds + end_.time_s -
         dst_offset_s_;
}

int32_t PosixTz::offset_at_utc(int64_t utc_s) const {
  if (!has_dst_) return std_offset_s_;
  const int32_t year = tz_year_of_utc(utc_s + std_offset_s_);
  const int64_t start = dst_start_utc(year);
  const int64_t end = dst_end_utc(year);
  const bool in_dst = start < end ? (utc_s >= start && utc_s < end)   // northern hemisphere
                                  : (utc_s >= start || utc_s < end);  // southern
  return in_dst ? dst_offset_s_ : std_offset_s_;
}

int64_t PosixTz::local_to_utc(int64_t local_s) const {
  if (!has_dst_) return local_s - std_offset_s_;
  const int64_t as_dst = local_s - dst_offset_s_;
  if (offset_at_utc(as_dst) == dst_offset_s_) return as_dst;  // the daylight reading holds
  return local_s - std_offset_s_;
}

const std::string& PosixTz::abbreviation_at_utc(int64_t utc_s) const {
  return has_dst_ && offset_at_utc(utc_s) == dst_offset_s_ && dst_offset_s_ != std_offset_s_
             ? dst_name_
             : std_name_;
}

}  // namespace vixray
