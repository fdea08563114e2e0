// Differential: parse_json_fast (RapidJSON in situ, json_read.hpp) against nlohmann::json::parse
// on the same bytes. They must agree: both reject the text (a discarded value), or both give
// the identical document: the same type at every node (number_unsigned / number_integer /
// number_float are told apart, as json_read.hpp promises), every double bit for bit (0.0 and
// -0.0 differ; no NaN can arise), strings byte for byte, object members in the same (sorted)
// order with the same keys, arrays element by element. release_json must then free the document.
#include <string>

#include "fuzz_target.hpp"
#include "vixray/data/json_read.hpp"

using nlohmann::json;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = vixray::fuzz::text_of(data, size);
  json fast = vixray::parse_json_fast(text);
  const json reference = json::parse(text.begin(), text.end(), nullptr, false);
  if (fast.is_discarded() != reference.is_discarded())
    vixray::fuzz::fail("json_diff", fast.is_discarded() ? "only nlohmann accepts the text"
                                                        : "only parse_json_fast accepts the text");
  if (!fast.is_discarded() && !vixray::json_identical(fast, reference))
    vixray::fuzz::fail("json_diff", "the two parsers give different documents");
  vixray::release_json(fast);
  if (!fast.is_null()) vixray::fuzz::fail("json_diff", "release_json left a value behind");
  return 0;
}
