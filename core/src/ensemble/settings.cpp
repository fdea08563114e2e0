#include "vixray/ensemble/settings.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "vixray/base/error.hpp"
#include "vixray/base/rng.hpp"

namespace vixray {

using nlohmann::json;

namespace {

bool override_matches(const json& match, const SettingsContext& context, const std::string& where) {
  if (!match.is_object()) throw Error(where + ".match: expected an object, got " + match.dump());
  for (const auto& [key, wanted] : match.items()) {
    const auto it = context.find(key);
    if (it == context.end()) return false;
    if (wanted.is_string()) {
      if (wanted.get<std::string>() != it->second) return false;
    } else if (wanted.is_array()) {
      bool any = false;
      for (const auto& w : wanted) {
        if (!w.is_string())
          throw Error(where + ".match." + key + ": expected strings, got " + w.dump());
        any = any || w.get<std::string>() == it->second;
      }
      if (!any) return false;
    } else {
      throw Error(where + ".match." + key + ": expected a string or an array of strings, got " +
                  wanted.dump());
    }
  }
  return true;
}

const json& member(const json& j, const char* key, const std::string& where) {
  const auto it = j.find(key);
  if (it == j.end()) throw Error(where + ": missing \"" + key + "\"");
  return *it;
}

double number_of(const json& j, const char* key, const std::string& where) {
  const json& v = member(j, key, where);
  if (!v.is_number() || !std::isfinite(v.get<double>()))
    throw Error(where + "." + key + ": expected a number, got " + v.dump());
  return v.get<double>();
}

int64_t integer_of(const json& j, const char* key, const std::string& where, int64_t lo,
                   int64_t hi) {
  const json& v = member(j, key, where);
  if (!v.is_number_integer() || v.get<int64_t>() < lo || v.get<int64_t>() > hi)
    throw Error(where + "." + key + ": expected an integer in [" + std::to_string(lo) + ", " +
                std::to_string(hi) + "], got " + v.dump());
  return v.get<int64_t>();
}

uint64_t seed_of(const json& j, const char* key, const std::string& where) {
  const json& v = member(j, key, where);
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0))
    throw Error(where + "." + key + ": expected a non-negative integer, got " + v.dump());
  return v.get<uint64_t>();
}

std::string string_of(const json& j, const char* key, const std::string& where) {
  const json& v = member(j, key, where);
  if (!v.is_string()) throw Error(where + "." + key + ": expected a string, got " + v.dump());
  return v.get<std::string>();
}

std::vector<double> numbers_of(const json& v, const std::string& where) {
  if (!v.is_array()) throw Error(where + ": expected an array of numbers, got " + v.dump());
  std::vector<double> out;
  for (const auto& x : v) {
    if (!x.is_number()) throw Error(where + ": expected numbers, got " + x.dump());
    out.push_back(x.get<double>());
  }
  return out;
}

std::vector<std::string> strings_of(const json& v, const std::string& where) {
  if (!v.is_array()) throw Error(where + ": expected an array of strings, got " + v.dump());
  std::vector<std::string> out;
  for (const auto& x : v) {
    if (!x.is_string()) throw Error(where + ": expected strings, got " + x.dump());
    out.push_back(x.get<std::string>());
  }
  return out;
}

}  // namespace

SettingsContext default_settings_context() {
  return {{"market", "us"}, {"asset_class", "equity_index"}};
}

json resolve_settings(const json& document, const SettingsContext& context) {
  if (!document.is_object()) throw Error("settings: expected a JSON object");
  const auto format = document.find("format");
  if (format == document.end() || *format != "vixray-settings")
    throw Error("settings.format: expected \"vixray-settings\"");
  const json& settings = member(document, "settings", "settings");
  if (!settings.is_object()) throw Error("settings.settings: expected an object");
  json resolved = json::object();
  for (const auto& [key, entry] : settings.items()) {
    const std::string where = "settings." + key;
    if (!entry.is_object() || !entry.contains("default"))
      throw Error(where + ": expected an object with a \"default\" value");
    const json* chosen = &entry["default"];
    const auto overrides = entry.find("overrides");
    if (overrides != entry.end()) {
      if (!overrides->is_array()) throw Error(where + ".overrides: expected an array");
      int64_t best_priority = 0;
      size_t best_keys = 0;
      bool found = false;
      for (size_t i = 0; i < overrides->size(); ++i) {
        const json& o = (*overrides)[i];
        const std::string ow = where + ".overrides[" + std::to_string(i) + "]";
        if (!o.is_object()) throw Error(ow + ": expected an object");
        const json& match = member(o, "match", ow);
        if (!o.contains("value")) throw Error(ow + ": missing \"value\"");
        const int64_t priority =
            o.contains("priority") ? integer_of(o, "priority", ow, -1000000, 1000000) : 0;
        if (!override_matches(match, context, ow)) continue;
        const size_t keys = match.size();
        // Strictly better only: an equal candidate listed later never replaces an earlier one.
        if (!found || priority > best_priority || (priority == best_priority && keys > best_keys)) {
          found = true;
          best_priority = priority;
          best_keys = keys;
          chosen = &o["value"];
        }
      }
    }
    resolved[key] = *chosen;
  }
  return resolved;
}

