#include "vixray/data/market_hours.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

#include "vixray/base/error.hpp"
#include "vixray/data/json_fields.hpp"

namespace vixray {

namespace {

constexpr int64_t kHoursDay = 86400;

Day hours_day_of(int64_t s) {
  return static_cast<Day>(s / kHoursDay - (s % kHoursDay < 0 ? 1 : 0));
}

std::string session_clock_text(int32_t minutes) {
  char b[16];
  std::snprintf(b, sizeof b, "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return b;
}

// "HH:MM" (00:00-24:00) as minutes after midnight; false for anything else.
bool parse_session_clock(const std::string& t, int32_t& out) {
  if (t.size() != 5 || t[2] != ':') return false;
  for (const size_t i : {size_t{0}, size_t{1}, size_t{3}, size_t{4}})
    if (t[i] < '0' || t[i] > '9') return false;
  const int32_t h = (t[0] - '0') * 10 + (t[1] - '0');
  const int32_t m = (t[3] - '0') * 10 + (t[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return false;
  out = h * 60 + m;
  return true;
}

std::string hours_upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

SessionWindow session_window(int32_t open_h, int32_t open_m, int32_t close_h, int32_t close_m) {
  return SessionWindow{open_h * 60 + open_m, close_h * 60 + close_m};
}

std::string session_minutes_text(int64_t seconds) {
  if (seconds % 60 != 0) return std::to_string(seconds) + " s";
  return std::to_string(seconds / 60) + " min";
}

}  // namespace

const std::vector<SessionWindow>& MarketHours::windows_on(Day local_day) const {
  static const std::vector<SessionWindow> kNone;
  if (eras.empty()) return kNone;
  const SessionEra* era = &eras.front();
  for (const SessionEra& e : eras)
    if (e.from <= local_day) era = &e;
  return era->windows;
}

bool MarketHours::in_session(int64_t utc_s, int64_t /*interval_s*/, bool daily) const {
  if (daily) return weekday(hours_day_of(utc_s)) < 5;
  const int64_t local = utc_s + tz.offset_at_utc(utc_s);
  const Day day = hours_day_of(local);
  if (weekday(day) >= 5) return false;
  const int64_t start = local - static_cast<int64_t>(day) * kHoursDay;
  for (const SessionWindow& w : windows_on(day))
    if (w.open_min * 60 <= start && start < w.close_min * 60) return true;
  return false;
}

nlohmann::json MarketHours::to_json() const {
  nlohmann::json sessions = nlohmann::json::array();
  for (const SessionEra& era : eras) {
    nlohmann::json windows = nlohmann::json::array();
    for (const SessionWindow& w : era.windows)
      windows.push_back({session_clock_text(w.open_min), session_clock_text(w.close_min)});
    sessions.push_back({{"from", format_iso(era.from)}, {"windows", windows}});
  }
  return {{"market", market}, {"time_zone", tz.text()}, {"sessions", sessions}};
}

MarketHours MarketHours::from_json(const nlohmann::json& j, const std::string& where) {
  const JsonFields fields(j, where);
  MarketHours hours;
  hours.market = hours_upper(fields.string("market"));
  if (hours.market.empty())
    throw Error(fields.place("market") + ": expected a market name, got \"\"");
  try {
    hours.tz = PosixTz::parse(fields.string("time_zone"));
  } catch (const Error& e) {
    throw Error(fields.place("time_zone") + ": " + e.what());
  }
  const nlohmann::json& sessions = fields.array("sessions");
  if (sessions.empty())
    throw Error(fields.place("sessions") + ": expected at least one session era, got []");
  for (size_t i = 0; i < sessions.size(); ++i) {
    const JsonFields era_fields(sessions[i], item_place(fields.place("sessions"), i));
    SessionEra era;
    const std::string from = era_fields.string("from");
    if (!parse_date(from, era.from))
      throw Error(era_fields.place("from") + ": expected a date YYYY-MM-DD, got \"" + from + "\"");
    if (!hours.eras.empty() && era.from <= hours.eras.back().from)
      throw Error(era_fields.place("from") + ": expected a date after " +
                  format_iso(hours.eras.back().from) + ", got \"" + from + "\"");
    const nlohmann::json& windows = era_fields.array("windows");
    for (size_t k = 0; k < windows.size(); ++k) {
      const std::string place = item_place(era_fields.place("windows"), k);
      const std::vector<std::string> pair = read_strings(windows[k], place);
      SessionWindow w;
      if (pair.size() != 2 || !parse_session_clock(pair[0], w.open_min) ||
          !parse_session_clock(pair[1], w.close_min) || w.open_min >= w.close_min)
        throw Error(place + ": expected [\"HH:MM\", \"HH:MM\"] with open before close, got " +
                    json_value_text(windows[k]));
      if (!era.windows.empty() && w.open_min < era.windows.back().close_min)
        throw Error(place + ": expected windows in order without overlap, got " +
                    json_value_text(windows[k]));
      era.windows.push_back(w);
    }
    hours.eras.push_back(std::move(era));
  }
  return hours;
}

MarketHours default_market_hours(const std::string& market) {
  const std::string name = hours_upper(market);
  MarketHours h;
  h.market = name;
  const Day epoch = 0;
  if (name == "US") {
    // NYSE and Nasdaq regular session (nyse.com "Holidays and Trading Hours").
    h.tz = PosixTz::parse("EST5EDT,M3.2.0,M11.1.0");
    h.eras = {SessionEra{epoch, {session_window(9, 30, 16, 0)}}};
  } else if (name == "JP") {
    // Tokyo Stock Exchange (jpx.co.jp): the afternoon session closes at 15:30 since the arrowhead
    // 4.0 change of 2024-11-05, at 15:00 before.
    h.tz = PosixTz::parse("JST-9");
    h.eras = {SessionEra{epoch, {session_window(9, 0, 11, 30), session_window(12, 30, 15, 0)}},
              SessionEra{days_from_civil(2024, 11, 5),
                         {session_window(9, 0, 11, 30), session_window(12, 30, 15, 30)}}};
  } else if (name == "TH") {
    // Stock Exchange of Thailand (set.or.th "Trading hours"): morning and afternoon sessions.
    h.tz = PosixTz::parse("ICT-7");
    h.eras = {SessionEra{epoch, {session_window(10, 0, 12, 30), session_window(14, 30, 16, 30)}}};
  } else {
    throw Error("market \"" + market + "\": expected US, JP or TH (or sessions in the settings)");
  }
  return h;
}

std::string market_of_ticker(const std::string& ticker) {
  const std::string t = hours_upper(ticker);
  const auto ends_with = [&](const std::string& suffix) {
    return t.size() > suffix.size() &&
           t.compare(t.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".T")) return "JP";
  if (ends_with(".BK")) return "TH";
  return "US";
}

nlohmann::json BarCheck::to_json() const {
  std::vector<std::string> days;
  for (Day d : holidays) days.push_back(format_iso(d));
  return {{"interval_s", interval_s},
          {"interval", interval_name(interval_s, daily)},
          {"daily", daily},
          {"outside_session", outside_session},
          {"outside_examples", outside_examples},
          {"gaps", gaps},
          {"gap_examples", gap_examples},
          {"holidays", days}};
}

namespace {

// The local date of a bar (a daily bar's date is its label).
Day bar_local_day(const MarketHours& hours, int64_t utc_s, bool daily) {
  return hours_day_of(daily ? utc_s : utc_s + hours.tz.offset_at_utc(utc_s));
}

int64_t detect_bar_interval(const Bars& bars, const MarketHours& hours) {
  if (bars.daily) return kHoursDay;
  std::map<int64_t, int64_t> counts;
  for (size_t i = 1; i < bars.time.size(); ++i) {
    const int64_t step = bars.time[i] - bars.time[i - 1];
    if (step > 0 &&
        bar_local_day(hours, bars.time[i], false) == bar_local_day(hours, bars.time[i - 1], false))
      ++counts[step];
  }
  int64_t best = 0, best_count = 0;
  for (const auto& [step, count] : counts)
    if (count > best_count) best = step, best_count = count;  // ties: the shorter step
  return best;
}

// The session window holding a bar's start, or -1.
int window_of(const MarketHours& hours, int64_t utc_s) {
  const int64_t local = utc_s + hours.tz.offset_at_utc(utc_s);
  const Day day = hours_day_of(local);
  const int64_t start = local - static_cast<int64_t>(day) * kHoursDay;
  const auto& windows = hours.windows_on(day);
  for (size_t k = 0; k < windows.size(); ++k)
    if (windows[k].open_min * 60 <= start && start < windows[k].close_min * 60)
      return static_cast<int>(k);
  return -1;
}

}  // namespace

BarCheck check_bars(const Bars& bars, const MarketHours& hours, int32_t max_examples) {
  BarCheck check;
  check.daily = bars.daily;
  check.interval_s = detect_bar_interval(bars, hours);
  const size_t n = bars.time.size();
  const size_t max_ex = static_cast<size_t>(std::max(max_examples, 0));
  for (size_t i = 0; i < n; ++i) {
    const int64_t t = bars.time[i];
    if (hours.in_session(t, bars.daily ? 0 : check.interval_s, bars.daily)) continue;
    ++check.outside_session;
    if (check.outside_examples.size() < max_ex)
      check.outside_examples.push_back(format_local_time(t, hours.tz.offset_at_utc(t), bars.daily));
  }
  for (size_t i = 1; i < n && !bars.daily; ++i) {
    const int64_t a = bars.time[i - 1], b = bars.time[i];
    const int64_t step = b - a;
    if (step == check.interval_s || check.interval_s == 0) continue;
    if (bar_local_day(hours, a, false) != bar_local_day(hours, b, false)) continue;
    const int wa = window_of(hours, a);
    if (wa < 0 || wa != window_of(hours, b)) continue;
    ++check.gaps;
    if (check.gap_examples.size() < max_ex) {
      const std::string to = format_local_time(b, hours.tz.offset_at_utc(b), false);
      check.gap_examples.push_back(format_local_time(a, hours.tz.offset_at_utc(a), false) + " -> " +
                                   to.substr(11) + " (" + session_minutes_text(step) + " in a " +
                                   session_minutes_text(check.interval_s) + " file)");
    }
  }
  if (n > 0) {
    std::vector<Day> days;
    for (int64_t t : bars.time) days.push_back(bar_local_day(hours, t, bars.daily));
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    for (Day d = days.front(); d <= days.back(); ++d)
      if (weekday(d) < 5 && !std::binary_search(days.begin(), days.end(), d))
        check.holidays.push_back(d);
  }
  return check;
}

std::string interval_name(int64_t interval_s, bool daily) {
  if (daily) return "1d";
  if (interval_s > 0 && interval_s % kHoursDay == 0)
    return std::to_string(interval_s / kHoursDay) + "d";
  if (interval_s > 0 && interval_s % 60 == 0) return std::to_string(interval_s / 60) + "m";
  return std::to_string(interval_s) + "s";
}

}  // namespace vixray
