#include "vixray/analysis/analysis_state.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

#include "vixray/base/build_id.hpp"
#include "vixray/base/error.hpp"

// Layout of format version 2 (every integer and double little-endian; a string is its u32 byte
// length then its bytes):
//   "VXSTATE\n" (8 bytes), u32 version = 2, string build id, string source (JSON text),
//   u32 detectors d, d strings (names), u64 days n, u64 frame digest,
//   n i32 dates, n f64 VIX closes, n f64 S&P 500 closes, n*d f64 detector scores (day-major),
//   the carry (before day n - 1): u32 recursive features r, then per feature its name (string),
//   u32 smoothings m (1 to 3) and m times (u64 run, f64 sum, f64 state),
//   u64 checksum: analysis_state_checksum of every byte before it.
// Version 1 (no carry) is refused: a page recomputes and keeps a version 2 state.

namespace vixray {

namespace {

constexpr char kMagic[8] = {'V', 'X', 'S', 'T', 'A', 'T', 'E', '\n'};
constexpr uint64_t kFnvBasis = 14695981039346656037ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;
// More days or detectors than any market holds: a length field past these is damage.
constexpr uint64_t kMaxDays = 1u << 22;
constexpr uint32_t kMaxDetectors = 1u << 12;
constexpr uint32_t kMaxCarried = 1u << 12;  // recursive features
constexpr uint32_t kMaxSmoothings = 3;      // per feature (macd_hist)

// FNV-1a's step over 8-byte little-endian words (then the bytes left): the digest of ~1.3 MB
// costs a millisecond, not eight.
uint64_t fnv(uint64_t h, const void* data, size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    h = (h ^ word) * kFnvPrime;
  }
  for (; i < size; ++i) h = (h ^ p[i]) * kFnvPrime;
  return h;
}

template <typename T>
uint64_t fnv_value(uint64_t h, T value) {
  unsigned char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));  // the core's targets are little-endian
  return fnv(h, bytes, sizeof(T));
}