EnsembleSettings EnsembleSettings::from_resolved(const json& r) {
  EnsembleSettings s;
  s.resolved = r;
  const std::string w = "settings";
  const json& domains = member(r, "domains", w);
  if (!domains.is_array() || domains.empty())
    throw Error("settings.domains: expected a non-empty array");
  std::set<std::string> domain_names;
  for (size_t i = 0; i < domains.size(); ++i) {
    const std::string dw = "settings.domains[" + std::to_string(i) + "]";
    DomainSpec d{string_of(domains[i], "name", dw), domains[i].value("description", std::string())};
    if (!domain_names.insert(d.name).second)
      throw Error(dw + ": duplicate domain \"" + d.name + "\"");
    s.domains.push_back(d);
  }
  const json& detectors = member(r, "detectors", w);
  if (!detectors.is_array()) throw Error("settings.detectors: expected an array");
  std::set<std::string> detector_names;
  for (size_t i = 0; i < detectors.size(); ++i) {
    const std::string dw = "settings.detectors[" + std::to_string(i) + "]";
    DetectorSpec d{string_of(detectors[i], "name", dw), string_of(detectors[i], "domain", dw),
                   strings_of(member(detectors[i], "features", dw), dw + ".features")};
    if (!domain_names.count(d.domain))
      throw Error(dw + ".domain: \"" + d.domain + "\" is not in settings.domains");
    if (d.features.empty()) throw Error(dw + ".features: expected at least one feature");
    if (!detector_names.insert(d.name).second)
      throw Error(dw + ": duplicate detector \"" + d.name + "\"");
    s.detectors.push_back(std::move(d));
  }
  if (r.contains("random_subspaces")) {
    const json& rs = r["random_subspaces"];
    const std::string rw = "settings.random_subspaces";
    s.random_subspaces.count = static_cast<int32_t>(integer_of(rs, "count", rw, 0, 1000));
    s.random_subspaces.size = static_cast<int32_t>(integer_of(rs, "size", rw, 1, 10000));
    s.random_subspaces.seed = seed_of(rs, "seed", rw);
    s.random_subspaces.domain = string_of(rs, "domain", rw);
    if (s.random_subspaces.count > 0 && !domain_names.count(s.random_subspaces.domain))
      throw Error(rw + ".domain: \"" + s.random_subspaces.domain + "\" is not in settings.domains");
  } else {
    s.random_subspaces.count = 0;
  }
  if (r.contains("forest")) {
    const json& f = r["forest"];
    s.n_trees = static_cast<int32_t>(integer_of(f, "n_trees", "settings.forest", 1, 10000));
    s.sample_size =
        static_cast<int32_t>(integer_of(f, "sample_size", "settings.forest", 2, 1 << 20));
    s.seed = seed_of(f, "seed", "settings.forest");
  }
  if (r.contains("calibration"))
    s.calibration_knots = static_cast<int32_t>(
        integer_of(r["calibration"], "max_knots", "settings.calibration", 2, 1 << 20));
  if (r.contains("thresholds")) {
    const json& t = r["thresholds"];
    const auto p = numbers_of(member(t, "percentiles", "settings.thresholds"),
                              "settings.thresholds.percentiles");
    if (p.size() != 3) throw Error("settings.thresholds.percentiles: expected 3 percentiles");
    s.thresholds.percentiles = {p[0], p[1], p[2]};
    s.thresholds.resamples = static_cast<int32_t>(
        integer_of(t, "bootstrap_resamples", "settings.thresholds", 0, 100000));
    s.thresholds.confidence = number_of(t, "confidence", "settings.thresholds");
    s.thresholds.seed = seed_of(t, "seed", "settings.thresholds");
  }
  if (r.contains("regimes")) {
    const json& g = r["regimes"];
    s.regimes.names = strings_of(member(g, "names", "settings.regimes"), "settings.regimes.names");
    if (g.contains("quantiles")) {
      s.regime_quantiles = numbers_of(g["quantiles"], "settings.regimes.quantiles");
      for (size_t i = 0; i < s.regime_quantiles.size(); ++i)
        if (!(s.regime_quantiles[i] > 0.0 && s.regime_quantiles[i] < 1.0) ||
            (i > 0 && !(s.regime_quantiles[i] > s.regime_quantiles[i - 1])))
          throw Error("settings.regimes.quantiles: expected strictly increasing values in (0, 1)");
      if (s.regime_quantiles.size() + 1 != s.regimes.names.size())
        throw Error("settings.regimes: expected one more name than quantiles");
      // Stand-in bounds 1, 2, ... keep the settings valid; training replaces them.
      s.regimes.bounds.clear();
      for (size_t i = 0; i < s.regime_quantiles.size(); ++i)
        s.regimes.bounds.push_back(static_cast<double>(i + 1));
    } else {
      s.regimes.bounds =
          numbers_of(member(g, "bounds", "settings.regimes"), "settings.regimes.bounds");
    }
    s.regimes.validate("settings.regimes");
  }
  if (r.contains("contamination")) {
    s.contamination = numbers_of(r["contamination"], "settings.contamination");
    for (double v : s.contamination)
      if (!(v >= 0.0 && v < 1.0))
        throw Error("settings.contamination: expected rates in [0, 1), got " + std::to_string(v));
  }
  if (s.contamination.size() != static_cast<size_t>(s.regimes.count()))
    throw Error("settings.contamination: expected one rate per regime (" +
                std::to_string(s.regimes.count()) + "), got " +
                std::to_string(s.contamination.size()));
  if (r.contains("forward_return_horizon")) {
    const json& h = r["forward_return_horizon"];
    if (!h.is_number_integer() || h.get<int64_t>() < 1 || h.get<int64_t>() > 1000)
      throw Error("settings.forward_return_horizon: expected an integer in [1, 1000], got " +
                  h.dump());
    s.forward_return_horizon = static_cast<int32_t>(h.get<int64_t>());
  }
  if (r.contains("coverage")) {
    const json& c = r["coverage"];
    s.coverage_ok_pct = number_of(c, "ok_pct", "settings.coverage");
    s.coverage_warning_pct = number_of(c, "warning_pct", "settings.coverage");
    s.min_detector_features =
        static_cast<int32_t>(integer_of(c, "min_detector_features", "settings.coverage", 1, 10000));
    if (!(s.coverage_warning_pct <= s.coverage_ok_pct))
      throw Error("settings.coverage: warning_pct must not exceed ok_pct");
  }
  if (r.contains("permutation_importance")) {
    const json& p = r["permutation_importance"];
    const std::string pw = "settings.permutation_importance";
    s.importance_rows = static_cast<int32_t>(integer_of(p, "rows", pw, 2, 1 << 20));
    s.importance_repeats = static_cast<int32_t>(integer_of(p, "repeats", pw, 1, 1000));
    s.importance_seed = seed_of(p, "seed", pw);
  }
  if (r.contains("stress_direction")) {
    const json& d = r["stress_direction"];
    const std::string dw = "settings.stress_direction";
    s.stress_ramp = number_of(d, "ramp", dw);
    if (!(s.stress_ramp > 0.0 && std::isfinite(s.stress_ramp)))
      throw Error(dw + ".ramp: expected a positive number, got " + std::to_string(s.stress_ramp));
    if (d.contains("neutral")) {
      s.stress_neutral = number_of(d, "neutral", dw);
      if (!(s.stress_neutral >= 0.0 && s.stress_neutral <= 1.0))
        throw Error(dw + ".neutral: expected a number in [0, 1], got " +
                    std::to_string(s.stress_neutral));
    }
    const json& signs = member(d, "signs", dw);
    if (!signs.is_object()) throw Error(dw + ".signs: expected an object {feature: -1|0|1}");
    for (auto it = signs.begin(); it != signs.end(); ++it) {
      if (!it->is_number_integer() || it->get<int64_t>() < -1 || it->get<int64_t>() > 1)
        throw Error(dw + ".signs." + it.key() + ": expected -1, 0 or 1, got " + it->dump());
      s.stress_signs[it.key()] = static_cast<double>(it->get<int64_t>());
    }
    if (d.contains("thresholds")) {
      const std::string t = string_of(d, "thresholds", dw);
      if (t != "anomaly" && t != "directional")
        throw Error(dw + ".thresholds: expected \"anomaly\" or \"directional\", got \"" + t + "\"");
      s.stress_thresholds_directional = t == "directional";
    }
    s.stress_direction = true;
  }
  return s;
}

