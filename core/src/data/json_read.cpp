#include "vixray/data/json_read.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

// RapidJSON is header-only and included as a system header (no warnings of ours apply). Its SIMD
// paths are opt-in (RAPIDJSON_SSE2/SSE42/NEON, never defined here) and would only speed up
// whitespace and strings read from a StringStream: native and WebAssembly run the same code.
#include <rapidjson/reader.h>

#include "vixray/base/base64.hpp"
#include "vixray/data/decimal.hpp"
#include "vixray/data/json_scan.hpp"

namespace vixray {

using nlohmann::json;

namespace {

__extension__ typedef unsigned __int128 Uint128;  // GCC and Clang, also on wasm32

// 5^0 .. 5^27: every one below 2^64.
constexpr uint64_t kPow5[28] = {1ULL,
                                5ULL,
                                25ULL,
                                125ULL,
                                625ULL,
                                3125ULL,
                                15625ULL,
                                78125ULL,
                                390625ULL,
                                1953125ULL,
                                9765625ULL,
                                48828125ULL,
                                244140625ULL,
                                1220703125ULL,
                                6103515625ULL,
                                30517578125ULL,
                                152587890625ULL,
                                762939453125ULL,
                                3814697265625ULL,
                                19073486328125ULL,
                                95367431640625ULL,
                                476837158203125ULL,
                                2384185791015625ULL,
                                11920928955078125ULL,
                                59604644775390625ULL,
                                298023223876953125ULL,
                                1490116119384765625ULL,
                                7450580596923828125ULL};

// The correctly rounded double of a JSON number token with 16 to 19 significant digits and a
// decimal exponent within [-27, 27] (what parse_decimal_fast declines in our documents: the
// bundle's full-precision doubles, e.g. 0.020014127619496114), computed exactly in 128-bit
// integers; the same double strtod gives, without musl's software long double in WebAssembly
// (about 1 us per number there). The value is w * 10^q with w < 2^64:
//   q >= 0: the integer w * 5^q (< 2^128) rounded once to a double, times 2^q (exact);
//   q < 0:  w * 2^s / 5^-q for the s that puts w * 2^s in [2^126, 2^127): a quotient of at
//           least 64 bits, whose lowest bit also records a non-zero remainder, so rounding it
//           once to 53 bits rounds the exact quotient; times 2^(-s+q) (exact: the result is far
//           above the subnormals).
// The integer-to-double conversion rounds to nearest, ties to even (IEEE, as strtod). Returns
// false (the caller uses strtod) outside these digit and exponent ranges.
bool exact_long_decimal(const char* token, size_t length, double* value) {
  size_t i = 0;
  const bool negative = token[0] == '-';
  if (negative) ++i;
  uint64_t w = 0;
  int digits = 0;    // significant digits in w
  int exponent = 0;  // decimal exponent of w
  bool fraction = false;
  for (; i < length; ++i) {
    const char c = token[i];
    if (c == '.') {
      fraction = true;
      continue;
    }
    if (c == 'e' || c == 'E') break;
    if (fraction) --exponent;
    if (w == 0 && c == '0') continue;
    if (++digits > 19) return false;
    w = w * 10 + static_cast<uint64_t>(c - '0');
  }
  if (i < length) {  // the exponent: RapidJSON checked its grammar
    ++i;
    const bool negative_exponent = token[i] == '-';
    if (token[i] == '-' || token[i] == '+') ++i;
    int written = 0;
    for (; i < length; ++i) {
      if (written > 1000) return false;
      written = written * 10 + (token[i] - '0');
    }
    exponent += negative_exponent ? -written : written;
  }
  if (w == 0 || exponent < -27 || exponent > 27) return false;
  double magnitude = 0.0;
  if (exponent >= 0) {
    const Uint128 n = static_cast<Uint128>(w) * kPow5[exponent];
    magnitude = std::ldexp(static_cast<double>(n), exponent);
  } else {
    const int shift = 63 + __builtin_clzll(w);  // 127 - the bit length of w
    const Uint128 scaled = static_cast<Uint128>(w) << shift;
    const uint64_t divisor = kPow5[-exponent];
    Uint128 quotient = scaled / divisor;
    if (scaled % divisor != 0) quotient |= 1;
    magnitude = std::ldexp(static_cast<double>(quotient), exponent - shift);
  }
  *value = negative ? -magnitude : magnitude;
  return true;
}

// Numbers arrive as their text (kParseNumbersAsStringsFlag) so that their conversion is
// nlohmann's: its lexer makes a token without '.', 'e', 'E' an integer when strtoll (a '-'
// sign) or strtoull (no sign) takes it without overflow, and anything else a double by strtod;
// its parser then rejects a double that is not finite (error 406, "number overflow"). The token
// is in the text being parsed, followed by a character that ends a number (',', ']', '}',
// whitespace or the terminating NUL), so strtod stops at its end.
bool number_from_token(const char* token, size_t length, std::vector<json>* out) {
  const bool negative = token[0] == '-';
  uint64_t magnitude = 0;
  bool integer = true;
  for (size_t i = negative ? 1 : 0; i < length; ++i) {
    const auto digit = static_cast<uint64_t>(token[i] - '0');
    if (digit > 9) {  // '.', 'e' or 'E': RapidJSON checked the grammar
      integer = false;
      break;
    }
    if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
      // Beyond 64 bits: a double (as is a token with '.' or an exponent).
      integer = false;
      break;
    }
    magnitude = magnitude * 10 + digit;
  }
  if (integer) {
    constexpr uint64_t kInt64MinMagnitude = uint64_t{1} << 63;
    if (!negative) {
      out->emplace_back(static_cast<json::number_unsigned_t>(magnitude));
      return true;
    }
    if (magnitude < kInt64MinMagnitude) {
      out->emplace_back(-static_cast<json::number_integer_t>(magnitude));
      return true;
    }
    if (magnitude == kInt64MinMagnitude) {
      out->emplace_back(std::numeric_limits<json::number_integer_t>::min());
      return true;
    }
  }
  double value = 0.0;
  const char* end = token + length;  // parse_decimal_fast sets it, or touches nothing
  if (!parse_decimal_fast(token, &end, &value) && !exact_long_decimal(token, length, &value)) {
    char* strtod_end = nullptr;
    value = std::strtod(token, &strtod_end);
    end = strtod_end;
  }
  if (end != token + length || !std::isfinite(value)) return false;
  out->emplace_back(value);
  return true;
}

// RapidJSON 1.1.0 accepts a lone low surrogate escape ("\udc00") and writes it as the UTF-8 of
// U+DC00 (0xED 0xB0 0x80), which nlohmann rejects. Valid UTF-8 (which RapidJSON checks for raw
// bytes) never has 0xED followed by 0xA0..0xBF, so such a pair marks exactly that case.
bool has_encoded_surrogate(const char* text, size_t length) {
  const char* p = text;
  const char* const end = text + length;
  while ((p = static_cast<const char*>(std::memchr(p, 0xED, static_cast<size_t>(end - p)))) !=
         nullptr) {
    if (p + 1 < end && static_cast<unsigned char>(p[1]) >= 0xA0) return true;
    ++p;
  }
  return false;
}

// Builds the document from RapidJSON's SAX events as nlohmann's own builder does: an array holds
// its elements in order, an object its members by key, the last of duplicate keys winning.
// Values wait on one stack until their container closes, which then takes them with its exact
// size (arrays in our documents hold up to thousands of numbers: no regrowth, one allocation).
// Returning false stops the parse; nlohmann then decides.
// With `payloads` (parse_json_payloads), the string value of each member named "base64" (cut to
// "" in the text) becomes a binary value holding the next of them.
class DomBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, DomBuilder> {
 public:
  explicit DomBuilder(std::vector<std::vector<uint8_t>>* payloads = nullptr)
      : payloads_(payloads) {}

