#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "planner/estimate/estimator.hpp"
#include "planner/model/calendar_items.hpp"
#include "planner/schedule/scheduler.hpp"

namespace rplan::cli {

// Settings from the --config file (Boost.Program_options' INI-like format):
//
//   db = plans/rplan.db
//   [estimate]
//   research = 8
//   [schedule]
//   strategy = balanced
//   documenting = after-topic      (or: free)
//   [tracking]
//   minimum_remaining_hours = 1
//   [calendar]
//   cancelled_retention_days = 60
struct Config {
  std::optional<std::string> db;
  estimate::Model estimate;
  model::Strategy strategy = model::Strategy::balanced;
  schedule::DocumentingOrder documenting = schedule::DocumentingOrder::after_topic;
  // What model::remaining_hours gives a task not done whose spent hours
  // reached its estimate (and has no explicit remaining).
  double minimum_remaining_hours = 1;
  // How many days after its date an item that left a calendar is still
  // written as cancelled in ics files (model::within_retention).
  int cancelled_retention_days = model::k_cancelled_retention_days;
};

// Reads the file. An unknown key, a line that is not `key = value`, or a bad
// value is an InputError (exit 65) naming the file and the key; numbers go
// through cli::checked_number (no NaN or infinity; hours above 0 up to 1000,
// per_extra_item from 0, free_items a whole number from 0 to 1000,
// cancelled_retention_days a whole number from 0 to 3660). A missing
// file or a folder is a MissingInputError (66).
Config read_config(const std::filesystem::path& file);

// The text of docs/cli.md's configuration section and of `rplan --help`.
std::string config_help();

}  // namespace rplan::cli
