#include "vixray/ensemble/model_io.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>

#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/stress_direction.hpp"
#include "vixray/ensemble/thresholds.hpp"

namespace vixray {

using nlohmann::json;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

json nullable(const std::vector<double>& v) {
  json out = json::array();
  for (double x : v) out.push_back(std::isfinite(x) ? json(x) : json(nullptr));
  return out;
}

const json& get(const json& j, const char* key, const std::string& where) {
  if (!j.is_object()) throw Error(where + ": expected an object");
  const auto it = j.find(key);
  if (it == j.end()) throw Error(where + ": missing field \"" + key + "\"");
  return *it;
}

std::string str(const json& j, const char* key, const std::string& where) {
  const json& v = get(j, key, where);
  if (!v.is_string()) throw Error(where + "." + key + ": expected a string, got " + v.dump());
  return v.get<std::string>();
}

double num(const json& j, const char* key, const std::string& where) {
  const json& v = get(j, key, where);
  if (!v.is_number() || !std::isfinite(v.get<double>()))
    throw Error(where + "." + key + ": expected a finite number, got " + v.dump());
  return v.get<double>();
}

int64_t integer(const json& j, const char* key, const std::string& where, int64_t lo, int64_t hi) {
  const json& v = get(j, key, where);
  if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi)
    throw Error(where + "." + key + ": expected an integer in [" + std::to_string(lo) + ", " +
                std::to_string(hi) + "], got " + v.dump());
  return v.get<int64_t>();
}

std::vector<std::string> strings(const json& j, const char* key, const std::string& where) {
  const json& v = get(j, key, where);
  if (!v.is_array()) throw Error(where + "." + key + ": expected an array of strings");
  std::vector<std::string> out;
  for (const auto& x : v) {
    if (!x.is_string()) throw Error(where + "." + key + ": expected strings, got " + x.dump());
    out.push_back(x.get<std::string>());
  }
  return out;
}

// Numbers; null reads as NaN only when allowed.
std::vector<double> doubles(const json& j, const char* key, const std::string& where,
                            bool null_is_nan = false) {
  const json& v = get(j, key, where);
  if (!v.is_array()) throw Error(where + "." + key + ": expected an array of numbers");
  std::vector<double> out;
  for (const auto& x : v) {
    if (null_is_nan && x.is_null()) {
      out.push_back(kNaN);
    } else if (x.is_number() && std::isfinite(x.get<double>())) {
      out.push_back(x.get<double>());
    } else {
      throw Error(where + "." + key + ": expected finite numbers, got " + x.dump());
    }
  }
  return out;
}

std::array<double, 3> triple(const json& j, const char* key, const std::string& where) {
  const auto v = doubles(j, key, where);
  if (v.size() != 3)
    throw Error(where + "." + key + ": expected 3 numbers, got " + std::to_string(v.size()));
  return {v[0], v[1], v[2]};
}

Thresholds thresholds_from_json(const json& j, const std::string& where) {
  Thresholds t;
  t.percentiles = triple(j, "percentiles", where);
  t.moderate = num(j, "moderate", where);
  t.high = num(j, "high", where);
  t.critical = num(j, "critical", where);
  t.ci_low = triple(j, "ci_low", where);
  t.ci_high = triple(j, "ci_high", where);
  t.confidence = num(j, "confidence", where);
  t.resamples = static_cast<int32_t>(integer(j, "bootstrap_resamples", where, 0, 1000000));
  t.validate(where);
  return t;
}

}  // namespace

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

json model_to_json(const EnsembleModel& m) {
  json j;
  j["format"] = kModelFormat;
  j["format_version"] = std::to_string(kModelFormatMajor) + "." + std::to_string(kModelFormatMinor);
  j["feature_spec"] = m.feature_spec;
  j["settings"] = m.settings;
  j["training"] =
      json{{"first_date", m.training.first_date}, {"last_date", m.training.last_date},
           {"input_rows", m.training.input_rows}, {"n_observations", m.training.n_observations},
           {"n_features", m.training.n_features}, {"n_detectors", m.training.n_detectors}};
  json detectors = json::array();
  for (const auto& d : m.detectors) {
    std::vector<int64_t> below;
    for (double s : d.calibration.shares)
      below.push_back(
          static_cast<int64_t>(std::llround(s * static_cast<double>(d.calibration.n_training))));
    detectors.push_back(json{{"name", d.name},
                             {"domain", d.domain},
                             {"random_subspace", d.random_subspace},
                             {"features", d.features},
                             {"missing_features", d.missing_features},
                             {"forest", d.forest.to_json()},
                             {"calibration", json{{"n_training", d.calibration.n_training},
                                                  {"knots", d.calibration.knots},
                                                  {"below", below}}},
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
                           {"thresholds", thresholds_to_json(d.thresholds)}});
  }
  j["domains"] = std::move(domains);
  json coverage = json::array();
  for (const auto& c : m.coverage)
    coverage.push_back(json{{"domain", c.domain},
                            {"expected_features", c.expected_features},
                            {"available_features", c.available_features},
                            {"coverage_pct", c.coverage_pct},
                            {"status", c.status},
                            {"missing", c.missing},
                            {"active_detectors", c.active_detectors},
                            {"inactive_detectors", c.inactive_detectors}});
  j["coverage"] = std::move(coverage);
  j["thresholds"] = thresholds_to_json(m.thresholds);
  j["regimes"] = json{{"bounds", m.regimes.bounds}, {"names", m.regimes.names}};
  j["contamination"] = json{{"rates", m.contamination.rates},
                            {"thresholds", nullable(m.contamination.thresholds)},
                            {"realized_rates", nullable(m.contamination.realized_rates)},
                            {"training_days", m.contamination.training_days}};
  j["forward_return_horizon"] = m.forward_return_horizon;
  return j;
}

