#pragma once

#include <boost/program_options.hpp>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "planner/cli/config.hpp"
#include "planner/util/dates.hpp"

namespace rplan::cli {

namespace po = boost::program_options;

// What every command handler gets: streams, the database path, the
// configuration, and the clock (read once, in cli::run; nothing below cli/
// reads it).
struct Context {
  std::ostream& out;
  std::ostream& err;
  std::filesystem::path db_path;
  bool db_given = false;  // --db or RPLAN_DB named the database
  Config config;
  util::Instant now;
  util::Date today;
  bool terminal = false;  // stdout is a terminal: table cells may be cut to fit
  bool progress = false;  // stderr is a terminal: show what long work is doing
  bool timings = false;   // RPLAN_TIMINGS is set: each stage's wall time goes to stderr

  // Shows one line of progress on the terminal ("planning 48 tasks..."),
  // replacing the previous one; nothing when stderr is piped or redirected.
  void stage(const std::string& what) const;
  // Clears the progress line.
  void stage_done() const;
  // With RPLAN_TIMINGS set, prints "rplan: WHAT: 1.234 s" with the time
  // since the previous stage began (or since the start of the command).
  void timing(const std::string& what) const;

  // Timing state (only used with `timings`).
  mutable std::string current_stage_{};
  mutable double stage_began_ = 0;
};

// One row of the command table: the same row feeds dispatch, `--help` and
// docs/cli.md.
struct Command {
  std::string name;                                       // "import", "team add"
  std::string args;                                       // synopsis after the name: "FILE..."
  std::string summary;                                    // one line
  std::string details;                                    // more help text, may be empty
  std::function<void(po::options_description&)> options;  // may be empty
  std::vector<std::pair<std::string, int>> positional;    // name, count (-1: any number)
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

// Helpers for handlers.
std::optional<std::string> get_string(const po::variables_map& vm, const std::string& name);
std::vector<std::string> get_strings(const po::variables_map& vm, const std::string& name);
util::Date get_date(const po::variables_map& vm, const std::string& name);  // UsageError when bad

}  // namespace rplan::cli
