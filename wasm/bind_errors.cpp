// Embind declarations of the module's own state: the error slot of guarded.hpp, which the
// JavaScript wrapper (vixray.mjs guardCore) reads after every binding call, and the heap in use,
// which the tests compare before and after many failing calls (wasm/test/error_loop.test.mjs).
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <string>
#include <utility>

#include "guarded.hpp"

namespace {

/// The message of the failure the last call recorded (null: it succeeded); clears the slot.
emscripten::val takeError() {
  vixray::wasm::ErrorSlot& slot = vixray::wasm::error_slot();
  if (!slot.pending) return emscripten::val::null();
  slot.pending = false;
  if (slot.out_of_memory) {
    slot.out_of_memory = false;
    return emscripten::val("out of memory (while recording an error)");
  }
  // Moved out, so the slot keeps no heap memory between failures.
  const std::string message = std::move(slot.message);
  slot.message.clear();
  return emscripten::val(message);
}

/// Bytes of the heap in use (allocated and not freed: dlmalloc's mallinfo().uordblks).
double heapInUse() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

EMSCRIPTEN_BINDINGS(errors) {
  emscripten::function("takeError", &takeError);
  emscripten::function("heapInUse", &heapInUse);
}
