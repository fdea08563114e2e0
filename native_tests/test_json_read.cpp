// parse_json_fast must give exactly nlohmann::json::parse's document (values, number types,
// rejections). The reference in every test is nlohmann 3.11's parser itself, run on the same text.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "small_models.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/rng.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/data/market_json.hpp"
#include "vixray/data/price_files.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/model_io.hpp"

using nlohmann::json;

namespace {

// True when the fast reader and nlohmann agree on `text`: both reject it, or both give
// identical documents.
bool agrees(const std::string& text) {
  const json expected = json::parse(text, nullptr, false);
  const json actual = vixray::parse_json_fast(text);
  if (expected.is_discarded() || actual.is_discarded())
    return expected.is_discarded() == actual.is_discarded();
  return actual == expected && vixray::json_identical(actual, expected);
}

// A small market: two simulated years (about 500 days, six series).
vixray::AlignedPrices small_market() {
  return vixray::test::simulated_market(7, vixray::days_from_civil(1997, 1, 2),
                                        vixray::days_from_civil(1998, 12, 31));
}

}  // namespace

TEST_CASE("parse_json_fast: number types and values are nlohmann's", "[json_read]") {
  const json doc = vixray::parse_json_fast(
      "[0, -0, 1, -1, 0.0, -0.0, 1e2, 1E2, 1e+2, 1.5e-3, 9223372036854775807, "
      "9223372036854775808, -9223372036854775808, -9223372036854775809, "
      "18446744073709551615, 18446744073709551616, 1e308, 5e-324, 1e-400, "
      "123456789012345678901234567890]");
  REQUIRE(doc.is_array());
  REQUIRE(doc.size() == 20);
  // What nlohmann 3.11 gives (checked below against its parser too): an integer token is
  // unsigned when it has no sign, signed with one, a double when it does not fit 64 bits.
  CHECK(doc[0].is_number_unsigned());
  CHECK(doc[1].is_number_integer());
  CHECK_FALSE(doc[1].is_number_unsigned());
  CHECK(doc[1].get<int64_t>() == 0);
  CHECK(doc[2].is_number_unsigned());
  CHECK(doc[3].get<int64_t>() == -1);
  CHECK(doc[4].is_number_float());
  CHECK(std::signbit(doc[5].get<double>()));
  CHECK(doc[6].get<double>() == 100.0);
  CHECK(doc[7].is_number_float());
  CHECK(doc[10].get<uint64_t>() == 9223372036854775807u);
  CHECK(doc[11].is_number_unsigned());
  CHECK(doc[12].get<int64_t>() == INT64_MIN);
  CHECK(doc[13].is_number_float());
  CHECK(doc[14].get<uint64_t>() == UINT64_MAX);
  CHECK(doc[15].is_number_float());
  CHECK(doc[15].get<double>() == 18446744073709551616.0);
  CHECK(doc[16].get<double>() == 1e308);
  CHECK(doc[17].get<double>() == 5e-324);
  CHECK(doc[18].get<double>() == 0.0);
  CHECK(doc[19].is_number_float());
  CHECK(agrees(doc.dump()));
  CHECK(
      agrees("[0, -0, 1, -1, 0.0, -0.0, 1e2, 1E2, 1e+2, 1.5e-3, 9223372036854775807, "
             "9223372036854775808, -9223372036854775808, -9223372036854775809, "
             "18446744073709551615, 18446744073709551616, 1e308, 5e-324, 1e-400, "
             "123456789012345678901234567890]"));
  for (const char* number : {"0.1",
                             "2.2250738585072011e-308",
                             "2.2250738585072014e-308",
                             "1.7976931348623157e308",
                             "1.7976931348623159e308",
                             "9007199254740993",
                             "9007199254740993.0",
                             "0.30000000000000004",
                             "1e309",
                             "-1e309",
                             "100e307",
                             "0e400",
                             "0.0000001e310",
                             "1e-99999999999",
                             "1e99999999999",
                             "123.456e-5",
                             "-0.000",
                             "1.00000000000000011102230246251565404236316680908203125",
                             "01",
                             "1.",
                             ".5",
                             "+1",
                             "-",
                             "--1",
                             "1e",
                             "1e+",
                             "NaN",
                             "Infinity",
                             "-Infinity",
                             "0x10"}) {
    INFO(number);
    CHECK(agrees(number));
    CHECK(agrees(std::string("[") + number + "]"));
  }
  // A number too long for any 64-bit type (400 digits) and one just at the double limit.
  CHECK(agrees(std::string(400, '9')));
  CHECK(agrees("17976931348623157" + std::string(292, '0')));
  CHECK(agrees("17976931348623159" + std::string(292, '0')));
}

