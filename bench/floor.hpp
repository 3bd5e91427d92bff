#pragma once

// The floor of each stage (docs/performance.md, "Floors"): the least work a
// stage must do on the same data, written with the plain C APIs (sqlite3,
// stdio, libxlsxwriter) and nothing else. scripts/bench prints each of rplan's
// stages as a ratio to these. Not part of rplan: no escaping, no validation,
// no identity rules, no error reporting beyond "failed".

#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rplan::bench::floor {

// Prints "rplan-floor: error: WHAT" and exits with 1.
[[noreturn]] void fail(const std::string& what);

// An open sqlite3 connection with rplan's settings (WAL, synchronous=NORMAL,
// foreign keys on).
class Db {
 public:
  explicit Db(const std::string& path);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  sqlite3* get() const { return m_db; }
  void exec(const char* sql);

 private:
  sqlite3* m_db = nullptr;
};

// One prepared statement; step() returns true while there is a row.
class Stmt {
 public:
  Stmt(const Db& db, const char* sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool step();
  void run();  // step() once and reset, for INSERT/UPDATE
  void bind(int i, std::string_view text) {
    // A null data() would bind NULL: empty text is "".
    sqlite3_bind_text(m_stmt, i, text.empty() ? "" : text.data(), static_cast<int>(text.size()),
                      SQLITE_STATIC);
  }
  void bind(int i, std::int64_t value) { sqlite3_bind_int64(m_stmt, i, value); }
  void bind(int i, int value) { sqlite3_bind_int(m_stmt, i, value); }
  void bind(int i, double value) { sqlite3_bind_double(m_stmt, i, value); }
  void bind_null(int i) { sqlite3_bind_null(m_stmt, i); }
  std::string_view text(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, i));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, i)))
             : std::string_view();
  }
  std::int64_t int64(int i) const { return sqlite3_column_int64(m_stmt, i); }
  int integer(int i) const { return sqlite3_column_int(m_stmt, i); }
  double real(int i) const { return sqlite3_column_double(m_stmt, i); }
  bool null(int i) const { return sqlite3_column_type(m_stmt, i) == SQLITE_NULL; }

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
std::int64_t days_from_civil(int y, unsigned m, unsigned d);
void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d);
// "YYYY-MM-DD" -> days since 1970-01-01 (no validation).
std::int64_t parse_day(std::string_view iso);
// Monday = 0 ... Sunday = 6.
inline int weekday(std::int64_t days) { return static_cast<int>((days % 7 + 10) % 7); }

// Copies of strings that stay put: 1 MiB chunks, never moved.
class Arena {
 public:
  std::string_view keep(std::string_view s);

 private:
  std::vector<std::unique_ptr<char[]>> m_chunks;
  std::size_t m_used = 0;
  std::size_t m_size = 0;
};

// Everything the exports read, loaded from an rplan database by scanning each
// table once in its stored order and joining in memory: tasks grouped by topic
// (topics in stored order, tasks by position), each with its range of work
// blocks; strings stored once in `text` (the views stay valid).
struct Topic {
  std::string_view id, title, focus, skills;
  int number = -1;  // -1: none
};
struct Task {
  std::string_view id, topic_id, prompt, kind, status, assignee, depends_on;
  int position = 0;
  double hours = 0;  // the manual estimate, else the likely one
  double likely = 0, optimistic = 0, pessimistic = 0;
  bool manual = false;
  std::uint32_t topic = 0;  // index into Plan::topics
  std::uint32_t first_block = 0, end_block = 0;
};
struct Block {
  std::int64_t day = 0;  // local date, days since 1970-01-01
  int start_minute = 0;
  int minutes = 0;
  std::int64_t utc_start = 0;  // unix seconds
  int sequence = 0;
};
struct Person {
  std::string_view name, email, timezone, workdays, skills;
  double hours_per_day = 0;
  int day_start = 0;
};
struct Plan {
  std::string start, finish, strategy, title;
  std::int64_t created_at = 0;
  double total_hours = 0;
  std::vector<Topic> topics;
  std::vector<Task> tasks;
  std::vector<Block> blocks;
  std::vector<Person> team;
  std::vector<std::pair<std::string, std::string>> holidays;  // date, name
  Arena text;                                                 // backs the string_views
};
Plan load_plan(const std::string& db_path);

// A FILE* with a 1 MiB buffer, closed (and checked) by close().
class Out {
 public:
  explicit Out(const std::string& path);
  ~Out();
  Out(const Out&) = delete;
  Out& operator=(const Out&) = delete;
  FILE* f() const { return m_file; }
  void put(std::string_view s) { std::fwrite(s.data(), 1, s.size(), m_file); }
  void close();

 private:
  FILE* m_file = nullptr;
  std::vector<char> m_buffer;
};

// Stage entry points (floor_*.cpp), each a transaction of its own where it writes.
void import_topics(const std::string& db, const std::string& file);
void import_team(const std::string& db, const std::string& file);
void plan(const std::string& db, const std::string& start);
// format: json, csv, ics, md or html.
void write_text(const std::string& format, const Plan& plan, const std::string& out);
void write_xlsx(const Plan& plan, const std::string& out);

}  // namespace rplan::bench::floor
