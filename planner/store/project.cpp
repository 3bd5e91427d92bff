// Loading the whole project, and saving a plan with its iCalendar sequences.

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "planner/store/batch_insert.hpp"
#include "planner/store/sqlite_guard.hpp"
#include "planner/store/store.hpp"
#include "planner/store/store_internal.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

namespace rplan::store {

using detail::guarded;

using detail::from_unix;
using detail::id_prefix;

namespace {

// The number of rows in `table` (a name of rplan's own, never the user's).
std::size_t row_count(SQLite::Database& db, const char* table) {
  SQLite::Statement count(db, std::string("SELECT COUNT(*) FROM ") + table);
  return count.executeStep() ? static_cast<std::size_t>(count.getColumn(0).getInt64()) : 0;
}

// A query's rows read straight through SQLite's C interface: the project's
// tables are a few million values, and SQLite::Statement::getColumn makes an
// object holding a shared pointer (two atomic operations) for each. Values
// read as SQLiteCpp's getString, getInt, getInt64 and getDouble do (NULL is
// "" or 0); a text is valid until the next step. Errors throw
// SQLite::Exception, as SQLiteCpp does.
class Rows {
 public:
  Rows(SQLite::Database& db, const std::string& sql) {
    const int rc = sqlite3_prepare_v2(db.getHandle(), sql.c_str(), -1, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(m_stmt);
      throw SQLite::Exception(db.getHandle(), rc);
    }
  }
  ~Rows() { sqlite3_finalize(m_stmt); }
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;

