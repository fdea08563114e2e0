#include "vixray/data/data_source.hpp"

namespace vixray {

namespace {

std::string base_name(const std::string& path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return out;
}

}  // namespace

nlohmann::json DataSource::to_json() const {
  nlohmann::json j{{"kind", kind},
                   {"simulated", simulated()},
                   {"files", files},
                   {"last_date", last_date},
                   {"description", description}};
  if (simulated()) j["seed"] = seed;
  return j;
}

DataSource data_source_of(const nlohmann::json& source, const std::string& last_date) {
  DataSource d;
  d.last_date = last_date;
  const std::string kind = source.is_object() ? source.value("kind", "") : "";
  const std::string through = last_date.empty() ? "" : ", last day " + last_date;
  if (kind == "simulated") {
    d.kind = kind;
    const auto seed = source.find("seed");
    if (seed != source.end() &&
        (seed->is_number_unsigned() || (seed->is_number_integer() && seed->get<int64_t>() >= 0)))
      d.seed = seed->get<uint64_t>();
    d.description = "Simulated market, seed " + std::to_string(d.seed) + " — not real prices";
    return d;
  }
  if (kind == "files" || kind == "reader_files") {
    d.kind = kind;
    const auto files = source.find("files");
    if (files != source.end() && files->is_object()) {
      for (const auto& file : *files)  // in series-name order (spx, vix, vix3m, ...)
        if (file.is_object() && file.contains("path") && file["path"].is_string())
          d.files.push_back(base_name(file["path"].get<std::string>()));
    } else if (files != source.end() && files->is_array()) {
      for (const auto& name : *files)
        if (name.is_string()) d.files.push_back(base_name(name.get<std::string>()));
    }
    d.description = (kind == "files" ? "Prices from " : "Your files: ") + listed(d.files) + through;
    return d;
  }
  d.kind = "unknown";
  d.description = "Source of the prices not recorded" + through;
  return d;
}

}  // namespace vixray
