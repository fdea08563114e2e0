// Calendar dates as whole days since 1970-01-01 (proleptic Gregorian), the unit of every
// Frame. Conversions use Howard Hinnant's civil-date algorithms (exact, no time zones).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace vixray {

using Day = int32_t;  // days since 1970-01-01

Day days_from_civil(int32_t year, int32_t month, int32_t day);
void civil_from_days(Day days, int32_t& year, int32_t& month, int32_t& day);
/// 0 = Monday ... 6 = Sunday.
int32_t weekday(Day days);
/// "YYYY-MM-DD".
std::string format_iso(Day days);
/// "MM/DD/YYYY" (CBOE's history files).
std::string format_us(Day days);
/// Parses ISO "YYYY-MM-DD" or US "MM/DD/YYYY" ("M/D/YYYY" too); false if the text is not a real
/// calendar date (e.g. 2019-02-30).
bool parse_date(std::string_view text, Day& out);

}  // namespace vixray
