#include "vixray/data/json_scan.hpp"

#include <cstring>
#include <string>

namespace vixray {
namespace {

constexpr size_t kNone = std::string::npos;
constexpr std::string_view kPayloadKey = "base64";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t skip_space(std::string_view text, size_t i) {
  while (i < text.size() && is_space(text[i])) ++i;
  return i;
}

// The index of the quote that closes the string whose contents start at `i` (kNone if the text
// ends first); `escaped` says whether the string holds a backslash escape.
size_t string_end(std::string_view text, size_t i, bool& escaped) {
  escaped = false;
  for (; i < text.size(); ++i) {
    if (text[i] == '"') return i;
    if (text[i] == '\\') {
      escaped = true;
      ++i;  // the escaped character (a quote here does not end the string)
    }
  }
  return kNone;
}

// The member `"key":<string>` whose key opens at `key` and whose value starts at `value`, with
// the comma that separates it from its neighbour: the following one, else the one before it
// (`separator`: the '{' or ',' that precedes the member). Empty if the value is not a string.
TextSpan member_span(std::string_view text, size_t key, size_t value, size_t separator) {
  if (value >= text.size() || text[value] != '"') return {};
  bool escaped = false;
  const size_t close = string_end(text, value + 1, escaped);
  if (close == kNone) return {};
  const size_t after = skip_space(text, close + 1);
  if (after < text.size() && text[after] == ',') return {key, after + 1};
  if (separator != kNone && text[separator] == ',') return {separator, close + 1};
  return {key, close + 1};  // the only member
}

}  // namespace

JsonScan scan_json(std::string_view text, std::string_view member_key) {
  JsonScan out;
  const size_t n = text.size();
  const size_t first = skip_space(text, 0);
  const bool top_object = first < n && text[first] == '{';
  int depth = 0;
  size_t separator = kNone;  // the '{' or ',' before the current top-level member
  size_t i = first;
  while (i < n) {
    const char c = text[i];
    if (c == '"') {
      bool escaped = false;
      const size_t close = string_end(text, i + 1, escaped);
      if (close == kNone) {
        out.aligned = out.cuttable = false;
        return out;
      }
      const size_t colon = skip_space(text, close + 1);
      if (colon >= n || text[colon] != ':') {  // a value
        i = close + 1;
        continue;
      }
      if (escaped) out.cuttable = false;
      const std::string_view key = text.substr(i + 1, close - i - 1);
      const size_t value = skip_space(text, colon + 1);
      if (key == kPayloadKey) {
        if (value >= n || text[value] != '"') {
          out.cuttable = false;  // not a string: parsed as usual, and refused by its reader
        } else {
          // Its end, if the payload is pure base64 (checked by the caller as it decodes).
          const void* quote = std::memchr(text.data() + value + 1, '"', n - value - 1);
          if (quote == nullptr) {
            out.aligned = out.cuttable = false;
            return out;
          }
          const auto end = static_cast<size_t>(static_cast<const char*>(quote) - text.data());
          out.payloads.push_back({value + 1, end});
          i = end + 1;
          continue;
        }
      } else if (depth == 1 && top_object && key == member_key && ++out.members == 1) {
        out.member = member_span(text, i, value, separator);
      }
      i = colon + 1;
      continue;
    }
    if (c == '{' || c == '[') {
      if (++depth == 1) separator = i;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == ',' && depth == 1) {
      separator = i;
    }
    ++i;
  }
  return out;
}

}  // namespace vixray
