// Fast reading of large JSON documents (the model bundle, market.json): RapidJSON's SAX lexer
// builds the same nlohmann::json document nlohmann's own parser builds, so every validation and
// conversion written against nlohmann::json is unchanged. Natively load_model of the demo bundle
// (1.9 MB) takes 20 ms instead of 39, load_market of market.json (1.7 MB) 9 ms instead of 24.
#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "vixray/data/json_scan.hpp"

namespace vixray {

/// Parses `text` into exactly the document `nlohmann::json::parse(text, nullptr, false)` gives:
/// the same values, the same number types (an integer token is number_unsigned when it is
/// non-negative and fits 64 bits, number_integer when negative and fits, otherwise a double;
/// a token with '.', 'e' or 'E' is a double), the last of duplicate keys. Text that is not
/// valid JSON gives a discarded value (`is_discarded()`), as nlohmann does: whenever the fast
/// path rejects the text, nlohmann's parser decides, so the set of accepted texts (a UTF-8 BOM,
/// numbers RapidJSON deems too big, a NUL byte ending the text) is nlohmann's too.
nlohmann::json parse_json_fast(std::string_view text);

/// parse_json_fast for a text whose typed arrays' payloads `scan` found (json_scan.hpp,
/// data/packed_array.hpp): the string value of every member named "base64" becomes a binary
/// value (nlohmann's binary_t, which no JSON text gives) holding its bytes, decoded straight from
/// `text`, and the rest is parsed with the payloads cut out, so they are never lexed (nor copied
/// as text). Otherwise the document is parse_json_fast's, value for value. When the payloads
/// cannot be cut (see JsonScan), one is not pure base64, or the parse fails, returns
/// parse_json_fast(text) (strings kept, `*decoded` false).
nlohmann::json parse_json_payloads(std::string_view text, const JsonScan& scan,
                                   bool* decoded = nullptr);

/// Frees a document (it is null afterwards) 3-4x faster than its destructor, which moves every
/// element of every array onto a heap stack before freeing it (a model bundle: 7 ms of a 25 ms
/// read, natively). Containers nested deeper than 256 levels are left to the destructor.
void release_json(nlohmann::json& document);

/// True when two documents are identical, stricter than operator== (which says 1 == 1u == 1.0
/// and 0.0 == -0.0): the same type at every node and the same bits for every double. The
/// contract of parse_json_fast against nlohmann's parser (its test and fuzz target).
bool json_identical(const nlohmann::json& a, const nlohmann::json& b);

}  // namespace vixray
