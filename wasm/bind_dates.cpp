// Embind declarations for calendar dates: JavaScript hands date strings to the core's parser
// rather than re-implementing it.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "guarded.hpp"
#include "vixray/dates.hpp"
#include "vixray/error.hpp"

namespace {

std::vector<int32_t> g_days;  // result buffer of parseDays (sliced by the wrapper)

// ["YYYY-MM-DD" or "MM/DD/YYYY", ...] -> Int32Array view of days since 1970-01-01.
emscripten::val parseDays(emscripten::val dates) {
  return vixray::wasm::guarded([&] {
    const auto texts = emscripten::vecFromJSArray<std::string>(dates);
    g_days.assign(texts.size(), 0);
    for (size_t i = 0; i < texts.size(); ++i)
      if (!vixray::parse_date(texts[i], g_days[i]))
        throw vixray::Error("dates[" + std::to_string(i) + "]: expected a date YYYY-MM-DD or " +
                            "MM/DD/YYYY, got \"" + texts[i] + "\"");
    return emscripten::val(emscripten::typed_memory_view(g_days.size(), g_days.data()));
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(dates) { emscripten::function("parseDays", &parseDays); }
