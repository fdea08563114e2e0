// The ensemble model bundle as the CLI's read_bundle (bundle_file.cpp) and the page read it: the
// fast JSON parse, the canonical content its SHA-256 is computed over (no hash here: the fuzzer
// could never match one), then model_from_json. A model that reads must lay out its forests for
// scoring (built on first use since issue 14's seventh session) and survive its own writer.
// The page's one-read reader (bundle_read.hpp read_model_bundle: the payloads decoded straight
// from the text) must give exactly that model, or exactly that error.
#include <string>

#include "fuzz_target.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/ensemble/bundle_read.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/model_io.hpp"

namespace {

// The model as text (its 1.x dump: every number by its shortest text), or the error.
template <class F>
std::string outcome(F&& read) {
  try {
    return vixray::model_to_json(read(), vixray::BundleForm::kJson1).dump();
  } catch (const vixray::Error& e) {
    return std::string("error: ") + e.what();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = vixray::fuzz::text_of(data, size);
  const std::string one_read = outcome([&] { return vixray::read_model_bundle(text).model; });
  nlohmann::json document = vixray::parse_json_fast(text);
  if (document.is_discarded()) {
    if (one_read.rfind("error: model: the bundle text is not valid JSON", 0) != 0)
      vixray::fuzz::fail("model_bundle", "read_model_bundle read a text that is not JSON");
    return 0;
  }
  (void)vixray::canonical_content(document);
  const std::string usual = outcome([&] { return vixray::model_from_json(document); });
  if (one_read != usual)
    vixray::fuzz::fail("model_bundle", "read_model_bundle differs from the usual reader");
  try {
    const vixray::EnsembleModel model = vixray::model_from_json(document);
    for (const vixray::DetectorModel& detector : model.detectors) detector.forest.lay_out();
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
