#include "vixray/analysis/model_baselines.hpp"

#include "vixray/base/error.hpp"
#include "vixray/data/json_fields.hpp"
#include "vixray/ensemble/model_folder_names.hpp"

namespace vixray {
namespace {

// The bundle a baseline's section names must be the folder's bundle.
void check_names_bundle(const JsonFields& section, const std::string& sha256, const char* file) {
  const std::string named = section.string("bundle_sha256");
  if (named != sha256)
    throw Error(section.place("bundle_sha256") + ": is " + named + " but " + file +
                "'s content_sha256 is " + sha256 +
                ": the baseline describes another model (retrain the folder)");
}

ScoreBins read_score_bins(const JsonFields& bins) {
  ScoreBins r{bins.numbers("edges"), bins.numbers("shares")};
  for (size_t k = 1; k < r.edges.size(); ++k)
    if (!(r.edges[k - 1] < r.edges[k]))
      throw Error(bins.place("edges") + ": expected ascending distinct numbers");
  if (r.shares.size() != r.edges.size() + 1)
    throw Error(bins.place("shares") + ": expected " + std::to_string(r.edges.size() + 1) +
                " shares (one more than the edges), got " + std::to_string(r.shares.size()));
  return r;
}

}  // namespace

ValidationBaseline read_validation_baseline(const nlohmann::json& document,
                                            const std::string& where, const std::string& sha256_a,
                                            const std::string& kind) {
  const JsonFields doc(document, where);
  check_format_version(doc, "vixray-validation-baseline", 1, 0);
  if (doc.string("kind") != kind)
    throw Error(doc.place("kind") + ": expected \"" + kind + "\" (" +
                (kind == "market" ? "market data given: a market model folder"
                                  : "--csv given: a ticker model folder") +
                ")");
  check_names_bundle(doc, sha256_a, kModelAFile);
  ValidationBaseline r;
  const JsonFields metrics = doc.object("metrics");
  r.baseline = monitor_baseline(metrics.number("flag_rate"), metrics.number("expected_flag_rate"));
  if (!(r.baseline.flag_rate > 0.0))
    throw Error(metrics.place("expected_flag_rate") +
                ": the validation flag rate is 0, so drift needs an expected rate > 0");
  r.reference = read_score_bins(doc.object("score_bins"));
  return r;
}

Day read_dual_model_baseline(const nlohmann::json& document, const std::string& where,
                             const std::string& sha256_a, const std::string& sha256_b) {
  const JsonFields doc(document, where);
  check_format_version(doc, "vixray-dual-model-baseline", 1, 0);
  const JsonFields a = doc.object("model_a"), b = doc.object("model_b");
  check_names_bundle(a, sha256_a, kModelAFile);
  check_names_bundle(b, sha256_b, kModelBFile);
  const std::string end = b.string("test_date_end");
  Day day = 0;
  if (!parse_date(end, day))
    throw Error(b.place("test_date_end") + ": expected a date YYYY-MM-DD, got \"" + end + "\"");
  return day;
}

std::map<std::string, std::string> read_ticker_test_ends(const nlohmann::json& document,
                                                         const std::string& where,
                                                         const std::string& sha256_a,
                                                         const std::string& sha256_b) {
  const JsonFields doc(document, where);
  check_format_version(doc, "vixray-dual-model-baseline", 1, 0);
  if (doc.string("kind") != "ticker")
    throw Error(doc.place("kind") + ": expected \"ticker\" (--csv given: a ticker model folder)");
  const JsonFields a = doc.object("model_a"), b = doc.object("model_b");
  check_names_bundle(a, sha256_a, kModelAFile);
  check_names_bundle(b, sha256_b, kModelBFile);
  const nlohmann::json& tickers = b.array("tickers");
  std::map<std::string, std::string> ends;
  for (size_t i = 0; i < tickers.size(); ++i) {
    const JsonFields t(tickers[i], b.place("tickers") + "[" + std::to_string(i) + "]");
    ends[t.string("ticker")] = t.string("holdout_end");
  }
  return ends;
}

}  // namespace vixray
