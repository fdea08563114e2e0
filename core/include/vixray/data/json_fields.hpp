// Reading fields of JSON documents (model bundles, forests, settings, feature specs, market.json)
// with one set of rules and one set of messages. Every reader names the place it reads, e.g.
// "model.detectors[3].calibration", and every failure is a vixray::Error of the form
//   <where>: missing field "knots"
//   <where>.knots: expected an array of numbers, got an object
//   <where>.n_training: expected an integer in [1, 1099511627776], got -3
// Values in messages are their JSON text, cut to 60 characters; arrays and objects are named by
// kind, so a message stays one short line.
#pragma once
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace vixray {

/// How a value appears in a message: its JSON text (cut to 60 characters) for scalars, "an
/// array of N" or "an object" otherwise.
std::string json_value_text(const nlohmann::json& value);

/// The value of an integer JSON number as int64 (nlohmann stores non-negative ones as unsigned),
/// read once through a pointer; false for anything else or an unsigned value above INT64_MAX.
bool json_int64(const nlohmann::json& value, int64_t& out);

/// "<where>[<index>]", the place of an array item.
std::string item_place(const std::string& where, size_t index);

// Value readers: `value` found at `where`; each throws naming `where` and what it expected.
std::string read_string(const nlohmann::json& value, const std::string& where);
bool read_bool(const nlohmann::json& value, const std::string& where);
/// A finite number.
double read_number(const nlohmann::json& value, const std::string& where);
/// An integer in [lo, hi].
int64_t read_integer(const nlohmann::json& value, const std::string& where, int64_t lo, int64_t hi);
/// A non-negative integer up to 2^64 - 1 (seeds).
uint64_t read_unsigned(const nlohmann::json& value, const std::string& where);
std::vector<std::string> read_strings(const nlohmann::json& value, const std::string& where);
/// Finite numbers; null reads as NaN only when `null_is_nan`.
std::vector<double> read_numbers(const nlohmann::json& value, const std::string& where,
                                 bool null_is_nan = false);
/// An array (of any values).
const nlohmann::json& read_array(const nlohmann::json& value, const std::string& where);

/// One JSON object being read, and its place in the document.
class JsonFields {
 public:
  /// Throws "<where>: expected a JSON object, got ..." unless `value` is an object. `value` must
  /// outlive this reader.
  JsonFields(const nlohmann::json& value, std::string where);

  const std::string& where() const { return where_; }
  /// The object itself (for iterating over its members).
  const nlohmann::json& get_object() const { return *value_; }
  /// "<where>.<key>"
  std::string place(const std::string& key) const { return where_ + "." + key; }
  bool has(const char* key) const;
  /// Present and not null (an optional field given a value).
  bool has_value(const char* key) const;
  /// The field; throws "<where>: missing field "<key>"" if absent.
  const nlohmann::json& get(const char* key) const;
  /// The field as an object reader.
  JsonFields object(const char* key) const;

  std::string string(const char* key) const { return read_string(get(key), place(key)); }
  bool boolean(const char* key) const { return read_bool(get(key), place(key)); }
  double number(const char* key) const { return read_number(get(key), place(key)); }
  int64_t integer(const char* key, int64_t lo, int64_t hi) const {
    return read_integer(get(key), place(key), lo, hi);
  }
  uint64_t unsigned_integer(const char* key) const { return read_unsigned(get(key), place(key)); }
  std::vector<std::string> strings(const char* key) const {
    return read_strings(get(key), place(key));
  }
  std::vector<double> numbers(const char* key, bool null_is_nan = false) const {
    return read_numbers(get(key), place(key), null_is_nan);
  }
  const nlohmann::json& array(const char* key) const { return read_array(get(key), place(key)); }

 private:
  const nlohmann::json* value_;
  std::string where_;
};

/// "MAJOR.MINOR", the "format_version" every versioned document writes.
std::string format_version_text(int major, int minor);

/// The format check of every versioned document, written once: "format" must be `format`, and
/// "format_version" a "MAJOR.MINOR" string whose major is at most `major` (a newer major is
/// refused naming both versions; a newer minor is read, its unknown fields ignored). A document
/// whose version is optional (hand-written settings) may leave "format_version" out. Returns
/// the document's major version (`major` when an optional version is left out).
enum class Version { kRequired, kOptional };
int check_format_version(const JsonFields& document, const char* format, int major, int minor,
                         Version version = Version::kRequired);

}  // namespace vixray
