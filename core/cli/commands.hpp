// Each command family registers its subcommands on the app; main() runs the chosen one.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>

namespace vixray::cli {

/// The action of the subcommand that was parsed; set by the register functions' callbacks.
using Action = std::function<void()>;

/// Thrown by a command that did its work and printed it but ends with an exit code other than
/// 0 and an error's (main() exits with `code`): `vixray alerts` with a warning (4), `vixray
/// monitor`'s recommendation (10, 11, 12).
struct ExitStatus {
  int code = 0;
};
constexpr int kExitWarnings = 4;

void register_forest_commands(CLI::App& app, Action& action);
void register_validate_commands(CLI::App& app, Action& action);
void register_publish_commands(CLI::App& app, Action& action);
void register_data_commands(CLI::App& app, Action& action);
void register_features_commands(CLI::App& app, Action& action);
void register_simulate_commands(CLI::App& app, Action& action);
void register_ensemble_commands(CLI::App& app, Action& action);
void register_backtest_commands(CLI::App& app, Action& action);
/// `vixray backtest tickers` (cmd_backtest_tickers.cpp), added to the `backtest` command.
CLI::App* register_backtest_tickers(CLI::App* backtest, Action& action);
void register_history_commands(CLI::App& app, Action& action);
void register_ticker_commands(CLI::App& app, Action& action);
void register_alerts_commands(CLI::App& app, Action& action);
void register_monitor_commands(CLI::App& app, Action& action);

}  // namespace vixray::cli
