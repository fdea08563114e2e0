// market.json as `vixray export`'s readers and the page's data path read it (read_market_json:
// the fast JSON parse, then frame_from_market_json). A frame that reads survives its writer.
#include "vixray/data/market_json.hpp"

#include <string>

#include "fuzz_target.hpp"
#include "vixray/base/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const vixray::MarketDocument market =
        vixray::read_market_json(vixray::fuzz::text_of(data, size));
    try {
      (void)vixray::frame_from_market_json(vixray::frame_to_market_json(market.frame));
    } catch (const vixray::Error&) {
      vixray::fuzz::fail("market_json", "a frame that read does not read back after writing");
    }
  } catch (const vixray::Error&) {
  }
  return 0;
}
