// The training history's hash chain: the core's verify_history (every kind of break, named by
// line), and the CLI end to end: `train --history` appends to an intact chain only and prints the
// anchor, `history verify` names the first broken line and checks a kept anchor.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "bundle_file.hpp"  // the CLI's SHA-256 (OpenSSL)
#include "cli_helpers.hpp"
#include "vixray/ensemble/training_history.hpp"

using vixray::HistoryBreak;
using vixray::HistoryCheck;

namespace {

HistoryCheck check_text(const std::string& text) {
  return vixray::verify_history(
      text, [](std::string_view line) { return vixray::cli::sha256_hex(std::string(line)); });
}

// A chain of `n` lines built by appending, as train does ({"n": i} stands for a training record).
std::vector<std::string> chain_lines(int n) {
  std::string text;
  std::vector<std::string> lines;
  for (int i = 1; i <= n; ++i) {
    const std::string line = vixray::history_line({{"n", i}}, check_text(text));
    text += line;
    lines.push_back(line.substr(0, line.size() - 1));
  }
  return lines;
}

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

// `line`'s record with a changed field, its previous_sha256 kept (an edit by hand).
std::string edited(const std::string& line) {
  auto entry = nlohmann::json::parse(line);
  entry["n"] = 99;
  return entry.dump();
}

}  // namespace

TEST_CASE("an intact history verifies, its anchor is the last line's SHA-256", "[history]") {
  const auto lines = chain_lines(4);
  const HistoryCheck check = check_text(join(lines));
  CHECK(check.ok());
  CHECK(check.hashes.size() == 4);
  CHECK(check.anchor() == vixray::cli::sha256_hex(lines[3]));
  CHECK(nlohmann::json::parse(lines[0])["previous_sha256"] == "0");
  CHECK(nlohmann::json::parse(lines[2])["previous_sha256"] == vixray::cli::sha256_hex(lines[1]));
  CHECK(check_text("").ok());
  CHECK(check_text("").anchor().empty());
  CHECK(vixray::anchor_line(check, check.anchor()) == 4);
  CHECK(vixray::anchor_line(check, check.hashes[1]) == 2);
}

TEST_CASE("verify_history names the first edited, removed, inserted, reordered or torn line",
          "[history]") {
  auto lines = chain_lines(4);
  // Each edit of the four lines, the break it must be named as and where ("" = any message).
  struct Case {
    const char* name;
    void (*edit)(std::vector<std::string>&);
    HistoryBreak kind;
    size_t line;
    const char* message;
  };
  const Case cases[] = {
      {"a line edited: the next line's link breaks",
       [](std::vector<std::string>& l) { l[1] = edited(l[1]); }, HistoryBreak::mismatch, 3,
       "previous_sha256 does not match line 2 (line 2 edited, or a line removed or inserted "
       "before line 3)"},
      {"a line removed", [](std::vector<std::string>& l) { l.erase(l.begin() + 2); },
       HistoryBreak::mismatch, 3, ""},
      {"the first line removed", [](std::vector<std::string>& l) { l.erase(l.begin()); },
       HistoryBreak::first_not_zero, 1, ""},
      {"a line inserted with a forged link to the line before it",
       [](std::vector<std::string>& l) {
         const nlohmann::json forged = {{"n", 7},
                                        {"previous_sha256", vixray::cli::sha256_hex(l[1])}};
         l.insert(l.begin() + 2, forged.dump());
       },
       HistoryBreak::inserted, 4,
       "previous_sha256 does not match line 3 but line 2 (line 3 inserted, or lines reordered)"},
      {"a line duplicated", [](std::vector<std::string>& l) { l.insert(l.begin() + 1, l[1]); },
       HistoryBreak::inserted, 3, ""},
      {"a line inserted without a valid link",
       [](std::vector<std::string>& l) {
         l.insert(l.begin() + 2, R"({"n":7,"previous_sha256":"0"})");
       },
       HistoryBreak::restarted, 3, ""},
      {"two lines swapped", [](std::vector<std::string>& l) { std::swap(l[1], l[2]); },
       HistoryBreak::reordered, 2,
       "previous_sha256 does not match line 1 but line 3, after it (lines reordered)"},
      {"the first two lines swapped", [](std::vector<std::string>& l) { std::swap(l[0], l[1]); },
       HistoryBreak::reordered, 1, ""},
  };
  SECTION("edits and removals, insertions, reorderings") {
    for (const Case& c : cases) {
      CAPTURE(c.name);
      std::vector<std::string> changed = lines;
      c.edit(changed);
      const HistoryCheck check = check_text(join(changed));
      CHECK(check.kind == c.kind);
      CHECK(check.line == c.line);
      if (*c.message != '\0') CHECK(check.message == c.message);
    }
  }
  SECTION("the last line cut short (an interrupted write)") {
    std::string text = join(lines);
    text.resize(text.size() - 10);
    const HistoryCheck c = check_text(text);
    CHECK(c.kind == HistoryBreak::torn);
    CHECK(c.line == 4);
    CHECK(c.message == "torn line (no newline at end of file: an interrupted write)");
    CHECK(c.hashes.size() == 3);
  }
  SECTION("only the last newline missing") {
    std::string text = join(lines);
    text.pop_back();
    CHECK(check_text(text).kind == HistoryBreak::torn);
    CHECK(check_text(text).line == 4);
  }
  SECTION("a torn line that a later record was glued onto (what the old append did)") {
    std::string text = join(lines);
    text.resize(text.size() - 10);
    text += R"({"n":5,"previous_sha256":"0"})"
            "\n";
    const HistoryCheck c = check_text(text);
    CHECK(c.kind == HistoryBreak::not_json);
    CHECK(c.line == 4);
    CHECK(c.message.find("glued") != std::string::npos);
  }
  SECTION("a blank line, a line that is not JSON, a line without its link") {
    lines.insert(lines.begin() + 1, "");
    CHECK(check_text(join(lines)).kind == HistoryBreak::blank);
    CHECK(check_text(join(lines)).line == 2);
    lines[1] = "not json";
    CHECK(check_text(join(lines)).kind == HistoryBreak::not_json);
    lines[1] = R"({"n":1})";
    CHECK(check_text(join(lines)).kind == HistoryBreak::not_json);
    CHECK(check_text(join(lines)).message.find("previous_sha256: expected a string") == 0);
  }
  SECTION("the first of two breaks is named") {
    lines[2] = edited(lines[2]);
    lines[0] = edited(lines[0]);
    CHECK(check_text(join(lines)).line == 2);
  }
}

TEST_CASE("an edited last line is caught by the kept anchor only", "[history]") {
  auto lines = chain_lines(3);
  const std::string kept = check_text(join(lines)).anchor();
  lines[2] = edited(lines[2]);
  const HistoryCheck c = check_text(join(lines));
  CHECK(c.ok());  // no later line links to it
  CHECK(vixray::anchor_line(c, kept) == 0);
  // An anchor kept before more lines were appended still vouches for its line.
  const auto longer = chain_lines(5);
  const std::string early = check_text(join({longer[0], longer[1], longer[2]})).anchor();
  CHECK(vixray::anchor_line(check_text(join(longer)), early) == 3);
}

TEST_CASE("history_line refuses to extend a broken history", "[history]") {
  auto lines = chain_lines(2);
  std::string text = join(lines);
  text.pop_back();
  CHECK_THROWS_WITH(vixray::history_line({{"n", 3}}, check_text(text)),
                    Catch::Contains("broken at line 2"));
}
