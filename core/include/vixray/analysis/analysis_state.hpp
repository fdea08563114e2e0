// The state a page keeps between visits (in IndexedDB) so that a return visit redraws without
// recomputing, and a market extended by new days scores only those days (analyze_appended).
//
// The state holds what the Analysis needs beyond the model: every day's date, VIX and S&P 500
// close and detector scores, the market's recorded source, a digest of the market frame's
// days (to tell that a longer market begins with the same days), and the recursive features'
// smoothings before the last day (FeatureCarry: a longer market's features continue from them,
// and an explanation of the last day computes that day's only). It is written as bytes in a
// versioned binary form (little-endian; layout in analysis_state.cpp) stamped with the core's
// build id, and read back strictly: a state of another build, another model, or damaged in any
// byte is refused with one line naming the field, never trusted.
#pragma once
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/data/frame.hpp"
#include "vixray/ensemble/model.hpp"

namespace vixray {

/// The format version written; the reader accepts this one only (a page recomputes otherwise).
constexpr uint32_t kAnalysisStateVersion = 2;

struct AnalysisState {
  std::string build_id;             // the core that computed it (build_id())
  nlohmann::json source = nullptr;  // the market's recorded source (data_source.hpp)
  std::vector<std::string> detector_names;
  uint64_t frame_digest = 0;  // frame_digest(frame, dates.size())
  std::vector<Day> dates;
  std::vector<double> vix_close, spx_close;
  std::vector<double> detector_scores;  // dates x detectors, row-major (Analysis's layout)
  FeatureCarry carry;                   // the model's recursive features' before the last day
};

/// The checksum that ends a state: FNV-1a 64 over the bytes taken as 8-byte little-endian words
/// (the last size % 8 bytes one by one).
uint64_t analysis_state_checksum(std::string_view bytes);

/// A 64-bit FNV-1a digest (over 8-byte words, as analysis_state_checksum) of a frame's column names
/// (in name order) and its first `rows` days (dates and every column's value bits): equal for two
/// frames whose first `rows` days hold the same data. Throws unless rows <= frame.rows().
uint64_t frame_digest(const Frame& frame, size_t rows);

/// The state of an Analysis computed from `frame` (its source as recorded), with this build's id
/// and the carry of the model's features on the frame (FeatureMatrix::carry: before its last row).
AnalysisState analysis_state_of(const Analysis& analysis, const Frame& frame,
                                const nlohmann::json& source, FeatureCarry carry);

/// The bytes of a state, and back. The reader throws vixray::Error ("analysis state: ...", one
/// line) on any damage: wrong magic, another format version, a length past the end, a checksum
/// that does not match, dates not increasing, a score outside [0, 1], trailing bytes.
std::string write_analysis_state(const AnalysisState& state);
AnalysisState read_analysis_state(std::string_view bytes);

/// Throws unless the state was computed by this build (build id) for this model (detector names).
void check_analysis_state(const AnalysisState& state, const EnsembleModel& model);

/// The Analysis the state was saved from (analyze_scored over its scores; no features needed).
Analysis analysis_of_state(const EnsembleModel& model, const AnalysisState& state);

/// The Analysis of `frame`, a market that extends the state's by days at the end: throws unless
/// the frame's first days hold the state's data (frame_digest), then computes into `prepared` the
/// model's features of the state's last day and the new days only (prepare_market from the
/// state's carry: the rows before are not held) and scores the new days (analyze_appended). Equals
/// analyze_market() of the frame.
/// The state's dates and scores are moved into the Analysis's input (not copied).
Analysis extend_analysis_state(const EnsembleModel& model, AnalysisState&& state,
                               const Frame& frame, PreparedMarket& prepared);

}  // namespace vixray
