// The built `vixray` CLI, run as a user would: help everywhere, a fit -> score -> eval round trip,
// and bad inputs that must exit non-zero with one "vixray: error:" line and leave --out alone.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "vixray/data/numeric_table.hpp"
#include "vixray/forest/forest.hpp"
#include "vixray/forest/metrics.hpp"

namespace fs = std::filesystem;

namespace {

// The subcommand names listed under "Subcommands:" in a CLI11 help text.
std::vector<std::string> subcommands_in_help(const std::string& help) {
  std::vector<std::string> names;
  std::istringstream lines(help);
  std::string line;
  bool in_section = false;
  while (std::getline(lines, line)) {
    if (line == "Subcommands:") {
      in_section = true;
    } else if (in_section) {
      if (line.size() < 3 || line.compare(0, 2, "  ") != 0 || line[2] == ' ') break;
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    }
  }
  return names;
}

// A failed command: non-zero exit and exactly one stderr line starting "vixray: error:".
void check_one_line_error(const Run& run) {
  CAPTURE(run.err);
  CHECK(run.status > 0);
  CHECK(run.err.rfind("vixray: error: ", 0) == 0);
  REQUIRE(!run.err.empty());
  CHECK(run.err.back() == '\n');
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
}

}  // namespace

TEST_CASE("help works on every command and subcommand", "[cli]") {
  TempDir dir;
  // Walk the command tree from the top, so commands added later are covered too.
  std::vector<std::string> pending{""};
  int visited = 0;
  while (!pending.empty()) {
    const std::string command = pending.back();
    pending.pop_back();
    const Run run = run_cli(command + " --help", dir);
    CAPTURE(command, run.err);
    CHECK(run.status == 0);
    CHECK(run.out.find("Usage:") != std::string::npos);
    for (const auto& name : subcommands_in_help(run.out))
      pending.push_back(command.empty() ? name : command + " " + name);
    ++visited;
  }
  // vixray, forest, and forest fit|score|eval|generate at least.
  CHECK(visited >= 6);
}

TEST_CASE("fit -> score -> eval round trip on a generated file", "[cli]") {
  TempDir dir;
  const std::string data = dir / "data.csv", model = dir / "model.json",
                    scores = dir / "scores.csv";
  REQUIRE(run_cli("forest generate --rows 600 --cols 3 --seed 5 --out " + data, dir).status == 0);
  const Run fit = run_cli("forest fit --csv " + data + " --label-col label --trees 20 --seed 9 " +
                              "--contamination 0.05 --out " + model,
                          dir);
  CAPTURE(fit.err);
  REQUIRE(fit.status == 0);
  CHECK(fit.out.find("trained 20 trees") != std::string::npos);
  REQUIRE(run_cli("forest score --model " + model + " --csv " + data + " --label-col label " +
                      "--out " + scores,
                  dir)
              .status == 0);
  const Run eval = run_cli("forest eval --model " + model + " --csv " + data, dir);
  REQUIRE(eval.status == 0);

  // The CLI's files agree with the library, bit for bit (scores are printed with 17 digits).
  const auto forest = vixray::IsolationForest::load(read_text(model));
  CHECK(forest.n_trees() == 20);
  CHECK(forest.seed() == 9);
  CHECK(forest.feature_names() == std::vector<std::string>{"f0", "f1", "f2"});
  const auto table = vixray::parse_numeric_table(read_text(data), data);
  REQUIRE(table.values.rows() == 600);
  const auto features = table.without_column(table.column_index("label", data));
  const vixray::Vector expected = forest.score_samples(features.values);
  const auto written = vixray::parse_numeric_table(read_text(scores), scores);
  REQUIRE(written.columns == std::vector<std::string>{"score", "decision", "prediction"});
  REQUIRE(written.values.rows() == 600);
  for (Eigen::Index r = 0; r < 600; ++r) {
    REQUIRE(written.values(r, 0) == expected[r]);
    REQUIRE(written.values(r, 1) == forest.offset() - expected[r]);
    REQUIRE(written.values(r, 2) == (forest.offset() - expected[r] < 0.0 ? -1.0 : 1.0));
  }
  std::vector<double> labels;
  for (Eigen::Index r = 0; r < 600; ++r) labels.push_back(table.values(r, 3));
  char auc[32];
  std::snprintf(
      auc, sizeof auc, "roc_auc=%.4f",
      vixray::roc_auc(std::vector<double>(expected.data(), expected.data() + 600), labels));
  CHECK(eval.out.find(auc) != std::string::npos);
  CHECK(eval.out.find("rows=600") != std::string::npos);
}

