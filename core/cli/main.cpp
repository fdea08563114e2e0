// vixray: the command-line front end. Parses arguments (CLI11), runs one command, and turns any
// vixray::Error into a one-line message and a non-zero exit code.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "commands.hpp"
#include "vixray/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"vixray: a market-stress radar built on an ensemble of Isolation Forests"};
  app.set_version_flag("--version", "vixray 0.1.0");
  app.require_subcommand(1);
  vixray::cli::Action action;
  vixray::cli::register_forest_commands(app, action);
  vixray::cli::register_validate_commands(app, action);
  vixray::cli::register_market_commands(app, action);
  vixray::cli::register_data_commands(app, action);
  vixray::cli::register_features_commands(app, action);
  vixray::cli::register_simulate_commands(app, action);
  vixray::cli::register_ensemble_commands(app, action);
  vixray::cli::register_backtest_commands(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    if (action) action();
    return 0;
  } catch (const vixray::Error& e) {
    std::cerr << "vixray: error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "vixray: internal error: " << e.what() << "\n";
    return 3;
  }
}
