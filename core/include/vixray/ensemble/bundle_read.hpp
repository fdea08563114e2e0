// Reading a model bundle's text (model_io.hpp) once, for the model and for its content check.
//
// content_sha256 is the SHA-256 of canonical_content(): the compact dump (keys sorted) of the
// document without its content_sha256 member. A bundle written by vixray is exactly that dump
// with the member `"content_sha256":"<64 hex>",` inserted among the sorted top-level keys, plus
// a trailing newline; so the text with that member (and one comma) cut out and JSON whitespace
// trimmed, its "hash text", hashes to the stored value without re-serialising anything.
//
// Accepting a bundle whose hash text hashes to its content_sha256 is sound: by SHA-256's
// collision resistance the hash text is then the very text the writer hashed, a canonical content
// C (which has no top-level content_sha256: canonical_content() removed it); the bundle is C with
// one piece inserted, and since the bundle's parsed document has a top-level content_sha256 that
// C lacks, the piece is that member, inserted between two top-level members. The document is
// therefore C's plus that member, and the model (which does not read content_sha256) is C's:
// exactly what the canonical_content() check accepts. This holds whatever the scan found; the
// scan only decides which piece to cut. Otherwise (a bundle re-indented by hand, members
// reordered) the caller falls back to hashing canonical_content() of the parsed document.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "vixray/data/json_scan.hpp"
#include "vixray/ensemble/model.hpp"

namespace vixray {

/// A bundle read by read_model_bundle.
struct ModelBundle {
  EnsembleModel model;
  /// The top-level content_sha256 (absent or not a string: none).
  std::optional<std::string> content_sha256;
  /// The hash text (see above), when the bundle has exactly one top-level content_sha256 whose
  /// value is a string.
  std::optional<std::string> hash_text;
};

/// Reads the model of a bundle's text (as load_model) and what its content check needs, from one
/// parse. The typed arrays' payloads are decoded straight from the text (json_read.hpp
/// parse_json_payloads); the model and every error are exactly load_model's.
ModelBundle read_model_bundle(std::string_view text);

/// Parses text (throws naming the problem on invalid JSON) and reads the model: read_model_bundle
/// without the content check.
EnsembleModel load_model(std::string_view text);

/// The text a content hash is computed over: the compact dump (keys sorted, shortest
/// round-trip numbers) of the document without its "content_sha256" field.
std::string canonical_content(const nlohmann::json& document);

/// `text` without its top-level member `scan.member` (json_scan.hpp, scanned for
/// "content_sha256") and the JSON whitespace around what is left: the hash text (see above).
/// None unless the scan found exactly one such member, with a string value.
std::optional<std::string> hash_text_of(std::string_view text, const JsonScan& scan);

}  // namespace vixray
