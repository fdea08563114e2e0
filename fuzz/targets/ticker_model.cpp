// The per-market ticker model bundle as `vixray ticker score` reads it (cmd_ticker_score.cpp):
// the fast JSON parse, the canonical content its SHA-256 is computed over (no hash here), then
// ticker_model_from_json. A model that reads must survive its own writer.
#include "vixray/ensemble/ticker_model.hpp"

#include <string>

#include "fuzz_target.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/ensemble/model_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nlohmann::json document = vixray::parse_json_fast(vixray::fuzz::text_of(data, size));
  if (document.is_discarded()) return 0;
  (void)vixray::canonical_content(document);
  try {
    const vixray::TickerModel model = vixray::ticker_model_from_json(document);
    const nlohmann::json written = vixray::ticker_model_to_json(model);
    try {
      (void)vixray::ticker_model_from_json(written);
    } catch (const vixray::Error&) {
      vixray::fuzz::fail("ticker_model", "a model that read does not read back after writing");
    }
  } catch (const vixray::Error&) {
  }
  vixray::release_json(document);
  return 0;
}
