// The report's list of the tasks changed since a baseline (`export html
// --baseline NAME`).

#include <string>
#include <vector>

#include "exporters/diff_export.hpp"
#include "exporters/html_export.hpp"
#include "exporters/html_report.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters::html {

void write_changes(const Report& r, Writer& out) {
  if (!r.diff) return;
  const model::PlanDiff& d = *r.diff;
  out << "<section id=\"changes\">\n<h2>Changes since the baseline \u201c" << Esc{d.baseline}
      << "\u201d</h2>\n<p>Finish " << util::format_date(d.then_finish) << " then, "
      << util::format_date(d.now_finish) << " now (" << describe_days(d.finish_days) << "); "
      << d.tasks.size() << (d.tasks.size() == 1 ? " task" : " tasks")
      << " changed. The thin grey bar under a task's bar in the schedule is its baseline.</p>\n";
  if (d.tasks.empty()) {
    out << "<p class=\"note\">No task changed since the baseline.</p>\n</section>\n";
    return;
  }
  out << "<div class=\"scroll\"><table class=\"changes\">\n<thead><tr><th>ID</th><th>Task</th>"
         "<th>Change</th><th>From</th><th>To</th></tr></thead>\n<tbody>\n";
  const std::size_t shown = std::min(d.tasks.size(), k_html_max_change_rows);
  for (std::size_t n = 0; n < shown; ++n) {
    const model::TaskChange& c = d.tasks[n];
    const ChangeLine line = change_line(c);
    out << "<tr data-task=\"" << Esc{c.id} << "\"><td>" << Esc{c.id} << "</td><td>" << Esc{c.prompt}
        << "</td><td class=\"kind\">" << Esc{line.kinds} << "</td><td>" << Esc{line.from}
        << "</td><td>" << Esc{line.to} << "</td></tr>\n";
  }
  out << "</tbody></table></div>\n";
  if (shown < d.tasks.size()) {
    out << "<p class=\"note\">" << (d.tasks.size() - shown)
        << " more changed tasks are not listed here; rplan diff lists them all.</p>\n";
  }
  out << "</section>\n";
}

}  // namespace rplan::exporters::html
