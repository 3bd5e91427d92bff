#include "planner/store/store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>

#include "planner/store/baseline_blob.hpp"
#include "planner/store/migrations.hpp"
#include "planner/store/sqlite_guard.hpp"
#include "planner/store/store_internal.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

namespace rplan::store {

namespace fs = std::filesystem;
using detail::guarded;

namespace {

constexpr int k_busy_timeout_ms = 5000;

std::uint32_t read_be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

// Looks at the file's 100-byte SQLite header without opening it through SQLite,
// so a foreign file is refused before anything (a journal, WAL mode) is written.
void check_header(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MissingInputError("cannot read database " + path.string());
  std::array<unsigned char, 100> header{};
  in.read(reinterpret_cast<char*>(header.data()), header.size());
  const auto got = in.gcount();
  if (got == 0) return;                                 // an empty file is an empty database
  static constexpr char k_magic[] = "SQLite format 3";  // and its NUL
  if (got < 100 || std::memcmp(header.data(), k_magic, sizeof k_magic) != 0) {
    throw InputError(path.string() + " is not an rplan database (it is not an SQLite file)");
  }
  const std::uint32_t user_version = read_be32(header.data() + 60);
  const std::uint32_t application_id = read_be32(header.data() + 68);
  if (application_id != detail::k_application_id && (application_id != 0 || user_version != 0)) {
    throw InputError(path.string() + " is not an rplan database (it belongs to another program)");
  }
  if (static_cast<int>(user_version) > Store::latest_version()) {
    throw InputError(path.string() + " was written by a newer rplan (schema version " +
                     std::to_string(user_version) + ", this rplan knows up to " +
                     std::to_string(Store::latest_version()) + "); upgrade rplan to use it");
  }
}

// The same checks through SQLite (which also sees a WAL not yet checkpointed).
// One statement, so one read transaction: another process migrating the file
// meanwhile is seen before or after, never half (an application id of 0 with
// a version set would look like another program's database).
void check_schema(SQLite::Database& db, const fs::path& path) {
  SQLite::Statement q(db,
                      "SELECT (SELECT application_id FROM pragma_application_id), "
                      "(SELECT user_version FROM pragma_user_version), "
                      "(SELECT count(*) FROM sqlite_master)");
  q.executeStep();
  const int application_id = q.getColumn(0).getInt();
  const int version = q.getColumn(1).getInt();
  const int objects = q.getColumn(2).getInt();
  const bool empty = application_id == 0 && version == 0 && objects == 0;
  if (!empty && static_cast<std::uint32_t>(application_id) != detail::k_application_id) {
    throw InputError(path.string() + " is not an rplan database (it belongs to another program)");
  }
  if (version > Store::latest_version()) {
    throw InputError(path.string() + " was written by a newer rplan (schema version " +
                     std::to_string(version) + "); upgrade rplan to use it");
  }
}

// Brings the schema to the latest version in one exclusive transaction that
// reads the version again once it holds the lock: of several processes
// opening a new (or older) database at once, the first migrates and the
// others find it done. One that waits past the busy timeout throws
// SQLite's SQLITE_BUSY (BusyError, exit 75, once reworded).
void migrate(SQLite::Database& db) {
  if (db.execAndGet("PRAGMA user_version").getInt() >= Store::latest_version()) return;
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::EXCLUSIVE);
  const int current = db.execAndGet("PRAGMA user_version").getInt();
  if (current >= Store::latest_version()) return;  // done meanwhile; nothing to commit
  detail::register_baseline_packer(db);            // for 0011_baseline_blobs
  int previous = 0;
  for (const Migration& m : k_migrations) {
    // The files apply in the order of their numbers; a number may be missing
    // (a branch's migration not merged yet), never repeated.
    if (m.version <= previous) {
      throw Error(std::string("schema migration ") + m.name + " does not come after version " +
                  std::to_string(previous) + "; every schemas/NNNN_*.sql needs its own number");
    }
    previous = m.version;
    if (m.version <= current) continue;
    db.exec(m.sql);
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
  }
  db.exec("PRAGMA application_id = " + std::to_string(static_cast<int>(detail::k_application_id)));
  tx.commit();
}

// Opens for reading (the caller never writes through it). A WAL database needs its shared-memory
// file (-shm); when neither the file nor its folder may be written, SQLite cannot create it, and
// the database is opened as immutable instead (no locking: right for a file
// nobody here can change).
std::unique_ptr<SQLite::Database> open_read_only(const fs::path& path) {
  // When we may write the file and its folder, open it for writing (and
  // write nothing): then closing removes the -wal and -shm files, which a
  // read-only connection would leave behind.
  const std::string folder = path.parent_path().empty() ? "." : path.parent_path().string();
  const bool writable = ::access(path.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) == 0;
  try {
    auto db = std::make_unique<SQLite::Database>(
        path.string(),
        (writable ? SQLite::OPEN_READWRITE : SQLite::OPEN_READONLY) | SQLite::OPEN_NOMUTEX,
        k_busy_timeout_ms);
    db->execAndGet("SELECT count(*) FROM sqlite_master");
    return db;
  } catch (const SQLite::Exception& e) {
    const int code = e.getErrorCode();
    if (code != SQLITE_READONLY && code != SQLITE_CANTOPEN) throw;
  }
  std::string uri = "file:";
  for (char c : fs::absolute(path).string()) {
    if (c == '?' || c == '#' || c == '%') {
      static constexpr char k_hex[] = "0123456789ABCDEF";
      uri += '%';
      uri += k_hex[(static_cast<unsigned char>(c) >> 4) & 15];
      uri += k_hex[static_cast<unsigned char>(c) & 15];
    } else {
      uri += c;
    }
  }
  uri += "?immutable=1";
  return std::make_unique<SQLite::Database>(
      uri, SQLite::OPEN_READONLY | SQLite::OPEN_URI | SQLite::OPEN_NOMUTEX, k_busy_timeout_ms);
}

}  // namespace

