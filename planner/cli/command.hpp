#pragma once

#include <boost/program_options.hpp>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "planner/cli/config.hpp"
#include "planner/pipeline/reporter.hpp"
#include "planner/util/dates.hpp"

namespace rplan::cli {

namespace po = boost::program_options;

// What every command handler gets: streams, the database path, the
// configuration, the clock (read once, in cli::run; nothing below cli/
// reads it), the number of threads the machine runs at once, and the
// reporter of progress and timings (the one writer of those lines on `err`).
struct Context {
  std::ostream& out;
  std::ostream& err;
  pipeline::Reporter& reporter;
  std::filesystem::path db_path = "rplan.db";
  bool db_given = false;  // --db or RPLAN_DB named the database
  Config config{};
  util::Instant now{};
  util::Date today{};
  std::size_t threads = 1;  // std::thread::hardware_concurrency(), at least 1
  bool terminal = false;    // stdout is a terminal: table cells may be cut to fit
};

// One row of the command table: the same row feeds dispatch, `--help` and
// docs/cli.md.
struct Command {
  std::string name;                                       // "import", "team add"
  std::string args;                                       // synopsis after the name: "FILE..."
  std::string summary;                                    // one line
  std::string details;                                    // more help text, may be empty
  std::function<void(po::options_description&)> options;  // may be empty
  std::vector<std::pair<std::string, int>>
      positional;  // name, count (-1: any number, 0: one, optional)
  std::function<int(Context&, const po::variables_map&)> handler;
};

const std::vector<Command>& commands();

// Command rows live next to their handlers.
void add_document_commands(std::vector<Command>& table);  // import, forget, list, show, task
void add_team_commands(std::vector<Command>& table);      // team, off, holiday
void add_plan_commands(std::vector<Command>& table);      // plan, export, run
void add_sync_commands(std::vector<Command>& table);      // sync
void add_log_commands(std::vector<Command>& table);       // log
void add_calendar_commands(std::vector<Command>& table);  // feed, serve, publish
void add_baseline_commands(std::vector<Command>& table);  // baseline, diff
void add_forecast_commands(std::vector<Command>& table);  // forecast

// Helpers for handlers.
std::optional<std::string> get_string(const po::variables_map& vm, const std::string& name);
std::vector<std::string> get_strings(const po::variables_map& vm, const std::string& name);
util::Date get_date(const po::variables_map& vm, const std::string& name);  // UsageError when bad

}  // namespace rplan::cli
