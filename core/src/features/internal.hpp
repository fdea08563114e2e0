// Declarations the sources of core/src/features share (not part of the public API).
#pragma once
#include <string>

#include "vixray/features/spec.hpp"

namespace vixray {
namespace feature_internal {

// "feature \"<name>\"": how every error about one feature definition starts.
std::string where(const FeatureDef& def);

}  // namespace feature_internal
}  // namespace vixray