int Store::latest_version() { return k_migrations.empty() ? 0 : k_migrations.back().version; }

Store::Store(const fs::path& path, Access access) : m_path(path) {
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (!exists && access != Access::read_write) {
    throw MissingInputError("no database at " + path.string() +
                            " (import topics first, or name one with --db)");
  }
  if (exists) {
    if (fs::is_directory(path, ec)) {
      throw InputError(path.string() + " is a folder, not an rplan database");
    }
    check_header(path);
  } else if (!path.parent_path().empty() && !fs::is_directory(path.parent_path(), ec)) {
    throw OutputError("cannot create database " + path.string() + ": the folder does not exist");
  }
  guarded(m_path, [&] {
    if (access == Access::read_only) {
      m_db = open_read_only(path);
    } else {
      m_db = std::make_unique<SQLite::Database>(
          path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
          k_busy_timeout_ms);
    }
    check_schema(*m_db, m_path);
    m_db->exec("PRAGMA foreign_keys = ON");
    // A 64 MiB page cache: large plans are read and rewritten whole, and the
    // default 2 MiB cache makes SQLite re-read pages from the OS all the time.
    m_db->exec("PRAGMA cache_size = -65536");
    m_db->exec("PRAGMA temp_store = MEMORY");
    if (access == Access::read_only) {
      // Opened for writing only so that closing cleans up (see
      // open_read_only); SQLite itself refuses any write through it.
      m_db->exec("PRAGMA query_only = ON");
    }
    if (access != Access::read_only) {
      // A new file gets 16 KiB pages (SQLite's default is 4 KiB): plans are
      // read and rewritten whole, and bulk inserts into the id indexes split
      // fewer pages (an import of 300,000 tasks: 8% less time). The pragma
      // does nothing to a file that has tables already.
      if (!exists) m_db->exec("PRAGMA page_size = 16384");
      // Migrate in the default rollback-journal mode first, so a new file's
      // header carries the rplan application id before WAL is turned on.
      migrate(*m_db);
      m_db->exec("PRAGMA journal_mode = WAL");
      m_db->exec("PRAGMA synchronous = NORMAL");
    } else if (m_db->execAndGet("PRAGMA user_version").getInt() < latest_version()) {
      throw InputError(m_path.string() +
                       " uses an older schema; run a command that writes (e.g. `rplan plan`) "
                       "to upgrade it");
    }
  });
}

