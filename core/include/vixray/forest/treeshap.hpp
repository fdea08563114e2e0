// Explanations of Isolation-Forest detectors: exact TreeSHAP and permutation importance.
//
// TreeSHAP is Lundberg, Erion & Lee (2018), "Consistent Individualized Feature Attribution for
// Tree Ensembles", Algorithm 2 (path-dependent): the value of a feature subset S is the
// expectation of the tree output when the features outside S follow the training rows through
// the tree (each branch weighted by its node cover). The explained output is the expected path
// length E[h(x)] (the mean over trees of the leaf value depth + c(size)), so
//   sum(phi) + expected_value == mean_path_length(x)   (exact up to rounding, ~1e-12).
//
// Sign convention for display: a SHORTER path means MORE anomalous (score = 2^(-E[h]/c(psi))).
// A NEGATIVE path-length contribution phi_j therefore pushes the anomaly score UP; a display of
// "what drives today's anomaly" shows -phi_j (positive = raises the anomaly score).
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "vixray/base/matrix.hpp"
#include "vixray/forest/forest.hpp"

namespace vixray {

/// Exact path-dependent TreeSHAP of E[h(x)] for one row (forest.n_features() finite values).
/// Writes forest.n_features() contributions to phi (in path-length units) and the expected
/// value E_training[E[h]] (cover-weighted mean leaf value, averaged over trees).
void path_length_shap(const IsolationForest& forest, const double* row, double* phi,
                      double& expected_value);

/// The expected value alone (independent of the row).
double path_length_expected_value(const IsolationForest& forest);

/// Scores `rows` rows of a matrix: out[i] = score of row i (any per-row scoring function).
using RowScorer = std::function<void(MatrixView x, double* out)>;

/// Label-free permutation importance: for each column j, the mean absolute change of the row
/// scores when column j is shuffled across the rows (averaged over `repeats` shuffles drawn
/// with vixray::Rng(seed); the shuffles are the same for every column order). Units: those of
/// the scorer. Deterministic for a seed. Throws on an empty matrix or repeats < 1.
std::vector<double> permutation_importance(MatrixView x, const RowScorer& score, int32_t repeats,
                                           uint64_t seed);

}  // namespace vixray
