#include "options.hpp"

#include <limits>

namespace vixray::cli {

namespace {

// "" when `text` is a seed, else what is wrong with it (CLI11 puts the option's name in front).
std::string seed_problem(const std::string& text) {
  const std::string expected = "expected a whole number 0 to " +
                               std::to_string(std::numeric_limits<uint64_t>::max()) + ", got \"" +
                               text + "\"";
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return expected;
  uint64_t value = 0;
  for (const char c : text) {
    const auto digit = static_cast<uint64_t>(c - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10) return expected;
    value = value * 10 + digit;
  }
  return "";
}

}  // namespace

CLI::Option* add_seed_option(CLI::App* command, const std::string& name, uint64_t& seed,
                             const std::string& description) {
  return command->add_option(name, seed, description)
      ->check(
          CLI::Validator([](std::string& text) { return seed_problem(text); }, "UINT64", "seed"));
}

}  // namespace vixray::cli