EnsembleModel model_from_json(const json& j) {
  const std::string w = "model";
  if (!j.is_object())
    throw Error("model: expected a JSON object, got " + std::string(j.type_name()));
  const std::string format = str(j, "format", w);
  if (format != kModelFormat)
    throw Error(std::string("model.format: expected \"") + kModelFormat + "\", got \"" + format +
                "\"");
  const std::string version = str(j, "format_version", w);
  char* end = nullptr;
  const long major = std::strtol(version.c_str(), &end, 10);
  if (end == version.c_str() || *end != '.')
    throw Error("model.format_version: expected \"MAJOR.MINOR\", got \"" + version + "\"");
  if (major > kModelFormatMajor)
    throw Error("model.format_version: the model is format " + version +
                ", newer than this build supports (" + std::to_string(kModelFormatMajor) + "." +
                std::to_string(kModelFormatMinor) + "); upgrade vixray");
  EnsembleModel m;
  m.feature_spec = get(j, "feature_spec", w);
  m.settings = get(j, "settings", w);
  const json& t = get(j, "training", w);
  m.training.first_date = str(t, "first_date", "model.training");
  m.training.last_date = str(t, "last_date", "model.training");
  m.training.input_rows = integer(t, "input_rows", "model.training", 0, int64_t{1} << 40);
  m.training.n_observations = integer(t, "n_observations", "model.training", 0, int64_t{1} << 40);
  m.training.n_features = integer(t, "n_features", "model.training", 0, int64_t{1} << 40);
  m.training.n_detectors =
      static_cast<int32_t>(integer(t, "n_detectors", "model.training", 0, 100000));

  const json& detectors = get(j, "detectors", w);
  if (!detectors.is_array() || detectors.empty())
    throw Error("model.detectors: expected a non-empty array");
  std::map<std::string, int32_t> detector_index;
  for (size_t k = 0; k < detectors.size(); ++k) {
    const std::string dw = "model.detectors[" + std::to_string(k) + "]";
    const json& dj = detectors[k];
    DetectorModel d;
    d.name = str(dj, "name", dw);
    d.domain = str(dj, "domain", dw);
    const json& rs = get(dj, "random_subspace", dw);
    if (!rs.is_boolean()) throw Error(dw + ".random_subspace: expected true or false");
    d.random_subspace = rs.get<bool>();
    d.features = strings(dj, "features", dw);
    d.missing_features = strings(dj, "missing_features", dw);
    try {
      d.forest = IsolationForest::from_json(get(dj, "forest", dw));
    } catch (const Error& e) {
      throw Error(dw + "." + e.what());
    }
    if (static_cast<size_t>(d.forest.n_features()) != d.features.size())
      throw Error(dw + ".forest: reads " + std::to_string(d.forest.n_features()) +
                  " features, the detector lists " + std::to_string(d.features.size()));
    const json& cj = get(dj, "calibration", dw);
    const std::string cw = dw + ".calibration";
    d.calibration.n_training = integer(cj, "n_training", cw, 1, int64_t{1} << 40);
    d.calibration.knots = doubles(cj, "knots", cw);
    const json& below = get(cj, "below", cw);
    if (!below.is_array()) throw Error(cw + ".below: expected an array of counts");
    for (const auto& b : below) {
      if (!b.is_number_integer() || b.get<int64_t>() < 0 ||
          b.get<int64_t>() >= d.calibration.n_training)
        throw Error(cw + ".below: expected counts in [0, n_training), got " + b.dump());
      d.calibration.shares.push_back(static_cast<double>(b.get<int64_t>()) /
                                     static_cast<double>(d.calibration.n_training));
    }
    d.calibration.validate(cw);
    d.permutation_importance = doubles(dj, "permutation_importance", dw);
    if (d.permutation_importance.size() != d.features.size())
      throw Error(dw + ".permutation_importance: expected one value per feature");
    // Optional (absent: a two-sided detector, as in models trained without it).
    const size_t n_features = d.features.size();
    d.direction =
        StressDirection{std::vector<double>(n_features, 0.0), std::vector<double>(n_features, 0.0),
                        std::vector<double>(n_features, 1.0), 1.0, 0.0};
    if (dj.contains("stress_direction")) {
      const json& sj = dj["stress_direction"];
      const std::string sw = dw + ".stress_direction";
      d.direction.signs = doubles(sj, "signs", sw);
      d.direction.centers = doubles(sj, "centers", sw);
      d.direction.scales = doubles(sj, "scales", sw);
      d.direction.ramp = num(sj, "ramp", sw);
      d.direction.neutral = sj.contains("neutral") ? num(sj, "neutral", sw) : 0.0;
      d.direction.validate(sw, n_features);
    }
    if (!detector_index.emplace(d.name, static_cast<int32_t>(k)).second)
      throw Error(dw + ".name: duplicate detector \"" + d.name + "\"");
    m.detectors.push_back(std::move(d));
  }
  const json& inactive = get(j, "inactive_detectors", w);
  if (!inactive.is_array()) throw Error("model.inactive_detectors: expected an array");
  for (size_t k = 0; k < inactive.size(); ++k) {
    const std::string iw = "model.inactive_detectors[" + std::to_string(k) + "]";
    m.inactive_detectors.push_back({str(inactive[k], "name", iw), str(inactive[k], "domain", iw),
                                    str(inactive[k], "note", iw),
                                    strings(inactive[k], "missing_features", iw)});
  }
  const json& domains = get(j, "domains", w);
  if (!domains.is_array()) throw Error("model.domains: expected an array");
  for (size_t k = 0; k < domains.size(); ++k) {
    const std::string dw = "model.domains[" + std::to_string(k) + "]";
    DomainModel d;
    d.name = str(domains[k], "name", dw);
    for (const auto& name : strings(domains[k], "detectors", dw)) {
      const auto it = detector_index.find(name);
      if (it == detector_index.end())
        throw Error(dw + ".detectors: \"" + name + "\" is not a detector of the model");
      d.detectors.push_back(it->second);
    }
    if (d.detectors.empty()) throw Error(dw + ".detectors: expected at least one detector");
    d.thresholds = thresholds_from_json(get(domains[k], "thresholds", dw), dw + ".thresholds");
    m.domains.push_back(std::move(d));
  }
  const json& coverage = get(j, "coverage", w);
  if (!coverage.is_array()) throw Error("model.coverage: expected an array");
  for (size_t k = 0; k < coverage.size(); ++k) {
    const std::string cw = "model.coverage[" + std::to_string(k) + "]";
    DomainCoverage c;
    c.domain = str(coverage[k], "domain", cw);
    c.expected_features =
        static_cast<int32_t>(integer(coverage[k], "expected_features", cw, 0, 1 << 30));
    c.available_features =
        static_cast<int32_t>(integer(coverage[k], "available_features", cw, 0, 1 << 30));
    c.coverage_pct = num(coverage[k], "coverage_pct", cw);
    c.status = str(coverage[k], "status", cw);
    c.missing = strings(coverage[k], "missing", cw);
    c.active_detectors =
        static_cast<int32_t>(integer(coverage[k], "active_detectors", cw, 0, 1 << 30));
    c.inactive_detectors =
        static_cast<int32_t>(integer(coverage[k], "inactive_detectors", cw, 0, 1 << 30));
    m.coverage.push_back(std::move(c));
  }
  m.thresholds = thresholds_from_json(get(j, "thresholds", w), "model.thresholds");
  const json& regimes = get(j, "regimes", w);
  m.regimes.bounds = doubles(regimes, "bounds", "model.regimes");
  m.regimes.names = strings(regimes, "names", "model.regimes");
  m.regimes.validate("model.regimes");
  const json& c = get(j, "contamination", w);
  m.contamination.rates = doubles(c, "rates", "model.contamination");
  m.contamination.thresholds = doubles(c, "thresholds", "model.contamination", true);
  m.contamination.realized_rates = doubles(c, "realized_rates", "model.contamination", true);
  const json& days = get(c, "training_days", "model.contamination");
  if (!days.is_array()) throw Error("model.contamination.training_days: expected an array");
  for (const auto& v : days) {
    if (!v.is_number_integer() || v.get<int64_t>() < 0)
      throw Error("model.contamination.training_days: expected counts, got " + v.dump());
    m.contamination.training_days.push_back(v.get<int64_t>());
  }
  const auto k_regimes = static_cast<size_t>(m.regimes.count());
  if (m.contamination.rates.size() != k_regimes || m.contamination.thresholds.size() != k_regimes ||
      m.contamination.realized_rates.size() != k_regimes ||
      m.contamination.training_days.size() != k_regimes)
    throw Error("model.contamination: expected one entry per regime (" + std::to_string(k_regimes) +
                ") in rates, thresholds, realized_rates and training_days");
  m.forward_return_horizon = static_cast<int32_t>(integer(j, "forward_return_horizon", w, 1, 1000));
  return m;
}

EnsembleModel load_model(std::string_view text) {
  json j = parse_json_fast(text);
  if (j.is_discarded())
    throw Error("model: the bundle text is not valid JSON (corrupt or truncated, " +
                std::to_string(text.size()) + " bytes)");
  EnsembleModel model = model_from_json(j);
  release_json(j);
  return model;
}

std::string canonical_content(const json& document) {
  if (!document.is_object()) return document.dump();
  json copy = document;
  copy.erase("content_sha256");
  return copy.dump();
}

}  // namespace vixray
