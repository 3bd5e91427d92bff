// The floor's plumbing: sqlite3 and stdio wrappers, dates, and loading a plan.

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <unordered_map>

#include "bench/floor.hpp"

namespace rplan::bench::floor {

void fail(const std::string& what) {
  std::cerr << "rplan-floor: error: " << what << "\n";
  std::exit(1);
}

Db::Db(const std::string& path) {
  if (sqlite3_open(path.c_str(), &m_db) != SQLITE_OK) fail("cannot open " + path);
  exec("PRAGMA journal_mode = WAL");
  exec("PRAGMA synchronous = NORMAL");
  exec("PRAGMA foreign_keys = ON");
}

Db::~Db() { sqlite3_close(m_db); }

void Db::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : "?";
    sqlite3_free(message);
    fail(std::string(sql) + ": " + text);
  }
}

Stmt::Stmt(const Db& db, const char* sql) : m_db(db.get()) {
  if (sqlite3_prepare_v2(m_db, sql, -1, &m_stmt, nullptr) != SQLITE_OK) {
    fail(std::string(sql) + ": " + sqlite3_errmsg(m_db));
  }
}

Stmt::~Stmt() { sqlite3_finalize(m_stmt); }

bool Stmt::step() {
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) fail(sqlite3_errmsg(m_db));
  return false;
}

void Stmt::run() {
  step();
  sqlite3_reset(m_stmt);
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

std::int64_t parse_day(std::string_view iso) {
  auto num = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n && i < iso.size(); ++i) v = v * 10 + (iso[i] - '0');
    return v;
  };
  return days_from_civil(num(0, 4), static_cast<unsigned>(num(5, 2)),
                         static_cast<unsigned>(num(8, 2)));
}

std::string_view Arena::keep(std::string_view s) {
  if (s.empty()) return {};
  if (m_chunks.empty() || m_used + s.size() > m_size) {
    m_size = std::max<std::size_t>(1 << 20, s.size());
    m_chunks.push_back(std::make_unique<char[]>(m_size));
    m_used = 0;
  }
  char* p = m_chunks.back().get() + m_used;
  std::memcpy(p, s.data(), s.size());
  m_used += s.size();
  return {p, s.size()};
}