  bool Null() {
    payload_next_ = false;
    values_.emplace_back(nullptr);
    return true;
  }
  bool Bool(bool b) {
    payload_next_ = false;
    values_.emplace_back(b);
    return true;
  }
  bool RawNumber(const char* token, rapidjson::SizeType length, bool /*copy: false in situ*/) {
    payload_next_ = false;
    return number_from_token(token, length, &values_);
  }
  bool String(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    if (payload_next_) {
      payload_next_ = false;
      if (length != 0 || taken_ >= payloads_->size()) return false;
      values_.emplace_back(json::binary(std::move((*payloads_)[taken_++])));
      return true;
    }
    if (has_encoded_surrogate(text, length)) return false;
    values_.emplace_back(std::string(text, length));
    return true;
  }
  bool Key(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    if (has_encoded_surrogate(text, length)) return false;
    keys_.emplace_back(text, length);
    payload_next_ = payloads_ != nullptr && keys_.back() == "base64";
    return true;
  }
  /// Every payload went into the document.
  bool took_all() const { return payloads_ == nullptr || taken_ == payloads_->size(); }
  bool StartObject() {
    payload_next_ = false;
    return open();
  }
  bool EndObject(rapidjson::SizeType members) {
    const size_t first = values_.size() - members;
    const size_t first_key = keys_.size() - members;
    json::object_t object;
    for (size_t i = 0; i < members; ++i) {
      std::string& key = keys_[first_key + i];
      json& value = values_[first + i];
      // Our documents are written with sorted keys (nlohmann's std::map), so a key usually
      // goes last: insert there without a search.
      if (object.empty() || object.rbegin()->first < key)
        object.emplace_hint(object.end(), std::move(key), std::move(value));
      else
        object[std::move(key)] = std::move(value);
    }
    keys_.resize(first_key);
    return close(first, json(std::move(object)));
  }
  bool StartArray() {
    payload_next_ = false;
    return open();
  }
  bool EndArray(rapidjson::SizeType elements) {
    const size_t first = values_.size() - elements;
    json::array_t array(std::make_move_iterator(values_.begin() + static_cast<ptrdiff_t>(first)),
                        std::make_move_iterator(values_.end()));
    return close(first, json(std::move(array)));
  }

