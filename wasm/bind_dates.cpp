// Embind declarations for calendar dates: JavaScript hands date strings to the core's parser
// rather than re-implementing it.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "guarded.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/dates.hpp"

namespace {

std::vector<int32_t> g_days;  // result buffer of parseDays (sliced by the wrapper)

// ["YYYY-MM-DD" or "MM/DD/YYYY", ...] -> Int32Array view of days since 1970-01-01.
emscripten::val parseDays(emscripten::val dates) {
  return vixray::wasm::guarded([&] {
    const auto texts = vixray::wasm::strings_of(dates, "dates");
    g_days.assign(texts.size(), 0);
    for (size_t i = 0; i < texts.size(); ++i)
      if (!vixray::parse_date(texts[i], g_days[i]))
        throw vixray::Error("dates[" + std::to_string(i) + "]: expected a date YYYY-MM-DD or " +
                            "MM/DD/YYYY, got \"" + texts[i] + "\"");
    return emscripten::val(emscripten::typed_memory_view(g_days.size(), g_days.data()));
  });
}

// Days since 1970-01-01 (an array-like of integers) -> their ISO dates written back to back,
// 10 characters each: one string crosses to JavaScript, which slices it (see vixray.mjs isoDates).
std::string isoDays(emscripten::val days) {
  return vixray::wasm::guarded([&] {
    const auto values = emscripten::convertJSArrayToNumberVector<double>(days);
    std::string out;
    out.reserve(values.size() * 10);
    for (size_t i = 0; i < values.size(); ++i) {
      const double d = values[i];
      const std::string iso = d == static_cast<double>(static_cast<vixray::Day>(d))
                                  ? vixray::format_iso(static_cast<vixray::Day>(d))
                                  : std::string();
      if (iso.size() != 10)
        throw vixray::Error("days[" + std::to_string(i) +
                            "]: expected a whole day number of the years 0000-9999");
      out += iso;
    }
    return out;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(dates) {
  emscripten::function("parseDays", &parseDays);
  emscripten::function("isoDays", &isoDays);
}
