// The daily price CSV reader (CBOE, Yahoo, Stooq, date,value) as `train`, `data inspect` and the
// page's upload read it: parse, then the report the CLI prints.
#include "vixray/data/price_csv.hpp"

#include <string>

#include "fuzz_target.hpp"
#include "vixray/base/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const vixray::ParsedPrices parsed =
        vixray::parse_price_csv(vixray::fuzz::text_of(data, size), "fuzz.csv");
    if (parsed.report.rows != parsed.series.size())
      vixray::fuzz::fail("price_csv", "report.rows differs from the series' size");
    (void)parsed.report.to_json().dump();
  } catch (const vixray::Error&) {
  }
  return 0;
}
