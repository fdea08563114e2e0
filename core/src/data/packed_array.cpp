#include "vixray/data/packed_array.hpp"

#include "vixray/base/base64.hpp"
#include "vixray/base/error.hpp"

namespace vixray {

using nlohmann::json;

namespace {

constexpr Dtype kPackedDtypes[] = {Dtype::kInt8,   Dtype::kInt16,   Dtype::kUint8,  Dtype::kUint16,
                                   Dtype::kUint32, Dtype::kFloat32, Dtype::kFloat64};
constexpr int64_t kMaxPackedCount = (int64_t{1} << 31) - 1;

}  // namespace

const char* dtype_name(Dtype dtype) {
  switch (dtype) {
    case Dtype::kInt8:
      return "int8";
    case Dtype::kInt16:
      return "int16";
    case Dtype::kUint8:
      return "uint8";
    case Dtype::kUint16:
      return "uint16";
    case Dtype::kUint32:
      return "uint32";
    case Dtype::kFloat32:
      return "float32";
    case Dtype::kFloat64:
      return "float64";
  }
  return "?";
}

size_t dtype_width(Dtype dtype) {
  switch (dtype) {
    case Dtype::kInt8:
    case Dtype::kUint8:
      return 1;
    case Dtype::kInt16:
    case Dtype::kUint16:
      return 2;
    case Dtype::kUint32:
    case Dtype::kFloat32:
      return 4;
    case Dtype::kFloat64:
      return 8;
  }
  return 1;
}

json pack_array(Dtype dtype, const std::vector<uint64_t>& bits) {
  const size_t width = dtype_width(dtype), n = bits.size();
  std::vector<uint8_t> planes(width * n);
  for (size_t b = 0; b < width; ++b)
    for (size_t i = 0; i < n; ++i) planes[b * n + i] = static_cast<uint8_t>(bits[i] >> (8 * b));
  return json{{"dtype", dtype_name(dtype)},
              {"count", n},
              {"base64", base64_encode(planes.data(), planes.size())}};
}

PackedArray::PackedArray(const JsonFields& owner, const char* key,
                         std::initializer_list<Dtype> allowed, int64_t expected_count)
    : place_(owner.place(key)) {
  const JsonFields a(owner.get(key), place_);
  const std::string name = a.string("dtype");
  bool found = false;
  for (Dtype d : kPackedDtypes)
    if (name == dtype_name(d)) {
      dtype_ = d;
      found = true;
    }
  bool ok = false;
  std::string expected;
  for (Dtype d : allowed) {
    ok = ok || (found && d == dtype_);
    expected += std::string(expected.empty() ? "\"" : " or \"") + dtype_name(d) + "\"";
  }
  if (!ok) throw Error(a.place("dtype") + ": expected " + expected + ", got \"" + name + "\"");
  width_ = dtype_width(dtype_);
  const int64_t count = a.integer("count", 0, kMaxPackedCount);
  if (expected_count >= 0 && count != expected_count)
    throw Error(a.place("count") + ": expected " + std::to_string(expected_count) +
                " values, got " + std::to_string(count));
  count_ = static_cast<size_t>(count);
  const json& text = a.get("base64");
  size_t size = 0;
  if (const auto* binary = text.get_ptr<const json::binary_t*>()) {
    bytes_ = binary->data();  // decoded by parse_json_payloads
    size = binary->size();
  } else {
    const auto* s = text.get_ptr<const json::string_t*>();
    if (s == nullptr)
      throw Error(a.place("base64") + ": expected a base64 string, got " + json_value_text(text));
    size_t bad_at = 0;
    if (!base64_decode(*s, decoded_, bad_at))
      throw Error(a.place("base64") + ": not base64 at character " + std::to_string(bad_at) +
                  " of " + std::to_string(s->size()));
    bytes_ = decoded_.data();
    size = decoded_.size();
  }
  // Divided, not multiplied: count x width may overflow a 32-bit size_t (WebAssembly).
  if (size % width_ != 0 || size / width_ != count_)
    throw Error(a.place("base64") + ": " + std::to_string(size) +
                " bytes, expected count x width = " + std::to_string(count_) + " x " +
                std::to_string(width_) + " (truncated or extra planes)");
}

}  // namespace vixray
