// Model bundles on disk: SHA-256 (OpenSSL) written on save and verified on load, so a modified
// or corrupt bundle is refused before anything in it is trusted. Used by every command that
// reads or writes a bundle.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/settings.hpp"

namespace vixray::cli {

std::string sha256_hex(const std::string& text);

struct BundleFile {
  std::string text;         // the file's bytes, as read
  nlohmann::json document;  // the whole bundle (extra top-level fields, e.g. training_data)
  EnsembleModel model;
};

/// Reads a JSON document sealed with content_sha256 (a model bundle, a ticker model) and checks
/// the hash; errors name the path, `what` ("model bundle") and the field. The file's bytes go
/// to `text` when given.
nlohmann::json read_sealed_json(const std::string& path, const std::string& what,
                                std::string* text = nullptr);
/// The compact text of a document with its content_sha256 (over canonical_content) added.
std::string sealed_json_text(nlohmann::json document);

/// Reads a bundle and checks its content_sha256; errors name the path and the field.
BundleFile read_bundle(const std::string& path);
/// The bundle text with `extra` top-level fields, hashed over everything but content_sha256.
std::string bundle_text(const EnsembleModel& model, const nlohmann::json& extra = nullptr);

/// The settings context (market, asset class) of the seed-004 style overrides.
SettingsContext context_of(const std::string& market, const std::string& asset_class);
/// The settings file at `path` (the built-in catalogue when empty) resolved for the context.
EnsembleSettings read_settings(const std::string& path, const std::string& market,
                               const std::string& asset_class);

}  // namespace vixray::cli