Plan load_plan(const std::string& db_path) {
  Db db(db_path);
  Plan p;
  {
    Stmt q(db, "SELECT start, finish, strategy, created_at, total_hours FROM plan");
    if (!q.step()) fail(db_path + " has no plan");
    p.start = q.text(0);
    p.finish = q.text(1);
    p.strategy = q.text(2);
    p.created_at = q.int64(3);
    p.total_hours = q.real(4);
  }
  {
    Stmt q(db, "SELECT title FROM documents ORDER BY ordinal LIMIT 1");
    if (q.step()) p.title = q.text(0);
  }
  // Each table is read once in its stored order (sequential pages, no index
  // look-ups) and joined in memory.
  std::unordered_map<std::string_view, std::uint32_t> topic_index;
  topic_index.reserve(1 << 16);
  {
    Stmt q(db, "SELECT id, number, title, focus, skills FROM topics WHERE archived = 0");
    while (q.step()) {
      p.topics.push_back({p.text.keep(q.text(0)), p.text.keep(q.text(2)), p.text.keep(q.text(3)),
                          p.text.keep(q.text(4)), q.null(1) ? -1 : q.integer(1)});
      topic_index.emplace(p.topics.back().id, static_cast<std::uint32_t>(p.topics.size() - 1));
    }
  }
  {
    Stmt q(db,
           "SELECT id, topic_id, position, kind, prompt, "
           "coalesce(estimate_manual, estimate_likely), status, estimate_likely, "
           "estimate_optimistic, estimate_pessimistic, estimate_manual IS NOT NULL "
           "FROM tasks WHERE archived = 0");
    while (q.step()) {
      const auto topic = topic_index.find(q.text(1));
      if (topic == topic_index.end()) continue;  // an archived topic
      Task t;
      t.id = p.text.keep(q.text(0));
      t.topic_id = topic->first;
      t.topic = topic->second;
      t.position = q.integer(2);
      t.kind = p.text.keep(q.text(3));
      t.prompt = p.text.keep(q.text(4));
      t.hours = q.real(5);
      t.status = p.text.keep(q.text(6));
      t.likely = q.real(7);
      t.optimistic = q.real(8);
      t.pessimistic = q.real(9);
      t.manual = q.integer(10) != 0;
      p.tasks.push_back(t);
    }
    // Topic order, then position (a stored order that is already so stays as it is).
    std::stable_sort(p.tasks.begin(), p.tasks.end(), [](const Task& a, const Task& b) {
      return a.topic != b.topic ? a.topic < b.topic : a.position < b.position;
    });
  }
  // plan_tasks and plan_blocks are stored in task id order: merge them with
  // the tasks sorted by id (no hash look-ups, each table scanned once).
  std::vector<std::pair<std::string_view, std::uint32_t>> by_id(p.tasks.size());
  for (std::uint32_t i = 0; i < by_id.size(); ++i) by_id[i] = {p.tasks[i].id, i};
  std::sort(by_id.begin(), by_id.end());
  // The task with this id, or nullptr; ids must come in increasing order.
  auto merge = [&](std::size_t& at, std::string_view id) -> Task* {
    while (at < by_id.size() && by_id[at].first < id) ++at;
    return at < by_id.size() && by_id[at].first == id ? &p.tasks[by_id[at].second] : nullptr;
  };
  {
    Stmt q(db, "SELECT task_id, assignee, depends_on FROM plan_tasks");
    std::size_t at = 0;
    while (q.step()) {
      if (Task* t = merge(at, q.text(0))) {
        t->assignee = p.text.keep(q.text(1));
        t->depends_on = p.text.keep(q.text(2));
      }
    }
  }
  {
    // Stored by (task_id, number): each task's blocks are one run.
    Stmt q(db, "SELECT task_id, date, start_minute, minutes, utc_start, sequence FROM plan_blocks");
    std::size_t at = 0;
    Task* task = nullptr;
    while (q.step()) {
      if (task == nullptr || task->id != q.text(0)) {
        task = merge(at, q.text(0));
        if (task != nullptr) task->first_block = static_cast<std::uint32_t>(p.blocks.size());
      }
      if (task == nullptr) continue;
      p.blocks.push_back(
          {parse_day(q.text(1)), q.integer(2), q.integer(3), q.int64(4), q.integer(5)});
      task->end_block = static_cast<std::uint32_t>(p.blocks.size());
    }
  }
  {
    Stmt q(db,
           "SELECT name, email, hours_per_day, workdays, day_start, timezone, skills "
           "FROM assignees "
           "ORDER BY name");
    while (q.step()) {
      p.team.push_back({p.text.keep(q.text(0)), p.text.keep(q.text(1)), p.text.keep(q.text(5)),
                        p.text.keep(q.text(3)), p.text.keep(q.text(6)), q.real(2), q.integer(4)});
    }
  }
  {
    Stmt q(db, "SELECT date, name FROM holidays ORDER BY date");
    while (q.step()) p.holidays.emplace_back(q.text(0), q.text(1));
  }
  return p;
}

Out::Out(const std::string& path) : m_buffer(1 << 20) {
  m_file = std::fopen(path.c_str(), "wb");
  if (m_file == nullptr) fail("cannot write " + path);
  std::setvbuf(m_file, m_buffer.data(), _IOFBF, m_buffer.size());
}

Out::~Out() {
  if (m_file != nullptr) std::fclose(m_file);
}

void Out::close() {
  if (std::fclose(m_file) != 0) fail("write failed");
  m_file = nullptr;
}

}  // namespace rplan::bench::floor