  // Moves to the next row; false after the last.
  bool step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw SQLite::Exception(sqlite3_db_handle(m_stmt), rc);
  }
  bool null(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
  std::string_view text(int column) const {
    const auto* p = sqlite3_column_text(m_stmt, column);
    if (p == nullptr) return {};
    return {reinterpret_cast<const char*>(p),
            static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
  }
  std::string string(int column) const { return std::string(text(column)); }
  int integer(int column) const { return sqlite3_column_int(m_stmt, column); }
  std::int64_t int64(int column) const { return sqlite3_column_int64(m_stmt, column); }
  double real(int column) const { return sqlite3_column_double(m_stmt, column); }

 private:
  sqlite3_stmt* m_stmt = nullptr;
};

model::Topic read_topic(const Rows& q) {
  model::Topic t;
  t.id = q.string(0);
  if (!q.null(2)) t.number = q.integer(2);
  t.title = q.string(3);
  t.focus = q.string(4);
  t.skills = util::split(q.text(5), ',');
  return t;
}

// Puts items[from(at)] at `at` for every position, where they are
// (following each cycle of the permutation), not into a second vector:
// 300,000 tasks are 140 MB. Items already in place are not moved.
template <class T, class From>
void arrange(std::vector<T>& items, From from) {
  std::vector<bool> placed(items.size(), false);
  for (std::size_t start = 0; start < items.size(); ++start) {
    if (placed[start]) continue;
    placed[start] = true;
    if (from(start) == start) continue;
    T held = std::move(items[start]);
    std::size_t at = start;
    while (true) {
      placed[at] = true;
      const std::size_t next = from(at);
      if (next == start) break;
      items[at] = std::move(items[next]);
      at = next;
    }
    items[at] = std::move(held);
  }
}

// Columns 1 and 6 are the document's id and the topic's position in it.
constexpr const char* k_topic_columns =
    "SELECT p.id, p.document_id, p.number, p.title, p.focus, p.skills, p.position FROM topics p ";

// The topics that are not archived, in document order (the documents'
// ordinal), then by position. Read in stored order and sorted here: SQLite
// would sort the rows with their titles and focus texts.
std::vector<model::Topic> load_topics(SQLite::Database& db) {
  struct Document {
    std::int64_t id;
    std::int64_t ordinal;
    std::string name;
  };
  std::vector<Document> documents;
  {
    SQLite::Statement q(db, "SELECT id, ordinal, name FROM documents ORDER BY id");
    while (q.executeStep()) {
      documents.push_back(
          {q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getString()});
    }
  }
  struct Place {
    std::int64_t ordinal;
    std::int64_t position;
    std::uint32_t index;
  };
  std::vector<model::Topic> loaded;
  std::vector<Place> places;
  {
    const std::size_t n = row_count(db, "topics");
    loaded.reserve(n);
    places.reserve(n);
  }
  Rows q(db, std::string(k_topic_columns) + "WHERE p.archived = 0");
  const Document* document = nullptr;
  while (q.step()) {
    const std::int64_t document_id = q.int64(1);
    if (document == nullptr || document->id != document_id) {
      const auto it =
          std::lower_bound(documents.begin(), documents.end(), document_id,
                           [](const Document& d, std::int64_t id) { return d.id < id; });
      if (it == documents.end() || it->id != document_id) continue;  // as the join would
      document = &*it;
    }
    loaded.push_back(read_topic(q));
    loaded.back().document = document->name;
    places.push_back({document->ordinal, q.int64(6), static_cast<std::uint32_t>(places.size())});
  }
  std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) {
    if (a.ordinal != b.ordinal) return a.ordinal < b.ordinal;
    return a.position != b.position ? a.position < b.position : a.index < b.index;
  });
  arrange(loaded, [&](std::size_t at) { return places[at].index; });
  for (std::size_t i = 0; i < loaded.size(); ++i) loaded[i].ordinal = static_cast<int>(i);
  return loaded;
}

constexpr const char* k_task_columns =
    "SELECT k.id, k.topic_id, k.position, k.kind, k.prompt, k.estimate_likely, "
    "k.estimate_optimistic, k.estimate_pessimistic, k.estimate_manual, k.status, a.name, "
    "k.remaining_hours, k.done_at, k.done_by, k.started_by, k.estimate_manual_optimistic, "
    "k.estimate_manual_pessimistic "
    "FROM tasks k LEFT JOIN assignees a ON a.id = k.pinned_assignee_id ";

// Fills `t` (a default Task) from a row of k_task_columns, in place: a
// Task is over 400 bytes, and 300,000 of them are read.
void read_task(const Rows& q, model::Task& t) {
  t.id = q.text(0);
  t.topic_id = q.text(1);
  t.position = q.integer(2);
  t.kind = model::parse_task_kind(q.text(3)).value_or(model::TaskKind::other);
  t.prompt = q.text(4);
  t.estimate.likely = q.real(5);
  t.estimate.optimistic = q.real(6);
  t.estimate.pessimistic = q.real(7);
  t.estimate.manual = !q.null(8);
  t.estimate.hours = t.estimate.manual ? q.real(8) : t.estimate.likely;
  t.status = model::parse_task_status(q.text(9)).value_or(model::TaskStatus::open);
  if (!q.null(10)) t.pinned_assignee = q.text(10);
  if (!q.null(11)) t.remaining_hours = q.real(11);
  if (!q.null(12)) t.done_at = from_unix(q.int64(12));
  t.done_by = q.text(13);
  t.started_by = q.text(14);
  if (t.estimate.manual && !q.null(15) && !q.null(16)) {
    t.manual_optimistic = q.real(15);
    t.manual_pessimistic = q.real(16);
  }
}

// Asks the kernel to back the whole pages of [data, data + bytes) with huge
// pages (Linux, where transparent huge pages are on `madvise`): the tasks
// of a large project are over 100 MB written once, and a page fault per
// 4 KiB of them costs more than reading their rows. Nothing changes but the
// time (and the resident size rounds up to 2 MiB).
void advise_huge_pages(const void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t k_huge = std::uintptr_t{2} << 20;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + k_huge - 1) & ~(k_huge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(k_huge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

// Finds items (tasks, topics) by id without a hash of strings: the ids
// sorted once, as keys that start with the id's first 8 bytes packed
// big-endian, so most comparisons touch neither the items nor their strings.
// Byte order is SQLite's BINARY collation, so tables keyed by id can be
// walked alongside (`next`); `find` is a binary search for any order.
class SortedIds {
 public:
  // `ids` must outlive this index and keep its strings where they are.
  explicit SortedIds(std::vector<std::string_view> ids) : m_ids(std::move(ids)) {
    m_sorted.reserve(m_ids.size());
    for (std::size_t i = 0; i < m_ids.size(); ++i) {
      m_sorted.push_back({id_prefix(m_ids[i]), static_cast<std::uint32_t>(i),
                          static_cast<std::uint32_t>(m_ids[i].size())});
    }
    std::sort(m_sorted.begin(), m_sorted.end(), [&](const Entry& x, const Entry& y) {
      return compare(x, y.key, m_ids[y.index]) < 0;
    });
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // The position of `id` among the ids given, or npos.
  std::size_t find(std::string_view id) const {
    const std::uint64_t key = id_prefix(id);
    const auto it =
        std::lower_bound(m_sorted.begin(), m_sorted.end(), key,
                         [&](const Entry& e, std::uint64_t k) { return compare(e, k, id) < 0; });
    if (it == m_sorted.end() || compare(*it, key, id) != 0) return npos;
    return it->index;
  }

  // As find, walking forwards from the previous call: linear over a table
  // read in id order. rewind() starts again from the smallest id.
  std::size_t next(std::string_view id) {
    const std::uint64_t key = id_prefix(id);
    if (m_next > 0 && compare(m_sorted[m_next - 1], key, id) > 0) m_next = 0;  // went back
    while (m_next < m_sorted.size() && compare(m_sorted[m_next], key, id) < 0) ++m_next;
    if (m_next == m_sorted.size() || compare(m_sorted[m_next], key, id) != 0) return npos;
    return m_sorted[m_next].index;
  }
  void rewind() { m_next = 0; }

 private:
  struct Entry {
    std::uint64_t key;
    std::uint32_t index;
    std::uint32_t size;  // of the id
  };
  // <0, 0, >0 as the entry's id compares to (key, id). An id of at most 8
  // bytes is all in its key: two such ids with the same key are equal, or
  // one is the other followed by NULs and sorts after it. So ids as short as
  // rplan's are compared without reading them.
  int compare(const Entry& e, std::uint64_t key, std::string_view id) const {
    if (e.key != key) return e.key < key ? -1 : 1;
    if (e.size <= 8 && id.size() <= 8) {
      return e.size == id.size() ? 0 : (e.size < id.size() ? -1 : 1);
    }
    return m_ids[e.index].compare(id);
  }
  std::vector<std::string_view> m_ids;
  std::vector<Entry> m_sorted;
  std::size_t m_next = 0;
};

// Tasks by id, for the tables keyed by task id.
class TaskFinder {
 public:
  explicit TaskFinder(std::vector<model::Task>& tasks) : m_tasks(tasks), m_ids(ids_of(tasks)) {}
  // The task with this id, or nullptr (archived, or not loaded); linear over
  // a table read in id order.
  model::Task* next(std::string_view id) {
    const std::size_t i = m_ids.next(id);
    return i == SortedIds::npos ? nullptr : &m_tasks[i];
  }
  void rewind() { m_ids.rewind(); }
  // The task with this id, or nullptr; in any order.
  model::Task* find(std::string_view id) const {
    const std::size_t i = m_ids.find(id);
    return i == SortedIds::npos ? nullptr : &m_tasks[i];
  }

 private:
  static std::vector<std::string_view> ids_of(const std::vector<model::Task>& tasks) {
    std::vector<std::string_view> ids;
    ids.reserve(tasks.size());
    for (const auto& t : tasks) ids.emplace_back(t.id);
    return ids;
  }
  std::vector<model::Task>& m_tasks;
  SortedIds m_ids;
};

// The open tasks of the given (open) topics, in topic order, then by
// position. The table is scanned in stored order and sorted here: SQLite
// would join every task to its topic and sort the rows with their prompts.
std::vector<model::Task> load_tasks(SQLite::Database& db, const std::vector<model::Topic>& topics) {
  std::vector<std::string_view> topic_ids;
  topic_ids.reserve(topics.size());
  for (const auto& t : topics) topic_ids.emplace_back(t.id);
  const SortedIds topic_index(std::move(topic_ids));
  struct Place {
    std::size_t topic;
    int position;
    std::uint32_t index;
  };
  std::vector<model::Task> loaded;
  std::vector<Place> places;
  {
    // Room for every task at once (archived ones too: counting them is a
    // scan of an index): growing by doubling would hold 1.5 times the tasks
    // while they move, and keep the old room afterwards.
    const std::size_t n = row_count(db, "tasks");
    loaded.reserve(n);
    places.reserve(n);
    advise_huge_pages(loaded.data(), n * sizeof(model::Task));
  }
  Rows q(db, std::string(k_task_columns) + "WHERE k.archived = 0");
  // Tasks are mostly stored topic by topic: look a topic up once per run.
  std::string last_topic_id;
  std::size_t topic = SortedIds::npos;
  while (q.step()) {
    const std::string_view topic_id = q.text(1);
    if (topic_id != last_topic_id) {
      last_topic_id = topic_id;
      topic = topic_index.find(topic_id);
    }
    if (topic == SortedIds::npos) continue;  // its topic is archived
    read_task(q, loaded.emplace_back());
    places.push_back({topic, loaded.back().position, static_cast<std::uint32_t>(places.size())});
  }
  std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) {
    if (a.topic != b.topic) return a.topic < b.topic;
    return a.position != b.position ? a.position < b.position : a.index < b.index;
  });
  arrange(loaded, [&](std::size_t at) { return places[at].index; });
  return loaded;
}

// Fills the plan fields of tasks from plan_tasks and plan_blocks.
void load_plan_rows(SQLite::Database& db, model::Project& project, TaskFinder& finder) {
  SQLite::Statement plan(db,
                         "SELECT start, finish, strategy, created_at, total_hours, now, "
                         "minimum_remaining_hours FROM plan");
  if (plan.executeStep()) {
    auto& info = project.plan;
    info.exists = true;
    info.start = util::parse_date(plan.getColumn(0).getString()).value_or(model::Date{});
    info.finish = util::parse_date(plan.getColumn(1).getString()).value_or(model::Date{});
    info.strategy =
        model::parse_strategy(plan.getColumn(2).getString()).value_or(model::Strategy::balanced);
    info.created_at = from_unix(plan.getColumn(3).getInt64());
    info.total_hours = plan.getColumn(4).getDouble();
    // A plan of schema version 1 has no `now`: it was made when it was created.
    info.now =
        plan.getColumn(5).isNull() ? info.created_at : from_unix(plan.getColumn(5).getInt64());
    if (!plan.getColumn(6).isNull()) info.minimum_remaining_hours = plan.getColumn(6).getDouble();
    info.stale_reasons = detail::stale_reasons(db);
  }
  finder.rewind();
  Rows rows(
      db,
      "SELECT task_id, assignee, depends_on, sequence, slipped FROM plan_tasks ORDER BY task_id");
  while (rows.step()) {
    model::Task* found = finder.next(rows.text(0));
    if (found == nullptr) continue;  // archived since the plan was made
    model::Task& t = *found;
    t.assignee = rows.text(1);
    t.depends_on = util::split(rows.text(2), ',');
    t.sequence = rows.integer(3);
    t.slipped = rows.integer(4) != 0;
    if (t.slipped) project.plan.slipped.push_back(t.id);
    if (t.assignee.empty() && t.status != model::TaskStatus::done) {
      project.plan.unassigned.push_back(t.id);
    }
  }
  Rows blocks(db,
              "SELECT task_id, date, start_minute, minutes, utc_start, sequence, "
              "history, assignee FROM plan_blocks ORDER BY task_id, number");
  finder.rewind();
  model::Task* current = nullptr;
  std::string current_id;
  // A task's blocks are gathered here and then moved to it at their exact
  // size: one allocation a task, not one each time its vector grows.
  std::vector<model::WorkBlock> gathered;
  auto settle = [&] {
    if (current != nullptr && !gathered.empty()) {
      current->blocks.reserve(current->blocks.size() + gathered.size());
      std::move(gathered.begin(), gathered.end(), std::back_inserter(current->blocks));
    }
    gathered.clear();
  };
  while (blocks.step()) {
    const std::string_view id = blocks.text(0);
    if (current_id != id) {
      settle();
      current_id = id;
      current = finder.next(id);
    }
    if (current == nullptr) continue;
    model::WorkBlock& b = gathered.emplace_back();
    b.date = util::parse_date(blocks.text(1)).value_or(model::Date{});
    b.start_minute = blocks.integer(2);
    b.minutes = blocks.integer(3);
    b.utc_start = from_unix(blocks.int64(4));
    b.utc_end = b.utc_start + std::chrono::minutes{b.minutes};
    b.sequence = blocks.integer(5);
    b.history = blocks.integer(6) != 0;
    if (const std::string_view person = blocks.text(7); !person.empty()) b.assignee = person;
  }
  settle();
  for (auto& t : project.tasks) {
    if (!t.blocks.empty() || t.done_at) model::set_dates_from_blocks(t);
  }
}

// Sets each topic's to-do sequence from plan_topics.
void load_topic_sequences(SQLite::Database& db, model::Project& project) {
  std::vector<std::string_view> ids;
  ids.reserve(project.topics.size());
  for (const auto& t : project.topics) ids.emplace_back(t.id);
  SortedIds topics(std::move(ids));
  Rows q(db, "SELECT topic_id, sequence FROM plan_topics ORDER BY topic_id");
  while (q.step()) {
    const std::size_t i = topics.next(q.text(0));
    if (i != SortedIds::npos) project.topics[i].sequence = q.integer(1);
  }
}

// Fills project.work_log with the entries of the loaded tasks, by date, then
// task id, then as recorded; and each task's spent hours. Read in stored
// order, matched to the tasks in task id order (a walk, not a search per
// entry) and sorted here: SQLite would sort the rows with their texts.
void load_work_log(SQLite::Database& db, model::Project& project, TaskFinder& finder) {
  auto& log = project.work_log;
  std::vector<std::int64_t> row_ids;
  {
    // Room for every entry at once: growing by doubling writes twice the memory.
    const std::size_t n = row_count(db, "work_log");
    log.reserve(n);
    row_ids.reserve(n);
  }
  Rows q(db, "SELECT task_id, assignee, date, hours, recorded_at, id FROM work_log");
  while (q.step()) {
    model::WorkEntry& e = log.emplace_back();
    e.task_id = q.text(0);
    e.assignee = q.text(1);
    e.date = util::parse_date(q.text(2)).value_or(model::Date{});
    e.hours = q.real(3);
    e.recorded_at = from_unix(q.int64(4));
    row_ids.push_back(q.int64(5));
  }
  std::vector<std::uint32_t> order(log.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
  // By task id, then date, then as recorded: each task's hours add up in the
  // order of the log (a sum of doubles depends on the order).
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (log[a].task_id != log[b].task_id) return log[a].task_id < log[b].task_id;
    if (log[a].date != log[b].date) return log[a].date < log[b].date;
    return row_ids[a] < row_ids[b];
  });
  std::vector<bool> kept(log.size(), false);
  finder.rewind();
  for (const std::uint32_t i : order) {
    model::Task* t = finder.next(log[i].task_id);
    if (t == nullptr) continue;  // archived
    t->spent_hours += log[i].hours;
    kept[i] = true;
  }
  // By date, then task id, then as recorded; the entries of archived tasks last.
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (kept[a] != kept[b]) return static_cast<bool>(kept[a]);
    if (log[a].date != log[b].date) return log[a].date < log[b].date;
    if (log[a].task_id != log[b].task_id) return log[a].task_id < log[b].task_id;
    return row_ids[a] < row_ids[b];
  });
  arrange(log, [&](std::size_t at) { return order[at]; });
  std::size_t live = 0;
  while (live < kept.size() && kept[order[live]]) ++live;
  log.resize(live);
}

