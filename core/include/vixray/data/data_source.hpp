// Where a market's prices came from, said plainly: the simulator ("Simulated market, seed 42 —
// not real prices") or the files a publisher or reader gave (their names and the last day). The
// CLI's summaries and the page's hero show the same words, from here.
//
// The source is recorded as JSON by the CLI in market.json's "provenance" and in a bundle's
// "training_data": {"kind": "simulated", "seed", "start", "end"} or {"kind": "files",
// "files": {series: {"path", "sha256"}}}; the page's own files are {"kind": "reader_files",
// "files": [names]}.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace vixray {

struct DataSource {
  std::string kind;                // "simulated", "files", "reader_files" or "unknown"
  uint64_t seed = 0;               // of the simulator
  std::vector<std::string> files;  // file names (no folders), series order
  std::string last_date;           // ISO, the last day of the data
  std::string description;         // one line for people

  bool simulated() const { return kind == "simulated"; }
  /// {"kind", "simulated", "seed" (simulated only), "files", "last_date", "description"}.
  nlohmann::json to_json() const;
};

/// The data source of a recorded source object (shapes above; anything else is "unknown").
DataSource data_source_of(const nlohmann::json& source, const std::string& last_date);

}  // namespace vixray
