// The clock of the records the CLI writes (trained_at, monitored_at, export timestamps).
#pragma once
#include <string>

namespace vixray::cli {

/// Now as "YYYY-MM-DDTHH:MM:SSZ"; SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds
/// convention) when set, so identical inputs give identical files. Throws on a malformed value.
std::string now_iso();

}  // namespace vixray::cli
