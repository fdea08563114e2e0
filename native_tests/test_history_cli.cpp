// `vixray train --history` and `vixray history verify` end to end on a chain of four cheap
// trainings (a short simulated history, 5 trees a detector): every kind of tampering is named by
// file and line, a broken or torn chain is never extended (the file stays byte-identical and no
// bundle is written), and a kept anchor catches an edited last line.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_helpers.hpp"

namespace {

// The anchor in train's line "history: PATH line N, anchor HEX" ("" when not printed so).
std::string printed_anchor(const std::string& out, const std::string& path, int line) {
  const std::string prefix = "history: " + path + " line " + std::to_string(line) + ", anchor ";
  const size_t at = out.find(prefix);
  if (at == std::string::npos) return "";
  const size_t end = out.find('\n', at);
  const std::string hex = out.substr(at + prefix.size(), end - at - prefix.size());
  return hex.size() == 64 && hex.find_first_not_of("0123456789abcdef") == std::string::npos ? hex
                                                                                            : "";
}

// Four trainings appended to one history; each train's printed anchor kept.
struct HistoryChain {
  TempDir dir;
  std::string settings, history;
  std::vector<std::string> anchors;  // printed by train after line 1..4 ("" if not)
  HistoryChain() {
    settings = write_fast_settings(dir, "fast_settings.json");
    history = dir / "hist.jsonl";
    for (int i = 1; i <= 4; ++i) {
      const Run run =
          run_cli(train_args(dir / ("m" + std::to_string(i) + ".json"), history, i), dir);
      REQUIRE(run.status == 0);
      anchors.push_back(printed_anchor(run.out, history, i));  // checked by the first case
    }
  }
  // A training of the simulator's seed `seed` (so the four records differ).
  std::string train_args(const std::string& out, const std::string& hist, int seed) const {
    return "train --sim-seed " + std::to_string(seed) +
           " --sim-start 2005-01-03 --sim-end 2007-12-31 --settings " + settings + " --out " + out +
           " --history " + hist;
  }
};

const HistoryChain& history_chain() {
  static const HistoryChain c;
  return c;
}

std::vector<std::string> history_lines_of(const std::string& text) {
  std::vector<std::string> lines;
  for (size_t start = 0; start < text.size();) {
    const size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return lines;
}

std::string history_join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

bool history_error_line(const Run& run) {
  return run.status != 0 && run.err.rfind("vixray: error: ", 0) == 0 &&
         run.err.find('\n') == run.err.size() - 1;
}

std::string history_edited(const std::string& line) {
  auto entry = nlohmann::json::parse(line);
  entry["n_observations"] = 1;
  return entry.dump();
}

}  // namespace

TEST_CASE("history verify passes a chain of trainings and prints the last train's anchor",
          "[history][cli]") {
  const auto& c = history_chain();
  TempDir dir;
  for (const auto& anchor : c.anchors) CHECK(anchor.size() == 64);  // train printed it
  const Run run = run_cli("history verify " + c.history, dir);
  REQUIRE(run.status == 0);
  CHECK(run.out == c.history + ": 4 line(s), every link intact; anchor " + c.anchors[3] + "\n");
  const Run kept = run_cli("history verify " + c.history + " --anchor " + c.anchors[3], dir);
  CHECK(kept.status == 0);
  CHECK(kept.out.find("--anchor is line 4, the last") != std::string::npos);
  const Run earlier = run_cli("history verify " + c.history + " --anchor " + c.anchors[1], dir);
  CHECK(earlier.status == 0);
  CHECK(earlier.out.find("--anchor is line 2 (2 line(s) appended after it)") != std::string::npos);
}

TEST_CASE("history verify names the first edited, removed, inserted, reordered or torn line",
          "[history][cli]") {
  const auto& c = history_chain();
  TempDir dir;
  auto lines = history_lines_of(read_text(c.history));
  REQUIRE(lines.size() == 4);
  const std::string file = dir / "hist.jsonl";
  std::string expected;
  SECTION("edited") {
    lines[1] = history_edited(lines[1]);
    write_text(file, history_join(lines));
    expected = file +
               ":3: previous_sha256 does not match line 2 (line 2 edited, or a line removed "
               "or inserted before line 3)";
  }
  SECTION("removed") {
    lines.erase(lines.begin() + 1);
    write_text(file, history_join(lines));
    expected = file + ":2: previous_sha256 does not match line 1";
  }
  SECTION("inserted (a copy of line 2)") {
    lines.insert(lines.begin() + 1, lines[1]);
    write_text(file, history_join(lines));
    expected = file + ":3: previous_sha256 does not match line 2 but line 1 (line 2 inserted";
  }
  SECTION("reordered") {
    std::swap(lines[2], lines[3]);
    write_text(file, history_join(lines));
    expected = file + ":3: previous_sha256 does not match line 2 but line 4, after it";
  }
  SECTION("torn (the last line cut short)") {
    const std::string text = history_join(lines);
    write_text(file, text.substr(0, text.size() - 20));
    expected = file + ":4: torn line (no newline at end of file: an interrupted write)";
  }
  const Run run = run_cli("history verify " + file, dir);
  CHECK(history_error_line(run));
  CHECK(run.err.find("vixray: error: " + expected) == 0);
  CHECK(run.out.empty());
}

TEST_CASE("train refuses to extend a torn or broken history: file unchanged, no bundle",
          "[history][cli]") {
  const auto& c = history_chain();
  TempDir dir;
  const std::string text = read_text(c.history);
  auto lines = history_lines_of(text);
  const std::string file = dir / "hist.jsonl", out = dir / "model.json";
  std::string bad, where;
  SECTION("torn") {
    bad = text.substr(0, text.size() - 20);
    where = ":4: torn line";
  }
  SECTION("a line edited") {
    lines[0] = history_edited(lines[0]);
    bad = history_join(lines);
    where = ":2: previous_sha256 does not match line 1";
  }
  write_text(file, bad);
  const Run run = run_cli(c.train_args(out, file, 5), dir);
  CHECK(history_error_line(run));
  CHECK(run.err.find("vixray: error: " + file + where) == 0);
  CHECK(run.err.find("not appending to a broken history") != std::string::npos);
  CHECK(read_text(file) == bad);
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("a kept anchor catches an edited last line", "[history][cli]") {
  const auto& c = history_chain();
  TempDir dir;
  auto lines = history_lines_of(read_text(c.history));
  lines[3] = history_edited(lines[3]);
  const std::string file = dir / "hist.jsonl";
  write_text(file, history_join(lines));
  CHECK(run_cli("history verify " + file, dir).status == 0);  // nothing links to the last line
  const Run run = run_cli("history verify " + file + " --anchor " + c.anchors[3], dir);
  CHECK(history_error_line(run));
  CHECK(run.err.find(file + ": --anchor is the SHA-256 of no line") != std::string::npos);
  const Run bad = run_cli("history verify " + file + " --anchor 12ab", dir);
  CHECK(history_error_line(bad));
  CHECK(bad.err.find("--anchor: expected a SHA-256 (64 hex digits)") != std::string::npos);
}

TEST_CASE("an append cut short by a full disk is undone: no torn line is left", "[history][cli]") {
  // Not a regression test: the old whole-file rewrite also left the file as it was here. It
  // checks the append's own undo: a file-size limit (prlimit, util-linux) lets the 260 KB bundle
  // through but cuts the history's write() short after its first bytes.
  const auto& c = history_chain();
  TempDir dir;
  const std::string file = dir / "big.jsonl", out = dir / "model.json";
  const nlohmann::json big = {{"pad", std::string(1024 * 1024 - 200, 'x')},
                              {"previous_sha256", "0"}};
  const std::string text = big.dump() + "\n";  // one valid line just under the 1 MiB limit
  write_text(file, text);
  const std::string err = dir / "stderr.txt";
  const std::string command = "prlimit --fsize=1048576 '" + std::string(VIXRAY_CLI_PATH) + "' " +
                              c.train_args(out, file, 6) + " >/dev/null 2>'" + err + "'";
  const int raw = std::system(command.c_str());
  CHECK((raw != -1 && WIFEXITED(raw) && WEXITSTATUS(raw) == 1));
  CHECK(read_text(err) ==
        "vixray: error: " + file + ": append failed (short write); the history is unchanged\n");
  CHECK(read_text(file) == text);
}