class Writer {
 public:
  template <typename T>
  void put(T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out_.append(bytes, sizeof(T));
  }
  void put_string(const std::string& s) {
    put(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  template <typename T>
  void put_array(const std::vector<T>& values) {
    if (!values.empty())
      out_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  std::string finish() {
    put(analysis_state_checksum(out_));
    return std::move(out_);
  }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  T get(const char* field) {
    need(sizeof(T), field);
    T value;
    std::memcpy(&value, bytes_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return value;
  }
  std::string get_string(const char* field) {
    const auto size = get<uint32_t>(field);
    need(size, field);
    std::string s(bytes_.substr(at_, size));
    at_ += size;
    return s;
  }
  template <typename T>
  std::vector<T> get_array(uint64_t count, const char* field) {
    if (count > bytes_.size() / sizeof(T)) fail(field, "an array longer than the state");
    need(static_cast<size_t>(count) * sizeof(T), field);
    std::vector<T> values(static_cast<size_t>(count));
    if (count > 0) std::memcpy(values.data(), bytes_.data() + at_, values.size() * sizeof(T));
    at_ += values.size() * sizeof(T);
    return values;
  }
  size_t at() const { return at_; }
  [[noreturn]] void fail(const char* field, const std::string& what) const {
    throw Error("analysis state: byte " + std::to_string(at_) + ": " + field + ": expected " +
                what);
  }

 private:
  void need(size_t size, const char* field) const {
    if (size > bytes_.size() - at_)
      fail(field, std::to_string(size) + " more bytes, the state ends after " +
                      std::to_string(bytes_.size() - at_) + " (truncated)");
  }
  std::string_view bytes_;
  size_t at_ = 0;
};

// The checksum is checked first: every field read after it is as written.
void check_frame(std::string_view bytes) {
  Reader r(bytes);
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    r.fail("magic", "\"VXSTATE\" (not an analysis state)");
  if (bytes.size() < sizeof kMagic + 4 + 8) r.fail("header", "at least 20 bytes (truncated)");
  uint32_t version;
  std::memcpy(&version, bytes.data() + sizeof kMagic, 4);
  if (version != kAnalysisStateVersion)
    throw Error("analysis state: version: expected " + std::to_string(kAnalysisStateVersion) +
                ", got " + std::to_string(version));
  uint64_t stored;
  std::memcpy(&stored, bytes.data() + bytes.size() - 8, 8);
  if (stored != analysis_state_checksum(bytes.substr(0, bytes.size() - 8)))
    throw Error("analysis state: checksum: expected the FNV-1a of its " +
                std::to_string(bytes.size() - 8) + " bytes (damaged)");
}

// The carry: before the last of n days; a smoothing has seen at most n - 1 inputs.
void read_carry(Reader& r, uint64_t n, FeatureCarry& carry) {
  carry.row = static_cast<size_t>(n - 1);
  const auto count = r.get<uint32_t>("carry");
  if (count > kMaxCarried) r.fail("carry", "at most 4096 recursive features");
  for (uint32_t f = 0; f < count; ++f) {
    carry.names.push_back(r.get_string("carry.name"));
    const auto m = r.get<uint32_t>("carry.smoothings");
    if (m == 0 || m > kMaxSmoothings) r.fail("carry.smoothings", "1 to 3 smoothings");
    std::vector<Smoothing>& states = carry.states.emplace_back();
    for (uint32_t j = 0; j < m; ++j) {
      Smoothing& one = states.emplace_back();
      one.run = r.get<uint64_t>("carry.run");
      if (one.run > n - 1) r.fail("carry.run", "at most one input per day before the last");
      one.sum = r.get<double>("carry.sum");
      one.state = r.get<double>("carry.state");
    }
  }
}

void check_values(const AnalysisState& s, Reader& r) {
  for (size_t t = 1; t < s.dates.size(); ++t)
    if (!(s.dates[t] > s.dates[t - 1]))
      r.fail("dates", "increasing dates (day " + std::to_string(t) + " is not after the last)");
  for (double v : s.detector_scores)
    if (!std::isnan(v) && !(v >= 0.0 && v <= 1.0))
      r.fail("detector_scores", "scores in [0, 1] or NaN, got " + number_text(v));
}

}  // namespace

uint64_t analysis_state_checksum(std::string_view bytes) {
  return fnv(kFnvBasis, bytes.data(), bytes.size());
}

uint64_t frame_digest(const Frame& frame, size_t rows) {
  if (rows > static_cast<size_t>(frame.rows()))
    throw Error("analysis state: frame digest of " + std::to_string(rows) + " days of a frame of " +
                std::to_string(frame.rows()));
  // Columns by name: a frame read back from market.json (a JSON object) lists them sorted.
  std::vector<std::string> names = frame.names();
  std::sort(names.begin(), names.end());
  uint64_t h = fnv_value(kFnvBasis, static_cast<uint64_t>(names.size()));
  for (const auto& name : names) {
    h = fnv_value(h, static_cast<uint64_t>(name.size()));
    h = fnv(h, name.data(), name.size());
  }
  h = fnv(h, frame.dates().data(), rows * sizeof(Day));
  for (const auto& name : names) h = fnv(h, frame.column(name).data(), rows * 8);
  return h;
}

AnalysisState analysis_state_of(const Analysis& analysis, const Frame& frame,
                                const nlohmann::json& source, FeatureCarry carry) {
  if (!std::equal(analysis.dates.begin(), analysis.dates.end(), frame.dates().begin(),
                  frame.dates().end()))
    throw Error("analysis state: the Analysis is not of this frame's days");
  AnalysisState s;
  s.build_id = build_id();
  s.source = source;
  s.detector_names = analysis.detector_names;
  s.frame_digest = frame_digest(frame, analysis.dates.size());
  s.dates = analysis.dates;
  s.vix_close = analysis.vix_close;
  s.spx_close = analysis.spx_close;
  s.detector_scores = analysis.detector_scores;
  if (!s.dates.empty() && carry.row != s.dates.size() - 1)
    throw Error("analysis state: the features' carry is not of the Analysis's last day");
  s.carry = std::move(carry);
  return s;
}

std::string write_analysis_state(const AnalysisState& s) {
  Writer w;
  for (char c : kMagic) w.put(c);
  w.put(kAnalysisStateVersion);
  w.put_string(s.build_id);
  w.put_string(s.source.dump());
  w.put(static_cast<uint32_t>(s.detector_names.size()));
  for (const auto& name : s.detector_names) w.put_string(name);
  w.put(static_cast<uint64_t>(s.dates.size()));
  w.put(s.frame_digest);
  w.put_array(s.dates);
  w.put_array(s.vix_close);
  w.put_array(s.spx_close);
  w.put_array(s.detector_scores);
  w.put(static_cast<uint32_t>(s.carry.names.size()));
  for (size_t f = 0; f < s.carry.names.size(); ++f) {
    w.put_string(s.carry.names[f]);
    w.put(static_cast<uint32_t>(s.carry.states[f].size()));
    for (const Smoothing& m : s.carry.states[f]) {
      w.put(m.run);
      w.put(m.sum);
      w.put(m.state);
    }
  }
  return w.finish();
}

AnalysisState read_analysis_state(std::string_view bytes) {
  check_frame(bytes);
  Reader r(bytes.substr(0, bytes.size() - 8));
  r.get_array<char>(sizeof kMagic, "magic");
  r.get<uint32_t>("version");
  AnalysisState s;
  s.build_id = r.get_string("build_id");
  const std::string source = r.get_string("source");
  s.source = nlohmann::json::parse(source, nullptr, false);
  if (s.source.is_discarded()) r.fail("source", "JSON text");
  const auto d = r.get<uint32_t>("detectors");
  if (d == 0 || d > kMaxDetectors) r.fail("detectors", "1 to 4096 detectors");
  for (uint32_t k = 0; k < d; ++k) s.detector_names.push_back(r.get_string("detector_names"));
  const auto n = r.get<uint64_t>("days");
  if (n == 0 || n > kMaxDays) r.fail("days", "1 to 4194304 days");
  s.frame_digest = r.get<uint64_t>("frame_digest");
  s.dates = r.get_array<Day>(n, "dates");
  s.vix_close = r.get_array<double>(n, "vix_close");
  s.spx_close = r.get_array<double>(n, "spx_close");
  s.detector_scores = r.get_array<double>(n * d, "detector_scores");
  read_carry(r, n, s.carry);
  if (r.at() != bytes.size() - 8) r.fail("end", "the checksum after the carry (trailing bytes)");
  check_values(s, r);
  return s;
}

void check_analysis_state(const AnalysisState& s, const EnsembleModel& model) {
  if (s.build_id != build_id())
    throw Error("analysis state: build_id: expected " + std::string(build_id()) + ", got " +
                s.build_id + " (computed by another build of the core)");
  bool same = s.detector_names.size() == model.detectors.size();
  for (size_t k = 0; same && k < model.detectors.size(); ++k)
    same = s.detector_names[k] == model.detectors[k].name;
  if (!same) throw Error("analysis state: detector_names: expected the model's detectors");
}

Analysis analysis_of_state(const EnsembleModel& model, const AnalysisState& s) {
  check_analysis_state(s, model);
  AnalysisInput input;
  input.dates = s.dates;
  input.features = MatrixView{nullptr, static_cast<int64_t>(s.dates.size()), 0};
  input.vix_close = s.vix_close;
  input.spx_close = s.spx_close;
  const size_t n = s.dates.size(), d = s.detector_names.size();
  std::vector<std::vector<double>> scores(d, std::vector<double>(n));
  for (size_t t = 0; t < n; ++t)
    for (size_t k = 0; k < d; ++k) scores[k][t] = s.detector_scores[t * d + k];
  return analyze_scored(model, input, std::move(scores));
}

Analysis extend_analysis_state(const EnsembleModel& model, AnalysisState&& s, const Frame& frame,
                               PreparedMarket& prepared) {
  check_analysis_state(s, model);
  const size_t n = s.dates.size();
  if (static_cast<size_t>(frame.rows()) < n || frame_digest(frame, n) != s.frame_digest)
    throw Error("analysis state: frame_digest: expected the market's first " + std::to_string(n) +
                " days to be the saved ones (the data changed)");
  // The features of the last saved day and the new days only, the recursive ones continued from
  // the carry: analyze_appended reads no feature of the saved days (the last one's are today's
  // explanation's when no day is new).
  prepared = prepare_market(frame, model_feature_spec(model), s.carry.row, &s.carry);
  Analysis base;  // what analyze_appended reads: the days and their detector scores
  base.dates = std::move(s.dates);
  base.detector_names = std::move(s.detector_names);
  base.detector_scores = std::move(s.detector_scores);
  return analyze_appended(model, prepared.input(), base);
}

}  // namespace vixray