  json take() { return std::move(values_.back()); }

 private:
  // RapidJSON parses recursively, one level of the call stack per level of nesting: deeper
  // texts (never ours: 5 levels) go to nlohmann's parser, which keeps its own stack.
  bool open() { return ++depth_ <= kMaxDepth; }
  bool close(size_t first, json&& container) {
    --depth_;
    values_.resize(first);
    values_.push_back(std::move(container));
    return true;
  }

  std::vector<json> values_;       // values of the open containers, innermost last
  std::vector<std::string> keys_;  // keys of the open objects' members, innermost last
  static constexpr int kMaxDepth = 256;
  int depth_ = 0;
  std::vector<std::vector<uint8_t>>* payloads_;
  size_t taken_ = 0;
  bool payload_next_ = false;  // the last event was the key "base64"
};

// RapidJSON's UTF-8 validation (UTF8::Validate) takes every continuation byte a lead byte
// announces before it looks at any of them: a text ending in a lead byte (0xF0..0xF4: three
// more) made it read, and in situ write back, up to two bytes past the std::string's
// terminator (issue 11). kUtf8Padding NUL bytes after the text keep every such access inside
// the buffer; the first NUL still ends the text, and a NUL is never a continuation byte, so
// such a text is rejected as before.
constexpr size_t kUtf8Padding = 3;  // the most continuation bytes a UTF-8 lead byte announces

// Parses `buffer` (the text followed by kUtf8Padding NUL bytes) in situ into `builder`.
bool parse_in_situ(std::string& buffer, DomBuilder& builder) {
  // In situ: RapidJSON decodes strings in place and hands numbers over as pointers into this
  // copy (NUL-terminated, which strtod needs), instead of copying each token (about 30% of its
  // time on our documents). Recursive, not kParseIterativeFlag: its iterative parser is one
  // long-running function, which V8 runs in its baseline WebAssembly tier for a whole first
  // read (the page's), while the recursive one's small functions are optimized as it goes.
  constexpr unsigned kFlags = rapidjson::kParseInsituFlag | rapidjson::kParseNumbersAsStringsFlag |
                              rapidjson::kParseValidateEncodingFlag;
  rapidjson::InsituStringStream stream(&buffer[0]);
  rapidjson::Reader reader;
  // A NUL byte ends the text for RapidJSON as for nlohmann (its lexer's end of input).
  return static_cast<bool>(reader.Parse<kFlags>(stream, builder));
}

void release_below(json& document, int depth) {
  if (document.is_array()) {
    json::array_t& array = document.get_ref<json::array_t&>();
    if (depth < 256)
      for (json& element : array)
        if (element.is_structured()) release_below(element, depth + 1);
    json::array_t().swap(array);
  } else if (document.is_object()) {
    json::object_t& object = document.get_ref<json::object_t&>();
    if (depth < 256)
      for (auto& member : object)
        if (member.second.is_structured()) release_below(member.second, depth + 1);
    object.clear();
  }
}

}  // namespace

