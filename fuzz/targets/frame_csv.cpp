// The three wide CSV readers of the same shape (a header, then rows of numbers): the frame CSV
// (`vixray features`), the numeric table (`vixray forest`) and the feature table (`vixray
// ensemble`). A frame that reads must survive its own writer: format, then read back.
#include "vixray/data/frame_csv.hpp"

#include <string>

#include "fuzz_target.hpp"
#include "vixray/analysis/feature_table.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/numeric_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = vixray::fuzz::text_of(data, size);
  try {
    const vixray::Frame frame = vixray::parse_frame_csv(text, "fuzz.csv");
    (void)vixray::format_frame_csv(frame);
  } catch (const vixray::Error&) {
  }
  try {
    const vixray::NumericTable table = vixray::parse_numeric_table(text, "fuzz.csv");
    if (!table.columns.empty()) (void)table.without_column(0);
  } catch (const vixray::Error&) {
  }
  try {
    const vixray::FeatureTable table = vixray::parse_feature_table_csv(text, "fuzz.csv");
    (void)vixray::feature_table_csv(table);
    (void)table.input();
  } catch (const vixray::Error&) {
  }
  return 0;
}