// Reads inside one transaction when the caller has none, so that every
// table is read as one commit left it, even while another connection writes
// a new plan (in WAL mode a reader sees the last commit from its first read
// on). A read transaction's end cannot fail in a way that matters: the
// destructor ends it and ignores the result.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(SQLite::Database& db)
      : m_db(db), m_began(sqlite3_get_autocommit(db.getHandle()) != 0) {
    if (m_began) m_db.exec("BEGIN DEFERRED");
  }
  ~ReadSnapshot() {
    if (m_began) sqlite3_exec(m_db.getHandle(), "COMMIT", nullptr, nullptr, nullptr);
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  SQLite::Database& m_db;
  bool m_began;
};

// SQLite's default page cache (2 MiB) while the project is read, and the
// store's own size again afterwards: every table is read once, in order, so
// a larger cache only holds pages that are not read again, and filling it
// costs a page fault for every 4 KiB of it. Spilling is off meanwhile: when
// the caller's transaction has written pages (`run` loads after importing),
// they stay in the cache as they would have, and only pages read are recycled.
class LoadingCache {
 public:
  explicit LoadingCache(SQLite::Database& db)
      : m_db(db),
        m_size(db.execAndGet("PRAGMA cache_size").getInt64()),
        m_spill(db.execAndGet("PRAGMA cache_spill").getInt64() != 0) {
    m_db.exec("PRAGMA cache_spill = OFF");
    m_db.exec("PRAGMA cache_size = -2048");
  }
  ~LoadingCache() {
    const std::string restore = "PRAGMA cache_size = " + std::to_string(m_size) +
                                "; PRAGMA cache_spill = " + (m_spill ? "ON" : "OFF");
    sqlite3_exec(m_db.getHandle(), restore.c_str(), nullptr, nullptr, nullptr);
  }
  LoadingCache(const LoadingCache&) = delete;
  LoadingCache& operator=(const LoadingCache&) = delete;

