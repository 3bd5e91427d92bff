#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/model/checklist_format.hpp"
#include "planner/model/model.hpp"

namespace rplan::parse {

using model::ChecklistBox;

// One rplan marker found in a checklist (docs/file-formats.md), with the item
// that holds it.
struct ChecklistItem {
  std::string id;                     // the task's id
  model::TaskStatus exported_status;  // status=... at export
  std::string fingerprint;            // text=... at export; "" when the marker has none
  ChecklistBox box = ChecklistBox::missing;
  int line = 0;  // 1-based: the line of the box, else of the marker
  // The item's own text as a Markdown reader renders it: plain text with white
  // space collapsed, without the marker, other HTML or nested items.
  std::string text;
};

// Reads a checklist written by `rplan export md`, however an editor has since
// reformatted it: LF, CRLF or CR line ends, a UTF-8 BOM, any list marker
// ("-", "*", "+", "1."), indentation and nesting, a marker moved onto the
// next line by reflowing. A marker is an HTML comment that
// model::parse_checklist_marker reads, "<!-- rplan:ID
// status=open|in-progress|done [text=FINGERPRINT] -->", in an item (its first
// one counts only when the item has no other); markers inside code, or
// written as escaped text, are not markers. Items without a marker are not
// returned. `path` names the file in diagnostics.
//
// `known` says whether a task id exists (the caller asks the database); when
// it is empty every id is taken as known.
//
// Throws rplan::DiagnosticsError with every problem, each with its line: a
// marker without a valid status, two markers in one item, a task id listed
// twice (naming both lines), an unknown task id.
using KnownTask = std::function<bool(const std::string& id)>;
std::vector<ChecklistItem> read_checklist(std::string_view text, const std::string& path,
                                          const KnownTask& known = {});

}  // namespace rplan::parse