Store::~Store() = default;

void Store::release_memory() {
  guarded(m_path, [&] { db().exec("PRAGMA shrink_memory"); });
}

std::int64_t Store::data_version() const {
  return guarded(m_path, [&] { return db().execAndGet("PRAGMA data_version").getInt64(); });
}

int Store::version() const {
  return guarded(m_path, [&] { return db().execAndGet("PRAGMA user_version").getInt(); });
}

Store::Transaction::Transaction(Store& store) : m_store(store) {
  guarded(store.m_path, [&] {
    m_tx =
        std::make_unique<SQLite::Transaction>(*store.m_db, SQLite::TransactionBehavior::IMMEDIATE);
  });
}

Store::Transaction::~Transaction() = default;  // SQLite::Transaction rolls back unless committed

void Store::Transaction::commit() {
  guarded(m_store.m_path, [&] { m_tx->commit(); });
}

// ---- team and calendars ----

bool Store::upsert_assignee(const model::Assignee& p) {
  return guarded(m_path, [&] {
    // What the plan depends on (not the email): a change marks the plan stale.
    SQLite::Statement find(
        db(),
        "SELECT hours_per_day = ? AND workdays = ? AND day_start = ? AND timezone = ? AND "
        "skills = ? FROM assignees WHERE name = ?");
    find.bind(1, p.hours_per_day);
    find.bind(2, detail::format_workdays(p.workdays));
    find.bind(3, p.day_start);
    find.bind(4, p.timezone);
    find.bind(5, util::join(p.skills, ","));
    find.bind(6, p.name);
    const bool is_new = !find.executeStep();
    const bool same = !is_new && find.getColumn(0).getInt() != 0;
    SQLite::Statement up(db(),
                         "INSERT INTO assignees (name, email, hours_per_day, workdays, day_start, "
                         "timezone, skills) VALUES (?, ?, ?, ?, ?, ?, ?) "
                         "ON CONFLICT (name) DO UPDATE SET email = excluded.email, "
                         "hours_per_day = excluded.hours_per_day, workdays = excluded.workdays, "
                         "day_start = excluded.day_start, timezone = excluded.timezone, "
                         "skills = excluded.skills");
    up.bind(1, p.name);
    up.bind(2, p.email);
    up.bind(3, p.hours_per_day);
    up.bind(4, detail::format_workdays(p.workdays));
    up.bind(5, p.day_start);
    up.bind(6, p.timezone);
    up.bind(7, util::join(p.skills, ","));
    up.exec();
    if (!same) detail::PlanChangeLog(db(), m_now).add("team", p.name);
    return is_new;
  });
}

bool Store::remove_assignee(const std::string& name) {
  return guarded(m_path, [&] {
    // Holidays of this person alone go with them (a holiday left without
    // people would be everyone's).
    SQLite::Statement alone(db(),
                            "SELECT hp.date FROM holiday_people hp WHERE hp.assignee_id = "
                            "(SELECT id FROM assignees WHERE name = ?1) AND NOT EXISTS (SELECT 1 "
                            "FROM holiday_people o WHERE o.date = hp.date AND "
                            "o.assignee_id != hp.assignee_id)");
    alone.bind(1, name);
    std::vector<std::string> dates;
    while (alone.executeStep()) dates.push_back(alone.getColumn(0).getString());
    alone.reset();
    for (const auto& date : dates) {
      SQLite::Statement del_holiday(db(), "DELETE FROM holidays WHERE date = ?");
      del_holiday.bind(1, date);
      del_holiday.exec();
    }
    SQLite::Statement del(db(), "DELETE FROM assignees WHERE name = ?");
    del.bind(1, name);
    const bool removed = del.exec() > 0;  // time off cascades; pins are set to NULL
    if (removed) detail::PlanChangeLog(db(), m_now).add("team", name);
    return removed;
  });
}

std::vector<model::Assignee> Store::team() const {
  return guarded(m_path, [&] { return detail::load_team(db()); });
}

