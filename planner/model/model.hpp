#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  int ordinal = 0;  // order of the topic among all topics (document order, then position)
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
  // ---- the stored plan; empty/unset while unplanned ----
  std::string assignee;                 // "" when unplanned or unassignable
  std::vector<std::string> depends_on;  // effective dependencies used by the plan
  std::optional<Instant> start;         // first block's utc_start
  std::optional<Instant> finish;        // last block's utc_end
  std::vector<WorkBlock> blocks;        // in time order
  int sequence = 0;                     // iCalendar SEQUENCE for the task-level (todo/span) item
  bool planned() const { return !assignee.empty() && !blocks.empty(); }
  friend bool operator==(const Task&, const Task&) = default;
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

// Parses "mon,tue,wed" (also full names, any case); nullopt when a part is not a weekday.
std::optional<std::array<bool, 7>> parse_workdays(std::string_view text);

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
  friend bool operator==(const PlanInfo&, const PlanInfo&) = default;
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
  std::string title;  // title of the first document, "" if none
  friend bool operator==(const Project&, const Project&) = default;
};

}  // namespace rplan::model