TEST_CASE("parse_json_fast: strings, escapes, UTF-8, structure and whitespace", "[json_read]") {
  const json doc = vixray::parse_json_fast(
      R"({"e":"caf\u00e9","smile":"\uD83D\uDE00","raw":"café 😀","esc":"a\"b\\c\/d\b\f\n\r\t",)"
      R"("nul":"x\u0000y","empty":{},"none":[],"nested":[[1,[2,[]]],{"a":{"b":[{}]}}],)"
      R"("dup":1,"dup":2})");
  REQUIRE(doc.is_object());
  CHECK(doc["e"] == "caf\xC3\xA9");
  CHECK(doc["smile"] == "\xF0\x9F\x98\x80");
  CHECK(doc["raw"] == "caf\xC3\xA9 \xF0\x9F\x98\x80");
  CHECK(doc["esc"] == "a\"b\\c/d\b\f\n\r\t");
  CHECK(doc["nul"] == std::string("x\0y", 3));
  CHECK(doc["empty"] == json::object());
  CHECK(doc["none"] == json::array());
  CHECK(doc["nested"][1]["a"]["b"][0] == json::object());
  CHECK(doc["dup"] == 2);  // nlohmann keeps the last of duplicate keys
  CHECK(doc.size() == 9);
  const std::vector<std::string> texts = {
      R"({"b":1,"a":2,"b":{"c":3},"a":[4]})", R"({"x":{"y":1},"x":{"z":2}})",
      " \t\n\r[ 1 , 2 ,\n{ \"k\" : null } ] \n", "[true,false,null]", "\"top\"", "null", "7", "{}",
      "[]", "[[],[[]],{}]",
      // Invalid UTF-8: a bad continuation, an overlong '/', a surrogate, above U+10FFFF, cut.
      "\"\xC3\x28\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"", "\"\xE2\x82\"",
      "\"\xFF\"", "{\"\xC3\x28\":1}",
      // Lone or malformed surrogate escapes (nlohmann rejects them all), in values and keys.
      R"("\ud800")", R"("\udc00")", R"("\ud800\u0041")", R"("\udbff\udfff")", R"({"\udc00":1})",
      R"("\uDFFF")", R"("\u12")", R"("\x41")", "\"tab\tinside\"", "\"line\nbreak\"",
      // A BOM (nlohmann skips it), trailing garbage, missing or extra separators, comments.
      "\xEF\xBB\xBF{\"a\":1}", "{} x", "[1]]", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "[1 2]", "{a:1}",
      "['a']", "[1] // c", "/* c */ [1]", "", "   ", "nul", "tru", "[", "{", "\"",
      std::string("{}\0x", 4), std::string("[1,\0]", 5), std::string("\"a\0b\"", 5)};
  for (const std::string& text : texts) {
    INFO(text);
    CHECK(agrees(text));
  }
  // Deep nesting: beyond 256 levels the fast path hands the text to nlohmann's parser (which
  // keeps its own stack), so neither runs out of call stack.
  const std::string deep = std::string(1000, '[') + std::string(1000, ']');
  CHECK(agrees(deep));
  const std::string nested_objects = [] {
    std::string text;
    for (int i = 0; i < 300; ++i) text += "{\"k\":[";
    text += "1";
    for (int i = 0; i < 300; ++i) text += "]}";
    return text;
  }();
  CHECK(agrees(nested_objects));
  CHECK(vixray::parse_json_fast(nested_objects).is_object());
  CHECK(vixray::parse_json_fast(deep.substr(0, 1500)).is_discarded());
}

