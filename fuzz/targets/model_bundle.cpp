// The ensemble model bundle as the CLI's read_bundle (bundle_file.cpp) and the page's
// EnsembleModel.fromJSON read it: the fast JSON parse, the canonical content its SHA-256 is
// computed over (no hash here: the fuzzer could never match one), then model_from_json. A model
// that reads must survive its own writer.
#include <string>

#include "fuzz_target.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/model_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nlohmann::json document = vixray::parse_json_fast(vixray::fuzz::text_of(data, size));
  if (document.is_discarded()) return 0;
  (void)vixray::canonical_content(document);
  try {
    const vixray::EnsembleModel model = vixray::model_from_json(document);
    const nlohmann::json written = vixray::model_to_json(model);
    try {
      (void)vixray::model_from_json(written);
    } catch (const vixray::Error&) {
      vixray::fuzz::fail("model_bundle", "a model that read does not read back after writing");
    }
  } catch (const vixray::Error&) {
  }
  vixray::release_json(document);
  return 0;
}
