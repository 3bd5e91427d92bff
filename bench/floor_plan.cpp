// Floor of `rplan plan`: read the open tasks and the team, assign each task in
// topic order to the person who is free first (a binary heap), split it into
// work blocks over that person's days (workdays, day start, hours per day,
// holidays; a fixed UTC offset per time zone, no DST), documentation after the
// other tasks of its topic, and insert plan_tasks and plan_blocks with one
// prepared statement each, in one transaction. No balancing, skills, pins,
// explicit dependencies, sequences or fingerprints.

#include <algorithm>
#include <cstdlib>
#include <queue>

#include "bench/floor.hpp"

namespace rplan::bench::floor {

namespace {

int offset_minutes(std::string_view zone) {
  if (zone == "Europe/Berlin") return 60;
  if (zone == "America/New_York") return -300;
  if (zone == "Asia/Kolkata") return 330;
  if (zone == "Australia/Sydney") return 600;
  return 0;
}

struct Worker {
  std::string name;
  int offset = 0;     // local - UTC, minutes
  int day_start = 0;  // local minutes after midnight
  int capacity = 0;   // minutes a day
  bool works[7] = {};
  std::int64_t day = 0;  // current local day
  int used = 0;          // minutes of `day` already taken
};

class Calendar {
 public:
  explicit Calendar(std::vector<std::int64_t> holidays) : m_holidays(std::move(holidays)) {
    std::sort(m_holidays.begin(), m_holidays.end());
  }
  bool working(const Worker& w, std::int64_t day) const {
    return w.works[weekday(day)] && !std::binary_search(m_holidays.begin(), m_holidays.end(), day);
  }
  // Moves w to its next working day with time left (from w.day on).
  void settle(Worker& w) const {
    if (w.used >= w.capacity) {
      ++w.day;
      w.used = 0;
    }
    while (!working(w, w.day)) ++w.day;
  }
  // UTC seconds of w's next free minute.
  static std::int64_t next_free(const Worker& w) {
    return ((w.day * 1440 + w.day_start + w.used) - w.offset) * 60;
  }
  // Moves w forward to `utc` (seconds) when it is later than w's next free minute.
  void wait_until(Worker& w, std::int64_t utc) const {
    if (utc <= next_free(w)) return;
    const std::int64_t local = utc / 60 + w.offset;
    std::int64_t day = local / 1440;
    const int minute = static_cast<int>(local - day * 1440);
    int used = std::max(0, minute - w.day_start);
    if (used >= w.capacity) {
      ++day;
      used = 0;
    }
    w.day = day;
    w.used = used;
    if (!working(w, w.day)) {
      w.used = 0;
      settle(w);
    }
  }

 private:
  std::vector<std::int64_t> m_holidays;
};

struct OpenTask {
  std::string id, topic;
  int position = 0;
  bool documentation = false;
  double hours = 0;
};

std::string format_day(std::int64_t days) {
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", y, m, d);
  return text;
}

std::vector<Worker> read_team(const Db& db, const Calendar& calendar, std::int64_t start) {
  std::vector<Worker> team;
  Stmt q(db,
         "SELECT name, hours_per_day, workdays, day_start, timezone FROM assignees "
         "ORDER BY name");
  while (q.step()) {
    Worker w;
    w.name = q.text(0);
    w.capacity = static_cast<int>(q.real(1) * 60);
    const std::string_view days = q.text(2);
    static constexpr std::string_view k_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (int d = 0; d < 7; ++d) w.works[d] = days.find(k_names[d]) != std::string_view::npos;
    w.day_start = q.integer(3);
    w.offset = offset_minutes(q.text(4));
    w.day = start;
    calendar.settle(w);
    team.push_back(std::move(w));
  }
  if (team.empty()) fail("no team");
  return team;
}

// In stored order (a sequential scan), then sorted by topic and position in memory.
std::vector<OpenTask> read_open_tasks(const Db& db) {
  std::vector<OpenTask> open;
  Stmt q(db,
         "SELECT id, topic_id, position, kind = 'documentation', "
         "coalesce(estimate_manual, estimate_likely) FROM tasks "
         "WHERE archived = 0 AND status != 'done'");
  while (q.step()) {
    open.push_back({std::string(q.text(0)), std::string(q.text(1)), q.integer(2), q.integer(3) != 0,
                    q.real(4)});
  }
  std::sort(open.begin(), open.end(), [](const OpenTask& a, const OpenTask& b) {
    return a.topic != b.topic ? a.topic < b.topic : a.position < b.position;
  });
  return open;
}

// Assigns and stores every task; returns the total hours and the last day with work.
class Scheduler {
 public:
  Scheduler(const Db& db, const Calendar& calendar, std::vector<Worker> team)
      : m_calendar(calendar),
        m_team(std::move(team)),
        m_task(db,
               "INSERT INTO plan_tasks (task_id, assignee, depends_on, sequence) "
               "VALUES (?, ?, ?, 0)"),
        m_block(db,
                "INSERT INTO plan_blocks (task_id, number, date, start_minute, minutes, "
                "utc_start, sequence) VALUES (?, ?, ?, ?, ?, ?, 0)") {
    for (std::size_t i = 0; i < m_team.size(); ++i) {
      m_free.emplace(Calendar::next_free(m_team[i]), i);
    }
  }