// Issue 11: RapidJSON's UTF-8 validation takes all the continuation bytes a lead byte announces
// before checking them, so a text ending in a lead byte made it read (and in situ write) past the
// parse buffer. Under AddressSanitizer (make test-asan) the old code fails here with a
// heap-buffer-overflow; the input of the first check is the fuzzers' 60-byte find
// (fuzz/crashes/*/utf8_lead_byte_at_end_of_text.json).
TEST_CASE("parse_json_fast: a text ending in a UTF-8 lead byte is refused in bounds",
          "[json_read]") {
  const std::string found =
      std::string("{\"format\":\"vixray-market\",\"dates\":\"") + std::string(24, 'x') + "\xF2";
  REQUIRE(found.size() == 60);
  CHECK(vixray::parse_json_fast(found).is_discarded());
  CHECK(agrees(found));
  CHECK_THROWS_WITH(vixray::load_market_json(found), Catch::Contains("not valid JSON"));
  // Every lead byte (2-, 3- and 4-byte sequences), in a string value, a key, after an escape and
  // after a valid multi-byte character, at lengths up to 40 (0xF2 at every one: every heap block
  // size class of the buffer).
  int checked = 0;
  for (int lead = 0xC2; lead <= 0xF4; ++lead)
    for (const char* prefix : {"\"", "[\"", "{\"", "{\"k\":\"", "[\"\\n", "[\"\xC3\xA9"})
      for (size_t pad = 0; pad <= 40; pad += (lead == 0xF2 ? 1 : 13)) {
        const std::string text = prefix + std::string(pad, 'x') + static_cast<char>(lead);
        INFO("lead byte " << lead << ", prefix " << prefix << ", " << pad << " bytes");
        CHECK(vixray::parse_json_fast(text).is_discarded());
        CHECK(agrees(text));
        ++checked;
      }
  CHECK(checked > 1000);
}

TEST_CASE("parse_json_fast: a market document and a model bundle made by the core", "[json_read]") {
  const vixray::AlignedPrices market = small_market();
  const json market_json = vixray::frame_to_market_json(market.frame, {{"source", "simulated"}});
  for (const std::string& text : {market_json.dump(), market_json.dump(2)}) {
    CHECK(agrees(text));
    CHECK(vixray::frame_to_market_json(vixray::load_market_json(text), {{"source", "simulated"}}) ==
          market_json);
  }
  const vixray::EnsembleModel model =
      vixray::train_market(market.frame, vixray::test::small_settings());
  const std::string bundle = vixray::model_to_json(model).dump();
  CHECK(agrees(bundle));
  CHECK(vixray::model_to_json(vixray::load_model(bundle)).dump() == bundle);
  // Cut anywhere, the bundle is refused with the message load_model has always given.
  for (size_t cut = 0; cut < bundle.size(); cut += 1 + bundle.size() / 100) {
    const std::string prefix = bundle.substr(0, cut);
    INFO(cut);
    REQUIRE_THROWS_WITH(vixray::load_model(prefix),
                        "model: the bundle text is not valid JSON (corrupt or truncated, " +
                            std::to_string(cut) + " bytes)");
  }
}

TEST_CASE("parse_json_fast: every prefix of a small market document is refused", "[json_read]") {
  const std::string text = vixray::frame_to_market_json(small_market().frame.head(3)).dump();
  REQUIRE(vixray::load_market_json(text).rows() == 3);
  for (size_t cut = 0; cut < text.size(); ++cut) {
    INFO(cut);
    REQUIRE(agrees(text.substr(0, cut)));
    REQUIRE_THROWS_WITH(vixray::load_market_json(text.substr(0, cut)),
                        "market: not valid JSON (corrupt or truncated)");
  }
}

