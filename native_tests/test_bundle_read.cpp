// Reading a bundle once (ensemble/bundle_read.hpp): the scan that finds the typed arrays'
// payloads and the content_sha256 member (data/json_scan.hpp), the parse that decodes the
// payloads straight from the text (json_read.hpp parse_json_payloads), and the reader built on
// them, which must give exactly the model and the errors of the usual reader (parse_json_fast +
// model_from_json), and a hash text that is the canonical content of a bundle vixray wrote.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bundle_file.hpp"
#include "cli_helpers.hpp"
#include "small_models.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/data/json_scan.hpp"
#include "vixray/ensemble/bundle_read.hpp"
#include "vixray/ensemble/model_io.hpp"

using nlohmann::json;

namespace {

std::string piece(const std::string& text, vixray::TextSpan span) {
  return text.substr(span.begin, span.end - span.begin);
}

// The usual reader, the reference: the whole text parsed, the payloads decoded by PackedArray.
vixray::EnsembleModel reference_model(const std::string& text) {
  json document = vixray::parse_json_fast(text);
  if (document.is_discarded()) throw vixray::Error("not JSON");
  return vixray::model_from_json(document);
}

template <class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const vixray::Error& e) {
    return e.what();
  }
  return "(no error)";
}

// Both readers give the same model (its 1.x dump: every number as its shortest text) or the same
// error message.
void check_same_read(const std::string& text) {
  std::string reference, fast;
  try {
    reference = vixray::model_to_json(reference_model(text), vixray::BundleForm::kJson1).dump();
  } catch (const vixray::Error& e) {
    reference = std::string("error: ") + e.what();
  }
  try {
    fast = vixray::model_to_json(vixray::read_model_bundle(text).model, vixray::BundleForm::kJson1)
               .dump();
  } catch (const vixray::Error& e) {
    fast = std::string("error: ") + e.what();
  }
  CHECK(fast == reference);
}

const vixray::test::SmallMarketModel& small() {
  static const auto model = vixray::test::small_market_model(7, vixray::days_from_civil(2005, 1, 3),
                                                             vixray::days_from_civil(2009, 12, 31));
  return model;
}

}  // namespace

TEST_CASE("json scan: payloads, the top-level member and its comma, by hand", "[bundle][scan]") {
  // Offsets by hand: {"a":{"base64":"QUJD"},"content_sha256":"ff","z":1}
  //                  0    5 6        15 20   24 25              40  44 45
  const std::string text = R"({"a":{"base64":"QUJD"},"content_sha256":"ff","z":1})";
  auto scan = vixray::scan_json(text, "content_sha256");
  REQUIRE(scan.payloads.size() == 1);
  CHECK(piece(text, scan.payloads[0]) == "QUJD");
  CHECK(scan.aligned);
  CHECK(scan.cuttable);
  CHECK(scan.members == 1);
  CHECK(piece(text, scan.member) == R"("content_sha256":"ff",)");  // with the following comma
  // The last member takes the comma before it; the only member none.
  const std::string last = R"({"z":1 , "content_sha256" : "ff" })";
  CHECK(piece(last, vixray::scan_json(last, "content_sha256").member) ==
        R"(, "content_sha256" : "ff")");
  const std::string only = R"( {"content_sha256":"ff"} )";
  CHECK(piece(only, vixray::scan_json(only, "content_sha256").member) ==
        R"("content_sha256":"ff")");
  // Not top-level, inside a string, or an array at the top: no member.
  for (const std::string other :
       {R"({"x":{"content_sha256":"ff"}})", R"({"x":"\"content_sha256\":\"ff\""})",
        R"([{"content_sha256":"ff"}])"}) {
    scan = vixray::scan_json(other, "content_sha256");
    CHECK(scan.members == 0);
    CHECK(scan.member.begin == scan.member.end);
  }
  // Two top-level members are counted; a value that is not a string gives no span.
  CHECK(vixray::scan_json(R"({"content_sha256":"a","content_sha256":"b"})", "content_sha256")
            .members == 2);
  scan = vixray::scan_json(R"({"content_sha256":1})", "content_sha256");
  CHECK(scan.members == 1);
  CHECK(scan.member.begin == scan.member.end);
  // "base64" inside a string is text, not a member; an escaped key or a payload that is not a
  // string cannot be cut; an unterminated string leaves nothing trusted.
  scan = vixray::scan_json(R"({"s":"\"base64\":\"QUJD\"","t":[1,"x"]})", "content_sha256");
  CHECK(scan.payloads.empty());
  CHECK(scan.cuttable);
  CHECK_FALSE(vixray::scan_json(R"({"base\u0036\u0034":"QUJD"})", "k").cuttable);
  CHECK_FALSE(vixray::scan_json(R"({"base64":7})", "k").cuttable);
  scan = vixray::scan_json(R"({"a":"never closed)", "k");
  CHECK_FALSE(scan.aligned);
  CHECK_FALSE(scan.cuttable);
}

