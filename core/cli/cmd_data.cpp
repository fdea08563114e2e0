// `vixray data inspect`: reads market CSV files, aligns them on the primary's trading days and
// prints what was read, repaired, dropped, filled and where the calendar has gaps.
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "files.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/align.hpp"
#include "vixray/data/price_csv.hpp"

namespace vixray::cli {
namespace {

struct InspectOptions {
  // Series name -> file, in the order the Frame lists them.
  std::vector<std::pair<std::string, std::string>> files{
      {"spx", ""},   {"ticker", ""}, {"vix", ""}, {"vix9d", ""},
      {"vix3m", ""}, {"vvix", ""},   {"skew", ""}};
  std::string primary;
  int32_t max_fill_days = 5;
  bool json = false;
};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// "file:12, file:15" -> "lines 12, 15" (the file is named on the line above).
std::string lines_of(const std::vector<std::string>& examples, const std::string& source) {
  std::string out;
  for (const auto& e : examples) {
    const bool ours = e.size() > source.size() + 1 && e.compare(0, source.size(), source) == 0;
    out += (out.empty() ? "" : ", ") + (ours ? e.substr(source.size() + 1) : e);
  }
  return "line" + std::string(examples.size() == 1 ? " " : "s ") + out;
}

void print_read(const std::string& name, const ReadReport& r, std::ostream& os) {
  os << name << ": " << r.source << " (" << format_name(r.format) << ") " << r.rows << " rows "
     << format_iso(r.first) << " .. " << format_iso(r.last) << " from " << r.data_lines
     << " data lines\n";
  if (r.warnings.empty()) os << "  warnings: none\n";
  for (const auto& w : r.warnings)
    os << "  " << w.kind << ": " << w.count << " (e.g. " << lines_of(w.examples, r.source) << ")\n";
}

void print_alignment(const AlignReport& r, std::ostream& os) {
  os << "aligned on " << r.primary << ": " << r.rows << " trading days " << format_iso(r.first)
     << " .. " << format_iso(r.last) << " (close carried forward at most " << r.max_fill_days
     << " days)\n";
  for (const auto& s : r.series) {
    os << "  " << s.name << ": " << s.input_rows << " rows, matched " << s.matched << ", dropped "
       << s.dropped;
    if (!s.dropped_examples.empty()) os << " (e.g. " << joined(s.dropped_examples) << ")";
    os << ", filled " << s.filled;
    if (!s.filled_examples.empty()) os << " (" << joined(s.filled_examples) << ")";
    os << ", unfilled " << s.unfilled;
    if (!s.unfilled_examples.empty()) os << " (" << joined(s.unfilled_examples) << ")";
    os << ", before start " << s.before_start << ", after end " << s.after_end << "\n";
    os << "    columns: " << joined(s.columns) << "\n";
  }
  os << "  gaps over " << r.gap_days << " calendar days: " << r.gaps.size() << "\n";
  for (const auto& g : r.gaps)
    os << "    " << format_iso(g.from) << " .. " << format_iso(g.to) << " (" << g.days
       << " days)\n";
}

void run_inspect(const InspectOptions& o) {
  std::vector<std::pair<std::string, ParsedPrices>> parsed;
  for (const auto& [name, path] : o.files)
    if (!path.empty())
      parsed.emplace_back(name, parse_price_csv(read_file(path, InputKind::kCsv), path));
  std::string primary = o.primary;
  if (primary.empty()) primary = !o.files[0].second.empty() ? "spx" : "ticker";
  const ParsedPrices* primary_series = nullptr;
  std::vector<NamedSeries> others;
  for (const auto& [name, p] : parsed) {
    if (name == primary)
      primary_series = &p;
    else
      others.push_back(NamedSeries{name, &p.series});
  }
  if (primary_series == nullptr)
    throw Error("--primary " + primary + ": expected --" + primary + " FILE to be given too");
  AlignOptions options;
  options.max_fill_days = o.max_fill_days;
  const AlignedMarket aligned =
      align_market(NamedSeries{primary, &primary_series->series}, others, options);
  if (o.json) {
    nlohmann::json j;
    j["reads"] = nlohmann::json::object();
    for (const auto& [name, p] : parsed) j["reads"][name] = p.report.to_json();
    j["alignment"] = aligned.report.to_json();
    std::cout << j.dump(2) << "\n";
    return;
  }
  for (const auto& [name, p] : parsed) print_read(name, p.report, std::cout);
  print_alignment(aligned.report, std::cout);
}

}  // namespace

void register_data_commands(CLI::App& app, Action& action) {
  auto options = std::make_shared<InspectOptions>();
  auto* data = app.add_subcommand("data", "market CSV files: read, check and align");
  data->require_subcommand(1);
  auto* inspect =
      data->add_subcommand("inspect",
                           "read market CSVs (CBOE, Yahoo, Stooq, date,value), align them on the "
                           "primary's trading days, and report repairs, drops, fills and gaps");
  for (auto& [name, path] : options->files) {
    const std::string what = name == "spx"      ? "S&P 500 daily prices (primary by default)"
                             : name == "ticker" ? "a ticker's daily OHLCV (primary without --spx)"
                                                : name + " daily prices";
    inspect->add_option("--" + name, path, what);
  }
  inspect
      ->add_option("--primary", options->primary,
                   "series whose trading days define the rows (default: spx, else ticker)")
      ->check(CLI::IsMember({"spx", "ticker", "vix", "vix9d", "vix3m", "vvix", "skew"}));
  inspect
      ->add_option("--max-fill-days", options->max_fill_days,
                   "consecutive trading days a missing close is carried forward")
      ->default_val(5)
      ->check(CLI::NonNegativeNumber);
  inspect->add_flag("--json", options->json, "print the reports as JSON");
  inspect->callback([options, &action] {
    if (options->files[0].second.empty() && options->files[1].second.empty() &&
        options->primary.empty())
      throw CLI::ValidationError("inspect", "give --spx FILE or --ticker FILE (the primary)");
    action = [options] { run_inspect(*options); };
  });
}

}  // namespace vixray::cli
