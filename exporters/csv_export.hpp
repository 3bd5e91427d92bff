#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "planner/model/model.hpp"

namespace rplan::exporters {

// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes
// doubled). Text that a spreadsheet would run as a formula (a leading =, +, -,
// @, tab or CR) is prefixed with an apostrophe first: CSV injection.
std::string csv_field(std::string_view text);

// The Tasks table as CSV: a header, then one row per task; CRLF line ends,
// UTF-8. Columns: id, topic_id, topic_number, topic, kind, prompt, assignee,
// estimate_hours, start, finish, status, depends_on.
void write_tasks_csv(const model::Project& project, std::ostream& out);

}  // namespace rplan::exporters
