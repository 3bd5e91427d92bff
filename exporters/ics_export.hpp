#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "planner/model/calendar_items.hpp"
#include "planner/model/model.hpp"
#include "planner/model/topic_index.hpp"

// The iCalendar export (RFC 5545): a plain calendar file (no METHOD, so not an
// iTIP message) that Google Calendar, Outlook, Apple Calendar and Thunderbird
// import. docs/calendar-import.md is the user's side of this contract.
namespace rplan::exporters {

enum class IcsMode {
  events,  // one VEVENT per work block, at UTC instants
  todos,   // one VTODO per task
  span,    // one all-day VEVENT per task, from its first to its last local working day
};

// "events", "todos" or "span"; nullopt for anything else.
std::optional<IcsMode> parse_ics_mode(std::string_view text);

struct IcsOptions {
  IcsMode mode = IcsMode::events;
  // "" for the whole plan; else only this person's tasks (events: the work
  // blocks they work, history of a task someone else carries on included),
  // and the calendar's name says whose it is (one --per-assignee file).
  std::string assignee;
  // Set: the items of project.cancelled that this calendar no longer holds
  // are written as cancelled while model::within_retention(item, the plan's
  // now, days) holds (a file that is imported again). Unset: none are (a
  // feed, which its subscribers read whole, or a CalDAV collection, where
  // they are deleted).
  std::optional<int> cancelled_retention_days;
};

// What writing a calendar looks up in the plan, found in one pass over it:
// tasks and topics by id, the team by name, and for each person the tasks and cancelled
// items of their calendar. Writing every person's calendar with one index
// costs one pass over the plan in all, not one per person. Refers to
// `project`, which must outlive it and not change.
class IcsIndex {
 public:
  explicit IcsIndex(const model::Project& project);

  // The task with this id; null when the project has none.
  const model::Task* task(std::string_view id) const;
  // The project's topics by id.
  const model::TopicIndex& topics() const { return m_topics; }
  // The team member of this name; null for someone not in the team.
  const model::Assignee* person(std::string_view name) const;
  // Indexes into project.tasks, in project order, of the tasks with an item
  // in `name`'s calendar: the task is theirs (model::calendar_of) or they
  // work one of its blocks.
  const std::vector<std::uint32_t>& tasks_of(std::string_view name) const;
  // Indexes into project.cancelled, in its order, of the items once in
  // `name`'s calendar (CancelledItem::calendar).
  const std::vector<std::uint32_t>& cancelled_of(std::string_view name) const;

