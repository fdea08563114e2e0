// Bar timestamps: parsing (bars.hpp's forms), formatting, the ticker of a file name, the read
// report as JSON and the bars as a Frame.
#include <cstdio>
#include <string>

#include "vixray/data/bars.hpp"
#include "vixray/data/csv_header.hpp"
#include "vixray/data/dates.hpp"

namespace vixray {

namespace {

constexpr int64_t kBarDaySeconds = 86400;

bool bar_digits(std::string_view s, size_t at, size_t n, int32_t& out) {
  if (at + n > s.size()) return false;
  int32_t v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

// "YYYY-MM-DD", "YYYYMMDD" or US "MM/DD/YYYY".
bool bar_date(std::string_view s, Day& out) {
  int32_t y = 0, m = 0, d = 0;
  if (s.size() == 8 && bar_digits(s, 0, 4, y) && bar_digits(s, 4, 2, m) && bar_digits(s, 6, 2, d)) {
    const std::string iso = std::string(s.substr(0, 4)) + "-" + std::string(s.substr(4, 2)) + "-" +
                            std::string(s.substr(6, 2));
    return parse_date(iso, out);
  }
  return parse_date(s, out);
}

// "HH:MM[:SS[.fff]]" or "HHMMSS" (stooq), then the rest (an offset) in `rest`.
bool bar_clock(std::string_view s, int32_t& seconds, std::string_view& rest) {
  int32_t h = 0, m = 0, sec = 0;
  size_t at = 0;
  if (bar_digits(s, 0, 6, h) && (s.size() == 6 || s[6] < '0' || s[6] > '9')) {
    bar_digits(s, 0, 2, h);
    bar_digits(s, 2, 2, m);
    bar_digits(s, 4, 2, sec);
    at = 6;
  } else {
    if (!bar_digits(s, 0, 2, h) || s.size() < 5 || s[2] != ':' || !bar_digits(s, 3, 2, m))
      return false;
    at = 5;
    if (at < s.size() && s[at] == ':') {
      if (!bar_digits(s, at + 1, 2, sec)) return false;
      at += 3;
      if (at < s.size() && s[at] == '.') {
        ++at;
        const size_t start = at;
        while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
        if (at == start) return false;
      }
    }
  }
  if (h > 23 || m > 59 || sec > 59) return false;
  seconds = h * 3600 + m * 60 + sec;
  rest = s.substr(at);
  return true;
}

// "", "Z", "+hh", "+hhmm", "+hh:mm" (or '-'); false for anything else.
bool bar_offset(std::string_view s, bool& has, int32_t& offset_s) {
  has = !s.empty();
  if (s.empty()) return true;
  if (s == "Z" || s == "z") {
    offset_s = 0;
    return true;
  }
  if (s[0] != '+' && s[0] != '-') return false;
  const int32_t sign = s[0] == '-' ? -1 : 1;
  int32_t h = 0, m = 0;
  if (!bar_digits(s, 1, 2, h)) return false;
  if (s.size() == 3) {
  } else if (s.size() == 5 && bar_digits(s, 3, 2, m)) {
  } else if (s.size() == 6 && s[3] == ':' && bar_digits(s, 4, 2, m)) {
  } else {
    return false;
  }
  if (h > 18 || m > 59) return false;
  offset_s = sign * (h * 3600 + m * 60);
  return true;
}

std::string bar_two_digits(int32_t v) {
  char b[8];
  std::snprintf(b, sizeof b, "%02d", static_cast<int>(v));
  return b;
}

Day bar_day_of(int64_t s) {
  int64_t d = s / kBarDaySeconds;
  if (s % kBarDaySeconds < 0) --d;
  return static_cast<Day>(d);
}

std::string bar_clock_text(int64_t s, bool with_seconds) {
  const int64_t in_day = s - static_cast<int64_t>(bar_day_of(s)) * kBarDaySeconds;
  const int32_t sec = static_cast<int32_t>(in_day);
  std::string out = bar_two_digits(sec / 3600) + ":" + bar_two_digits(sec / 60 % 60);
  if (with_seconds) out += ":" + bar_two_digits(sec % 60);
  return out;
}

}  // namespace

bool parse_bar_time_parts(std::string_view text, const PosixTz& tz, BarTime& out) {
  const std::string t = trim_field(text);
  const std::string_view s(t);
  const size_t split = s.find_first_of(" T");
  Day day = 0;
  if (!bar_date(s.substr(0, split), day)) return false;
  const int64_t midnight = static_cast<int64_t>(day) * kBarDaySeconds;
  if (split == std::string_view::npos) {
    out = BarTime{midnight, true, false, 0, midnight};
    return true;
  }
  int32_t seconds = 0;
  std::string_view rest;
  if (!bar_clock(s.substr(split + 1), seconds, rest)) return false;
  if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);  // "09:30:00 +0000"
  bool has = false;
  int32_t offset = 0;
  if (!bar_offset(rest, has, offset)) return false;
  out.date_only = false;
  out.has_offset = has;
  out.local_s = midnight + seconds;
  if (has) {
    out.utc_s = out.local_s - offset;
    out.offset_s = offset;
  } else {
    out.utc_s = tz.local_to_utc(out.local_s);
    out.offset_s = tz.offset_at_utc(out.utc_s);
  }
  return true;
}

bool parse_bar_time(std::string_view text, const PosixTz& tz, int64_t& utc_s, bool& date_only) {
  BarTime t;
  if (!parse_bar_time_parts(text, tz, t)) return false;
  utc_s = t.utc_s;
  date_only = t.date_only;
  return true;
}

std::string format_bar_time(int64_t utc_s, bool daily) {
  const std::string date = format_iso(bar_day_of(utc_s));
  if (daily) return date;
  return date + "T" + bar_clock_text(utc_s, true) + "Z";
}

std::string format_local_time(int64_t utc_s, int32_t offset_s, bool daily) {
  if (daily) return format_iso(bar_day_of(utc_s));
  const int64_t local = utc_s + offset_s;
  return format_iso(bar_day_of(local)) + " " + bar_clock_text(local, false);
}

std::string ticker_from_file_name(const std::string& path) {
  const size_t slash = path.find_last_of("/\\");
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  for (const char* ext : {".csv", ".txt"}) {
    const size_t n = std::char_traits<char>::length(ext);
    if (name.size() <= n) continue;
    bool match = true;
    for (size_t i = 0; i < n; ++i) {
      char c = name[name.size() - n + i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != ext[i]) match = false;
    }
    if (match) {
      name.resize(name.size() - n);
      break;
    }
  }
  return name;
}

nlohmann::json bars_report_json(const ParsedBars& parsed) {
  nlohmann::json j = parsed.report.to_json();
  const Bars& b = parsed.bars;
  j["format"] = parsed.format;
  j["ticker"] = b.ticker;
  j["daily"] = b.daily;
  j["offsets_seen"] = parsed.offsets_seen;
  j["first_bar"] = b.time.empty() ? nlohmann::json(nullptr)
                                  : nlohmann::json(format_bar_time(b.time.front(), b.daily));
  j["last_bar"] = b.time.empty() ? nlohmann::json(nullptr)
                                 : nlohmann::json(format_bar_time(b.time.back(), b.daily));
  return j;
}

Frame bars_frame(const Bars& bars) {
  std::vector<Day> rows(static_cast<size_t>(bars.size()));
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<Day>(i);
  Frame frame(std::move(rows));
  frame.set(bars.ticker + ".open", bars.open);
  frame.set(bars.ticker + ".high", bars.high);
  frame.set(bars.ticker + ".low", bars.low);
  frame.set(bars.ticker + ".close", bars.close);
  frame.set(bars.ticker + ".volume", bars.volume);
  return frame;
}

}  // namespace vixray
