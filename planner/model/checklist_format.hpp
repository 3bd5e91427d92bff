#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "planner/model/model.hpp"

// The Markdown checklist's contract with `rplan sync` (docs/file-formats.md,
// "Markdown checklist"): the hidden marker at the end of each item, the
// fingerprint of the item's text, and what a box means. The writer
// (exporters/markdown_export.cpp), the reader (parse/checklist_reader.cpp) and
// `sync` (cli/cmd_sync.cpp) all use this one definition.
namespace rplan::model {

// The state of an item's task-list box in the file.
enum class ChecklistBox {
  missing,  // the marker is not in a "- [ ]" item (the box was deleted, or it is not a list)
  open,     // "[ ]"
  ticked,   // "[x]" or "[X]"
};

// What a marker says: "<!-- rplan:ID status=STATUS text=FINGERPRINT -->".
struct ChecklistMarker {
  std::string id;                        // the task's id
  TaskStatus status = TaskStatus::open;  // the task's status at export
  std::string fingerprint;               // text=...; "" when the marker has none
  friend bool operator==(const ChecklistMarker&, const ChecklistMarker&) = default;
};

// Appends the marker as the writer puts it at the end of an item:
// "<!-- rplan:ID status=STATUS text=FINGERPRINT -->".
void append_checklist_marker(std::string& out, std::string_view id, TaskStatus status,
                             std::string_view fingerprint);

// A comment read back: the marker, or why it is not a valid one.
struct ParsedChecklistMarker {
  ChecklistMarker marker;
  // "" for a valid marker, else one sentence for the user (a marker without
  // a task id, without status=, or with an unknown status).
  std::string problem;
};

// Reads the body of an HTML comment (what lies between "<!--" and "-->").
// nullopt when it is not an rplan marker (it does not start with "rplan:"
// once trimmed). Words are separated by white space; keys other than status=
// and text= are skipped (a later version may add some).
std::optional<ParsedChecklistMarker> parse_checklist_marker(std::string_view comment_body);

// The fingerprint a marker's `text=` holds: 8 characters of a hash of the
// item's text as a Markdown reader renders it (plain text, white space
// collapsed, the marker left out). Never changes: checklists written by
// earlier versions must still sync.
std::string checklist_fingerprint(std::string_view rendered_text);

// The box the writer draws for a task: ticked when it is done.
ChecklistBox checklist_box(TaskStatus status);

// What a box asks of its task, given the status its marker recorded at
// export: only a box whose state differs from that status is a change the
// user made. Ticked over a marker that is not done asks for done; unticked
// over a done marker asks for open; anything else (a missing box included)
// asks for nothing, so a stale checklist never undoes what happened since.
std::optional<TaskStatus> checklist_request(ChecklistBox box, TaskStatus exported);

// True when a task whose status is `current` already is what `requested`
// asks: done is done, and open is anything but done (a task in progress that
// is unticked stays in progress).
bool checklist_request_met(TaskStatus requested, TaskStatus current);

}  // namespace rplan::model
