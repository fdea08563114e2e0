// The STATE and anomalies documents of `vixray ticker score --state` (ticker_scores.hpp): the
// checks the CLI runs before it trusts them, and resume_row against a small fixed ticker. A
// state that passes its check must give a row in [0, bars] or a vixray::Error.
#include <string>

#include "fuzz_target.hpp"
#include "vixray/analysis/ticker_scores.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nlohmann::json document = vixray::parse_json_fast(vixray::fuzz::text_of(data, size));
  if (document.is_discarded()) return 0;
  try {
    vixray::check_ticker_anomalies(document);
  } catch (const vixray::Error&) {
  }
  try {
    vixray::check_ticker_state(document);
    vixray::Bars bars;
    bars.ticker = "AAPL";
    bars.daily = false;
    for (int64_t t = 1709562600; t < 1709562600 + 10 * 300; t += 300) bars.time.push_back(t);
    const int64_t row = vixray::resume_row(document, bars, "");
    if (row < 0 || row > bars.size())
      vixray::fuzz::fail("ticker_documents", "resume_row outside the bars");
  } catch (const vixray::Error&) {
  }
  vixray::release_json(document);
  return 0;
}
