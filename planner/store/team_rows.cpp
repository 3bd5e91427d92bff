#include <SQLiteCpp/Statement.h>

#include "planner/store/store_internal.hpp"
#include "planner/util/text.hpp"

namespace rplan::store::detail {

std::string format_workdays(const std::array<bool, 7>& days) {
  std::vector<std::string> names;
  for (int i = 0; i < 7; ++i) {
    if (days[static_cast<std::size_t>(i)]) names.emplace_back(util::weekday_name(i));
  }
  return util::join(names, ",");
}

std::optional<std::int64_t> assignee_id(SQLite::Database& db, const std::string& name) {
  SQLite::Statement q(db, "SELECT id FROM assignees WHERE name = ?");
  q.bind(1, name);
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getInt64();
}

std::vector<model::Assignee> load_team(SQLite::Database& db) {
  std::vector<model::Assignee> team;
  SQLite::Statement q(db,
                      "SELECT name, email, hours_per_day, workdays, day_start, timezone, skills "
                      "FROM assignees ORDER BY name");
  while (q.executeStep()) {
    model::Assignee p;
    p.name = q.getColumn(0).getString();
    p.email = q.getColumn(1).getString();
    p.hours_per_day = q.getColumn(2).getDouble();
    // The column holds what format_workdays wrote; no day at all if not.
    p.workdays = model::parse_workdays(q.getColumn(3).getString()).value_or(std::array<bool, 7>{});
    p.day_start = q.getColumn(4).getInt();
    p.timezone = q.getColumn(5).getString();
    p.skills = util::split(q.getColumn(6).getString(), ',');
    team.push_back(std::move(p));
  }
  return team;
}

std::vector<model::TimeOff> load_time_off(SQLite::Database& db) {
  std::vector<model::TimeOff> offs;
  SQLite::Statement q(db,
                      "SELECT a.name, o.from_date, o.to_date, o.reason FROM time_off o "
                      "JOIN assignees a ON a.id = o.assignee_id ORDER BY a.name, o.from_date");
  while (q.executeStep()) {
    model::TimeOff off;
    off.assignee = q.getColumn(0).getString();
    off.from = *util::parse_date(q.getColumn(1).getString());
    off.to = *util::parse_date(q.getColumn(2).getString());
    off.reason = q.getColumn(3).getString();
    offs.push_back(std::move(off));
  }
  return offs;
}

std::vector<model::Holiday> load_holidays(SQLite::Database& db, const std::string& date) {
  std::vector<model::Holiday> days;
  const std::string where = date.empty() ? "" : " WHERE date = ?1";
  SQLite::Statement q(db, "SELECT date, name FROM holidays" + where + " ORDER BY date");
  if (!date.empty()) q.bind(1, date);
  while (q.executeStep()) {
    days.push_back({*util::parse_date(q.getColumn(0).getString()), q.getColumn(1).getString()});
  }
  // The people of each (a few holidays have any): by date, then name, as the holidays are.
  SQLite::Statement people(db,
                           "SELECT hp.date, a.name FROM holiday_people hp JOIN assignees a ON "
                           "a.id = hp.assignee_id" +
                               std::string(date.empty() ? "" : " WHERE hp.date = ?1") +
                               " ORDER BY hp.date, a.name");
  if (!date.empty()) people.bind(1, date);
  auto day = days.begin();
  while (people.executeStep()) {
    const model::Date d = *util::parse_date(people.getColumn(0).getString());
    while (day != days.end() && day->date < d) ++day;
    if (day != days.end() && day->date == d) day->people.push_back(people.getColumn(1).getString());
  }
  return days;
}

}  // namespace rplan::store::detail
