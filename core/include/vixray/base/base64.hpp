// Base64 (RFC 4648, standard alphabet, '=' padding, no line breaks): the encoding of the typed
// arrays in format-2.0 model bundles (data/packed_array.hpp). A short table codec: no library on
// Debian serves both the native and the WebAssembly build.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vixray {

/// The base64 text of `size` bytes: 4 characters per 3 bytes, the last group padded with '='.
std::string base64_encode(const uint8_t* bytes, size_t size);

/// Decodes `text` into `out` (replaced). Accepts exactly what base64_encode writes: a length that
/// is a multiple of 4, the alphabet A-Z a-z 0-9 + /, and one or two '=' only at the end, with
/// the unused bits of the last character zero. On bad text returns false and sets `bad_at` to
/// the offset of the first offending character (the text's length when it is cut short).
bool base64_decode(std::string_view text, std::vector<uint8_t>& out, size_t& bad_at);

}  // namespace vixray
