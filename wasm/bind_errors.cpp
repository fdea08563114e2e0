// Embind declarations of the module's own state: the error slot of guarded.hpp, which the
// JavaScript wrapper (vixray.mjs guardCore) reads after every binding call, the heap in use,
// which the tests compare before and after many failing calls (wasm/test/error_loop.test.mjs),
// and the heap made ready ahead of a first Analysis (reserveHeap).
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

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

/// Allocates `megabytes` of heap, writes every byte and frees it: the memory grows once to that
/// size and the system maps its pages now, so a first Analysis that needs them later finds them
/// ready (dlmalloc here never hands freed memory back). A new page costs its first write
/// 10-70 us on the machine of bench/RESULTS.md ("the first bundle read"), a page worker needs
/// ~7,000 of them: the page calls this while it waits for its data. False if the memory cannot
/// be had (nothing is kept then either).
bool reserveHeap(int megabytes) {
  if (megabytes <= 0) return true;
  if (megabytes > 2048) return false;  // more than wasm32 can address
  try {
    std::vector<unsigned char> block(static_cast<size_t>(megabytes) << 20);  // memory.fill
    __asm__ volatile("" : : "r"(block.data()) : "memory");                   // the writes are kept
  } catch (...) {
    return false;
  }
  return true;
}

}  // namespace

EMSCRIPTEN_BINDINGS(errors) {
  emscripten::function("takeError", &takeError);
  emscripten::function("heapInUse", &heapInUse);
  emscripten::function("reserveHeap", &reserveHeap);
}
