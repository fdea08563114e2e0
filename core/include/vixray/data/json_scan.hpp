// One quick pass over a JSON text that finds, without lexing them, the base64 payloads of its
// typed arrays (data/packed_array.hpp: the string of every member named "base64", 1.05 MB of the
// demo bundle's 1.11 MB) and the place of one top-level member (a bundle's content_sha256).
//
// The pass tracks strings (with their escapes) and nesting only; it validates nothing, the
// parser does. A payload is taken from its opening quote to the next quote (memchr): it is
// accepted only if every character between is of the base64 alphabet (checked when it is
// decoded, json_read.hpp parse_json_payloads), so a payload holding an escape, whose next quote
// is not its end, is refused and the whole text is parsed as usual. When every payload is
// accepted and the scan is `aligned`, its view of the text is the parser's: a string it calls a
// key is a key of the document, and `member` is a real top-level member (if the text is JSON).
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace vixray {

/// [begin, end) of a piece of a text.
struct TextSpan {
  size_t begin = 0;
  size_t end = 0;
};

struct JsonScan {
  /// The contents (between the quotes) of every string value of a member named "base64", in
  /// document order.
  std::vector<TextSpan> payloads;
  /// False when the text ends inside a string (not JSON; nothing else found is trusted).
  bool aligned = true;
  /// False when the payloads cannot be cut out: a key written with an escape (it could spell
  /// "base64" unseen), or a "base64" member whose value is not a string.
  bool cuttable = true;
  /// The top-level members named `member_key` (scan_json's argument) found: 0, 1 or more.
  int members = 0;
  /// The first of them, `"key":<string>` with the one comma that separates it from its
  /// neighbour (the following one, else the preceding one) and the JSON whitespace between:
  /// cutting it leaves the object without that member. Empty (begin == end) unless the member
  /// was found with a string value.
  TextSpan member;
};

/// Scans `text` (see above) for its payloads and its top-level members named `member_key`.
JsonScan scan_json(std::string_view text, std::string_view member_key);

}  // namespace vixray