TEST_CASE("parse_json_fast: random mutations of a document agree with nlohmann", "[json_read]") {
  const std::string seed_text =
      R"({"a":[1,-2,3.5e-3,-0.0,18446744073709551616,null,true,false],"b":{"c":"x\u00e9\"y",)"
      R"("d":[[],{}],"e":"\uD83D\uDE00 caf)"
      "\xC3\xA9"
      R"("},"f":12345678901234567890,"g":1E+2})";
  REQUIRE(agrees(seed_text));
  // Bytes that make interesting JSON: structure, number parts, escapes, UTF-8 lead and tail
  // bytes, NUL, whitespace.
  const std::string alphabet =
      std::string("{}[]:,\"\\/ue.E+-0189ntfl \t\n\xC3\xA9\xED\xA0\xF0\xFF") + std::string(1, '\0');
  vixray::Rng rng(2024);
  int accepted = 0;
  for (int trial = 0; trial < 4000; ++trial) {
    std::string text = seed_text;
    const uint64_t edits = 1 + rng.below(3);
    for (uint64_t e = 0; e < edits && !text.empty(); ++e) {
      const size_t at = static_cast<size_t>(rng.below(text.size()));
      const char c = alphabet[static_cast<size_t>(rng.below(alphabet.size()))];
      switch (rng.below(4)) {
        case 0:
          text[at] = c;
          break;
        case 1:
          text.erase(at, 1);
          break;
        case 2:
          text.insert(at, 1, c);
          break;
        default:
          text.insert(at, text.substr(at, static_cast<size_t>(rng.below(8))));
          break;
      }
    }
    // The mutated text, escaped (invalid UTF-8 shown as U+FFFD).
    INFO(json(text).dump(-1, ' ', true, json::error_handler_t::replace));
    REQUIRE(agrees(text));
    accepted += !json::parse(text, nullptr, false).is_discarded();
  }
  // Both outcomes are exercised (the mutations are not all fatal).
  CHECK(accepted > 100);
  CHECK(accepted < 3900);
}

TEST_CASE("release_json: frees a document, however nested, and leaves null", "[json_read]") {
  json doc = vixray::parse_json_fast(R"({"a":[1,[2,{"b":[3,"x"]}],{}],"c":{"d":null},"e":[]})");
  vixray::release_json(doc);
  CHECK(doc.is_null());
  std::string deep;
  for (int i = 0; i < 1000; ++i) deep += "[{\"k\":";
  deep += "1";
  for (int i = 0; i < 1000; ++i) deep += "}]";
  json nested = json::parse(deep);
  vixray::release_json(nested);
  CHECK(nested.is_null());
  json scalar = 5;
  vixray::release_json(scalar);
  CHECK(scalar.is_null());
}

TEST_CASE("parse_json_fast: long decimals (16 to 19 digits) are strtod's doubles", "[json_read]") {
  // nlohmann converts with strtod (glibc: correctly rounded); parse_json_fast computes these in
  // 128-bit integers. Ties to even in both branches: 2^53 + 1 and + 3 (integers, exponent 0),
  // 2^52 + 0.5 and + 1.5 (a fraction), and their neighbours.
  std::vector<std::string> numbers = {"9007199254740993.0",
                                      "9007199254740995.0",
                                      "9007199254740993e1",
                                      "4503599627370496.5",
                                      "4503599627370497.5",
                                      "4503599627370496.51",
                                      "4503599627370496.49",
                                      "0.020014127619496114",
                                      "-0.5807114612601671",
                                      "1234567890123456789e-27",
                                      "9999999999999999999e27",
                                      "1000000000000000000e-27",
                                      "0.1000000000000000055511151231257827",
                                      "1.7976931348623157e308",
                                      "2.2250738585072014e-308"};
  vixray::Rng rng(99);
  char buffer[64];
  for (int i = 0; i < 4000; ++i) {
    // w of 16 to 19 digits, exponent in [-30, 30] (some outside the exact range: strtod's).
    const uint64_t w = 1000000000000000ULL + rng.below(9999000000000000000ULL);
    const int k = static_cast<int>(rng.below(61)) - 30;
    std::snprintf(buffer, sizeof buffer, "%llue%d", static_cast<unsigned long long>(w), k);
    numbers.emplace_back(buffer);
    // The same digits with a decimal point, and a random double as the bundle writes it.
    std::string fixed = std::to_string(w);
    fixed.insert(1 + rng.below(fixed.size() - 1), ".");
    numbers.push_back((i % 2 ? "-" : "") + fixed);
    const double x = (rng.uniform() - 0.5) * std::ldexp(1.0, static_cast<int>(rng.below(120)) - 60);
    std::snprintf(buffer, sizeof buffer, "%.17g", x);
    numbers.emplace_back(buffer);
  }
  std::string text = "[";
  for (const std::string& number : numbers) text += number + ",";
  text.back() = ']';
  const json fast = vixray::parse_json_fast(text);
  const json reference = json::parse(text);
  REQUIRE(fast.size() == numbers.size());
  for (size_t i = 0; i < numbers.size(); ++i) {
    INFO(numbers[i]);
    REQUIRE(vixray::json_identical(fast[i], reference[i]));
  }
}
