// Shared by the fuzz targets (fuzz/targets/*.cpp): each defines LLVMFuzzerTestOneInput and calls
// the same core entry points the CLI and the page call, catching only vixray::Error (a bad input
// must give one, never a crash, a sanitizer report or another exception type).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace vixray::fuzz {

inline std::string_view text_of(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

/// An invariant a target checks beyond "no crash": aborts with the message (a libFuzzer crash).
[[noreturn]] void fail(const char* target, const char* what);

}  // namespace vixray::fuzz
