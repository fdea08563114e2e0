#include "vixray/ensemble/model_io.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <set>

#include "vixray/base/error.hpp"
#include "vixray/data/json_fields.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/data/packed_array.hpp"
#include "vixray/ensemble/calibration.hpp"
#include "vixray/ensemble/contamination.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/stress_direction.hpp"
#include "vixray/ensemble/thresholds.hpp"

namespace vixray {

using nlohmann::json;

namespace {

json nullable(const std::vector<double>& v) {
  json out = json::array();
  for (double x : v) out.push_back(std::isfinite(x) ? json(x) : json(nullptr));
  return out;
}

std::array<double, 3> triple(const JsonFields& j, const char* key) {
  const auto v = j.numbers(key);
  if (v.size() != 3)
    throw Error(j.place(key) + ": expected 3 numbers, got " + std::to_string(v.size()));
  return {v[0], v[1], v[2]};
}

Thresholds thresholds_from_json(const JsonFields& j) {
  Thresholds t;
  t.percentiles = triple(j, "percentiles");
  t.moderate = j.number("moderate");
  t.high = j.number("high");
  t.critical = j.number("critical");
  t.ci_low = triple(j, "ci_low");
  t.ci_high = triple(j, "ci_high");
  t.confidence = j.number("confidence");
  t.resamples = static_cast<int32_t>(j.integer("bootstrap_resamples", 0, 1000000));
  t.validate(j.where());
  return t;
}

constexpr int64_t kMaxRows = int64_t{1} << 40;

// Detector indices of `names` (detector names of the model), each among `among`.
std::vector<int32_t> detector_indices(const JsonFields& j, const char* key,
                                      const std::vector<DetectorModel>& detectors) {
  std::vector<int32_t> out;
  for (const auto& name : j.strings(key)) {
    const auto it = std::find_if(detectors.begin(), detectors.end(),
                                 [&name](const DetectorModel& m) { return m.name == name; });
    if (it == detectors.end())
      throw Error(j.place(key) + ": \"" + name + "\" is not a detector of the model");
    out.push_back(static_cast<int32_t>(it - detectors.begin()));
  }
  return out;
}

// The partial ensembles of `among` (bundle 1.2; absent before: none). Each subset's detectors
// are a non-empty proper subset of `among`, in model order.
std::vector<DetectorSubset> subsets_from_json(const JsonFields& owner,
                                              const std::vector<DetectorModel>& detectors,
                                              const std::vector<int32_t>& among) {
  std::vector<DetectorSubset> out;
  if (!owner.has("subsets")) return out;
  const json& subsets = owner.array("subsets");
  for (size_t i = 0; i < subsets.size(); ++i) {
    const JsonFields f(subsets[i], item_place(owner.place("subsets"), i));
    DetectorSubset s;
    s.inputs = f.strings("inputs");
    s.detectors = detector_indices(f, "detectors", detectors);
    const bool inside = std::all_of(s.detectors.begin(), s.detectors.end(), [&](int32_t k) {
      return std::find(among.begin(), among.end(), k) != among.end();
    });
    if (s.detectors.empty() || s.detectors.size() >= among.size() || !inside ||
        !std::is_sorted(s.detectors.begin(), s.detectors.end()) ||
        std::adjacent_find(s.detectors.begin(), s.detectors.end()) != s.detectors.end())
      throw Error(f.place("detectors") +
                  ": expected a proper, non-empty subset of the detectors it divides, in model "
                  "order");
    s.thresholds = thresholds_from_json(f.object("thresholds"));
    out.push_back(std::move(s));
  }
  return out;
}

TrainingInfo training_from_json(const JsonFields& t) {
  TrainingInfo info;
  info.first_date = t.string("first_date");
  info.last_date = t.string("last_date");
  info.input_rows = t.integer("input_rows", 0, kMaxRows);
  info.n_observations = t.integer("n_observations", 0, kMaxRows);
  info.n_features = t.integer("n_features", 0, kMaxRows);
  info.n_detectors = static_cast<int32_t>(t.integer("n_detectors", 0, 100000));
  return info;
}

// Optional: absent, the detector is two-sided, as in models trained without it.
StressDirection direction_from_json(const JsonFields& d, size_t n_features) {
  StressDirection direction{std::vector<double>(n_features, 0.0),
                            std::vector<double>(n_features, 0.0),
                            std::vector<double>(n_features, 1.0), 1.0, 0.0};
  if (!d.has("stress_direction")) return direction;
  const JsonFields s = d.object("stress_direction");
  direction.signs = s.numbers("signs");
  direction.centers = s.numbers("centers");
  direction.scales = s.numbers("scales");
  direction.ramp = s.number("ramp");
  direction.neutral = s.has("neutral") ? s.number("neutral") : 0.0;
  direction.validate(s.where(), n_features);
  return direction;
}

DetectorModel detector_from_json(const JsonFields& d, int bundle_major) {
  DetectorModel detector;
  detector.name = d.string("name");
  detector.domain = d.string("domain");
  detector.random_subspace = d.boolean("random_subspace");
  detector.features = d.strings("features");
  detector.missing_features = d.strings("missing_features");
  try {
    detector.forest = IsolationForest::from_json(d.get("forest"));
  } catch (const Error& e) {
    throw Error(d.where() + "." + e.what());
  }
  if (static_cast<size_t>(detector.forest.n_features()) != detector.features.size())
    throw Error(d.place("forest") + ": reads " + std::to_string(detector.forest.n_features()) +
                " features, the detector lists " + std::to_string(detector.features.size()));
  detector.calibration = calibration_from_json(d.object("calibration"), bundle_major);
  detector.permutation_importance = d.numbers("permutation_importance");
  if (detector.permutation_importance.size() != detector.features.size())
    throw Error(d.place("permutation_importance") + ": expected one value per feature");
  detector.direction = direction_from_json(d, detector.features.size());
  return detector;
}

std::vector<DetectorModel> detectors_from_json(const JsonFields& model, int bundle_major) {
  const json& detectors = model.array("detectors");
  if (detectors.empty()) throw Error(model.place("detectors") + ": expected a non-empty array");
  std::vector<DetectorModel> out;
  std::set<std::string> names;
  for (size_t k = 0; k < detectors.size(); ++k) {
    const JsonFields d(detectors[k], item_place(model.place("detectors"), k));
    out.push_back(detector_from_json(d, bundle_major));
    if (!names.insert(out.back().name).second)
      throw Error(d.place("name") + ": duplicate detector \"" + out.back().name + "\"");
  }
  return out;
}

std::vector<InactiveDetector> inactive_from_json(const JsonFields& model) {
  const json& inactive = model.array("inactive_detectors");
  std::vector<InactiveDetector> out;
  for (size_t k = 0; k < inactive.size(); ++k) {
    const JsonFields d(inactive[k], item_place(model.place("inactive_detectors"), k));
    out.push_back(
        {d.string("name"), d.string("domain"), d.string("note"), d.strings("missing_features")});
  }
  return out;
}

std::vector<DomainModel> domains_from_json(const JsonFields& model,
                                           const std::vector<DetectorModel>& detectors) {
  const json& domains = model.array("domains");
  std::vector<DomainModel> out;
  for (size_t k = 0; k < domains.size(); ++k) {
    const JsonFields d(domains[k], item_place(model.place("domains"), k));
    DomainModel domain;
    domain.name = d.string("name");
    domain.detectors = detector_indices(d, "detectors", detectors);
    if (domain.detectors.empty())
      throw Error(d.place("detectors") + ": expected at least one detector");
    domain.thresholds = thresholds_from_json(d.object("thresholds"));
    domain.subsets = subsets_from_json(d, detectors, domain.detectors);
    out.push_back(std::move(domain));
  }
  return out;
}

std::vector<DomainCoverage> coverage_from_json(const JsonFields& model) {
  const json& coverage = model.array("coverage");
  std::vector<DomainCoverage> out;
  for (size_t k = 0; k < coverage.size(); ++k) {
    const JsonFields c(coverage[k], item_place(model.place("coverage"), k));
    DomainCoverage d;
    d.domain = c.string("domain");
    d.expected_features = static_cast<int32_t>(c.integer("expected_features", 0, 1 << 30));
    d.available_features = static_cast<int32_t>(c.integer("available_features", 0, 1 << 30));
    d.coverage_pct = c.number("coverage_pct");
    d.status = c.string("status");
    // Format 1.0 named the list "missing".
    d.missing = c.has("missing_features") ? c.strings("missing_features") : c.strings("missing");
    d.active_detectors = static_cast<int32_t>(c.integer("active_detectors", 0, 1 << 30));
    d.inactive_detectors = static_cast<int32_t>(c.integer("inactive_detectors", 0, 1 << 30));
    out.push_back(std::move(d));
  }
  return out;
}

Contamination contamination_from_json(const JsonFields& c, size_t k_regimes) {
  Contamination out;
  out.rates = c.numbers("rates");
  out.thresholds = c.numbers("thresholds", true);
  out.realized_rates = c.numbers("realized_rates", true);
  const json& days = c.array("training_days");
  for (size_t i = 0; i < days.size(); ++i)
    out.training_days.push_back(
        read_integer(days[i], item_place(c.place("training_days"), i), 0, kMaxRows));
  if (out.rates.size() != k_regimes || out.thresholds.size() != k_regimes ||
      out.realized_rates.size() != k_regimes || out.training_days.size() != k_regimes)
    throw Error(c.where() + ": expected one entry per regime (" + std::to_string(k_regimes) +
                ") in rates, thresholds, realized_rates and training_days");
  return out;
}

}  // namespace

// Shares are stored as integer counts ("below"; share = below / n_training) so they are exact.
// Form 2.0: knots as float64, counts as the smallest unsigned dtype holding n_training - 1.
json calibration_to_json(const Calibration& calibration, BundleForm form) {
  std::vector<int64_t> below;
  for (double s : calibration.shares)
    below.push_back(
        static_cast<int64_t>(std::llround(s * static_cast<double>(calibration.n_training))));
  if (form == BundleForm::kJson1)
    return json{
        {"n_training", calibration.n_training}, {"knots", calibration.knots}, {"below", below}};
  std::vector<uint64_t> knot_bits(calibration.knots.size()), below_bits(below.size());
  for (size_t i = 0; i < knot_bits.size(); ++i)
    std::memcpy(&knot_bits[i], &calibration.knots[i], sizeof(double));
  for (size_t i = 0; i < below_bits.size(); ++i) below_bits[i] = static_cast<uint64_t>(below[i]);
  const Dtype count_type = calibration.n_training <= 65536 ? Dtype::kUint16 : Dtype::kUint32;
  return json{{"n_training", calibration.n_training},
              {"knots", pack_array(Dtype::kFloat64, knot_bits)},
              {"below", pack_array(count_type, below_bits)}};
}

Calibration calibration_from_json(const JsonFields& c, int bundle_major) {
  Calibration calibration;
  calibration.n_training = c.integer("n_training", 1, kMaxRows);
  const auto n = static_cast<double>(calibration.n_training);
  if (bundle_major >= 2) {
    const PackedArray knots(c, "knots", {Dtype::kFloat64});
    const PackedArray below(c, "below", {Dtype::kUint16, Dtype::kUint32},
                            static_cast<int64_t>(knots.size()));
    calibration.knots.resize(knots.size());
    calibration.shares.resize(below.size());
    for (size_t i = 0; i < knots.size(); ++i) {
      calibration.knots[i] = knots.real(i);
      const int64_t count = below.integer(i);
      if (!std::isfinite(calibration.knots[i]))
        throw Error(item_place(knots.place(), i) + ": expected a finite number");
      if (count >= calibration.n_training)
        throw Error(item_place(below.place(), i) + ": expected an integer in [0, " +
                    std::to_string(calibration.n_training - 1) + "], got " + std::to_string(count));
      calibration.shares[i] = static_cast<double>(count) / n;
    }
  } else {
    calibration.knots = c.numbers("knots");
    const json& below = c.array("below");
    for (size_t i = 0; i < below.size(); ++i)
      calibration.shares.push_back(
          static_cast<double>(read_integer(below[i], item_place(c.place("below"), i), 0,
                                           calibration.n_training - 1)) /
          n);
  }
  calibration.validate(c.where());
  return calibration;
}

json thresholds_to_json(const Thresholds& t) {
  return json{{"percentiles", t.percentiles},
              {"moderate", t.moderate},
              {"high", t.high},
              {"critical", t.critical},
              {"ci_low", t.ci_low},
              {"ci_high", t.ci_high},
              {"confidence", t.confidence},
              {"bootstrap_resamples", t.resamples}};
}

namespace {

json subsets_to_json(const std::vector<DetectorSubset>& subsets,
                     const std::vector<DetectorModel>& detectors) {
  json out = json::array();
  for (const auto& s : subsets) {
    json names = json::array();
    for (int32_t k : s.detectors) names.push_back(detectors[static_cast<size_t>(k)].name);
    out.push_back(json{{"inputs", s.inputs},
                       {"detectors", std::move(names)},
                       {"thresholds", thresholds_to_json(s.thresholds)}});
  }
  return out;
}

}  // namespace

json coverage_to_json(const DomainCoverage& c) {
  return json{{"expected_features", c.expected_features},
              {"available_features", c.available_features},
              {"coverage_pct", c.coverage_pct},
              {"status", c.status},
              {"missing_features", c.missing},
              {"active_detectors", c.active_detectors},
              {"inactive_detectors", c.inactive_detectors}};
}

json model_to_json(const EnsembleModel& m, BundleForm form) {
  json j;
  j["format"] = kModelFormat;
  j["format_version"] = form == BundleForm::kPacked2
                            ? format_version_text(kModelFormatMajor, kModelFormatMinor)
                            : format_version_text(1, 2);
  j["feature_spec"] = m.feature_spec;
  j["settings"] = m.settings;
  j["training"] =
      json{{"first_date", m.training.first_date}, {"last_date", m.training.last_date},
           {"input_rows", m.training.input_rows}, {"n_observations", m.training.n_observations},
           {"n_features", m.training.n_features}, {"n_detectors", m.training.n_detectors}};
  json detectors = json::array();
  for (const auto& d : m.detectors) {
    detectors.push_back(json{{"name", d.name},
                             {"domain", d.domain},
                             {"random_subspace", d.random_subspace},
                             {"features", d.features},
                             {"missing_features", d.missing_features},
                             {"forest", d.forest.to_json(form)},
                             {"calibration", calibration_to_json(d.calibration, form)},
                             {"permutation_importance", d.permutation_importance}});
    if (d.direction.active())
      detectors.back()["stress_direction"] = json{{"signs", d.direction.signs},
                                                  {"centers", d.direction.centers},
                                                  {"scales", d.direction.scales},
                                                  {"ramp", d.direction.ramp},
                                                  {"neutral", d.direction.neutral}};
  }
  j["detectors"] = std::move(detectors);
  json inactive = json::array();
  for (const auto& d : m.inactive_detectors)
    inactive.push_back(json{{"name", d.name},
                            {"domain", d.domain},
                            {"note", d.note},
                            {"missing_features", d.missing_features}});
  j["inactive_detectors"] = std::move(inactive);
  json domains = json::array();
  for (const auto& d : m.domains) {
    json names = json::array();
    for (int32_t k : d.detectors) names.push_back(m.detectors[static_cast<size_t>(k)].name);
    domains.push_back(json{{"name", d.name},
                           {"detectors", std::move(names)},
                           {"thresholds", thresholds_to_json(d.thresholds)},
                           {"subsets", subsets_to_json(d.subsets, m.detectors)}});
  }
  j["domains"] = std::move(domains);
  json coverage = json::array();
  for (const auto& c : m.coverage) {
    coverage.push_back(coverage_to_json(c));
    coverage.back()["domain"] = c.domain;
  }
  j["coverage"] = std::move(coverage);
  j["thresholds"] = thresholds_to_json(m.thresholds);
  j["subsets"] = subsets_to_json(m.subsets, m.detectors);
  j["regimes"] = json{{"bounds", m.regimes.bounds}, {"names", m.regimes.names}};
  j["contamination"] = json{{"rates", m.contamination.rates},
                            {"thresholds", nullable(m.contamination.thresholds)},
                            {"realized_rates", nullable(m.contamination.realized_rates)},
                            {"training_days", m.contamination.training_days}};
  j["forward_return_horizon"] = m.forward_return_horizon;
  return j;
}

EnsembleModel model_from_json(const json& document) {
  const JsonFields j(document, "model");
  const int major = check_format_version(j, kModelFormat, kModelFormatMajor, kModelFormatMinor);
  EnsembleModel m;
  m.feature_spec = j.get("feature_spec");
  m.settings = j.get("settings");
  m.training = training_from_json(j.object("training"));
  m.detectors = detectors_from_json(j, major);
  m.inactive_detectors = inactive_from_json(j);
  m.domains = domains_from_json(j, m.detectors);
  m.coverage = coverage_from_json(j);
  m.thresholds = thresholds_from_json(j.object("thresholds"));
  std::vector<int32_t> all(m.detectors.size());
  for (size_t k = 0; k < all.size(); ++k) all[k] = static_cast<int32_t>(k);
  m.subsets = subsets_from_json(j, m.detectors, all);
  const JsonFields regimes = j.object("regimes");
  m.regimes.bounds = regimes.numbers("bounds");
  m.regimes.names = regimes.strings("names");
  m.regimes.validate(regimes.where());
  m.contamination =
      contamination_from_json(j.object("contamination"), static_cast<size_t>(m.regimes.count()));
  m.forward_return_horizon = static_cast<int32_t>(j.integer("forward_return_horizon", 1, 1000));
  return m;
}

}  // namespace vixray
