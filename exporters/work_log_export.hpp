#pragma once

#include <ostream>
#include <vector>

#include "planner/model/model.hpp"

namespace rplan::exporters {

// The work entries of `rplan log` as CSV (RFC 4180, CRLF, UTF-8): a header,
// then one row per entry in the order given. Columns: date, assignee, task,
// hours, topic, prompt, recorded_at (RFC 3339, UTC). The topic and prompt
// come from `project`; empty for a task it does not hold.
void write_work_log_csv(const std::vector<model::WorkEntry>& entries, const model::Project& project,
                        std::ostream& out);

// The same as JSON: {"format":"rplan-work-log","version":1,"total_hours":N,
// "entries":[{"date","assignee","task","hours","topic","prompt","recorded_at"}]},
// one entry per line.
void write_work_log_json(const std::vector<model::WorkEntry>& entries,
                         const model::Project& project, std::ostream& out);

}  // namespace rplan::exporters
