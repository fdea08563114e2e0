// market.json read in one pass (data/market_json.hpp scan_market_json): it takes the common
// form frame_to_market_json writes, compact or indented, and gives exactly what the document
// path (nlohmann parse, frame_from_market_json) gives, bit for bit; anything else it declines,
// and read_market_json reads it as a document with the same errors as before.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"
#include "vixray/data/market_json.hpp"
#include "vixray/sim/synthetic_frame.hpp"

// A named namespace: the unity build compiles test files together.
namespace scan_test {

// The document path, as read_market_json took it before the scan.
vixray::MarketDocument by_document(const std::string& text) {
  const nlohmann::json doc = nlohmann::json::parse(text);
  vixray::MarketDocument out{vixray::frame_from_market_json(doc), nullptr};
  if (doc.contains("provenance") && doc["provenance"].is_object() &&
      doc["provenance"].contains("source"))
    out.source = doc["provenance"]["source"];
  return out;
}

bool same(const vixray::MarketDocument& a, const vixray::MarketDocument& b) {
  if (a.frame.dates() != b.frame.dates() || a.frame.names() != b.frame.names() ||
      a.source != b.source)
    return false;
  for (const auto& name : a.frame.names()) {
    const auto &x = a.frame.column(name), &y = b.frame.column(name);
    if (x.size() != y.size() || std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) != 0)
      return false;
  }
  return true;
}

// 300 synthetic days (17 significant digits: strtod's numbers) with missing values, negative
// and tiny numbers, integers (volumes), and short decimals (parse_decimal_fast's).
vixray::Frame frame() {
  vixray::Frame f = vixray::synthetic_market_frame(300, 4);
  std::vector<double> vix = f.column("vix.close");
  vix[3] = vixray::kNaN;
  vix[4] = -12.5;
  vix[5] = 1.25e-7;
  vix[6] = 0.0;
  vix[7] = -0.0;
  vix[8] = 12345678901234567890.0;
  for (size_t t = 10; t < 200; ++t) vix[t] = std::round(vix[t] * 100.0) / 100.0;
  f.set("vix.close", vix);
  return f;
}

}  // namespace scan_test

TEST_CASE("market.json scan: the common form, compact or indented, as the document path reads it",
          "[market_json]") {
  const vixray::Frame f = scan_test::frame();
  const nlohmann::json provenance = {{"source", {{"kind", "simulated"}, {"seed", 4}}},
                                     {"note", "a \"quoted\" word"}};
  for (const nlohmann::json& doc :
       {vixray::frame_to_market_json(f, provenance), vixray::frame_to_market_json(f)})
    for (const std::string& text : {doc.dump(), doc.dump(2)}) {
      vixray::MarketDocument scanned;
      REQUIRE(vixray::scan_market_json(text, scanned));
      CHECK(scan_test::same(scanned, scan_test::by_document(text)));
      CHECK(scan_test::same(vixray::read_market_json(text), scanned));
    }
  // The exported -0.0 is written "-0.0" (a double): kept as -0.0 by both paths.
  vixray::MarketDocument scanned;
  REQUIRE(vixray::scan_market_json(vixray::frame_to_market_json(f).dump(), scanned));
  CHECK(std::signbit(scanned.frame.column("vix.close")[7]));
}

TEST_CASE("market.json scan: other forms are declined and read as a document, errors unchanged",
          "[market_json]") {
  const std::string good = vixray::frame_to_market_json(scan_test::frame()).dump();
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  // Valid, but not the common form: the document path reads them, with the same result.
  const size_t value_at = good.find("\"spx.close\":[") + 13;
  const std::string first =
      "\"spx.close\":[" + good.substr(value_at, good.find(',', value_at) - value_at) + ",";
  for (const std::string& text :
       {replaced("\"format\"", "\"extra\":1,\"format\""),                      // another member
        replaced("\"format_version\":\"1.0\"", "\"format_version\":\"1.1\""),  // a minor version
        replaced(first, "\"spx.close\":[-0,"),                                 // integer -0 is +0
        replaced(first, "\"spx.close\":[1e400,"),                              // too large
        replaced("\"spx.close\":[", "\"sp\\u0078.close\":[")}) {               // an escape
    vixray::MarketDocument scanned;
    CHECK_FALSE(vixray::scan_market_json(text, scanned));
    bool same_as_document = false;
    try {
      same_as_document =
          scan_test::same(vixray::read_market_json(text), scan_test::by_document(text));
    } catch (const std::exception&) {  // both refuse it
      CHECK_THROWS(vixray::read_market_json(text));
      CHECK_THROWS(scan_test::by_document(text));
      same_as_document = true;
    }
    CHECK(same_as_document);
  }
  // Errors: the document path's messages.
  CHECK_THROWS_WITH(vixray::read_market_json(replaced("\"dates\":[\"", "\"dates\":[\"x")),
                    Catch::Contains("market.dates[0]: expected \"YYYY-MM-DD\""));
  CHECK_THROWS_WITH(vixray::read_market_json(replaced("\"spx.close\":[", "\"spx.close\":[1,")),
                    Catch::Contains("expected an array of 300 values"));
  CHECK_THROWS_WITH(vixray::read_market_json(good.substr(0, good.size() / 2)),
                    Catch::Contains("not valid JSON"));
  CHECK_THROWS_WITH(vixray::read_market_json(replaced("\"vixray-market\"", "\"other\"")),
                    Catch::Contains("format"));
}
