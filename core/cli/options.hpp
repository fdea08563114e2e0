// Command-line options shared by several commands, checked the same way everywhere.
#pragma once
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace vixray::cli {

/// Adds a seed option: a whole number 0 .. 2^64 - 1 in decimal digits. Anything else ("-1",
/// which would wrap to 2^64 - 1, "+1", "1e3", a number past 2^64 - 1) is a usage error naming
/// the option.
CLI::Option* add_seed_option(CLI::App* command, const std::string& name, uint64_t& seed,
                             const std::string& description);

}  // namespace vixray::cli