TEST_CASE("bad inputs exit non-zero with one error line and leave --out untouched", "[cli]") {
  TempDir dir;
  const std::string data = dir / "data.csv", model = dir / "model.json", out = dir / "out.txt";
  REQUIRE(run_cli("forest generate --rows 300 --cols 2 --seed 1 --out " + data, dir).status == 0);
  REQUIRE(run_cli("forest fit --csv " + data + " --label-col label --trees 5 --out " + model, dir)
              .status == 0);
  const std::string precious = "precious bytes\r\nkeep me\n";
  write_text(out, precious);
  const auto check_out_untouched = [&] {
    CHECK(read_text(out) == precious);
    CHECK_FALSE(fs::exists(out + ".tmp-vixray"));
  };

  SECTION("missing input file") {
    const Run run = run_cli("forest fit --csv " + (dir / "missing.csv") + " --out " + out, dir);
    check_one_line_error(run);
    CHECK_THAT(run.err, Catch::Contains("missing.csv") && Catch::Contains("cannot open"));
    check_out_untouched();
    const Run score = run_cli(
        "forest score --model " + (dir / "nope.json") + " --csv " + data + " --out " + out, dir);
    check_one_line_error(score);
    CHECK_THAT(score.err, Catch::Contains("nope.json"));
    check_out_untouched();
  }
  SECTION("non-numeric cell") {
    const std::string bad = dir / "bad.csv";
    write_text(bad, "f0,f1,label\n1,2,0\n3,x7,1\n");
    const Run run = run_cli("forest fit --csv " + bad + " --label-col label --out " + out, dir);
    check_one_line_error(run);
    CHECK_THAT(run.err, Catch::Contains("bad.csv:3") && Catch::Contains("column 2") &&
                            Catch::Contains("\"f1\"") && Catch::Contains("\"x7\""));
    check_out_untouched();
    const Run score =
        run_cli("forest score --model " + model + " --csv " + bad + " --out " + out, dir);
    check_one_line_error(score);
    CHECK_THAT(score.err, Catch::Contains("bad.csv:3"));
    check_out_untouched();
  }
  SECTION("unknown --label-col") {
    const Run run = run_cli("forest fit --csv " + data + " --label-col nope --out " + out, dir);
    check_one_line_error(run);
    CHECK_THAT(run.err, Catch::Contains("data.csv") && Catch::Contains("\"nope\"") &&
                            Catch::Contains("f0, f1, label"));
    check_out_untouched();
    const Run eval = run_cli("forest eval --csv " + data + " --label-col nope", dir);
    check_one_line_error(eval);
    CHECK_THAT(eval.err, Catch::Contains("\"nope\""));
  }
  SECTION("bad --sample-size") {
    for (const std::string value : {"abc", "0", "-5", "2.5"}) {
      const Run run = run_cli("forest fit --csv " + data + " --label-col label --sample-size " +
                                  value + " --out " + out,
                              dir);
      check_one_line_error(run);
      CHECK_THAT(run.err, Catch::Contains("--sample-size") && Catch::Contains("\"" + value + "\""));
      check_out_untouched();
    }
    const Run too_big = run_cli(
        "forest fit --csv " + data + " --label-col label --sample-size 301 --out " + out, dir);
    check_one_line_error(too_big);
    CHECK_THAT(too_big.err, Catch::Contains("sample_size: 301") && Catch::Contains("(300)"));
    check_out_untouched();
  }
  SECTION("model of a newer format") {
    std::string text = read_text(model);
    const auto at = text.find("\"format_version\":\"1.0\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 22, "\"format_version\":\"3.0\"");  // this build reads 1.x and 2.x
    const std::string newer = dir / "newer.json";
    write_text(newer, text);
    const Run run =
        run_cli("forest score --model " + newer + " --csv " + data + " --out " + out, dir);
    check_one_line_error(run);
    CHECK_THAT(run.err, Catch::Contains("newer.json") && Catch::Contains("format_version") &&
                            Catch::Contains("3.0") && Catch::Contains("2.0"));
    check_out_untouched();
  }
  SECTION("usage errors: missing option, bad value, unknown command") {
    const Run missing = run_cli("forest fit --out " + out, dir);
    check_one_line_error(missing);
    CHECK_THAT(missing.err, Catch::Contains("--csv"));
    const Run bad_value = run_cli("forest fit --csv " + data + " --trees many --out " + out, dir);
    check_one_line_error(bad_value);
    CHECK_THAT(bad_value.err, Catch::Contains("--trees") && Catch::Contains("many"));
    const Run unknown = run_cli("forest fly", dir);
    check_one_line_error(unknown);
    CHECK_THAT(unknown.err, Catch::Contains("fly"));
    check_out_untouched();
  }
  SECTION("truncated model and a model with other columns") {
    const std::string text = read_text(model);
    const std::string cut = dir / "cut.json";
    write_text(cut, text.substr(0, text.size() / 2));
    const Run run =
        run_cli("forest score --model " + cut + " --csv " + data + " --out " + out, dir);
    check_one_line_error(run);
    CHECK_THAT(run.err, Catch::Contains("cut.json") && Catch::Contains("truncated"));
    check_out_untouched();
    const std::string other = dir / "other.csv";
    write_text(other, "g0,g1\n1,2\n");
    const Run columns =
        run_cli("forest score --model " + model + " --csv " + other + " --out " + out, dir);
    check_one_line_error(columns);
    CHECK_THAT(columns.err, Catch::Contains("other.csv") && Catch::Contains("\"f0\""));
    check_out_untouched();
  }
}
