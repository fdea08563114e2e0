// Time zones as POSIX TZ rule strings ("EST5EDT,M3.2.0,M11.1.0", "JST-9", "ICT-7"): the
// toolchains here ship no tz database, and a rule string is enough for the markets vixray knows
// (New York's daylight saving, Tokyo and Bangkok without it). Grammar (POSIX.1-2017, 8.3 TZ):
//   std offset [dst [offset] [,start[/time],end[/time]]]
// names are 3+ letters or <...> quoted ("<+07>-7"); offsets are [+-]hh[:mm[:ss]] WEST of UTC
// (POSIX sign); rules are Mm.w.d (month, week 1-5 with 5 = last, weekday 0 = Sunday), Jn (1-365,
// no Feb 29) or n (0-365); times default to 02:00:00 and may be negative or above 24 h.
// A dst name without rules uses the US rules ",M3.2.0,M11.1.0" (glibc's default).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace vixray {

struct PosixTzRule {
  enum class Kind { kMonthWeekDay, kJulianNoLeap, kJulianZero } kind = Kind::kMonthWeekDay;
  int32_t month = 0, week = 0, weekday = 0;  // kMonthWeekDay
  int32_t day = 0;                           // kJulianNoLeap (1-365) / kJulianZero (0-365)
  int32_t time_s = 7200;                     // local wall time of the change, seconds
};

class PosixTz {
 public:
  /// Parses a rule string; throws vixray::Error "time zone \"...\": expected ..., at character N".
  static PosixTz parse(std::string_view rule);

  const std::string& text() const { return text_; }
  bool has_dst() const { return has_dst_; }
  /// Seconds EAST of UTC (local = utc + offset) in standard time and in daylight time.
  int32_t std_offset_s() const { return std_offset_s_; }
  int32_t dst_offset_s() const { return dst_offset_s_; }

  /// The offset (seconds east of UTC) in force at a UTC instant (seconds since 1970).
  int32_t offset_at_utc(int64_t utc_s) const;
  /// The UTC instant of a local wall time (seconds since 1970 of the local civil time). In the
  /// hour that repeats when daylight saving ends, the first (daylight) instant; in the hour that
  /// is skipped when it starts, the wall time is read with the standard offset (as glibc's
  /// mktime with tm_isdst = -1 does on most systems).
  int64_t local_to_utc(int64_t local_s) const;
  /// "std" or "dst" name in force at a UTC instant.
  const std::string& abbreviation_at_utc(int64_t utc_s) const;

 private:
  std::string text_, std_name_, dst_name_;
  bool has_dst_ = false;
  int32_t std_offset_s_ = 0, dst_offset_s_ = 0;
  PosixTzRule start_, end_;
  /// UTC instants of the start and end of daylight time in a year.
  int64_t dst_start_utc(int32_t year) const;
  int64_t dst_end_utc(int32_t year) const;
};

}  // namespace vixray
