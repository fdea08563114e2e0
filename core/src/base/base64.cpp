#include "vixray/base/base64.hpp"

#include <array>

namespace vixray {
namespace {

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr uint8_t kBase64Bad = 0xff;

constexpr std::array<uint8_t, 256> base64_decode_table() {
  std::array<uint8_t, 256> table{};
  for (auto& v : table) v = kBase64Bad;
  for (uint8_t i = 0; i < 64; ++i) table[static_cast<uint8_t>(kBase64Alphabet[i])] = i;
  return table;
}

constexpr std::array<uint8_t, 256> kBase64Decode = base64_decode_table();

}  // namespace

std::string base64_encode(const uint8_t* bytes, size_t size) {
  std::string out;
  out.reserve((size + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const uint32_t v = uint32_t{bytes[i]} << 16 | uint32_t{bytes[i + 1]} << 8 | bytes[i + 2];
    out += kBase64Alphabet[v >> 18];
    out += kBase64Alphabet[(v >> 12) & 63];
    out += kBase64Alphabet[(v >> 6) & 63];
    out += kBase64Alphabet[v & 63];
  }
  if (i < size) {
    const bool two = i + 1 < size;
    const uint32_t v = uint32_t{bytes[i]} << 16 | (two ? uint32_t{bytes[i + 1]} << 8 : 0u);
    out += kBase64Alphabet[v >> 18];
    out += kBase64Alphabet[(v >> 12) & 63];
    out += two ? kBase64Alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool base64_decode(std::string_view text, std::vector<uint8_t>& out, size_t& bad_at) {
  out.clear();
  if (text.size() % 4 != 0) {
    bad_at = text.size();
    return false;
  }
  // Padding: at most two '=' and only at the end.
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') pad = text[text.size() - 2] == '=' ? 2 : 1;
  const size_t full = text.empty() ? 0 : (pad == 0 ? text.size() : text.size() - 4);
  out.resize(text.size() / 4 * 3 - pad);
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  uint8_t* o = out.data();
  for (size_t i = 0; i < full; i += 4, o += 3) {
    const uint8_t a = kBase64Decode[in[i]], b = kBase64Decode[in[i + 1]],
                  c = kBase64Decode[in[i + 2]], d = kBase64Decode[in[i + 3]];
    if (((a | b | c | d) & 0xc0) != 0) {
      for (size_t k = i;; ++k)
        if (kBase64Decode[in[k]] == kBase64Bad) {
          bad_at = k;
          out.clear();
          return false;
        }
    }
    const uint32_t v = uint32_t{a} << 18 | uint32_t{b} << 12 | uint32_t{c} << 6 | d;
    o[0] = static_cast<uint8_t>(v >> 16);
    o[1] = static_cast<uint8_t>(v >> 8);
    o[2] = static_cast<uint8_t>(v);
  }
  if (pad == 0) return true;
  // The last group: 2 or 3 characters of data, the unused low bits zero.
  const size_t i = full;
  const size_t data = 4 - pad;
  uint32_t v = 0;
  for (size_t k = 0; k < data; ++k) {
    const uint8_t x = kBase64Decode[in[i + k]];
    if (x == kBase64Bad) {
      bad_at = i + k;
      out.clear();
      return false;
    }
    v |= uint32_t{x} << (18 - 6 * k);
  }
  if ((pad == 2 ? (v & 0xffff) : (v & 0xff)) != 0) {
    bad_at = i + data - 1;
    out.clear();
    return false;
  }
  o[0] = static_cast<uint8_t>(v >> 16);
  if (pad == 1) o[1] = static_cast<uint8_t>(v >> 8);
  return true;
}

}  // namespace vixray