 private:
  SQLite::Database& m_db;
  std::int64_t m_size;
  bool m_spill;
};

}  // namespace

model::Project Store::load_project() const {
  return guarded(m_path, [&] {
    const ReadSnapshot snapshot(db());
    const LoadingCache cache(db());
    model::Project project;
    {
      SQLite::Statement title(db(),
                              "SELECT title FROM documents d WHERE EXISTS (SELECT 1 FROM topics p "
                              "WHERE p.document_id = d.id AND p.archived = 0) "
                              "ORDER BY ordinal LIMIT 1");
      if (title.executeStep()) project.title = title.getColumn(0).getString();
    }
    project.topics = load_topics(db());
    project.tasks = load_tasks(db(), project.topics);
    TaskFinder finder(project.tasks);
    Rows after(db(), "SELECT task_id, after_id FROM task_after ORDER BY task_id, after_id");
    while (after.step()) {
      model::Task* t = finder.next(after.text(0));
      if (t != nullptr) t->after.emplace_back(after.text(1));
    }
    for (auto& t : project.tasks) t.depends_on = t.after;
    load_plan_rows(db(), project, finder);
    load_topic_sequences(db(), project);
    project.cancelled = detail::load_cancelled(db());
    load_work_log(db(), project, finder);
    project.team = detail::load_team(db());
    project.holidays = detail::load_holidays(db());
    project.time_off = detail::load_time_off(db());
    project.scope_history = detail::load_scope_history(db());
    return project;
  });
}