EnsembleSettings load_settings(std::string_view text, const SettingsContext& context) {
  const json document = json::parse(text.begin(), text.end(), nullptr, false);
  if (document.is_discarded())
    throw Error("settings: the text is not valid JSON (" + std::to_string(text.size()) + " bytes)");
  return EnsembleSettings::from_resolved(resolve_settings(document, context));
}

EnsembleSettings default_settings() {
  return load_settings(default_catalogue_text(), default_settings_context());
}

const char* coverage_status(double pct, const EnsembleSettings& s) {
  if (pct >= s.coverage_ok_pct) return "OK";
  if (pct >= s.coverage_warning_pct) return "WARNING";
  return "CRITICAL";
}

std::vector<ResolvedDetector> resolve_detectors(const EnsembleSettings& settings,
                                                const std::vector<std::string>& available) {
  const std::set<std::string> present(available.begin(), available.end());
  std::vector<ResolvedDetector> out;
  for (const auto& spec : settings.detectors) {
    ResolvedDetector d;
    d.name = spec.name;
    d.domain = spec.domain;
    d.expected = spec.features;
    for (const auto& f : spec.features) (present.count(f) ? d.features : d.missing).push_back(f);
    d.active = static_cast<int32_t>(d.features.size()) >= settings.min_detector_features;
    if (!d.active)
      d.note = "only " + std::to_string(d.features.size()) + " of " +
               std::to_string(spec.features.size()) + " features available (needs " +
               std::to_string(settings.min_detector_features) + ")";
    out.push_back(std::move(d));
  }
  const auto& rs = settings.random_subspaces;
  if (rs.count > 0) {
    std::vector<std::string> pool(present.begin(), present.end());  // sorted by name
    Rng rng(rs.seed);
    for (int32_t k = 0; k < rs.count; ++k) {
      ResolvedDetector d;
      d.name = "random_subspace_" + std::to_string(k + 1);
      d.domain = rs.domain;
      d.random_subspace = true;
      std::vector<std::string> draw = pool;
      const auto take = std::min<size_t>(static_cast<size_t>(rs.size), draw.size());
      for (size_t i = 0; i < take; ++i) {
        const size_t j = i + static_cast<size_t>(rng.below(static_cast<uint64_t>(draw.size() - i)));
        std::swap(draw[i], draw[j]);
      }
      draw.resize(take);
      d.expected = draw;
      d.features = draw;
      d.active = static_cast<int32_t>(d.features.size()) >= settings.min_detector_features;
      if (!d.active) d.note = "too few features available to draw from";
      out.push_back(std::move(d));
    }
  }
  return out;
}

std::vector<DomainCoverage> domain_coverage(const EnsembleSettings& settings,
                                            const std::vector<ResolvedDetector>& detectors) {
  std::vector<DomainCoverage> out;
  for (const auto& domain : settings.domains) {
    DomainCoverage c;
    c.domain = domain.name;
    std::set<std::string> expected, missing;
    for (const auto& d : detectors) {
      if (d.domain != domain.name) continue;
      (d.active ? c.active_detectors : c.inactive_detectors) += 1;
      expected.insert(d.expected.begin(), d.expected.end());
      missing.insert(d.missing.begin(), d.missing.end());
    }
    c.expected_features = static_cast<int32_t>(expected.size());
    c.available_features = static_cast<int32_t>(expected.size() - missing.size());
    c.coverage_pct = expected.empty() ? 100.0
                                      : 100.0 * static_cast<double>(c.available_features) /
                                            static_cast<double>(c.expected_features);
    c.status = coverage_status(c.coverage_pct, settings);
    c.missing.assign(missing.begin(), missing.end());
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace vixray
