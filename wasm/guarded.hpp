// Runs a binding body so that no exception ever leaves the WebAssembly module: a failure is
// recorded in the module's error slot and the body's default value (0, "", null, undefined) is
// returned; the JavaScript wrapper (vixray.mjs guardCore, around every binding) takes the message
// after the call has returned and throws it as an Error. So callers still get an Error carrying
// the C++ message, and the page never sees an abort.
//
// Why not throw the Error from here: a JavaScript exception unwinding through WebAssembly frames
// (Emscripten 3.1.6, -fwasm-exceptions) leaves the __stack_pointer global where the deepest
// frame put it and skips Embind's argument destructors (the malloc'd wire copy of a std::string
// argument), so every failing call leaked part of the shadow stack and a few bytes of heap until
// the 5 MB stack ran into the data below it ("memory access out of bounds": issue 11).
#pragma once
#include <emscripten/val.h>

#include <exception>
#include <string>
#include <type_traits>
#include <vector>

#include "vixray/base/error.hpp"

namespace vixray::wasm {

/// The failure of the current binding call; read and cleared by takeError (bind_errors.cpp).
struct ErrorSlot {
  bool pending = false;
  bool out_of_memory = false;  // the message could not be copied
  std::string message;
};

inline ErrorSlot& error_slot() {
  static ErrorSlot slot;
  return slot;
}

/// Records a failure; the first one of a call is its cause and stays.
inline void record_error(const char* message) noexcept {
  ErrorSlot& slot = error_slot();
  if (slot.pending) return;
  slot.pending = true;
  try {
    slot.message = message;
  } catch (...) {
    slot.out_of_memory = true;
  }
}

/// What a failed call returns (JavaScript never sees it: the wrapper throws instead).
template <class R>
R failure_value() {
  if constexpr (std::is_same_v<R, emscripten::val>)
    return emscripten::val::undefined();
  else
    return R();
}

/// Not noexcept: a JavaScript exception raised inside the body (Embind refusing a value of the
/// wrong type) must go on to the wrapper, which puts the stack pointer back; noexcept would make
/// it std::terminate, an abort.
template <class F>
auto guarded(F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {  // the exception object is freed at the end of the catch
    record_error(e.what());
  } catch (...) {
    record_error("unexpected C++ exception");
  }
  return failure_value<decltype(body())>();
}

/// A JavaScript array of strings as C++ strings; anything else is a C++ error naming `what` and
/// the index. (Embind's vecFromJSArray throws a JavaScript exception inside the module instead,
/// which the wrapper survives but which leaks one of Embind's JavaScript handles each time.)
inline std::vector<std::string> strings_of(const emscripten::val& list, const std::string& what) {
  if (!list.isArray()) throw vixray::Error(what + ": expected an array of strings");
  const auto count = list["length"].as<unsigned>();
  std::vector<std::string> out;
  out.reserve(count);
  for (unsigned i = 0; i < count; ++i) {
    const emscripten::val item = list[i];
    if (!item.isString())
      throw vixray::Error(what + "[" + std::to_string(i) + "]: expected a string");
    out.push_back(item.as<std::string>());
  }
  return out;
}

/// list[i][key] as a string, or a C++ error naming `what`, the index and the key.
inline std::string string_at(const emscripten::val& list, unsigned i, const char* key,
                             const std::string& what) {
  const emscripten::val entry = list[i];
  if (entry.isNull() || entry.isUndefined())
    throw vixray::Error(what + "[" + std::to_string(i) + "]: expected an object");
  const emscripten::val item = entry[key];
  if (!item.isString())
    throw vixray::Error(what + "[" + std::to_string(i) + "]." + key + ": expected a string");
  return item.as<std::string>();
}

}  // namespace vixray::wasm
