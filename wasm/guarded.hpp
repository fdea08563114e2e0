// Runs a binding body and turns any C++ exception into a thrown JavaScript Error carrying the
// same message (the module is built with -fwasm-exceptions), so the page never sees an abort.
#pragma once
#include <emscripten/val.h>

#include <exception>
#include <string>

namespace vixray::wasm {

template <class F>
auto guarded(F&& body) -> decltype(body()) {
  std::string message;
  try {
    return body();
  } catch (const std::exception& e) {
    message = e.what();
  }
  // Thrown outside the catch block so the C++ exception is finished first.
  emscripten::val error = emscripten::val::global("Error").new_(message);
  message.clear();
  message.shrink_to_fit();
  error.throw_();
}

}  // namespace vixray::wasm