std::optional<TaskDetails> Store::find_task(const std::string& id) const {
  // Loads the project so that the task's plan and dependencies read exactly as
  // in the exports; show and task are interactive, one task at a time.
  model::Project project = load_project();
  for (auto& t : project.tasks) {
    if (t.id != id) continue;
    TaskDetails details;
    details.task = std::move(t);
    for (auto& topic : project.topics) {
      if (topic.id == details.task.topic_id) details.topic = topic;
    }
    details.document_path_hint = details.topic.document;
    details.unassigned = std::find(project.plan.unassigned.begin(), project.plan.unassigned.end(),
                                   id) != project.plan.unassigned.end();
    for (auto& e : project.work_log) {
      if (e.task_id == id) details.work.push_back(std::move(e));
    }
    details.history = status_history(id);
    details.plan = std::move(project.plan);
    return details;
  }
  return std::nullopt;
}

std::optional<std::string> Store::archived_task_document(const std::string& id) const {
  return guarded(m_path, [&]() -> std::optional<std::string> {
    SQLite::Statement q(db(),
                        "SELECT d.name FROM tasks k JOIN topics p ON p.id = k.topic_id "
                        "JOIN documents d ON d.id = p.document_id "
                        "WHERE k.id = ? AND (k.archived = 1 OR p.archived = 1)");
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getString();
  });
}

