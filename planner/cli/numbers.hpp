#pragma once

#include <string_view>

#include "planner/util/numbers.hpp"

namespace rplan::cli {

// Where a number was written: on the command line or in the --config file.
enum class NumberSource { option, config_file };

// The one check of every number the command line and the configuration file
// give: `text` read by util::parse_number (no NaN, no infinity) and inside
// `range`. Otherwise throws a sentence naming the setting and the text, as
// "--hours-per-day nan is not a number more than 0 and at most 24" for an
// option (`name` "--hours-per-day"; UsageError, exit 2) or
// "rplan.ini: estimate.research = nan is not ..." for the file (`name`
// "rplan.ini: estimate.research"; InputError, exit 65).
double checked_number(std::string_view text, const util::NumberRange& range, NumberSource source,
                      std::string_view name);

}  // namespace rplan::cli
