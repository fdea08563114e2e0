// vixray: the command-line front end. Parses arguments (CLI11), runs one command, and turns any
// vixray::Error into a one-line message and a non-zero exit code. Every message is printed as
// printable_text (control characters from the command line or a file escaped).
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <string>

#include "commands.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"vixray: a market-stress radar built on an ensemble of Isolation Forests"};
  app.set_version_flag("--version", std::string("vixray ") + vixray::kVersion);
  app.require_subcommand(1);
  vixray::cli::Action action;
  vixray::cli::register_forest_commands(app, action);
  vixray::cli::register_validate_commands(app, action);
  vixray::cli::register_publish_commands(app, action);
  vixray::cli::register_data_commands(app, action);
  vixray::cli::register_features_commands(app, action);
  vixray::cli::register_simulate_commands(app, action);
  vixray::cli::register_ensemble_commands(app, action);
  vixray::cli::register_backtest_commands(app, action);
  vixray::cli::register_history_commands(app, action);
  vixray::cli::register_ticker_commands(app, action);
  vixray::cli::register_alerts_commands(app, action);
  vixray::cli::register_monitor_commands(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // A usage error (missing option, bad value, unknown command) is one line, like every other
    // error; words CLI11 could not place (a mistyped command) are named.
    std::string unplaced;
    for (const CLI::App* command = &app; command != nullptr;) {
      for (const auto& word : command->remaining()) unplaced += " " + word;
      const auto chosen = command->get_subcommands();
      command = chosen.empty() ? nullptr : chosen.front();
    }
    std::cerr << "vixray: error: " << vixray::printable_text(e.what());
    if (!unplaced.empty() && dynamic_cast<const CLI::ExtrasError*>(&e) == nullptr)
      std::cerr << "; not understood:" << vixray::printable_text(unplaced);
    std::cerr << " (see --help)\n";
    return e.get_exit_code() != 0 ? e.get_exit_code() : 2;
  }
  try {
    if (action) action();
    return 0;
  } catch (const vixray::cli::ExitStatus& status) {
    return status.code;
  } catch (const vixray::Error& e) {
    std::cerr << "vixray: error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "vixray: internal error: " << vixray::printable_text(e.what()) << "\n";
    return 3;
  }
}
