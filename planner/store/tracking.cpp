// What was recorded about the work: hours spent, remaining hours, status
// changes with their time and person, and the plan changes that make a plan
// out of date (docs/storage.md).

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "planner/store/sqlite_guard.hpp"
#include "planner/store/store.hpp"
#include "planner/store/store_internal.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

namespace rplan::store {

using detail::from_unix;
using detail::guarded;
using detail::to_unix;

namespace detail {

void require_task(SQLite::Database& db, const std::string& id) {
  SQLite::Statement q(db,
                      "SELECT 1 FROM tasks k JOIN topics p ON p.id = k.topic_id "
                      "WHERE k.id = ? AND k.archived = 0 AND p.archived = 0");
  q.bind(1, id);
  if (!q.executeStep()) throw InputError("no task has the id \"" + id + "\"");
}

PlanChangeLog::PlanChangeLog(SQLite::Database& db, model::Instant at) : m_at(to_unix(at)) {
  if (db.execAndGet("SELECT EXISTS (SELECT 1 FROM plan)").getInt() != 0) {
    m_insert = std::make_unique<SQLite::Statement>(
        db, "INSERT INTO plan_changes (kind, subject, at) VALUES (?, ?, ?)");
  }
}

void PlanChangeLog::add(std::string_view kind, const std::string& subject) {
  if (!m_insert) return;
  m_insert->reset();
  m_insert->bind(1, std::string(kind));
  m_insert->bind(2, subject);
  m_insert->bind(3, static_cast<std::int64_t>(m_at));
  m_insert->exec();
}

namespace {

// How one kind of change reads: with one subject ("time off for Ada"), and
// with several ("time off for 2 people", then the subjects in parentheses).
struct Phrase {
  std::string_view kind;
  std::string_view one_before, one_after;    // around the subject
  std::string_view many_before, many_after;  // around the count
};

constexpr Phrase k_phrases[] = {
    {"team", "team member ", "", "", " team members"},
    {"time-off", "time off for ", "", "time off for ", " people"},
    {"holiday", "holiday ", "", "", " holidays"},
    {"task-added", "task ", " added", "", " tasks added"},
    {"task-removed", "task ", " removed", "", " tasks removed"},
    {"task-edited", "the text of task ", "", "the text of ", " tasks"},
    {"topic-edited", "topic ", " edited", "", " topics edited"},
    {"document-forgotten", "document ", " forgotten", "", " documents forgotten"},
    {"estimate", "the estimate of task ", "", "estimates of ", " tasks"},
    {"pin", "the pin of task ", "", "pins of ", " tasks"},
    {"dependency", "the dependencies of task ", "", "dependencies of ", " tasks"},
    {"status", "the status of task ", "", "statuses of ", " tasks"},
    {"spent", "hours spent on task ", "", "hours spent on ", " tasks"},
    {"remaining", "the remaining hours of task ", "", "remaining hours of ", " tasks"},
};

std::string phrase(std::string_view kind, const std::vector<std::string>& subjects) {
  const Phrase* p = nullptr;
  for (const auto& candidate : k_phrases) {
    if (candidate.kind == kind) p = &candidate;
  }
  if (p == nullptr) {  // a kind this build does not know (a newer rplan's)
    return std::string(kind) + " (" + std::to_string(subjects.size()) + ")";
  }
  if (subjects.size() == 1) {
    return std::string(p->one_before) + subjects.front() + std::string(p->one_after);
  }
  constexpr std::size_t k_shown = 3;
  std::vector<std::string> shown(subjects.begin(),
                                 subjects.begin() + std::min(subjects.size(), k_shown));
  if (subjects.size() > k_shown) shown.emplace_back("\u2026");
  return std::string(p->many_before) + std::to_string(subjects.size()) +
         std::string(p->many_after) + " (" + util::join(shown, ", ") + ")";
}

}  // namespace

std::vector<std::string> stale_reasons(SQLite::Database& db) {
  // Each kind with its distinct subjects, both in the order they first came.
  std::vector<std::pair<std::string, std::vector<std::string>>> kinds;
  std::map<std::string, std::size_t> kind_index;
  std::map<std::pair<std::size_t, std::string>, bool> seen;
  SQLite::Statement q(db, "SELECT kind, subject FROM plan_changes ORDER BY id");
  while (q.executeStep()) {
    const std::string kind = q.getColumn(0).getString();
    auto [it, fresh] = kind_index.emplace(kind, kinds.size());
    if (fresh) kinds.push_back({kind, {}});
    std::string subject = q.getColumn(1).getString();
    if (seen.emplace(std::pair{it->second, subject}, true).second) {
      kinds[it->second].second.push_back(std::move(subject));
    }
  }
  std::vector<std::string> reasons;
  reasons.reserve(kinds.size());
  for (const auto& [kind, subjects] : kinds) reasons.push_back(phrase(kind, subjects));
  return reasons;
}

}  // namespace detail

namespace {

struct TaskState {
  model::TaskStatus status = model::TaskStatus::open;
  std::optional<double> remaining;
  std::optional<std::int64_t> done_at;
  std::string done_by, started_by;
};

TaskState read_state(SQLite::Database& db, const std::string& id) {
  detail::require_task(db, id);
  SQLite::Statement q(db,
                      "SELECT status, remaining_hours, done_at, done_by, started_by FROM tasks "
                      "WHERE id = ?");
  q.bind(1, id);
  q.executeStep();
  TaskState s;
  s.status = model::parse_task_status(q.getColumn(0).getString()).value_or(model::TaskStatus::open);
  if (!q.getColumn(1).isNull()) s.remaining = q.getColumn(1).getDouble();
  if (!q.getColumn(2).isNull()) s.done_at = q.getColumn(2).getInt64();
  s.done_by = q.getColumn(3).getString();
  s.started_by = q.getColumn(4).getString();
  return s;
}

void write_state(SQLite::Database& db, const std::string& id, const TaskState& s) {
  SQLite::Statement up(db,
                       "UPDATE tasks SET status = ?, remaining_hours = ?, done_at = ?, "
                       "done_by = ?, started_by = ? WHERE id = ?");
  up.bind(1, std::string(model::to_string(s.status)));
  if (s.remaining) {
    up.bind(2, *s.remaining);
  } else {
    up.bind(2);
  }
  if (s.done_at) {
    up.bind(3, static_cast<std::int64_t>(*s.done_at));
  } else {
    up.bind(3);
  }
  up.bind(4, s.done_by);
  up.bind(5, s.started_by);
  up.bind(6, id);
  up.exec();
}

void add_history(SQLite::Database& db, const std::string& id, model::TaskStatus status,
                 model::Instant at, const std::string& by) {
  SQLite::Statement ins(db,
                        "INSERT INTO status_history (task_id, status, at, by) VALUES (?, ?, ?, ?)");
  ins.bind(1, id);
  ins.bind(2, std::string(model::to_string(status)));
  ins.bind(3, static_cast<std::int64_t>(to_unix(at)));
  ins.bind(4, by);
  ins.exec();
}

// Moves `s` to `status` (recording the change); returns whether it changed.
bool change_status(SQLite::Database& db, const std::string& id, TaskState& s,
                   model::TaskStatus status, model::Instant at, const std::string& by) {
  if (s.status == status) return false;
  s.status = status;
  if (status == model::TaskStatus::done) {
    s.done_at = to_unix(at);
    s.done_by = by;
    s.remaining.reset();
  } else {
    s.done_at.reset();
    s.done_by.clear();
    if (status == model::TaskStatus::in_progress && s.started_by.empty()) s.started_by = by;
  }
  add_history(db, id, status, at, by);
  return true;
}

}  // namespace

bool Store::set_status(const std::string& task_id, model::TaskStatus status, model::Instant at,
                       const std::string& by) {
  return guarded(m_path, [&] {
    TaskState s = read_state(db(), task_id);
    bool changed = change_status(db(), task_id, s, status, at, by);
    if (!changed && status == model::TaskStatus::done &&
        (s.done_at != to_unix(at) || s.done_by != by)) {
      s.done_at = to_unix(at);  // a correction of when (or by whom) it was finished
      s.done_by = by;
      changed = true;
    }
    if (!changed) return false;
    write_state(db(), task_id, s);
    detail::PlanChangeLog(db(), m_now).add("status", task_id);
    return true;
  });
}

void Store::record_work(const model::WorkEntry& e) {
  guarded(m_path, [&] {
    if (!(e.hours > 0) || !std::isfinite(e.hours)) {
      throw InputError("hours spent must be a number above 0, not " + util::format_hours(e.hours));
    }
    TaskState s = read_state(db(), e.task_id);
    SQLite::Statement ins(db(),
                          "INSERT INTO work_log (task_id, assignee, date, hours, recorded_at) "
                          "VALUES (?, ?, ?, ?, ?)");
    ins.bind(1, e.task_id);
    ins.bind(2, e.assignee);
    ins.bind(3, util::format_date(e.date));
    ins.bind(4, e.hours);
    ins.bind(5, static_cast<std::int64_t>(to_unix(e.recorded_at)));
    ins.exec();
    if (s.remaining) s.remaining = std::max(*s.remaining - e.hours, 0.0);
    if (s.status == model::TaskStatus::open) {
      change_status(db(), e.task_id, s, model::TaskStatus::in_progress, e.recorded_at, e.assignee);
    }
    if (s.started_by.empty()) s.started_by = e.assignee;
    write_state(db(), e.task_id, s);
    detail::PlanChangeLog(db(), m_now).add("spent", e.task_id);
  });
}

void Store::set_remaining(const std::string& task_id, double hours, model::Instant at,
                          const std::string& by) {
  guarded(m_path, [&] {
    if (!(hours >= 0) || !std::isfinite(hours)) {
      throw InputError("remaining hours must be a number of 0 or more, not " +
                       util::format_hours(hours));
    }
    TaskState s = read_state(db(), task_id);
    change_status(db(), task_id, s, model::TaskStatus::in_progress, at, by);
    const bool changed = s.remaining != hours;
    s.remaining = hours;
    write_state(db(), task_id, s);
    if (changed) detail::PlanChangeLog(db(), m_now).add("remaining", task_id);
  });
}

std::vector<model::StatusChange> Store::status_history(const std::string& task_id) const {
  return guarded(m_path, [&] {
    std::vector<model::StatusChange> changes;
    SQLite::Statement q(db(),
                        "SELECT status, at, by FROM status_history WHERE task_id = ? ORDER BY id");
    q.bind(1, task_id);
    while (q.executeStep()) {
      model::StatusChange c;
      c.task_id = task_id;
      c.status =
          model::parse_task_status(q.getColumn(0).getString()).value_or(model::TaskStatus::open);
      c.at = from_unix(q.getColumn(1).getInt64());
      c.by = q.getColumn(2).getString();
      changes.push_back(std::move(c));
    }
    return changes;
  });
}

std::vector<model::WorkEntry> Store::work_log(const WorkLogQuery& query) const {
  return guarded(m_path, [&] {
    std::string sql =
        "SELECT w.task_id, w.assignee, w.date, w.hours, w.recorded_at FROM work_log w "
        "JOIN tasks k ON k.id = w.task_id JOIN topics p ON p.id = k.topic_id "
        "WHERE k.archived = 0 AND p.archived = 0";
    if (!query.assignee.empty()) sql += " AND w.assignee = :assignee";
    if (!query.task_id.empty()) sql += " AND w.task_id = :task";
    if (query.from) sql += " AND w.date >= :from";
    if (query.to) sql += " AND w.date <= :to";
    sql += " ORDER BY w.date, w.task_id, w.id";
    SQLite::Statement q(db(), sql);
    if (!query.assignee.empty()) q.bind(":assignee", query.assignee);
    if (!query.task_id.empty()) q.bind(":task", query.task_id);
    if (query.from) q.bind(":from", util::format_date(*query.from));
    if (query.to) q.bind(":to", util::format_date(*query.to));
    std::vector<model::WorkEntry> entries;
    while (q.executeStep()) {
      model::WorkEntry e;
      e.task_id = q.getColumn(0).getString();
      e.assignee = q.getColumn(1).getString();
      e.date = util::parse_date(q.getColumn(2).getString()).value_or(model::Date{});
      e.hours = q.getColumn(3).getDouble();
      e.recorded_at = from_unix(q.getColumn(4).getInt64());
      entries.push_back(std::move(e));
    }
    return entries;
  });
}

}  // namespace rplan::store