Store::TimeOffAdded Store::add_time_off(const model::TimeOff& off) {
  return guarded(m_path, [&] {
    const auto id = detail::assignee_id(db(), off.assignee);
    if (!id) throw InputError("nobody named \"" + off.assignee + "\" is in the team");
    TimeOffAdded added;
    added.stored = off;
    std::vector<std::string> reasons;
    bool known = false;  // the very range is stored already
    SQLite::Statement overlapping(db(),
                                  "SELECT from_date, to_date, reason FROM time_off "
                                  "WHERE assignee_id = ? AND from_date <= ? AND to_date >= ? "
                                  "ORDER BY from_date");
    overlapping.bind(1, *id);
    overlapping.bind(2, util::format_date(off.to));
    overlapping.bind(3, util::format_date(off.from));
    while (overlapping.executeStep()) {
      model::TimeOff other{off.assignee, *util::parse_date(overlapping.getColumn(0).getString()),
                           *util::parse_date(overlapping.getColumn(1).getString()),
                           overlapping.getColumn(2).getString()};
      const std::string& reason = other.reason;
      if (!reason.empty() && std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
        reasons.push_back(reason);
      }
      added.stored.from = std::min(added.stored.from, other.from);
      added.stored.to = std::max(added.stored.to, other.to);
      if (other.from == off.from && other.to == off.to) {
        known = true;
      } else {
        added.merged.push_back(std::move(other));
      }
    }
    if (off.reason.empty() && !reasons.empty()) {
      added.stored.reason = util::join(reasons, "; ");
    }
    SQLite::Statement del(db(),
                          "DELETE FROM time_off WHERE assignee_id = ? AND from_date <= ? "
                          "AND to_date >= ?");
    del.bind(1, *id);
    del.bind(2, util::format_date(off.to));
    del.bind(3, util::format_date(off.from));
    del.exec();
    SQLite::Statement ins(db(),
                          "INSERT INTO time_off (assignee_id, from_date, to_date, reason) "
                          "VALUES (?, ?, ?, ?)");
    ins.bind(1, *id);
    ins.bind(2, util::format_date(added.stored.from));
    ins.bind(3, util::format_date(added.stored.to));
    ins.bind(4, added.stored.reason);
    ins.exec();
    if (!known || !added.merged.empty()) {
      detail::PlanChangeLog(db(), m_now).add("time-off", off.assignee);
    }
    return added;
  });
}

bool Store::remove_time_off(const std::string& name, model::Date from) {
  return guarded(m_path, [&] {
    const auto id = detail::assignee_id(db(), name);
    if (!id) throw InputError("nobody named \"" + name + "\" is in the team");
    SQLite::Statement del(db(), "DELETE FROM time_off WHERE assignee_id = ? AND from_date = ?");
    del.bind(1, *id);
    del.bind(2, util::format_date(from));
    const bool removed = del.exec() > 0;
    if (removed) detail::PlanChangeLog(db(), m_now).add("time-off", name);
    return removed;
  });
}

std::vector<model::TimeOff> Store::time_off() const {
  return guarded(m_path, [&] { return detail::load_time_off(db()); });
}

std::optional<model::Holiday> Store::add_holiday(const model::Holiday& h) {
  return guarded(m_path, [&] {
    const std::string date = util::format_date(h.date);
    std::optional<model::Holiday> before;
    for (auto& known : detail::load_holidays(db(), date)) before = std::move(known);
    std::vector<std::int64_t> ids;
    for (const auto& name : h.people) {
      const auto id = detail::assignee_id(db(), name);
      if (!id) throw InputError("nobody named \"" + name + "\" is in the team");
      ids.push_back(*id);
    }
    SQLite::Statement ins(db(),
                          "INSERT INTO holidays (date, name) VALUES (?, ?) "
                          "ON CONFLICT (date) DO UPDATE SET name = excluded.name "
                          "WHERE excluded.name != ''");
    ins.bind(1, date);
    ins.bind(2, h.name);
    ins.exec();
    SQLite::Statement clear(db(), "DELETE FROM holiday_people WHERE date = ?");
    clear.bind(1, date);
    clear.exec();
    SQLite::Statement person(db(),
                             "INSERT OR IGNORE INTO holiday_people (date, assignee_id) "
                             "VALUES (?, ?)");
    for (const std::int64_t id : ids) {
      person.reset();
      person.bind(1, date);
      person.bind(2, id);
      person.exec();
    }
    std::vector<std::string> people = h.people;
    std::sort(people.begin(), people.end());
    people.erase(std::unique(people.begin(), people.end()), people.end());
    if (!before || before->people != people) {
      detail::PlanChangeLog(db(), m_now).add("holiday", date);
    }
    return before;
  });
}

