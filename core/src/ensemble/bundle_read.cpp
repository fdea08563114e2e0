#include "vixray/ensemble/bundle_read.hpp"

#include <utility>

#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/data/json_scan.hpp"
#include "vixray/ensemble/model_io.hpp"

namespace vixray {

using nlohmann::json;

namespace {

constexpr const char* kSealKey = "content_sha256";

bool has_binary(const json& value) {
  if (value.is_binary()) return true;
  if (value.is_structured())
    for (const json& element : value)
      if (has_binary(element)) return true;
  return false;
}

std::optional<std::string> top_string(const json& document, const char* key) {
  if (!document.is_object()) return std::nullopt;
  const auto it = document.find(key);
  if (it == document.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

json parsed(json document, std::string_view text) {
  if (document.is_discarded())
    throw Error("model: the bundle text is not valid JSON (corrupt or truncated, " +
                std::to_string(text.size()) + " bytes)");
  return document;
}

// The model of `text`, whose payloads `scan` found, and its top-level content_sha256. The
// payloads are decoded in place when they can be cut (parse_json_payloads). A document read so
// is parse_json_fast's with each payload string replaced by its bytes, which only PackedArray
// reads; should the reader fail on it, or a payload sit in the opaque feature_spec or settings
// (kept as JSON in the model), the text is read again the usual way, so the model and every
// message are those of parse_json_fast + model_from_json.
EnsembleModel read_model(std::string_view text, const JsonScan& scan,
                         std::optional<std::string>* stored) {
  bool decoded = false;
  json document = parsed(parse_json_payloads(text, scan, &decoded), text);
  if (decoded) {
    try {
      EnsembleModel model = model_from_json(document);
      if (!has_binary(model.feature_spec) && !has_binary(model.settings)) {
        if (stored != nullptr) *stored = top_string(document, kSealKey);
        release_json(document);
        return model;
      }
    } catch (const Error&) {
      // read again below: the usual reader's message is the answer
    }
    release_json(document);
    document = parsed(parse_json_fast(text), text);
  }
  EnsembleModel model = model_from_json(document);
  if (stored != nullptr) *stored = top_string(document, kSealKey);
  release_json(document);
  return model;
}

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::optional<std::string> hash_text_of(std::string_view text, const JsonScan& scan) {
  if (!scan.aligned || scan.members != 1 || scan.member.begin == scan.member.end)
    return std::nullopt;
  std::string out;
  out.reserve(text.size() - (scan.member.end - scan.member.begin));
  out.append(text.data(), scan.member.begin);
  out.append(text.data() + scan.member.end, text.size() - scan.member.end);
  size_t first = 0;
  while (first < out.size() && is_json_space(out[first])) ++first;
  while (out.size() > first && is_json_space(out.back())) out.pop_back();
  out.erase(0, first);
  return out;
}

ModelBundle read_model_bundle(std::string_view text) {
  const JsonScan scan = scan_json(text, kSealKey);
  ModelBundle bundle;
  bundle.model = read_model(text, scan, &bundle.content_sha256);
  if (bundle.content_sha256) bundle.hash_text = hash_text_of(text, scan);
  return bundle;
}

EnsembleModel load_model(std::string_view text) {
  return read_model(text, scan_json(text, kSealKey), nullptr);
}

std::string canonical_content(const json& document) {
  if (!document.is_object()) return document.dump();
  json copy = document;
  copy.erase("content_sha256");
  return copy.dump();
}

}  // namespace vixray
