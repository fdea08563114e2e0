// Typed arrays inside JSON documents (format-2.0 model bundles): an object
//   {"dtype": "float32", "count": 3, "base64": "..."}
// holding `count` values of `dtype` (int8, int16, uint8, uint16, uint32, float32, float64), each
// little-endian, stored as byte planes: byte 0 of every value, then byte 1 of every value, ...
// (so the slowly varying high bytes sit together and gzip well), the planes base64-encoded as one
// text. Reading decodes the text once, with no JSON array of numbers; every fault is one line
// naming the field (JsonFields style): a wrong dtype or count, bad base64, or planes of the wrong
// length. A document read by parse_json_payloads (data/json_read.hpp) holds the payload already
// decoded, as a binary value: it is used in place.
#pragma once
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vixray/data/json_fields.hpp"

namespace vixray {

enum class Dtype : uint8_t { kInt8, kInt16, kUint8, kUint16, kUint32, kFloat32, kFloat64 };

const char* dtype_name(Dtype dtype);
/// Bytes per value: 1 (int8, uint8), 2 (int16, uint16), 4 (uint32, float32), 8 (float64).
size_t dtype_width(Dtype dtype);

/// The packed form of values given as their bit patterns (the low dtype_width bytes of each).
nlohmann::json pack_array(Dtype dtype, const std::vector<uint64_t>& bits);

/// One packed array read from a document, validated.
class PackedArray {
 public:
  /// Reads owner's field `key`: an object whose dtype is one of `allowed`, whose count is
  /// `expected_count` when that is >= 0 (else any count up to 2^31 - 1), and whose base64 text
  /// decodes to count x width bytes. Throws vixray::Error naming the field otherwise.
  PackedArray(const JsonFields& owner, const char* key, std::initializer_list<Dtype> allowed,
              int64_t expected_count = -1);
  PackedArray(const PackedArray&) = delete;  // bytes_ may point into decoded_
  PackedArray& operator=(const PackedArray&) = delete;

  Dtype dtype() const { return dtype_; }
  size_t size() const { return count_; }
  /// "<owner>.<key>", the place messages about its values name ("<place>[i]").
  const std::string& place() const { return place_; }
  /// The bit pattern of value i (little-endian bytes gathered from the planes).
  uint64_t bits(size_t i) const {
    uint64_t v = 0;
    for (size_t b = 0; b < width_; ++b) v |= uint64_t{bytes_[b * count_ + i]} << (8 * b);
    return v;
  }
  /// Byte plane b (0 = the low bytes): count bytes.
  const uint8_t* plane(size_t b) const { return bytes_ + b * count_; }
  /// Value i of an integer dtype (int8 and int16 sign-extended).
  int64_t integer(size_t i) const {
    const uint64_t v = bits(i);
    if (dtype_ == Dtype::kInt8) return static_cast<int8_t>(static_cast<uint8_t>(v));
    if (dtype_ == Dtype::kInt16) return static_cast<int16_t>(static_cast<uint16_t>(v));
    return static_cast<int64_t>(v);
  }
  /// Value i of a float dtype (float32 widened exactly).
  double real(size_t i) const {
    const uint64_t v = bits(i);
    if (dtype_ == Dtype::kFloat32) {
      const auto b = static_cast<uint32_t>(v);
      float f = 0.0f;
      std::memcpy(&f, &b, sizeof f);
      return static_cast<double>(f);
    }
    double d = 0.0;
    std::memcpy(&d, &v, sizeof d);
    return d;
  }

 private:
  Dtype dtype_ = Dtype::kUint8;
  size_t width_ = 1;
  size_t count_ = 0;
  std::string place_;
  std::vector<uint8_t> decoded_;    // the payload decoded here (from a base64 string)
  const uint8_t* bytes_ = nullptr;  // the planes: decoded_ or the document's binary value
};

}  // namespace vixray