TEST_CASE("parse_json_payloads: the payloads as bytes, everything else parse_json_fast's",
          "[bundle][scan]") {
  // "QUJD" is base64 of "ABC" (RFC 4648: 0x41 0x42 0x43 -> 010000 010100 001001 000011 = Q U J D).
  const std::string text =
      R"({"x":[{"base64":"QUJD","dtype":"uint8"},{"base64":""}],"y":"QUJD","n":-1.5e3})";
  bool decoded = false;
  const json document =
      vixray::parse_json_payloads(text, vixray::scan_json(text, "content_sha256"), &decoded);
  REQUIRE(decoded);
  REQUIRE(document["x"][0]["base64"].is_binary());
  const std::vector<uint8_t> abc = {0x41, 0x42, 0x43};
  CHECK(static_cast<const std::vector<uint8_t>&>(document["x"][0]["base64"].get_binary()) == abc);
  CHECK(document["x"][1]["base64"].get_binary().empty());
  // The rest is the usual parse: with the payloads put back as strings, the same document.
  json back = document;
  back["x"][0]["base64"] = "QUJD";
  back["x"][1]["base64"] = "";
  CHECK(vixray::json_identical(back, vixray::parse_json_fast(text)));
  // A payload that is not pure base64 (an escape, a bad character, a cut group): the usual parse.
  const std::vector<std::string> others = {R"({"base64":"QUJ\/"})", R"({"base64":"QU?D"})",
                                           R"({"base64":"QUJ"})"};
  for (const std::string& other : others) {
    const json parsed = vixray::parse_json_payloads(other, vixray::scan_json(other, "k"), &decoded);
    CHECK_FALSE(decoded);
    CHECK(vixray::json_identical(parsed, vixray::parse_json_fast(other)));
  }
  // Not JSON around good payloads: not JSON (the usual parse decides).
  const std::string broken = R"({"base64":"QUJD"},)";
  CHECK(
      vixray::parse_json_payloads(broken, vixray::scan_json(broken, "k"), &decoded).is_discarded());
  CHECK_FALSE(decoded);
}

TEST_CASE("read_model_bundle: the usual reader's model; the hash text is the canonical content",
          "[bundle][scan]") {
  const vixray::EnsembleModel& model = small().model;
  const std::string sealed = vixray::cli::bundle_text(model);  // as `vixray train` writes it
  const vixray::ModelBundle bundle = vixray::read_model_bundle(sealed);
  CHECK(vixray::model_to_json(bundle.model).dump() == vixray::model_to_json(model).dump());
  const json document = json::parse(sealed);
  REQUIRE(bundle.content_sha256 == document["content_sha256"].get<std::string>());
  REQUIRE(bundle.hash_text);
  CHECK(*bundle.hash_text == vixray::canonical_content(document));
  CHECK(vixray::cli::sha256_hex(*bundle.hash_text) == *bundle.content_sha256);
  check_same_read(sealed);
  // Re-indented: the same model; the hash text is no longer the canonical content (the caller
  // then hashes canonical_content).
  const std::string indented = document.dump(2);
  check_same_read(indented);
  CHECK(vixray::read_model_bundle(indented).hash_text != vixray::canonical_content(document));
  // Without content_sha256: no stored value, no hash text.
  const vixray::ModelBundle unsealed =
      vixray::read_model_bundle(vixray::model_to_json(model).dump());
  CHECK_FALSE(unsealed.content_sha256);
  CHECK_FALSE(unsealed.hash_text);
  // The committed 1.0 fixture (no payloads) and its 2.0 form.
  const std::string v1 = vixray::test::read_testdata("bundles/model-1.0.json");
  check_same_read(v1);
  check_same_read(vixray::model_to_json(vixray::load_model(v1)).dump());
}

TEST_CASE("read_model_bundle: malformed payloads give the usual reader's one-line errors",
          "[bundle][scan]") {
  const json document = json::parse(vixray::cli::bundle_text(small().model));
  const auto with = [&](const char* field, const json& value) {
    json j = document;
    j["detectors"][1]["forest"]["threshold"][field] = value;
    return j.dump();
  };
  const std::string payload =
      document["detectors"][1]["forest"]["threshold"]["base64"].get<std::string>();
  const std::vector<std::string> texts = {
      with("base64", payload.substr(0, payload.size() - 4)),  // a group short
      with("base64", "?" + payload.substr(1)),                // a bad character
      with("base64", payload.substr(0, payload.size() - 1)),  // cut inside a group
      with("base64", 12),                                     // not a string
      with("count", 3),                                       // count x width differs
      with("dtype", "float64"),                               // a dtype not allowed
  };
  for (const std::string& text : texts) {
    const std::string message = message_of([&] { vixray::read_model_bundle(text); });
    CHECK(message == message_of([&] { reference_model(text); }));
    CHECK_THAT(message, Catch::StartsWith("model.detectors[1].forest.threshold"));
    CHECK(message.find('\n') == std::string::npos);
  }
  // A payload written with a JSON escape ("\/" is "/"): read as the usual reader reads it.
  std::string escaped = vixray::model_to_json(small().model).dump();
  const size_t slash = escaped.find('/', escaped.find("\"base64\":\""));
  if (slash != std::string::npos && escaped.find('"', escaped.find("\"base64\":\"") + 10) > slash) {
    escaped.insert(slash, "\\");
    check_same_read(escaped);
  }
  // A "base64" member in the opaque settings keeps its text in the model.
  json odd = document;
  odd["settings"]["note"] = json{{"base64", "QUJD"}};
  check_same_read(odd.dump());
  CHECK(vixray::read_model_bundle(odd.dump()).model.settings["note"]["base64"] == "QUJD");
  // Cut short anywhere in a payload: not JSON, as before.
  const std::string text = vixray::model_to_json(small().model).dump();
  CHECK_THAT(
      message_of([&] { vixray::read_model_bundle(text.substr(0, text.find("base64") + 20)); }),
      Catch::Contains("not valid JSON"));
}
