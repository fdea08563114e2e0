// The feature library: a declarative, serializable FeatureSpec turned into a feature matrix.
// One header per concept, all included here:
//   spec.hpp       FeatureDef / FeatureSpec, the kinds (formulas, history, NaN policy documented
//                  there), validation, required columns, descriptions, JSON
//   compute.hpp    FeatureMatrix and compute_features
//   catalogue.hpp  the built-in market (VIX/S&P) and ticker catalogues
// (feature_csv.hpp, the wide CSV of a feature matrix, is included where it is written.)
#pragma once
#include "vixray/features/catalogue.hpp"
#include "vixray/features/compute.hpp"
#include "vixray/features/spec.hpp"