bool Store::remove_holiday(model::Date date) {
  return guarded(m_path, [&] {
    SQLite::Statement del(db(), "DELETE FROM holidays WHERE date = ?");
    del.bind(1, util::format_date(date));
    const bool removed = del.exec() > 0;
    if (removed) detail::PlanChangeLog(db(), m_now).add("holiday", util::format_date(date));
    return removed;
  });
}

std::vector<model::Holiday> Store::holidays() const {
  return guarded(m_path, [&] { return detail::load_holidays(db()); });
}

// ---- task edits ----

using detail::require_task;

// Each edit below records a plan change only when it changes something.
void Store::set_manual_estimate(const std::string& task_id, std::optional<double> hours,
                                std::optional<double> optimistic,
                                std::optional<double> pessimistic) {
  guarded(m_path, [&] {
    require_task(db(), task_id);
    const bool three = hours && optimistic && pessimistic;
    SQLite::Statement up(db(),
                         "UPDATE tasks SET estimate_manual = ?1, estimate_manual_optimistic = ?3, "
                         "estimate_manual_pessimistic = ?4 WHERE id = ?2 "
                         "AND (estimate_manual IS NOT ?1 OR estimate_manual_optimistic IS NOT ?3 "
                         "OR estimate_manual_pessimistic IS NOT ?4)");
    auto bind = [&](int n, std::optional<double> v) {
      if (v) {
        up.bind(n, *v);
      } else {
        up.bind(n);
      }
    };
    bind(1, hours);
    up.bind(2, task_id);
    bind(3, three ? optimistic : std::nullopt);
    bind(4, three ? pessimistic : std::nullopt);
    if (up.exec() > 0) detail::PlanChangeLog(db(), m_now).add("estimate", task_id);
  });
}

void Store::set_pin(const std::string& task_id, const std::string& assignee) {
  guarded(m_path, [&] {
    require_task(db(), task_id);
    SQLite::Statement up(db(),
                         "UPDATE tasks SET pinned_assignee_id = ?1 WHERE id = ?2 "
                         "AND pinned_assignee_id IS NOT ?1");
    if (assignee.empty()) {
      up.bind(1);
    } else {
      const auto id = detail::assignee_id(db(), assignee);
      if (!id) throw InputError("nobody named \"" + assignee + "\" is in the team");
      up.bind(1, *id);
    }
    up.bind(2, task_id);
    if (up.exec() > 0) detail::PlanChangeLog(db(), m_now).add("pin", task_id);
  });
}

void Store::add_after(const std::string& task_id, const std::string& after_id) {
  guarded(m_path, [&] {
    require_task(db(), task_id);
    require_task(db(), after_id);
    if (task_id == after_id) throw InputError("a task cannot come after itself");
    SQLite::Statement ins(db(),
                          "INSERT OR IGNORE INTO task_after (task_id, after_id) VALUES (?, ?)");
    ins.bind(1, task_id);
    ins.bind(2, after_id);
    if (ins.exec() > 0) detail::PlanChangeLog(db(), m_now).add("dependency", task_id);
  });
}

bool Store::remove_after(const std::string& task_id, const std::string& after_id) {
  return guarded(m_path, [&] {
    require_task(db(), task_id);
    SQLite::Statement del(db(), "DELETE FROM task_after WHERE task_id = ? AND after_id = ?");
    del.bind(1, task_id);
    del.bind(2, after_id);
    const bool removed = del.exec() > 0;
    if (removed) detail::PlanChangeLog(db(), m_now).add("dependency", task_id);
    return removed;
  });
}

}  // namespace rplan::store
