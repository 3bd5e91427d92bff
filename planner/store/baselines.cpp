// Baselines: the stored plan's snapshot, `previous`, and the ones saved by
// name (docs/storage.md, "Baselines").

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

#include "planner/model/baseline.hpp"
#include "planner/model/workload.hpp"
#include "planner/store/baseline_blob.hpp"
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
  SQLite::Statement row(db, "DELETE FROM baselines WHERE id = ?");
  row.bind(1, id);
  row.exec();
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
  // What model::make_baseline keeps, packed straight from the tasks (in id
  // order) without copying the project's texts.
  std::vector<const model::Task*> tasks;
  tasks.reserve(project.tasks.size());
  for (const model::Task& t : project.tasks) tasks.push_back(&t);
  std::sort(tasks.begin(), tasks.end(),
            [](const model::Task* a, const model::Task* b) { return a->id < b->id; });
  BaselinePacker packer;
  for (const model::Task* t : tasks) {
    const model::BaselineTask b = model::baseline_task(*t, model::BaselineTexts::without);
    packer.add(t->id, model::plan_person(*t), t->status, b.start, b.finish, b.first_day, b.last_day,
               b.estimate_hours, b.planned_minutes);
  }
  const auto count = static_cast<std::int64_t>(packer.size());
  const std::string blob = packer.finish();
  SQLite::Statement head(
      db,
      "INSERT INTO baselines (name, saved_at, plan_created_at, plan_now, start, "
      "finish, total_hours, task_count, tasks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  head.bind(1, k_plan_snapshot);
  head.bind(2, static_cast<std::int64_t>(to_unix(project.plan.created_at)));
  head.bind(3, static_cast<std::int64_t>(to_unix(project.plan.created_at)));
  head.bind(4, static_cast<std::int64_t>(to_unix(project.plan.now)));
  head.bind(5, util::format_date(project.plan.start));
  head.bind(6, util::format_date(project.plan.finish));
  head.bind(7, project.plan.total_hours);
  head.bind(8, count);
  head.bindNoCopy(9, blob.data(), static_cast<int>(blob.size()));
  head.exec();
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
    SQLite::Statement copy(db(),
                           "INSERT INTO baselines (name, saved_at, plan_created_at, plan_now, "
                           "start, finish, total_hours, task_count, tasks) SELECT ?, ?, "
                           "plan_created_at, plan_now, start, finish, total_hours, task_count, "
                           "tasks FROM baselines WHERE id = ?");
    copy.bind(1, name);
    copy.bind(2, static_cast<std::int64_t>(to_unix(at)));
    copy.bind(3, *snapshot);
    copy.exec();
    return old.has_value();
  });
}

std::vector<BaselineSummary> Store::baselines() const {
  return guarded(m_path, [&] {
    std::vector<BaselineSummary> out;
    SQLite::Statement q(db(),
                        "SELECT name, saved_at, plan_created_at, start, finish, total_hours, "
                        "task_count FROM baselines WHERE name <> '' ORDER BY saved_at, name");
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
                           "SELECT saved_at, plan_created_at, plan_now, start, finish, "
                           "total_hours, tasks FROM baselines WHERE name = ?");
    head.bind(1, name);
    if (!head.executeStep()) return std::nullopt;
    model::Baseline b;
    b.name = name;
    b.saved_at = from_unix(head.getColumn(0).getInt64());
    b.plan_created_at = from_unix(head.getColumn(1).getInt64());
    b.plan_now = from_unix(head.getColumn(2).getInt64());
    b.start = util::parse_date(head.getColumn(3).getString()).value_or(model::Date{});
    b.finish = util::parse_date(head.getColumn(4).getString()).value_or(model::Date{});
    b.total_hours = head.getColumn(5).getDouble();
    const SQLite::Column blob = head.getColumn(6);
    b.tasks = detail::unpack_baseline(
        {static_cast<const char*>(blob.getBlob()), static_cast<std::size_t>(blob.getBytes())},
        "\"" + name + "\"");
    // The topic and prompt of the tasks archived since (not in the project):
    // the diff names the others from the project.
    SQLite::Statement q(
        db(),
        "SELECT k.id, k.topic_id, k.prompt FROM tasks k "
        "JOIN topics p ON p.id = k.topic_id WHERE k.archived = 1 OR p.archived = 1");
    while (q.executeStep()) {
      const std::string_view id = detail::text_of(q.getColumn(0));
      const auto it = std::lower_bound(
          b.tasks.begin(), b.tasks.end(), id,
          [](const model::BaselineTask& t, std::string_view key) { return t.id < key; });
      if (it == b.tasks.end() || it->id != id) continue;
      it->topic_id = q.getColumn(1).getString();
      it->prompt = q.getColumn(2).getString();
    }
    return b;
  });
}

}  // namespace rplan::store
