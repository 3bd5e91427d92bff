#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "planner/model/checklist_format.hpp"
#include "planner/model/model.hpp"

// The Markdown checklist (docs/file-formats.md, "Markdown checklist"): a GitHub
// task list, one item per task, each ending with a hidden marker that
// `rplan sync` reads back (one line in the file, two here):
//
//   - [ ] **Research** Caching — Ada · 8 h · Mon 7 Dec → Tue 8 Dec
//     <!-- rplan:k3m9x2 status=open text=p4q7r8s2 -->
//
// The marker is an HTML comment at the end of the item's line: invisible when
// rendered, kept by editors (it is part of the item's paragraph, so reflowing,
// re-indenting or changing the list marker moves it along with the item).
// `status` is the task's status at export; `text` is a fingerprint of the
// item's text as rendered, so sync can tell a text edit from a re-plan. The
// marker, the fingerprint and what a box means are defined once, in
// planner/model/checklist_format.hpp, for this writer, the reader and sync.
namespace rplan::exporters {

enum class ChecklistGroup {
  topic,     // one section per topic (heading, focus), in document order
  assignee,  // one section per person in the team's order, then "Unassigned"
  week,      // one section per ISO week of the task's first work block, then "Not scheduled"
};

// The marker's fingerprint (model/checklist_format.hpp), under the name the
// writer's callers have long used.
using model::checklist_fingerprint;

// "topic", "assignee", "week"; nullopt for anything else.
std::optional<ChecklistGroup> parse_checklist_group(std::string_view text);

// Where escaped text lands: inside a line, or at the start of a block (a
// paragraph or a heading), where "-", "+", "1." or "#" would open a list or a
// heading.
enum class MarkdownPlace { inline_text, line_start };

// User text made safe for GitHub-flavoured Markdown: every run of white space
// (line breaks included) becomes one space, and the characters that could open
// markup are backslash-escaped, so the text renders as itself in cmark-gfm and
// md4c and can never open an item, tick a box, start HTML (or an rplan marker),
// a link, emphasis, code, strikethrough or a table. Escaped always:
// \ ` * [ ] < > | ~; "_" unless between two ASCII letters or digits; "#" at the
// start or after a space; "&" when it would start an entity. At line_start,
// also a leading "-", "+", "=" and the "." or ")" of a leading number.
std::string escape_markdown(std::string_view text, MarkdownPlace place);

// Writes the project's tasks (archived ones are not in a Project) as a
// checklist: a title, a one-line summary, and a section per group with one
// item per task; done tasks are ticked. Deterministic: the same project gives
// the same bytes. Dates are the assignee's local dates, "Mon 7 Dec", with the
// year when it is not the plan's starting year.
void write_checklist(const model::Project& project, ChecklistGroup group, std::ostream& out);

}  // namespace rplan::exporters
