// The build id of the core: the version and a SHA-256 of the core's sources (core/src,
// core/include, the detector catalogue), computed by the build (tools/build_id.cmake) whenever a
// source changes. Two builds with the same id compute the same numbers; a page keys what it keeps
// between visits (analysis_state.hpp) by it, so a changed core never reuses an older result.
#pragma once

namespace vixray {

/// "<version>-<first 16 hex digits of the sources' SHA-256>".
const char* build_id();

}  // namespace vixray