namespace {

// The ids of tasks whose id starts with `prefix`, live or archived, at most
// `limit` of them, in id order; and how many there are.
struct IdMatches {
  std::vector<std::string> ids;
  std::int64_t count = 0;
};

IdMatches ids_starting_with(SQLite::Database& db, const std::string& prefix, bool live, int limit) {
  // A range of the primary key, not LIKE or GLOB: nothing in `prefix` is a
  // pattern. Ids are ASCII, so every id with the prefix sorts below the
  // prefix followed by U+007F.
  const std::string where =
      " FROM tasks k JOIN topics p ON p.id = k.topic_id WHERE k.id >= ?1 AND k.id < ?2 AND " +
      std::string(live ? "k.archived = 0 AND p.archived = 0"
                       : "(k.archived = 1 OR p.archived = 1)");
  IdMatches m;
  SQLite::Statement count(db, "SELECT count(*)" + where);
  count.bind(1, prefix);
  count.bind(2, prefix + "\x7f");
  count.executeStep();
  m.count = count.getColumn(0).getInt64();
  SQLite::Statement q(db, "SELECT k.id" + where + " ORDER BY k.id LIMIT ?3");
  q.bind(1, prefix);
  q.bind(2, prefix + "\x7f");
  q.bind(3, limit);
  while (q.executeStep()) m.ids.push_back(q.getColumn(0).getString());
  return m;
}

}  // namespace