 private:
  struct Calendar {
    std::vector<std::uint32_t> tasks, cancelled;
  };
  model::TopicIndex m_topics;
  std::unordered_map<std::string_view, const model::Task*> m_tasks;
  std::unordered_map<std::string_view, const model::Assignee*> m_people;
  std::unordered_map<std::string_view, Calendar> m_calendars;
};

// Writes the plan as one VCALENDAR: CRLF line ends, lines folded at 75 octets
// (never inside a UTF-8 character or an escape), TEXT escaped, times as UTC
// ("…Z") so no VTIMEZONE is needed. Every component has a UID that survives
// re-plans and fresh databases (see model::event_uid()) and a DTSTAMP that is
// the plan's creation time, so an unchanged plan gives the same bytes;
// SEQUENCE is the one stored with the plan. Events and spans hold planned
// tasks only; todos also hold unassigned tasks (without DTSTART/DUE), except
// in a per-person calendar.
//
// Todos of the whole plan are a tree: each topic is a to-do, the parent of its
// tasks' to-dos (RELATED-TO;RELTYPE=PARENT). A task's dependencies are named
// in its description ("Waits for: …") and, beside the parent only, as RFC 9253
// RELATED-TO;RELTYPE=DEPENDS-ON lines written before it: KCalendarCore reads
// every RELATED-TO as the parent whatever its RELTYPE and keeps the last. A
// person's todos are a flat list with no RELATED-TO at all.
//
// Cancelled items (see IcsOptions) come after the others, each once (its
// highest sequence), with STATUS:CANCELLED: blocks in events, tasks in todos
// and span, topics in todos. With nothing to show the calendar has no
// components.
void write_ics(const model::Project& project, const IcsOptions& options, std::ostream& out);
// The same with an index of `project` made before (for many calendars of one plan).
void write_ics(const model::Project& project, const IcsIndex& index, const IcsOptions& options,
               std::ostream& out);

// One calendar object resource of a CalDAV collection: a VCALENDAR holding
// one component (RFC 4791 section 4.1).
struct IcsResource {
  std::string uid;
  std::string text;
};

// The components write_ics writes (cancelled ones aside: a CalDAV client
// deletes instead), each as a calendar of its own, in the same order.
std::vector<IcsResource> ics_resources(const model::Project& project, const IcsOptions& options);
std::vector<IcsResource> ics_resources(const model::Project& project, const IcsIndex& index,
                                       const IcsOptions& options);

// ---- Content lines (RFC 5545 section 3.1), exposed for tests ----

// TEXT value escaping: backslash, semicolon and comma get a backslash, a line
// break (CRLF, LF or CR) becomes "\n"; nothing else is escaped. Other control
// characters (not allowed in TEXT) are dropped and ill-formed UTF-8 becomes
// U+FFFD, so the result is always one valid line.
std::string ics_escape_text(std::string_view text);

// A double-quoted parameter value (e.g. CN="…"): RFC 6868 caret encoding for
// '^', '"' and line breaks (^^, ^', ^n); other control characters dropped.
std::string ics_quote_param(std::string_view text);

// One content line folded into lines of at most 75 octets (CRLF, then a space
// starts each continuation), ending with CRLF. A fold never splits a UTF-8
// sequence nor a backslash escape from the character it escapes.
std::string ics_fold(std::string_view line);

// ---- UIDs: the model's (planner/model/calendar_items.hpp) ----

using model::event_uid;
using model::k_uid_domain;
using model::span_uid;
using model::todo_uid;
using model::topic_uid;

// ---- --per-assignee: one file per person who has work ----

// A file-name slug of letters, digits, '-', '.' and '_': ASCII kept (lower
// case), Latin accented letters without their accents ("Zoë" -> "zoe"), every
// other run of characters one '-'; no leading or trailing '-', '.' or '_' (so
// never "", "." or ".."), at most 60 octets. "" when nothing is left.
std::string file_slug(std::string_view text);

// File names ("ada-lovelace.ics") for these people, in the same order: the
// slug of the name, else of the email's local part, else "person"; a name
// already taken (compared without case) or reserved on Windows ("con", "nul",
// "com1", …) gets "-2", "-3", … So names are unique, distinct from each other
// on case-insensitive file systems, and never a path outside the folder.
std::vector<std::string> calendar_file_names(const std::vector<model::Assignee>& people);

struct CalendarFile {
  std::string assignee;   // the person's name
  std::string file_name;  // inside the --out folder
};

// The people who have planned tasks, and, with `cancelled_retention_days`,
// those whose calendar still has cancelled items to write (see IcsOptions):
// team order first (then anyone else by name), with their file names.
std::vector<CalendarFile> calendar_files(
    const model::Project& project, std::optional<int> cancelled_retention_days = std::nullopt);

// Writes calendar_files(project, options.cancelled_retention_days) into
// `folder` in options.mode, each file streamed to a temporary file and renamed
// (util::AtomicFile); options.assignee is ignored. The folder is created when
// missing, but not its parents. Files of other people are left alone. Returns
// the paths written. Throws rplan::OutputError (exit 73) when the folder
// cannot be made or written, or is a file. `before_publish`, when given, is
// called before each rename (and may throw to leave the file alone).
std::vector<std::filesystem::path> write_ics_per_assignee(
    const model::Project& project, const IcsOptions& options, const std::filesystem::path& folder,
    const std::function<void()>& before_publish = {});

}  // namespace rplan::exporters