void release_json(json& document) {
  release_below(document, 0);
  document = nullptr;
}

json parse_json_fast(std::string_view text) {
  std::string buffer;
  buffer.reserve(text.size() + kUtf8Padding);
  buffer.append(text.data(), text.size());
  buffer.append(kUtf8Padding, '\0');
  DomBuilder builder;
  if (parse_in_situ(buffer, builder)) return builder.take();
  // Rejected (not JSON, or one of the few texts only nlohmann accepts): its answer is the answer.
  return json::parse(text.begin(), text.end(), nullptr, false);
}

json parse_json_payloads(std::string_view text, const JsonScan& scan, bool* decoded) {
  if (decoded != nullptr) *decoded = false;
  if (!scan.aligned || !scan.cuttable || scan.payloads.empty()) return parse_json_fast(text);
  std::vector<std::vector<uint8_t>> payloads(scan.payloads.size());
  size_t cut = 0, bad_at = 0;
  for (size_t k = 0; k < payloads.size(); ++k) {
    const TextSpan span = scan.payloads[k];
    // Not pure base64 (an escape, a bad character): its reader says what is wrong with it.
    if (!base64_decode(text.substr(span.begin, span.end - span.begin), payloads[k], bad_at))
      return parse_json_fast(text);
    cut += span.end - span.begin;
  }
  // The text with every payload cut to "": the parser lexes 60 KB instead of 1.1 MB.
  std::string buffer;
  buffer.reserve(text.size() - cut + kUtf8Padding);
  size_t at = 0;
  for (const TextSpan& span : scan.payloads) {
    buffer.append(text.data() + at, span.begin - at);
    at = span.end;
  }
  buffer.append(text.data() + at, text.size() - at);
  buffer.append(kUtf8Padding, '\0');
  DomBuilder builder(&payloads);
  if (!parse_in_situ(buffer, builder) || !builder.took_all()) return parse_json_fast(text);
  if (decoded != nullptr) *decoded = true;
  return builder.take();
}

bool json_identical(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case nlohmann::json::value_t::number_float: {
      const double x = a.get<double>(), y = b.get<double>();
      return std::memcmp(&x, &y, sizeof x) == 0;
    }
    case nlohmann::json::value_t::array: {
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (!json_identical(a[i], b[i])) return false;
      return true;
    }
    case nlohmann::json::value_t::object: {
      if (a.size() != b.size()) return false;
      for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib)
        if (ia.key() != ib.key() || !json_identical(*ia, *ib)) return false;
      return true;
    }
    default:
      return a == b;
  }
}

}  // namespace vixray
