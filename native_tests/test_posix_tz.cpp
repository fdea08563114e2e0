// POSIX TZ rule strings (posix_tz.hpp). Known answers are the published transition instants:
// the US Energy Policy Act of 2005 rules (in force since 2007) put 2024's change to daylight
// time at 2024-03-10 02:00 EST = 07:00:00Z and back at 2024-11-03 02:00 EDT = 06:00:00Z; Sydney
// (NSW) changed on 2024-04-07 03:00 AEDT = 2024-04-06T16:00Z and 2024-10-06 02:00 AEST =
// 2024-10-05T16:00Z. Japan and Thailand keep UTC+9 and UTC+7 all year.
#include <catch2/catch.hpp>
#include <string>

#include "vixray/base/error.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/data/posix_tz.hpp"

using vixray::PosixTz;

namespace {

// Seconds since 1970 of a civil time (UTC or local, as the caller means it).
int64_t tz_civil(int32_t y, int32_t mo, int32_t d, int32_t h, int32_t mi) {
  return static_cast<int64_t>(vixray::days_from_civil(y, mo, d)) * 86400 + h * 3600 + mi * 60;
}

std::string tz_error_of(const std::string& rule) {
  try {
    PosixTz::parse(rule);
  } catch (const vixray::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("posix_tz: US Eastern changes to daylight time on 2024-03-10 at 07:00Z", "[posix_tz]") {
  const PosixTz ny = PosixTz::parse("EST5EDT,M3.2.0,M11.1.0");
  CHECK(ny.has_dst());
  CHECK(ny.std_offset_s() == -5 * 3600);
  CHECK(ny.dst_offset_s() == -4 * 3600);
  const int64_t spring = tz_civil(2024, 3, 10, 7, 0);
  CHECK(ny.offset_at_utc(spring - 1) == -5 * 3600);
  CHECK(ny.offset_at_utc(spring) == -4 * 3600);
  CHECK(ny.abbreviation_at_utc(spring - 1) == "EST");
  CHECK(ny.abbreviation_at_utc(spring) == "EDT");
  // 02:30 does not exist that day: read with the standard offset (07:30Z, i.e. 03:30 EDT).
  CHECK(ny.local_to_utc(tz_civil(2024, 3, 10, 2, 30)) == tz_civil(2024, 3, 10, 7, 30));
  CHECK(ny.local_to_utc(tz_civil(2024, 3, 10, 9, 30)) == tz_civil(2024, 3, 10, 13, 30));
  CHECK(ny.local_to_utc(tz_civil(2024, 3, 8, 9, 30)) == tz_civil(2024, 3, 8, 14, 30));
}

TEST_CASE("posix_tz: US Eastern repeats 01:00-02:00 on 2024-11-03 (back at 06:00Z)", "[posix_tz]") {
  const PosixTz ny = PosixTz::parse("EST5EDT,M3.2.0,M11.1.0");
  const int64_t fall = tz_civil(2024, 11, 3, 6, 0);
  CHECK(ny.offset_at_utc(fall - 1) == -4 * 3600);
  CHECK(ny.offset_at_utc(fall) == -5 * 3600);
  CHECK(ny.abbreviation_at_utc(fall) == "EST");
  // 01:30 happens twice (05:30Z in EDT, 06:30Z in EST): the first instant is taken.
  CHECK(ny.local_to_utc(tz_civil(2024, 11, 3, 1, 30)) == tz_civil(2024, 11, 3, 5, 30));
  CHECK(ny.local_to_utc(tz_civil(2024, 11, 3, 2, 30)) == tz_civil(2024, 11, 3, 7, 30));
  // A dst name without rules takes the same US rules (glibc's default).
  const PosixTz bare = PosixTz::parse("EST5EDT");
  CHECK(bare.offset_at_utc(fall - 1) == -4 * 3600);
  CHECK(bare.offset_at_utc(fall) == -5 * 3600);
}

TEST_CASE("posix_tz: Tokyo and Bangkok keep one offset; quoted names", "[posix_tz]") {
  const PosixTz tokyo = PosixTz::parse("JST-9");
  CHECK_FALSE(tokyo.has_dst());
  CHECK(tokyo.offset_at_utc(tz_civil(2024, 7, 1, 0, 0)) == 9 * 3600);
  CHECK(tokyo.offset_at_utc(tz_civil(2024, 1, 1, 0, 0)) == 9 * 3600);
  CHECK(tokyo.abbreviation_at_utc(0) == "JST");
  CHECK(tokyo.local_to_utc(tz_civil(2024, 11, 5, 9, 0)) == tz_civil(2024, 11, 5, 0, 0));
  const PosixTz bangkok = PosixTz::parse("ICT-7");
  CHECK(bangkok.offset_at_utc(tz_civil(2024, 3, 10, 7, 0)) == 7 * 3600);
  CHECK(bangkok.local_to_utc(tz_civil(2024, 3, 8, 10, 0)) == tz_civil(2024, 3, 8, 3, 0));
  const PosixTz quoted = PosixTz::parse("<+07>-7");
  CHECK(quoted.abbreviation_at_utc(0) == "+07");
  CHECK(quoted.std_offset_s() == 7 * 3600);
  CHECK(PosixTz::parse("UTC0").offset_at_utc(0) == 0);
  CHECK(PosixTz::parse("<-0330>3:30").std_offset_s() == -(3 * 3600 + 30 * 60));
}

TEST_CASE("posix_tz: southern hemisphere and Julian-day rules", "[posix_tz]") {
  const PosixTz sydney = PosixTz::parse("AEST-10AEDT,M10.1.0,M4.1.0/3");
  const int64_t end = tz_civil(2024, 4, 6, 16, 0);
  const int64_t start = tz_civil(2024, 10, 5, 16, 0);
  CHECK(sydney.offset_at_utc(end - 1) == 11 * 3600);
  CHECK(sydney.offset_at_utc(end) == 10 * 3600);
  CHECK(sydney.offset_at_utc(start - 1) == 10 * 3600);
  CHECK(sydney.offset_at_utc(start) == 11 * 3600);
  // J60 is March 1 every year (Jn skips Feb 29); 59 (zero-based) is Feb 29 in 2024.
  const PosixTz julian = PosixTz::parse("AAA0BBB,J60/0,J300/0");
  CHECK(julian.offset_at_utc(tz_civil(2024, 3, 1, 0, 0) - 1) == 0);
  CHECK(julian.offset_at_utc(tz_civil(2024, 3, 1, 0, 0)) == 3600);
  const PosixTz zero = PosixTz::parse("AAA0BBB,59/0,300/0");
  CHECK(zero.offset_at_utc(tz_civil(2024, 2, 29, 0, 0)) == 3600);
  CHECK(zero.offset_at_utc(tz_civil(2024, 2, 28, 23, 59)) == 0);
}

TEST_CASE("posix_tz: bad rule strings name what was expected and where", "[posix_tz]") {
  CHECK(tz_error_of("") ==
        "time zone \"\": expected standard time name of 3 or more letters, at character 1");
  CHECK(tz_error_of("ES5") ==
        "time zone \"ES5\": expected standard time name of 3 or more letters, at character 3");
  CHECK(tz_error_of("EST") ==
        "time zone \"EST\": expected an offset [+-]hh[:mm[:ss]], at character 4");
  CHECK(tz_error_of("EST5EDT,M3.2.0") ==
        "time zone \"EST5EDT,M3.2.0\": expected ',' before the end rule, at character 15");
  CHECK(tz_error_of("EST5EDT,M13.2.0,M11.1.0") ==
        "time zone \"EST5EDT,M13.2.0,M11.1.0\": expected month (Mm.w.d) in [1, 12], at "
        "character 10");
  CHECK(tz_error_of("<+07-7") ==
        "time zone \"<+07-7\": expected '>' closing the standard time name, at character 7");
  CHECK(tz_error_of("JST-9x") ==
        "time zone \"JST-9x\": expected daylight time name of 3 or more letters, at character 7");
  CHECK(tz_error_of("JST-25") ==
        "time zone \"JST-25\": expected an offset [+-]hh[:mm[:ss]] in [0, 24], at character 5");
  CHECK(tz_error_of("EST5EDT,M3.2.0,M11.1.0x") ==
        "time zone \"EST5EDT,M3.2.0,M11.1.0x\": expected the end of the rule, at character 23");
}
