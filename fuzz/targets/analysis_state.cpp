// The Analysis state a page keeps in IndexedDB (analysis/analysis_state.hpp), as the page's core
// reads it back (MarketSession::restore / extend read it with read_analysis_state). The input is
// read twice: as it is, and with its last 8 bytes replaced by the right checksum, so the fuzzer
// gets past the checksum into every field. A state that reads must write back to bytes that read
// again and write the same bytes (the format round-trips).
#include "vixray/analysis/analysis_state.hpp"

#include <cstring>
#include <string>

#include "fuzz_target.hpp"
#include "vixray/base/error.hpp"

namespace {

void read_and_round_trip(std::string_view bytes) {
  vixray::AnalysisState state;
  try {
    state = vixray::read_analysis_state(bytes);
  } catch (const vixray::Error&) {
    return;
  }
  const std::string written = vixray::write_analysis_state(state);
  if (vixray::write_analysis_state(vixray::read_analysis_state(written)) != written)
    vixray::fuzz::fail("analysis_state", "a state read back does not write the same bytes");
}

// The bytes with their last 8 replaced by the checksum of the others (the format's checksum).
std::string with_checksum(std::string_view bytes) {
  std::string out(bytes);
  if (out.size() < 8) return out;
  const uint64_t h = vixray::analysis_state_checksum(bytes.substr(0, bytes.size() - 8));
  std::memcpy(out.data() + out.size() - 8, &h, 8);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = vixray::fuzz::text_of(data, size);
  read_and_round_trip(bytes);
  read_and_round_trip(with_checksum(bytes));
  return 0;
}