  void place(const OpenTask& task) {
    if (task.topic != m_topic) {
      m_topic = task.topic;
      m_topic_done = 0;
      m_depends.clear();
    }
    total_hours += task.hours;
    const std::size_t who = m_free.top().second;
    m_free.pop();
    Worker& w = m_team[who];
    if (task.documentation) m_calendar.wait_until(w, m_topic_done);
    m_task.bind(1, task.id);
    m_task.bind(2, w.name);
    m_task.bind(3, task.documentation ? std::string_view(m_depends) : std::string_view());
    m_task.run();
    const std::int64_t finish = blocks(task, w);
    if (!task.documentation) {
      m_topic_done = std::max(m_topic_done, finish);
      if (!m_depends.empty()) m_depends += ',';
      m_depends += task.id;
    }
    m_free.emplace(Calendar::next_free(w), who);
  }

  double total_hours = 0;
  std::int64_t last_day = 0;

 private:
  // Inserts the task's blocks from w's next free minute on; returns the finish (UTC).
  std::int64_t blocks(const OpenTask& task, Worker& w) {
    int left = static_cast<int>(task.hours * 60 + 0.5);
    std::int64_t finish = 0;
    for (int number = 1; left > 0; ++number) {
      const int take = std::min(left, w.capacity - w.used);
      const std::int64_t utc = Calendar::next_free(w);
      const std::string day = format_day(w.day);
      m_block.bind(1, task.id);
      m_block.bind(2, number);
      m_block.bind(3, day);
      m_block.bind(4, w.day_start + w.used);
      m_block.bind(5, take);
      m_block.bind(6, utc);
      m_block.run();
      finish = utc + take * 60;
      last_day = std::max(last_day, w.day);
      left -= take;
      w.used += take;
      m_calendar.settle(w);
    }
    return finish;
  }

  using Key = std::pair<std::int64_t, std::size_t>;  // next free minute (UTC), person
  const Calendar& m_calendar;
  std::vector<Worker> m_team;
  std::priority_queue<Key, std::vector<Key>, std::greater<>> m_free;
  Stmt m_task, m_block;
  std::string m_topic, m_depends;
  std::int64_t m_topic_done = 0;
};

}  // namespace

void plan(const std::string& db_path, const std::string& start_day) {
  Db db(db_path);
  db.exec("BEGIN IMMEDIATE");
  const std::int64_t start = parse_day(start_day);
  std::vector<std::int64_t> holidays;
  {
    Stmt q(db, "SELECT date FROM holidays");
    while (q.step()) holidays.push_back(parse_day(q.text(0)));
  }
  const Calendar calendar(std::move(holidays));
  db.exec("DELETE FROM plan_blocks");
  db.exec("DELETE FROM plan_tasks");
  db.exec("DELETE FROM plan");
  Scheduler scheduler(db, calendar, read_team(db, calendar, start));
  scheduler.last_day = start;
  for (const OpenTask& task : read_open_tasks(db)) scheduler.place(task);
  Stmt ins(db,
           "INSERT INTO plan (id, start, finish, strategy, created_at, total_hours) "
           "VALUES (1, ?, ?, 'balanced', ?, ?)");
  const std::string first = format_day(start), last = format_day(scheduler.last_day);
  ins.bind(1, first);
  ins.bind(2, last);
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  ins.bind(3, static_cast<std::int64_t>(epoch ? std::atoll(epoch) : 0));
  ins.bind(4, scheduler.total_hours);
  ins.run();
  db.exec("COMMIT");
}

}  // namespace rplan::bench::floor
