// Review statuses of flagged bars as JSON and CSV (review.hpp).
#include "vixray/analysis/review.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "vixray/base/error.hpp"
#include "vixray/data/bars.hpp"
#include "vixray/data/csv.hpp"
#include "vixray/data/json_fields.hpp"

namespace vixray {

using nlohmann::json;

bool is_review_status(const std::string& status) {
  return status == "new" || status == "acknowledged" || status == "dismissed";
}

namespace {

const char* const kColumns[] = {"ticker", "datetime", "status", "note"};

// Line breaks of a note as "\n" (a CSV reader cannot keep "\r\n" apart from "\n"), so an imported
// set writes and reads back unchanged in either form.
std::string normalized_note(std::string note) {
  std::string out;
  for (size_t i = 0; i < note.size(); ++i) {
    if (note[i] != '\r') {
      out += note[i];
    } else if (i + 1 >= note.size() || note[i + 1] != '\n') {
      out += '\n';
    }
  }
  return out;
}

// Whether a field is valid UTF-8 (nlohmann's writer, which checks it, is the validator).
bool valid_utf8(const std::string& text) {
  try {
    (void)json(text).dump();
    return true;
  } catch (const json::type_error&) {
    return false;
  }
}

// Checks one entry's fields; `where` names the entry ("f.json: review.entries[3]" or
// "f.csv:7"), `field` how a field is named after it.
void check_entry(const ReviewEntry& e, const std::string& where,
                 std::string (*field)(const std::string&)) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"ticker", &e.ticker}, {"datetime", &e.datetime}, {"note", &e.note}};
  for (const auto& [name, value] : fields)
    if (!valid_utf8(*value)) throw Error(where + field(name) + ": not valid UTF-8 text");
  if (e.ticker.empty()) throw Error(where + field("ticker") + ": expected a ticker, got nothing");
  int64_t utc = 0;
  bool date_only = false;
  if (!parse_bar_time(e.datetime, PosixTz::parse("UTC0"), utc, date_only))
    throw Error(where + field("datetime") + ": expected a bar time (2024-03-08T14:30:00Z or " +
                "2024-03-08), got \"" + e.datetime + "\"");
  if (!is_review_status(e.status))
    throw Error(where + field("status") + ": expected new, acknowledged or dismissed, got \"" +
                e.status + "\"");
  if (e.note.size() > kMaxNoteBytes)
    throw Error(where + field("note") + ": " + std::to_string(e.note.size()) +
                " bytes, longer than the limit of " + std::to_string(kMaxNoteBytes));
}

std::string json_field(const std::string& name) { return "." + name; }
std::string csv_field(const std::string& name) { return ": column \"" + name + "\""; }

std::string csv_quoted(const std::string& field) {
  const bool quote = field.find_first_of(",\"\r\n") != std::string::npos ||
                     (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

ReviewSet parse_review_json(std::string_view text, const std::string& source) {
  const json document = json::parse(text.begin(), text.end(), nullptr, false);
  if (document.is_discarded()) throw Error(source + ": not valid JSON");
  const JsonFields d(document, source + ": review");
  check_format_version(d, kReviewFormat, 1, 0);
  ReviewSet set;
  if (d.has_value("model_sha256")) set.model_sha256 = d.string("model_sha256");
  const json& entries = d.array("entries");
  if (entries.size() > kMaxReviewEntries)
    throw Error(d.place("entries") + ": more than " + std::to_string(kMaxReviewEntries) +
                " entries");
  for (size_t i = 0; i < entries.size(); ++i) {
    const JsonFields e(entries[i], item_place(d.place("entries"), i));
    ReviewEntry entry{e.string("ticker"), e.string("datetime"), e.string("status"),
                      normalized_note(e.has_value("note") ? e.string("note") : "")};
    check_entry(entry, e.where(), json_field);
    set.entries.push_back(std::move(entry));
  }
  return set;
}

// The next CSV record: lines are joined while a quoted field is open (an odd count of quotes),
// so a note may hold line breaks.
bool next_record(LineReader& reader, std::string& record, int64_t& first_line) {
  std::string_view line;
  if (!reader.next(line)) return false;
  first_line = reader.line_number();
  record.assign(line);
  while (std::count(record.begin(), record.end(), '"') % 2 == 1 && reader.next(line))
    record.append("\n").append(line);
  return true;
}

std::vector<int> csv_header(const std::vector<std::string>& names, const std::string& where) {
  std::vector<int> index(4, -1);
  for (size_t i = 0; i < names.size(); ++i)
    for (size_t k = 0; k < 4; ++k)
      if (names[i] == kColumns[k]) index[k] = static_cast<int>(i);
  for (size_t k = 0; k < 3; ++k)
    if (index[k] < 0)
      throw Error(where + ": expected a header with columns ticker,datetime,status,note; " +
                  "missing \"" + kColumns[k] + "\"");
  return index;
}

ReviewSet parse_review_csv(std::string_view text, const std::string& source) {
  LineReader reader(text);
  std::string record;
  int64_t line = 0;
  std::vector<int> index;
  ReviewSet set;
  while (next_record(reader, record, line)) {
    if (record.find_first_not_of(" \t") == std::string::npos) continue;
    const auto fields = split_csv_record(record, source, line);
    const std::string where = source + ":" + std::to_string(line);
    if (index.empty()) {
      index = csv_header(fields, where);
      continue;
    }
    auto field = [&](size_t k) {
      const int i = index[k];
      if (i < 0) return std::string();
      if (static_cast<size_t>(i) >= fields.size())
        throw Error(where + csv_field(kColumns[k]) + ": missing (the row has " +
                    std::to_string(fields.size()) + " fields)");
      return fields[static_cast<size_t>(i)];
    };
    ReviewEntry entry{field(0), field(1), field(2), normalized_note(field(3))};
    check_entry(entry, where, csv_field);
    if (set.entries.size() == kMaxReviewEntries)
      throw Error(where + ": more than " + std::to_string(kMaxReviewEntries) + " entries");
    set.entries.push_back(std::move(entry));
  }
  if (index.empty())
    throw Error(source + ": expected a header ticker,datetime,status,note, got an empty file");
  return set;
}

}  // namespace

std::string review_to_json(const ReviewSet& set) {
  json entries = json::array();
  for (const auto& e : set.entries)
    entries.push_back(json{
        {"ticker", e.ticker}, {"datetime", e.datetime}, {"status", e.status}, {"note", e.note}});
  const json document{{"format", kReviewFormat},
                      {"format_version", format_version_text(1, 0)},
                      {"model_sha256", set.model_sha256},
                      {"entries", std::move(entries)}};
  return document.dump(2) + "\n";
}

std::string review_to_csv(const ReviewSet& set) {
  std::string out = "ticker,datetime,status,note\n";
  for (const auto& e : set.entries)
    out += csv_quoted(e.ticker) + "," + csv_quoted(e.datetime) + "," + csv_quoted(e.status) + "," +
           csv_quoted(e.note) + "\n";
  return out;
}

ReviewSet parse_review(std::string_view text, const std::string& source) {
  const size_t start = text.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos && text[start] == '{') return parse_review_json(text, source);
  return parse_review_csv(text, source);
}

}  // namespace vixray
