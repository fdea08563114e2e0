#include "vixray/ensemble/settings.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "vixray/base/error.hpp"
#include "vixray/base/rng.hpp"
#include "vixray/data/json_fields.hpp"
#include "vixray/forest/limits.hpp"

namespace vixray {

using nlohmann::json;

namespace {

std::string lower_ascii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// A context value against a wanted one: market names ("US", "jp") match case-insensitively.
bool value_matches(const std::string& key, const std::string& wanted, const std::string& value) {
  return key == "market" ? lower_ascii(wanted) == lower_ascii(value) : wanted == value;
}

bool override_matches(const JsonFields& match, const SettingsContext& context) {
  for (const auto& [key, wanted] : match.get_object().items()) {
    const auto it = context.find(key);
    if (it == context.end()) return false;
    if (wanted.is_string()) {
      if (!value_matches(key, wanted.get<std::string>(), it->second)) return false;
    } else if (wanted.is_array()) {
      bool any = false;
      for (const auto& w : wanted) {
        if (!w.is_string())
          throw Error(match.place(key) + ": expected strings, got " + json_value_text(w));
        any = any || value_matches(key, w.get<std::string>(), it->second);
      }
      if (!any) return false;
    } else {
      throw Error(match.place(key) + ": expected a string or an array of strings, got " +
                  json_value_text(wanted));
    }
  }
  return true;
}

}  // namespace

SettingsContext default_settings_context() {
  return {{"market", "us"}, {"asset_class", "equity_index"}};
}

namespace {

// The value an entry resolves to for a context (rules in settings.hpp).
const json& resolve_entry(const JsonFields& entry, const SettingsContext& context) {
  const json* chosen = &entry.get("default");
  if (!entry.has("overrides")) return *chosen;
  const json& overrides = entry.array("overrides");
  int64_t best_priority = 0;
  size_t best_keys = 0;
  bool found = false;
  for (size_t i = 0; i < overrides.size(); ++i) {
    const JsonFields o(overrides[i], item_place(entry.place("overrides"), i));
    const JsonFields match = o.object("match");
    const json& value = o.get("value");
    const int64_t priority = o.has("priority") ? o.integer("priority", -1000000, 1000000) : 0;
    if (!override_matches(match, context)) continue;
    const size_t keys = match.get_object().size();
    // Strictly better only: an equal candidate listed later never replaces an earlier one.
    if (!found || priority > best_priority || (priority == best_priority && keys > best_keys)) {
      found = true;
      best_priority = priority;
      best_keys = keys;
      chosen = &value;
    }
  }
  return *chosen;
}

}  // namespace

json resolve_settings(const json& document, const SettingsContext& context) {
  const JsonFields doc(document, "settings");
  check_format_version(doc, kSettingsFormat, 1, 0, Version::kOptional);
  const JsonFields settings = doc.object("settings");
  json resolved = json::object();
  for (const auto& [key, entry] : settings.get_object().items())
    resolved[key] = resolve_entry(JsonFields(entry, settings.place(key)), context);
  return resolved;
}

namespace {

std::set<std::string> read_domains(const JsonFields& r, EnsembleSettings& s) {
  const json& domains = r.array("domains");
  if (domains.empty()) throw Error(r.place("domains") + ": expected a non-empty array");
  std::set<std::string> names;
  for (size_t i = 0; i < domains.size(); ++i) {
    const JsonFields d(domains[i], item_place(r.place("domains"), i));
    DomainSpec domain{d.string("name"), d.has("description") ? d.string("description") : "",
                      d.has("label") ? d.string("label") : d.string("name")};
    if (!names.insert(domain.name).second)
      throw Error(d.where() + ": duplicate domain \"" + domain.name + "\"");
    s.domains.push_back(domain);
  }
  return names;
}

void read_detectors(const JsonFields& r, const std::set<std::string>& domains,
                    EnsembleSettings& s) {
  const json& detectors = r.array("detectors");
  std::set<std::string> names;
  for (size_t i = 0; i < detectors.size(); ++i) {
    const JsonFields d(detectors[i], item_place(r.place("detectors"), i));
    DetectorSpec detector{d.string("name"), d.string("domain"), d.strings("features"),
                          d.has("label") ? d.string("label") : d.string("name")};
    if (!domains.count(detector.domain))
      throw Error(d.place("domain") + ": \"" + detector.domain + "\" is not in settings.domains");
    if (detector.features.empty())
      throw Error(d.place("features") + ": expected at least one feature");
    if (!names.insert(detector.name).second)
      throw Error(d.where() + ": duplicate detector \"" + detector.name + "\"");
    s.detectors.push_back(std::move(detector));
  }
}

void read_random_subspaces(const JsonFields& r, const std::set<std::string>& domains,
                           EnsembleSettings& s) {
  if (!r.has("random_subspaces")) {
    s.random_subspaces.count = 0;
    return;
  }
  const JsonFields rs = r.object("random_subspaces");
  s.random_subspaces.count = static_cast<int32_t>(rs.integer("count", 0, 1000));
  s.random_subspaces.size = static_cast<int32_t>(rs.integer("size", 1, 10000));
  s.random_subspaces.seed = rs.unsigned_integer("seed");
  s.random_subspaces.domain = rs.string("domain");
  if (s.random_subspaces.count > 0 && !domains.count(s.random_subspaces.domain))
    throw Error(rs.place("domain") + ": \"" + s.random_subspaces.domain +
                "\" is not in settings.domains");
}

void read_forest_and_thresholds(const JsonFields& r, EnsembleSettings& s) {
  if (r.has("forest")) {
    const JsonFields f = r.object("forest");
    s.n_trees = static_cast<int32_t>(f.integer("n_trees", 1, kMaxTrees));
    s.sample_size = static_cast<int32_t>(f.integer("sample_size", 2, kMaxSampleSize));
    s.seed = f.unsigned_integer("seed");
  }
  if (r.has("calibration"))
    s.calibration_knots =
        static_cast<int32_t>(r.object("calibration").integer("max_knots", 2, 1 << 20));
  if (r.has("thresholds")) {
    const JsonFields t = r.object("thresholds");
    const auto p = t.numbers("percentiles");
    if (p.size() != 3) throw Error(t.place("percentiles") + ": expected 3 percentiles");
    s.thresholds.percentiles = {p[0], p[1], p[2]};
    s.thresholds.resamples = static_cast<int32_t>(t.integer("bootstrap_resamples", 0, 100000));
    s.thresholds.confidence = t.number("confidence");
    s.thresholds.seed = t.unsigned_integer("seed");
  }
}

void read_regimes(const JsonFields& r, EnsembleSettings& s) {
  if (r.has("regimes")) {
    const JsonFields g = r.object("regimes");
    s.regimes.names = g.strings("names");
    if (g.has("quantiles")) {
      s.regime_quantiles = g.numbers("quantiles");
      for (size_t i = 0; i < s.regime_quantiles.size(); ++i)
        if (!(s.regime_quantiles[i] > 0.0 && s.regime_quantiles[i] < 1.0) ||
            (i > 0 && !(s.regime_quantiles[i] > s.regime_quantiles[i - 1])))
          throw Error(g.place("quantiles") + ": expected strictly increasing values in (0, 1)");
      if (s.regime_quantiles.size() + 1 != s.regimes.names.size())
        throw Error(g.where() + ": expected one more name than quantiles");
      // Stand-in bounds 1, 2, ... keep the settings valid; training replaces them.
      s.regimes.bounds.clear();
      for (size_t i = 0; i < s.regime_quantiles.size(); ++i)
        s.regimes.bounds.push_back(static_cast<double>(i + 1));
    } else {
      s.regimes.bounds = g.numbers("bounds");
    }
    s.regimes.validate(g.where());
  }
  if (r.has("contamination")) {
    s.contamination = r.numbers("contamination");
    for (double v : s.contamination)
      if (!(v >= 0.0 && v < 1.0))
        throw Error(r.place("contamination") + ": expected rates in [0, 1), got " +
                    std::to_string(v));
  }
  if (s.contamination.size() != static_cast<size_t>(s.regimes.count()))
    throw Error(r.place("contamination") + ": expected one rate per regime (" +
                std::to_string(s.regimes.count()) + "), got " +
                std::to_string(s.contamination.size()));
  if (r.has("forward_return_horizon"))
    s.forward_return_horizon = static_cast<int32_t>(r.integer("forward_return_horizon", 1, 1000));
}

void read_coverage_and_importance(const JsonFields& r, EnsembleSettings& s) {
  if (r.has("coverage")) {
    const JsonFields c = r.object("coverage");
    s.coverage_ok_pct = c.number("ok_pct");
    s.coverage_warning_pct = c.number("warning_pct");
    s.min_detector_features = static_cast<int32_t>(c.integer("min_detector_features", 1, 10000));
    if (!(s.coverage_warning_pct <= s.coverage_ok_pct))
      throw Error(c.where() + ": warning_pct must not exceed ok_pct");
  }
  if (r.has("permutation_importance")) {
    const JsonFields p = r.object("permutation_importance");
    s.importance_rows = static_cast<int32_t>(p.integer("rows", 2, 1 << 20));
    s.importance_repeats = static_cast<int32_t>(p.integer("repeats", 1, 1000));
    s.importance_seed = p.unsigned_integer("seed");
  }
}

void read_stress_direction(const JsonFields& r, EnsembleSettings& s) {
  if (!r.has("stress_direction")) return;
  const JsonFields d = r.object("stress_direction");
  s.stress_ramp = d.number("ramp");
  if (!(s.stress_ramp > 0.0))
    throw Error(d.place("ramp") + ": expected a positive number, got " +
                std::to_string(s.stress_ramp));
  if (d.has("neutral")) {
    s.stress_neutral = d.number("neutral");
    if (!(s.stress_neutral >= 0.0 && s.stress_neutral <= 1.0))
      throw Error(d.place("neutral") + ": expected a number in [0, 1], got " +
                  std::to_string(s.stress_neutral));
  }
  const JsonFields signs = d.object("signs");
  for (const auto& [feature, sign] : signs.get_object().items())
    s.stress_signs[feature] = static_cast<double>(read_integer(sign, signs.place(feature), -1, 1));
  if (d.has("thresholds")) {
    const std::string t = d.string("thresholds");
    if (t != "anomaly" && t != "directional")
      throw Error(d.place("thresholds") + ": expected \"anomaly\" or \"directional\", got \"" + t +
                  "\"");
    s.stress_thresholds_directional = t == "directional";
  }
  s.stress_direction = true;
}

}  // namespace

EnsembleSettings EnsembleSettings::from_resolved(const json& resolved) {
  EnsembleSettings s;
  s.resolved = resolved;
  const JsonFields r(resolved, "settings");
  const std::set<std::string> domains = read_domains(r, s);
  read_detectors(r, domains, s);
  read_random_subspaces(r, domains, s);
  read_forest_and_thresholds(r, s);
  read_regimes(r, s);
  read_coverage_and_importance(r, s);
  read_stress_direction(r, s);
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
    d.label = spec.label;
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
      d.label = "Random subspace " + std::to_string(k + 1);
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
