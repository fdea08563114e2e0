#include "vixray/data/json_fields.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>

#include "vixray/base/error.hpp"

namespace vixray {

using nlohmann::json;

namespace {

constexpr size_t kMaxValueText = 60;

[[noreturn]] void expected(const std::string& where, const std::string& what, const json& got) {
  throw Error(where + ": expected " + what + ", got " + json_value_text(got));
}

}  // namespace

bool json_int64(const json& v, int64_t& out) {
  if (const auto* u = v.get_ptr<const json::number_unsigned_t*>()) {
    if (*u > static_cast<json::number_unsigned_t>(std::numeric_limits<int64_t>::max()))
      return false;
    out = static_cast<int64_t>(*u);
    return true;
  }
  if (const auto* i = v.get_ptr<const json::number_integer_t*>()) {
    out = *i;
    return true;
  }
  return false;
}

std::string json_value_text(const json& value) {
  if (value.is_array()) return "an array of " + std::to_string(value.size());
  if (value.is_object()) return "an object";
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > kMaxValueText) text = text.substr(0, kMaxValueText) + "...";
  return text;
}

std::string item_place(const std::string& where, size_t index) {
  return where + "[" + std::to_string(index) + "]";
}

std::string read_string(const json& value, const std::string& where) {
  if (!value.is_string()) expected(where, "a string", value);
  return value.get<std::string>();
}

bool read_bool(const json& value, const std::string& where) {
  if (!value.is_boolean()) expected(where, "true or false", value);
  return value.get<bool>();
}

double read_number(const json& value, const std::string& where) {
  if (!value.is_number() || !std::isfinite(value.get<double>()))
    expected(where, "a finite number", value);
  return value.get<double>();
}

int64_t read_integer(const json& value, const std::string& where, int64_t lo, int64_t hi) {
  int64_t v = 0;
  if (!json_int64(value, v) || v < lo || v > hi)
    expected(where, "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]",
             value);
  return v;
}

uint64_t read_unsigned(const json& value, const std::string& where) {
  if (const auto* u = value.get_ptr<const json::number_unsigned_t*>()) return *u;
  int64_t v = 0;
  if (!json_int64(value, v) || v < 0) expected(where, "a non-negative integer", value);
  return static_cast<uint64_t>(v);
}

std::vector<std::string> read_strings(const json& value, const std::string& where) {
  if (!value.is_array()) expected(where, "an array of strings", value);
  std::vector<std::string> out;
  out.reserve(value.size());
  for (const auto& x : value) {
    if (!x.is_string()) expected(where, "strings", x);
    out.push_back(x.get<std::string>());
  }
  return out;
}

std::vector<double> read_numbers(const json& value, const std::string& where, bool null_is_nan) {
  if (!value.is_array()) expected(where, "an array of numbers", value);
  std::vector<double> out;
  out.reserve(value.size());
  for (const auto& x : value) {
    if (null_is_nan && x.is_null()) {
      out.push_back(std::numeric_limits<double>::quiet_NaN());
    } else if (x.is_number() && std::isfinite(x.get<double>())) {
      out.push_back(x.get<double>());
    } else {
      expected(where, null_is_nan ? "finite numbers or null" : "finite numbers", x);
    }
  }
  return out;
}

const json& read_array(const json& value, const std::string& where) {
  if (!value.is_array()) expected(where, "an array", value);
  return value;
}

JsonFields::JsonFields(const json& value, std::string where)
    : value_(&value), where_(std::move(where)) {
  if (!value.is_object()) expected(where_, "a JSON object", value);
}

bool JsonFields::has(const char* key) const { return value_->contains(key); }

bool JsonFields::has_value(const char* key) const {
  const auto it = value_->find(key);
  return it != value_->end() && !it->is_null();
}

const json& JsonFields::get(const char* key) const {
  const auto it = value_->find(key);
  if (it == value_->end()) throw Error(where_ + ": missing field \"" + key + "\"");
  return *it;
}

JsonFields JsonFields::object(const char* key) const { return JsonFields(get(key), place(key)); }

std::string format_version_text(int major, int minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

int check_format_version(const JsonFields& document, const char* format, int major, int minor,
                         Version version_rule) {
  const json& name = document.get("format");
  if (!name.is_string() || name.get<std::string>() != format)
    expected(document.place("format"), std::string("\"") + format + "\"", name);
  if (version_rule == Version::kOptional && !document.has("format_version")) return major;
  const std::string version =
      read_string(document.get("format_version"), document.place("format_version"));
  char* end = nullptr;
  const long found_major = std::strtol(version.c_str(), &end, 10);
  if (end == version.c_str() || *end != '.' || end[1] < '0' || end[1] > '9')
    throw Error(document.place("format_version") + ": expected \"MAJOR.MINOR\", got \"" + version +
                "\"");
  if (found_major > major)
    throw Error(document.place("format_version") + ": the " + format + " is format " + version +
                ", newer than this build supports (" + std::to_string(major) + "." +
                std::to_string(minor) + "); upgrade vixray");
  return static_cast<int>(found_major);
}

}  // namespace vixray
