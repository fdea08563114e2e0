// The review import of the ticker view and `vixray` (analysis/review.hpp): JSON or CSV. A set
// that reads must write and read back to the same entries, in both forms.
#include "vixray/analysis/review.hpp"

#include <string>

#include "fuzz_target.hpp"
#include "vixray/base/error.hpp"

namespace {

bool same(const vixray::ReviewSet& a, const vixray::ReviewSet& b) {
  if (a.entries.size() != b.entries.size()) return false;
  for (size_t i = 0; i < a.entries.size(); ++i) {
    const auto &x = a.entries[i], &y = b.entries[i];
    if (x.ticker != y.ticker || x.datetime != y.datetime || x.status != y.status ||
        x.note != y.note)
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(vixray::fuzz::text_of(data, size));
  vixray::ReviewSet set;
  try {
    set = vixray::parse_review(text, "fuzz");
  } catch (const vixray::Error&) {
    return 0;
  }
  try {
    if (!same(set, vixray::parse_review(vixray::review_to_json(set), "json")))
      vixray::fuzz::fail("review", "a review set changed through JSON");
    if (!same(set, vixray::parse_review(vixray::review_to_csv(set), "csv")))
      vixray::fuzz::fail("review", "a review set changed through CSV");
  } catch (const vixray::Error&) {
    vixray::fuzz::fail("review", "a review set that read does not read back after writing");
  }
  return 0;
}
