// Shared by the fuzz targets (fuzz/targets/*.cpp): each defines LLVMFuzzerTestOneInput and calls
// the same core entry points the CLI and the page call, catching only vixray::Error (a bad input
// must give one, never a crash, a sanitizer report or another exception type).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace vixray::fuzz {

inline std::string_view text_of(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

/// The byte that splits the input of a two-document target: ASCII's record separator, which no
/// JSON or JSONL text holds outside a string and no string holds unescaped.
constexpr char kRecordSeparator = '\x1e';

/// The two documents of a two-document target: the text before the first kRecordSeparator and
/// the text after it (empty when there is none).
inline std::pair<std::string_view, std::string_view> split_in_two(std::string_view text) {
  const size_t at = text.find(kRecordSeparator);
  if (at == std::string_view::npos) return {text, std::string_view()};
  return {text.substr(0, at), text.substr(at + 1)};
}

/// An invariant a target checks beyond "no crash": aborts with the message (a libFuzzer crash).
[[noreturn]] void fail(const char* target, const char* what);

}  // namespace vixray::fuzz
