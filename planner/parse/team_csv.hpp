#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "planner/model/model.hpp"

namespace rplan::parse {

// Reads a team from CSV (RFC 4180, through libcsv): a header row naming the
// columns, `name` required; email, hours_per_day, workdays, day_start,
// timezone and skills optional, in any order (lists comma-separated inside a
// quoted field: "mon,tue,wed"). A row naming someone in `current` updates
// that person: the columns the row gives a value change, empty cells and
// missing columns keep what the person has; a new person takes the defaults
// for them. Every bad row is reported with its line (rplan::DiagnosticsError,
// exit 65): an unknown column, a row with more or fewer fields than the
// header, a missing name, a name given twice, a bad number, weekday, clock
// time or time zone, settings that do not fit together.
std::vector<model::Assignee> parse_team_csv(std::string_view text, const std::string& path,
                                            const std::vector<model::Assignee>& current = {});

}  // namespace rplan::parse
