// Baselines: the stored plan's snapshot, `previous`, and the ones saved by
// name (docs/storage.md, "Baselines").

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

#include "planner/model/baseline.hpp"
#include "planner/model/workload.hpp"
#include "planner/store/batch_insert.hpp"
#include "planner/store/sqlite_guard.hpp"
#include "planner/store/store.hpp"
#include "planner/store/store_internal.hpp"
#include "planner/util/error.hpp"

namespace rplan::store {

using detail::from_unix;
using detail::guarded;
using detail::to_unix;

namespace detail {

namespace {

// The empty name: the stored plan's own snapshot.
constexpr const char* k_plan_snapshot = "";

std::optional<std::int64_t> baseline_id(SQLite::Database& db, const std::string& name) {
  SQLite::Statement q(db, "SELECT id FROM baselines WHERE name = ?");
  q.bind(1, name);
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getInt64();
}

void delete_baseline(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement tasks(db, "DELETE FROM baseline_tasks WHERE baseline_id = ?");
  tasks.bind(1, id);
  tasks.exec();
  SQLite::Statement row(db, "DELETE FROM baselines WHERE id = ?");
  row.bind(1, id);
  row.exec();
}

void bind_optional_date(SQLite::Statement& q, int i, const std::optional<model::Date>& d) {
  if (d) {
    q.bind(i, util::format_date(*d));
  } else {
    q.bind(i);
  }
}

void bind_optional_instant(SQLite::Statement& q, int i, const std::optional<model::Instant>& t) {
  if (t) {
    q.bind(i, static_cast<std::int64_t>(to_unix(*t)));
  } else {
    q.bind(i);
  }
}

}  // namespace

// Makes the stored snapshot the baseline `previous` (replacing it) and writes
// `project`'s plan as the new snapshot. Called by write_plan after the plan's
// rows.
void rotate_plan_snapshot(SQLite::Database& db, const model::Project& project) {
  if (const auto old = baseline_id(db, std::string(model::k_previous_baseline))) {
    delete_baseline(db, *old);
  }
  {
    SQLite::Statement q(db, "UPDATE baselines SET name = ? WHERE name = ?");
    q.bind(1, std::string(model::k_previous_baseline));
    q.bind(2, k_plan_snapshot);
    q.exec();
  }
  {
    SQLite::Statement q(db, "INSERT OR REPLACE INTO plan_scope (at, scope_hours) VALUES (?, ?)");
    q.bind(1, static_cast<std::int64_t>(to_unix(project.plan.now)));
    q.bind(2, model::scope_hours(project));
    q.exec();
  }
  // What model::make_baseline keeps, bound straight from the tasks (in id
  // order, the key's) without copying the project's texts.
  SQLite::Statement head(db,
                         "INSERT INTO baselines (name, saved_at, plan_created_at, plan_now, start, "
                         "finish, total_hours) VALUES (?, ?, ?, ?, ?, ?, ?)");
  head.bind(1, k_plan_snapshot);
  head.bind(2, static_cast<std::int64_t>(to_unix(project.plan.created_at)));
  head.bind(3, static_cast<std::int64_t>(to_unix(project.plan.created_at)));
  head.bind(4, static_cast<std::int64_t>(to_unix(project.plan.now)));
  head.bind(5, util::format_date(project.plan.start));
  head.bind(6, util::format_date(project.plan.finish));
  head.bind(7, project.plan.total_hours);
  head.exec();
  const std::int64_t id = db.getLastInsertRowid();
  std::vector<const model::Task*> tasks;
  tasks.reserve(project.tasks.size());
  for (const model::Task& t : project.tasks) tasks.push_back(&t);
  std::sort(tasks.begin(), tasks.end(),
            [](const model::Task* a, const model::Task* b) { return a->id < b->id; });
  BatchInsert rows(db,
                   "INSERT INTO baseline_tasks (baseline_id, task_id, assignee, status, start, "
                   "finish, first_date, last_date, estimate_hours, planned_minutes) VALUES ",
                   10, tasks.size());
  for (const model::Task* t : tasks) {
    const model::BaselineTask b = model::baseline_task(*t, model::BaselineTexts::without);
    auto [q, i] = rows.next();
    q.bind(i, id);
    q.bindNoCopy(i + 1, t->id);
    q.bindNoCopy(i + 2, model::plan_person(*t));
    q.bindNoCopy(i + 3, model::to_string(t->status).data());
    bind_optional_instant(q, i + 4, b.start);
    bind_optional_instant(q, i + 5, b.finish);
    bind_optional_date(q, i + 6, b.first_day);
    bind_optional_date(q, i + 7, b.last_day);
    q.bind(i + 8, b.estimate_hours);
    q.bind(i + 9, static_cast<std::int64_t>(b.planned_minutes));
    rows.done();
  }
}

std::vector<model::ScopePoint> load_scope_history(SQLite::Database& db) {
  std::vector<model::ScopePoint> points;
  SQLite::Statement q(db, "SELECT at, scope_hours FROM plan_scope ORDER BY at");
  while (q.executeStep()) {
    points.push_back({from_unix(q.getColumn(0).getInt64()), q.getColumn(1).getDouble()});
  }
  return points;
}

}  // namespace detail

bool Store::save_baseline(const std::string& name, model::Instant at) {
  return guarded(m_path, [&] {
    const auto snapshot = detail::baseline_id(db(), detail::k_plan_snapshot);
    if (!snapshot) throw InputError("there is no plan to keep as a baseline; run rplan plan first");
    const auto old = detail::baseline_id(db(), name);
    if (old) detail::delete_baseline(db(), *old);
    SQLite::Statement head(db(),
                           "INSERT INTO baselines (name, saved_at, plan_created_at, plan_now, "
                           "start, finish, total_hours) SELECT ?, ?, plan_created_at, plan_now, "
                           "start, finish, total_hours FROM baselines WHERE id = ?");
    head.bind(1, name);
    head.bind(2, static_cast<std::int64_t>(to_unix(at)));
    head.bind(3, *snapshot);
    head.exec();
    SQLite::Statement rows(db(),
                           "INSERT INTO baseline_tasks SELECT ?, task_id, assignee, status, start, "
                           "finish, first_date, last_date, estimate_hours, planned_minutes "
                           "FROM baseline_tasks WHERE baseline_id = ? ORDER BY task_id");
    rows.bind(1, db().getLastInsertRowid());
    rows.bind(2, *snapshot);
    rows.exec();
    return old.has_value();
  });
}

std::vector<BaselineSummary> Store::baselines() const {
  return guarded(m_path, [&] {
    std::vector<BaselineSummary> out;
    SQLite::Statement q(db(),
                        "SELECT name, saved_at, plan_created_at, start, finish, total_hours, "
                        "(SELECT COUNT(*) FROM baseline_tasks WHERE baseline_id = b.id) "
                        "FROM baselines b WHERE name <> '' ORDER BY saved_at, name");
    while (q.executeStep()) {
      BaselineSummary s;
      s.name = q.getColumn(0).getString();
      s.saved_at = from_unix(q.getColumn(1).getInt64());
      s.plan_created_at = from_unix(q.getColumn(2).getInt64());
      s.start = util::parse_date(q.getColumn(3).getString()).value_or(model::Date{});
      s.finish = util::parse_date(q.getColumn(4).getString()).value_or(model::Date{});
      s.total_hours = q.getColumn(5).getDouble();
      s.tasks = q.getColumn(6).getInt64();
      out.push_back(std::move(s));
    }
    return out;
  });
}

bool Store::remove_baseline(const std::string& name) {
  return guarded(m_path, [&] {
    if (name.empty()) return false;
    const auto id = detail::baseline_id(db(), name);
    if (!id) return false;
    detail::delete_baseline(db(), *id);
    return true;
  });
}

std::optional<model::Baseline> Store::load_baseline(const std::string& name) const {
  return guarded(m_path, [&]() -> std::optional<model::Baseline> {
    if (name.empty()) return std::nullopt;
    SQLite::Statement head(db(),
                           "SELECT id, saved_at, plan_created_at, plan_now, start, finish, "
                           "total_hours FROM baselines WHERE name = ?");
    head.bind(1, name);
    if (!head.executeStep()) return std::nullopt;
    model::Baseline b;
    b.name = name;
    const std::int64_t id = head.getColumn(0).getInt64();
    b.saved_at = from_unix(head.getColumn(1).getInt64());
    b.plan_created_at = from_unix(head.getColumn(2).getInt64());
    b.plan_now = from_unix(head.getColumn(3).getInt64());
    b.start = util::parse_date(head.getColumn(4).getString()).value_or(model::Date{});
    b.finish = util::parse_date(head.getColumn(5).getString()).value_or(model::Date{});
    b.total_hours = head.getColumn(6).getDouble();
    SQLite::Statement q(db(),
                        "SELECT b.task_id, b.assignee, b.status, b.start, b.finish, b.first_date, "
                        "b.last_date, b.estimate_hours, b.planned_minutes, t.topic_id, t.prompt "
                        "FROM baseline_tasks b JOIN tasks t ON t.id = b.task_id "
                        "WHERE b.baseline_id = ? ORDER BY b.task_id");
    q.bind(1, id);
    while (q.executeStep()) {
      model::BaselineTask t;
      t.id = q.getColumn(0).getString();
      t.assignee = q.getColumn(1).getString();
      t.status =
          model::parse_task_status(q.getColumn(2).getString()).value_or(model::TaskStatus::open);
      if (!q.getColumn(3).isNull()) t.start = from_unix(q.getColumn(3).getInt64());
      if (!q.getColumn(4).isNull()) t.finish = from_unix(q.getColumn(4).getInt64());
      if (!q.getColumn(5).isNull()) t.first_day = util::parse_date(q.getColumn(5).getString());
      if (!q.getColumn(6).isNull()) t.last_day = util::parse_date(q.getColumn(6).getString());
      t.estimate_hours = q.getColumn(7).getDouble();
      t.planned_minutes = q.getColumn(8).getInt64();
      t.topic_id = q.getColumn(9).getString();
      t.prompt = q.getColumn(10).getString();
      b.tasks.push_back(std::move(t));
    }
    return b;
  });
}

}  // namespace rplan::store
