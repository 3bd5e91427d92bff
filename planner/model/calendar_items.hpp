#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "planner/model/model.hpp"

// The iCalendar items of a plan: their UIDs, whose calendar holds them, and
// how long a cancelled one is still written. One rule for the store (which
// numbers the items and remembers those that left a calendar) and the
// iCalendar writer (which writes them).
namespace rplan::model {

// ---- UIDs: stable across re-plans and fresh databases (task and topic ids are) ----

// The domain part of every UID rplan writes.
inline constexpr std::string_view k_uid_domain = "rplan";
// "<task>-<n>@rplan" for the n-th (1-based) work block of a task (events).
std::string event_uid(std::string_view task_id, std::size_t block_number);
// "<task>@rplan" for a task's to-do.
std::string todo_uid(std::string_view task_id);
// "<task>-span@rplan" for a task's all-day event (span).
std::string span_uid(std::string_view task_id);
// "<topic>-topic@rplan" for a topic's to-do, the parent of its tasks' to-dos.
std::string topic_uid(std::string_view topic_id);

// ---- whose calendar ----

// The person whose own calendar (`export ics --per-assignee`, a person's
// feed) holds the task's items: its assignee while it has work blocks; ""
// when only the team's calendar holds them (nobody could take it, or it is
// done without work blocks). Topics are only in the team's calendar.
const std::string& calendar_of(const Task& task);

// ---- cancelled items ----

// How many days after its date a cancelled item is still written, unless the
// configuration says otherwise ([calendar] cancelled_retention_days).
inline constexpr int k_cancelled_retention_days = 60;

// Whether a cancelled item is still written on `today` (the plan's `now`, as
// a UTC date): until `days` days after its last local date, and at least
// `days` days after the day it left (so a past event that leaves the plan is
// still cancelled).
bool within_retention(const CancelledItem& item, Date today, int days);

}  // namespace rplan::model
