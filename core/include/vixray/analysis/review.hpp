// Review statuses of flagged bars (seed 001: new / acknowledged / dismissed, and a note), as the
// ticker view exports and imports them. JSON:
//   {"format":"vixray-review","format_version":"1.0","model_sha256":"...","entries":[
//     {"ticker":"AAPL","datetime":"2024-03-08T14:30:00Z","status":"acknowledged","note":"..."}]}
// CSV: ticker,datetime,status,note (RFC 4180 quoting; a header row is required).
// Errors name the source, line (CSV) or entry (JSON) and the field.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vixray {

/// The longest note, in bytes of UTF-8 (docs/LIMITS.md).
constexpr size_t kMaxNoteBytes = 2000;
/// The most entries one review file may hold (docs/LIMITS.md).
constexpr size_t kMaxReviewEntries = 1000000;
constexpr const char* kReviewFormat = "vixray-review";

/// "new", "acknowledged" or "dismissed".
bool is_review_status(const std::string& status);

struct ReviewEntry {
  std::string ticker;
  std::string datetime;  // as format_bar_time writes it
  std::string status = "new";
  std::string note;
};

struct ReviewSet {
  std::string model_sha256;
  std::vector<ReviewEntry> entries;
};

std::string review_to_json(const ReviewSet& set);
std::string review_to_csv(const ReviewSet& set);
/// Reads either form (JSON when the text starts with '{' after blanks, else CSV). A note's line
/// breaks are read as "\n" ("\r\n" and "\r" too), so a set read back writes the same text.
ReviewSet parse_review(std::string_view text, const std::string& source);

}  // namespace vixray