std::string Store::resolve_task_id(std::string_view given) const {
  constexpr int k_shown = 10;
  const std::string id = util::to_lower_ascii(util::trim(given));
  return guarded(m_path, [&]() -> std::string {
    if (id.empty()) throw InputError("a task id is empty (see rplan list)");
    const IdMatches live = ids_starting_with(db(), id, true, k_shown);
    for (const auto& candidate : live.ids) {
      if (candidate == id) return candidate;  // an id wins over the longer ids it begins
    }
    if (live.count == 1) return live.ids.front();
    if (live.count > 1) {
      std::string shown = util::join(live.ids, ", ");
      if (live.count > k_shown) shown += ", ...";
      throw InputError("\"" + std::string(util::trim(given)) + "\" is the beginning of " +
                       std::to_string(live.count) + " task ids (" + shown +
                       "); type more of the id");
    }
    const IdMatches archived = ids_starting_with(db(), id, false, 2);
    if (archived.count == 1) {
      const std::string& found = archived.ids.front();
      throw InputError("task " + found + " is archived: its prompt or topic is no longer in " +
                       archived_task_document(found).value_or("its document") +
                       " (import the document with it again to restore the task)");
    }
    throw InputError("no task has the id \"" + std::string(util::trim(given)) +
                     "\" (see rplan list)");
  });
}

}  // namespace rplan::store
