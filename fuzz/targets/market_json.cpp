// market.json as `vixray export`'s readers and the page's data path read it (read_market_json:
// the one-pass scan of the common form, else the fast JSON parse and frame_from_market_json). A
// frame that reads survives its writer; what the scan accepts, the document path reads the same.
#include "vixray/data/market_json.hpp"

#include <cstring>
#include <string>
#include <string_view>

#include "fuzz_target.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"

namespace {

// What the document path reads (read_market_json before scan_market_json), or a refusal.
bool same_as_document(std::string_view text, const vixray::MarketDocument& scanned) {
  nlohmann::json doc = vixray::parse_json_fast(text);
  if (doc.is_discarded()) return false;
  try {
    const vixray::Frame frame = vixray::frame_from_market_json(doc);
    if (frame.dates() != scanned.frame.dates() || frame.names() != scanned.frame.names())
      return false;
    for (const auto& name : frame.names()) {
      const auto &a = frame.column(name), &b = scanned.frame.column(name);
      if (std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) != 0) return false;
    }
  } catch (const vixray::Error&) {
    return false;
  }
  const auto p = doc.find("provenance");
  const nlohmann::json source =
      p != doc.end() && p->is_object() && p->contains("source") ? (*p)["source"] : nullptr;
  return source == scanned.source;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = vixray::fuzz::text_of(data, size);
  // The one-pass reader accepts only what the document reader reads the same, bit for bit.
  vixray::MarketDocument scanned;
  if (vixray::scan_market_json(text, scanned) && !same_as_document(text, scanned))
    vixray::fuzz::fail("market_json", "scan_market_json differs from the document path");
  try {
    const vixray::MarketDocument market = vixray::read_market_json(text);
    try {
      (void)vixray::frame_from_market_json(vixray::frame_to_market_json(market.frame));
    } catch (const vixray::Error&) {
      vixray::fuzz::fail("market_json", "a frame that read does not read back after writing");
    }
  } catch (const vixray::Error&) {
  }
  return 0;
}
