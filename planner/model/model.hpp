#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "planner/model/forecast.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/numbers.hpp"

// Plain data of a plan: what documents say, who works when, and the schedule.
// No I/O here; the stages fill these structs and the exporters read them.
namespace rplan::model {

using util::Date;
using util::Instant;

enum class TaskKind { research, analysis, documentation, other };
enum class TaskStatus { open, in_progress, done };
enum class Strategy { balanced, round_robin };

std::string_view to_string(TaskKind kind);
std::string_view to_string(TaskStatus status);
std::string_view to_string(Strategy strategy);
std::optional<TaskKind> parse_task_kind(std::string_view text);
// Accepts "open", "in-progress" (also "in_progress"), "done".
std::optional<TaskStatus> parse_task_status(std::string_view text);
std::optional<Strategy> parse_strategy(std::string_view text);
// "Research", "Analysis", "Documentation", "Other": for people, not for files.
std::string_view display_name(TaskKind kind);
// The length in bytes of the word that opens `prompt` when that word already
// says the kind (any case): "Research" for research; "Analyze", "Analyse" or
// "Analysis" for analysis; "Document" or "Documentation" for documentation;
// followed by a space and more words; 0 when it does not. Labels that name a task's kind (a
// calendar event's title, a checklist item's bold word) show the kind once: the prompt alone when
// this is not 0, else the kind before the prompt.
std::size_t kind_word_length(TaskKind kind, std::string_view prompt);

// ---- What a topic document says (output of parse/) ----

// How long a task is expected to take, in hours. `hours` is what the scheduler
// uses: the manual override when there is one, else the model's `likely`.
struct Estimate {
  double hours = 0;
  double optimistic = 0;
  double likely = 0;
  double pessimistic = 0;
  bool manual = false;  // hours was set with `rplan task ID --estimate`
  friend bool operator==(const Estimate&, const Estimate&) = default;
};

// One research prompt as written: text with wrapped lines joined by single
// spaces and nested items appended.
struct ParsedPrompt {
  std::string text;
  int line = 0;  // 1-based line of the item's marker
  // Filled by estimate/ before the prompt is stored.
  TaskKind kind = TaskKind::other;
  Estimate estimate;
};

struct ParsedTopic {
  std::string title;                // heading text without its number ("Caching")
  std::optional<int> number;        // "### 3. Caching" -> 3
  std::string focus;                // "" when the topic has no Research Focus line
  std::vector<std::string> skills;  // from an optional "**Skills**:" line, lower-case
  int line = 0;                     // line of the heading
  std::vector<ParsedPrompt> prompts;
};

struct ParsedDocument {
  std::string name;   // file name without folders: the document's identity
  std::string title;  // the first "#" heading, "" if none
  // The absolute folder the file was read from, or "" when unknown (set by
  // the CLI; the store remembers it to warn when a document of the same name
  // comes from another folder).
  std::string folder;
  std::vector<ParsedTopic> topics;
};

// ---- What the database holds ----

struct Topic {
  std::string id;
  std::string document;  // document name
  std::optional<int> number;
  std::string title;
  std::string focus;
  std::vector<std::string> skills;
  int ordinal = 0;   // order of the topic among all topics (document order, then position)
  int sequence = 0;  // iCalendar SEQUENCE of the topic's to-do (stored with the plan)
  friend bool operator==(const Topic&, const Topic&) = default;
};

// One contiguous stretch of work by one person on one local day.
struct WorkBlock {
  Date date;             // the assignee's local date
  int start_minute = 0;  // local wall-clock minutes after midnight
  int minutes = 0;       // length
  Instant utc_start;     // the same start as a UTC instant
  Instant utc_end;       // utc_start + minutes
  int sequence = 0;      // iCalendar SEQUENCE of this block's event
  bool history = false;  // work of the past the plan keeps as it was (never moved by a re-plan)
  // Who works the block when it is not the task's assignee: the past work of
  // an in-progress task that someone else carries on. "" for the assignee.
  std::string assignee;
  double hours() const { return minutes / 60.0; }
  // The assignee's offset from UTC on that day, in minutes (local - utc).
  int utc_offset_minutes() const {
    const auto local = Instant{date} + std::chrono::minutes{start_minute};
    return static_cast<int>(
        std::chrono::duration_cast<std::chrono::minutes>(local - utc_start).count());
  }
  friend bool operator==(const WorkBlock&, const WorkBlock&) = default;
};

struct Task {
  std::string id;
  std::string topic_id;
  int position = 0;  // 1-based position of the prompt in its topic
  TaskKind kind = TaskKind::other;
  std::string prompt;
  Estimate estimate;
  TaskStatus status = TaskStatus::open;
  std::string pinned_assignee;     // "" when not pinned
  std::vector<std::string> after;  // explicit dependencies (task ids), `task --after`
  // A manual three-point estimate (`rplan task ID --estimate 4-6-12`): its
  // optimistic and pessimistic hours (estimate.hours is the likely one);
  // unset for a single manual figure, which keeps the kind's ratios
  // (three_point).
  std::optional<double> manual_optimistic;
  std::optional<double> manual_pessimistic;
  // ---- what was recorded (docs/tracking.md) ----
  double spent_hours = 0;                 // sum of its work entries (`task --spent`)
  std::optional<double> remaining_hours;  // set with `task --remaining`; nullopt: derived
  std::optional<Instant> done_at;         // set while the status is done
  std::string done_by;                    // person credited with finishing it ("" if none)
  std::string started_by;                 // who started it; "" when never started
  // ---- the stored plan; empty/unset while unplanned ----
  std::string assignee;                 // "" when unplanned or unassignable
  std::vector<std::string> depends_on;  // effective dependencies used by the plan
  std::optional<Instant> start;         // first block's utc_start (see set_dates_from_blocks)
  std::optional<Instant> finish;        // last block's utc_end; for a done task, done_at
  std::vector<WorkBlock> blocks;        // in time order
  int sequence = 0;                     // iCalendar SEQUENCE for the task-level (todo/span) item
  bool slipped = false;                 // open, and its planned blocks passed with no work recorded
  bool planned() const { return !assignee.empty() && !blocks.empty(); }
  friend bool operator==(const Task&, const Task&) = default;
};

// A task's effort as three figures, in hours: optimistic <= likely <= pessimistic.
struct ThreePoint {
  double optimistic = 0;
  double likely = 0;
  double pessimistic = 0;
  friend bool operator==(const ThreePoint&, const ThreePoint&) = default;
};

// The three-point estimate a forecast draws from (docs/estimation.md): the
// model's optimistic, likely and pessimistic figures; for a manual
// three-point estimate its figures; for a single manual figure, that figure
// as likely and the model's ratios (optimistic / likely, pessimistic /
// likely; 1 when the model's likely is 0) around it. The one rule `show`,
// `forecast` and the exports use.
ThreePoint three_point(const Task& task);

// The hours a task still needs: the explicit remaining when one was set;
// else its estimate less the hours spent, but `minimum` when hours were
// spent and they reached the estimate (the task is not done, so something is
// left); 0 for a done task. The one rule the scheduler, `show`, `list` and
// the exports use.
double remaining_hours(const Task& task, double minimum);
// True when remaining_hours gives the task `minimum`: not done, no explicit
// remaining, and the hours spent reached its estimate.
bool remaining_is_minimum(const Task& task);

// The person who works `block` of `task`: the block's own assignee when it
// has one, else the task's.
inline const std::string& block_person(const Task& task, const WorkBlock& block) {
  return block.assignee.empty() ? task.assignee : block.assignee;
}

// Sets the task's start and finish from its blocks: the first block's start
// and the last block's end, none without blocks. A done task with done_at
// finishes then, and starts then at the latest (it has no blocks when it was
// finished before any of its planned work). The one rule the store (loading
// a plan) and the scheduler use.
void set_dates_from_blocks(Task& task);

// The person the plan gives the task: its assignee when it is planned, and
// a done task's assignee even with no block left (it was done before its
// planned work); "" otherwise. What list, show and the exports name.
inline const std::string& plan_person(const Task& task) {
  static const std::string k_nobody;
  return task.planned() || task.status == TaskStatus::done ? task.assignee : k_nobody;
}

// The person a task's recorded work and status changes are credited to: its
// planned assignee, else the person it is pinned to; "" when neither.
const std::string& credited_person(const Task& task);

// One `task ID --spent HOURS` record.
struct WorkEntry {
  std::string task_id;
  std::string assignee;  // who did the work
  Date date;             // the person's local date of the work
  double hours = 0;      // > 0
  Instant recorded_at;   // when it was recorded
  friend bool operator==(const WorkEntry&, const WorkEntry&) = default;
};

// One change of a task's status, as kept in its history.
struct StatusChange {
  std::string task_id;
  TaskStatus status = TaskStatus::open;  // the status it changed to
  Instant at;                            // when (for done: the time it was finished)
  std::string by;                        // the person credited, "" when none
  friend bool operator==(const StatusChange&, const StatusChange&) = default;
};

struct Assignee {
  std::string name;
  std::string email;
  double hours_per_day = 6;
  std::array<bool, 7> workdays = {true, true, true, true, true, false, false};  // mon..sun
  int day_start = 9 * 60;  // local minutes after midnight
  std::string timezone = "UTC";
  std::vector<std::string> skills;  // lower-case tags
  friend bool operator==(const Assignee&, const Assignee&) = default;
};

// The hours a person may work in a day: more than 0, at most 24.
inline constexpr util::NumberRange k_hours_per_day{0, 24, util::NumberRange::LowEnd::excluded};

// Problems with a person's settings, one sentence each naming the field:
// hours per day outside k_hours_per_day (NaN included), a working day that
// runs past midnight, no workday, an unknown time zone, an email without '@'
// or with spaces or brackets. Empty when valid.
std::vector<std::string> validate(const Assignee& person);

// Parses working days, the one parser for the CLI, the team CSV and the
// database: a comma-separated list of days ("mon,tue,wed") and ranges
// ("mon-fri"; a range wraps past Sunday: "sun-thu" is sun,mon,tue,wed,thu),
// mixed as in "mon-wed,fri". Days are three-letter or full English names in
// any case; a range's dash may be "-" or an en dash. nullopt when a part is
// neither a day nor a range of two days.
std::optional<std::array<bool, 7>> parse_workdays(std::string_view text);

// ---- Finding a person by name: the one rule every command uses ----
// A name given on the command line or in a file names a person when it is
// their name exactly, else when it is their name but for case (util::fold_case:
// "priya raman" finds "Priya Raman"; white space at either end is ignored).
// An exact match wins over matches that differ in case.

// True when two names are the same but for case (and white space at either end).
bool same_name(std::string_view a, std::string_view b);

// The person `name` names in `team`, or nullptr when nobody. Throws
// InputError (exit 65) when no one has the name exactly and several people
// have it but for case, naming them.
const Assignee* find_person(std::span<const Assignee> team, std::string_view name);

// find_person, but nobody is an InputError (exit 65) that names who is in the
// team: `nobody named "Ken" is in the team (it has Ada, Priya Raman, ...)`.
const Assignee& require_person(std::span<const Assignee> team, std::string_view name);

// A team never holds two names that differ only in case. When `name` is
// nobody's name exactly but someone's name but for case, the sentence that
// refuses adding it (naming that person, and how to update them); "" when
// `name` is someone's exactly or nobody's at all.
std::string case_clash(std::span<const Assignee> team, std::string_view name);

// Who is in the team, for error messages: "Ada, Priya Raman and Tom", the
// first ten names and "and N more" past them; "nobody yet" for no team.
std::string describe_team(std::span<const Assignee> team);

struct TimeOff {
  std::string assignee;
  Date from;
  Date to;  // inclusive
  std::string reason;
  friend bool operator==(const TimeOff&, const TimeOff&) = default;
};

struct Holiday {
  Date date;
  std::string name;
  // The names of the people it is a day off for, sorted; empty: everyone's.
  // Whose it is, is decided by holiday_applies (model/working_time.hpp) alone.
  std::vector<std::string> people{};
  friend bool operator==(const Holiday&, const Holiday&) = default;
};

struct PlanInfo {
  bool exists = false;
  Date start{};
  Date finish{};  // last local date with work, across the team
  Strategy strategy = Strategy::balanced;
  Instant created_at{};  // when `plan` ran: the export timestamp (generated_at, DTSTAMP)
  double total_hours = 0;
  std::vector<std::string> unassigned;  // task ids nobody could take
  Instant now{};                        // the instant the plan was made from (its `now`)
  std::vector<std::string> slipped;     // open tasks whose planned blocks passed with no work
  std::vector<std::string> at_minimum;  // spent reached the estimate, not done: minimum remaining
  // The minimum the plan gave such tasks (config tracking.minimum_remaining_hours):
  // remaining_hours(task, minimum_remaining_hours) is the work it planned for each.
  double minimum_remaining_hours = 1;
  // What changed since the plan was made, one short phrase per kind of change
  // ("time off for Ada"); empty while the plan is up to date. Loaded, not
  // stored with the plan.
  std::vector<std::string> stale_reasons;
  friend bool operator==(const PlanInfo&, const PlanInfo&) = default;
};

// What an iCalendar item is about: one work block (an event), a task (its
// to-do, and its all-day event in span mode) or a topic (its to-do).
enum class CalendarItemKind { block, task, topic };

// An iCalendar item that left a calendar: removed from the plan, or moved
// out of one person's calendar (to someone else, or to nobody). The store
// remembers each one (docs/storage.md, calendar_cancelled); a calendar file
// that no longer holds the item writes it as cancelled (same UID,
// STATUS:CANCELLED, this SEQUENCE) for a while, so that an app importing the
// file again removes it (docs/calendar-import.md).
struct CancelledItem {
  CalendarItemKind kind = CalendarItemKind::block;
  std::string uid;      // event_uid, todo_uid or topic_uid (planner/model/calendar_items.hpp)
  std::string subject;  // the task's id (block, task) or the topic's
  int number = 0;       // a block's number, 1-based; 0 for a task or a topic
  // The person whose calendar it left; "" when only the team's calendar held
  // it (a task nobody was planned for, a topic).
  std::string calendar;
  int sequence = 0;  // the cancellation's SEQUENCE: one above what that calendar was given
  Date left_on{};    // the UTC date of the plan's `now` when it left
  std::optional<Date> first_date, last_date;  // its local dates, when it had work blocks
  std::optional<Instant> utc_start, utc_end;  // its time, when it had work blocks
  TaskKind task_kind = TaskKind::other;       // block, task: the task's kind
  std::string text;                           // the task's prompt, or the topic's title
  std::string topic_title;                    // block, task: its topic's title
  friend bool operator==(const CancelledItem&, const CancelledItem&) = default;
};

// The project's scope (model::scope_hours) when a plan was made: the
// burn-up's scope line for the weeks before now.
struct ScopePoint {
  Instant at;  // the plan's now
  double scope_hours = 0;
  friend bool operator==(const ScopePoint&, const ScopePoint&) = default;
};

// Everything an export needs, loaded from the store. Topics in ordinal order;
// tasks grouped by topic in topic order, then by position. Archived topics and
// tasks are not included.
struct Project {
  std::vector<Topic> topics;
  std::vector<Task> tasks;
  std::vector<Assignee> team;     // by name
  std::vector<Holiday> holidays;  // by date
  std::vector<TimeOff> time_off;  // by assignee, then from
  PlanInfo plan;
  std::string title;                // title of the first document, "" if none
  std::vector<WorkEntry> work_log;  // every work entry of its tasks, by date, then task id
  // Every item a calendar once held and then lost, by uid, then calendar; an
  // item may have come back since (the exporters write as cancelled only
  // what the file they write does not hold).
  std::vector<CancelledItem> cancelled;
  std::vector<ScopePoint> scope_history;  // one per plan made, by time
  // The forecast stored with this plan (`rplan forecast`), when there is one
  // and the plan is the one it was made for: set by Store::load_forecast,
  // not by load_project; the exports show it.
  std::optional<Forecast> forecast;
  friend bool operator==(const Project&, const Project&) = default;
};

}  // namespace rplan::model
