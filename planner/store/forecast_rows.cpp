// A forecast stored with the plan it was made for (schemas/0010_forecast_store.sql).

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

#include "planner/store/sqlite_guard.hpp"
#include "planner/store/store.hpp"
#include "planner/store/store_internal.hpp"
#include "planner/util/error.hpp"

namespace rplan::store {

namespace {

using detail::from_unix;
using detail::guarded;
using detail::to_unix;

model::Date date_of(const SQLite::Column& c) {
  const auto d = util::parse_date(c.getString());
  if (!d) throw Error("the stored forecast has a date that is not YYYY-MM-DD: " + c.getString());
  return *d;
}

void bind_percentiles(SQLite::Statement& q, int first, const model::Percentiles& p) {
  q.bind(first, util::format_date(p.p50));
  q.bind(first + 1, util::format_date(p.p85));
  q.bind(first + 2, util::format_date(p.p95));
}

model::Percentiles percentiles_of(SQLite::Statement& q, int first) {
  return {date_of(q.getColumn(first)), date_of(q.getColumn(first + 1)),
          date_of(q.getColumn(first + 2))};
}

}  // namespace

void Store::save_forecast(const model::Forecast& f, model::Instant plan_created_at) {
  guarded(m_path, [&] {
    SQLite::Statement plan(db(), "SELECT created_at, fingerprint FROM plan WHERE id = 1");
    if (!plan.executeStep()) {
      throw InputError("there is no plan to keep the forecast with (run rplan plan first)");
    }
    if (plan.getColumn(0).getInt64() != to_unix(plan_created_at)) {
      throw InputError("the plan was made again while the forecast ran; run rplan forecast again");
    }
    const std::string fingerprint = plan.getColumn(1).getString();
    db().exec("DELETE FROM forecast");
    db().exec("DELETE FROM forecast_finishes");
    db().exec("DELETE FROM forecast_distribution");
    db().exec("DELETE FROM forecast_tasks");
    SQLite::Statement head(db(),
                           "INSERT INTO forecast (id, plan_created_at, plan_fingerprint, made_at, "
                           "runs, seed, from_history, by_kind, history, planned, p50, p85, p95) "
                           "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    head.bind(1, static_cast<std::int64_t>(to_unix(plan_created_at)));
    head.bind(2, fingerprint);
    head.bind(3, static_cast<std::int64_t>(to_unix(f.made_at)));
    head.bind(4, static_cast<std::int64_t>(f.runs));
    head.bind(5, std::to_string(f.seed));
    head.bind(6, f.from_history ? 1 : 0);
    head.bind(7, f.by_kind ? 1 : 0);
    head.bind(8, static_cast<std::int64_t>(f.history));
    head.bind(9, util::format_date(f.planned));
    bind_percentiles(head, 10, f.plan);
    head.exec();
    SQLite::Statement finish(db(),
                             "INSERT INTO forecast_finishes (scope, ordinal, key, title, p50, p85, "
                             "p95) VALUES (?, ?, ?, ?, ?, ?, ?)");
    auto add = [&](const char* scope, std::size_t ordinal, const std::string& key,
                   const std::string& title, const model::Percentiles& p) {
      finish.reset();
      finish.bind(1, scope);
      finish.bind(2, static_cast<std::int64_t>(ordinal));
      finish.bind(3, key);
      finish.bind(4, title);
      bind_percentiles(finish, 5, p);
      finish.exec();
    };
    for (std::size_t i = 0; i < f.topics.size(); ++i) {
      add("topic", i, f.topics[i].id, f.topics[i].title, f.topics[i].finish);
    }
    for (std::size_t i = 0; i < f.people.size(); ++i) {
      add("person", i, f.people[i].name, "", f.people[i].finish);
    }
    SQLite::Statement day(db(), "INSERT INTO forecast_distribution (date, runs) VALUES (?, ?)");
    for (std::size_t i = 0; i < f.finishes.size();) {
      std::size_t j = i;
      while (j < f.finishes.size() && f.finishes[j] == f.finishes[i]) ++j;
      day.reset();
      day.bind(1, util::format_date(f.finishes[i]));
      day.bind(2, static_cast<std::int64_t>(j - i));
      day.exec();
      i = j;
    }
    SQLite::Statement task(db(),
                           "INSERT INTO forecast_tasks (ordinal, task_id, prompt, critical_share) "
                           "VALUES (?, ?, ?, ?)");
    for (std::size_t i = 0; i < f.tasks.size(); ++i) {
      task.reset();
      task.bind(1, static_cast<std::int64_t>(i));
      task.bind(2, f.tasks[i].id);
      task.bind(3, f.tasks[i].prompt);
      task.bind(4, f.tasks[i].critical_share);
      task.exec();
    }
  });
}

std::optional<model::Forecast> Store::load_forecast() const {
  return guarded(m_path, [&]() -> std::optional<model::Forecast> {
    SQLite::Statement head(db(),
                           "SELECT f.made_at, f.runs, f.seed, f.from_history, f.by_kind, "
                           "f.history, f.planned, f.p50, f.p85, f.p95 FROM forecast f "
                           "JOIN plan p ON p.id = 1 AND p.created_at = f.plan_created_at "
                           "AND p.fingerprint = f.plan_fingerprint");
    if (!head.executeStep()) return std::nullopt;
    model::Forecast f;
    f.made_at = from_unix(head.getColumn(0).getInt64());
    f.runs = static_cast<std::size_t>(head.getColumn(1).getInt64());
    f.seed = std::stoull(head.getColumn(2).getString());
    f.from_history = head.getColumn(3).getInt() != 0;
    f.by_kind = head.getColumn(4).getInt() != 0;
    f.history = static_cast<std::size_t>(head.getColumn(5).getInt64());
    f.planned = date_of(head.getColumn(6));
    f.plan = percentiles_of(head, 7);
    SQLite::Statement finishes(db(),
                               "SELECT scope, key, title, p50, p85, p95 FROM forecast_finishes "
                               "ORDER BY scope DESC, ordinal");  // topics, then people
    while (finishes.executeStep()) {
      if (finishes.getColumn(0).getString() == "topic") {
        f.topics.push_back({finishes.getColumn(1).getString(), finishes.getColumn(2).getString(),
                            percentiles_of(finishes, 3)});
      } else {
        f.people.push_back({finishes.getColumn(1).getString(), percentiles_of(finishes, 3)});
      }
    }
    SQLite::Statement days(db(), "SELECT date, runs FROM forecast_distribution ORDER BY date");
    while (days.executeStep()) {
      const model::Date d = date_of(days.getColumn(0));
      f.finishes.insert(f.finishes.end(), static_cast<std::size_t>(days.getColumn(1).getInt64()),
                        d);
    }
    SQLite::Statement tasks(db(),
                            "SELECT task_id, prompt, critical_share FROM forecast_tasks "
                            "ORDER BY ordinal");
    while (tasks.executeStep()) {
      f.tasks.push_back({tasks.getColumn(0).getString(), tasks.getColumn(1).getString(),
                         tasks.getColumn(2).getDouble()});
    }
    return f;
  });
}

}  // namespace rplan::store
