#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "planner/model/model.hpp"
#include "planner/store/store.hpp"

namespace rplan::cli {

// One line per imported document (added / updated / unchanged / removed),
// then a line per task whose text changed (old -> new, each shortened). To
// `err`, one warning each ("DOC: warning: ...") for a done or in-progress task
// paired with a prompt of another meaning, a topic archived with done or
// in-progress work (and how to bring it back), and a document whose name was
// imported before from another folder.
void print_import_reports(const std::vector<store::ImportReport>& reports, std::ostream& out,
                          std::ostream& err);

// `text` cut to at most `width` code points, ending in "…" when cut.
std::string shorten(const std::string& text, std::size_t width);

// The name `given` names (model::require_person: exact, else but for case;
// InputError naming who exists when nobody), among the team and `others`:
// names the data still holds of people who left it (a plan's assignees, the
// work log's).
std::string resolve_name(std::vector<model::Assignee> team, const std::vector<std::string>& others,
                         std::string_view given);

// The width of the terminal `out` writes to, in columns: $COLUMNS when it is
// a number (as shells set it), else the terminal's when `out` is std::cout on
// a terminal, else `fallback`.
std::size_t terminal_width(const std::ostream& out, std::size_t fallback);

// This machine's time zone: $TZ when it names a zone of the tz database, else
// the zone /etc/localtime links to, else "UTC".
std::string system_time_zone();

// "2026-12-07 09:00" in the block's local time.
std::string local_time(const model::WorkBlock& block, bool end);

}  // namespace rplan::cli
