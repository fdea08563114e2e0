#include "bundle_file.hpp"

#include <openssl/evp.h>

#include "files.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/data/json_scan.hpp"
#include "vixray/ensemble/bundle_read.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/model_io.hpp"

namespace vixray::cli {

using nlohmann::json;

std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw Error("sha256: OpenSSL failed to hash the model");
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

nlohmann::json read_sealed_json(const std::string& path, const std::string& what,
                                std::string* text_out) {
  std::string text = read_file(path);
  json document = parse_json_fast(text);
  if (document.is_discarded())
    throw Error(path + ": the " + what + " is not valid JSON (corrupt or truncated, " +
                std::to_string(text.size()) + " bytes)");
  if (!document.is_object() || !document.contains("content_sha256") ||
      !document["content_sha256"].is_string())
    throw Error(path + ": content_sha256: missing (expected the SHA-256 of the bundle content)");
  const std::string stored = document["content_sha256"].get<std::string>();
  // A file as vixray writes it: its text without the member hashes to it, with no dump of the
  // document (bundle_read.hpp says why that is sound); else the canonical content decides.
  const auto hash_text = hash_text_of(text, scan_json(text, "content_sha256"));
  if (hash_text && sha256_hex(*hash_text) == stored) {
    if (text_out != nullptr) *text_out = std::move(text);
    return document;
  }
  const std::string actual = sha256_hex(canonical_content(document));
  if (stored != actual)
    throw Error(path + ": content_sha256: the bundle says " + stored +
                " but its content hashes to " + actual + " (modified or corrupt)");
  if (text_out != nullptr) *text_out = std::move(text);
  return document;
}

std::string sealed_json_text(nlohmann::json document) {
  document["content_sha256"] = sha256_hex(canonical_content(document));
  return document.dump() + "\n";
}

BundleFile read_bundle(const std::string& path) {
  BundleFile bundle;
  bundle.document = read_sealed_json(path, "model bundle", &bundle.text);
  try {
    bundle.model = model_from_json(bundle.document);
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
  return bundle;
}

std::string bundle_text(const EnsembleModel& model, const json& extra) {
  json document = model_to_json(model);
  if (extra.is_object())
    for (auto it = extra.begin(); it != extra.end(); ++it) document[it.key()] = *it;
  return sealed_json_text(std::move(document));
}

SettingsContext context_of(const std::string& market, const std::string& asset_class) {
  SettingsContext c = default_settings_context();
  if (!market.empty()) c["market"] = market;
  if (!asset_class.empty()) c["asset_class"] = asset_class;
  return c;
}

EnsembleSettings read_settings(const std::string& path, const std::string& market,
                               const std::string& asset_class) {
  const SettingsContext context = context_of(market, asset_class);
  return path.empty() ? load_settings(default_catalogue_text(), context)
                      : load_settings(read_file(path), context);
}

}  // namespace vixray::cli
