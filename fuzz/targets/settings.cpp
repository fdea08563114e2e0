// A settings document (`train --settings`, the page's settings upload): parse and resolve for the
// default context, then match the detectors against a fixed set of available features and
// compute the coverage, as training does before any forest is grown.
#include "vixray/ensemble/settings.hpp"

#include <string>
#include <vector>

#include "fuzz_target.hpp"
#include "vixray/base/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<std::string> kAvailable = {"vix_level",
                                                      "vix_log_change_1d",
                                                      "spx_log_return_1d",
                                                      "vix_term_slope",
                                                      "rv_20d",
                                                      "vvix_level",
                                                      "skew_level",
                                                      "vix9d_ratio",
                                                      "spx_drawdown_60d",
                                                      "f1",
                                                      "f2",
                                                      "f3"};
  try {
    const vixray::EnsembleSettings settings = vixray::load_settings(
        vixray::fuzz::text_of(data, size), vixray::default_settings_context());
    const std::vector<vixray::ResolvedDetector> detectors =
        vixray::resolve_detectors(settings, kAvailable);
    (void)vixray::domain_coverage(settings, detectors);
    (void)vixray::EnsembleSettings::from_resolved(settings.resolved);
  } catch (const vixray::Error&) {
  }
  return 0;
}
