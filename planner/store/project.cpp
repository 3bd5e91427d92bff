// Loading the whole project, and saving a plan with its iCalendar sequences.

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>

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
using detail::text_of;

namespace {

model::Topic read_topic(SQLite::Statement& q) {
  model::Topic t;
  t.id = q.getColumn(0).getString();
  t.document = q.getColumn(1).getString();
  if (!q.getColumn(2).isNull()) t.number = q.getColumn(2).getInt();
  t.title = q.getColumn(3).getString();
  t.focus = q.getColumn(4).getString();
  t.skills = util::split(q.getColumn(5).getString(), ',');
  return t;
}

constexpr const char* k_topic_columns =
    "SELECT p.id, d.name, p.number, p.title, p.focus, p.skills FROM topics p "
    "JOIN documents d ON d.id = p.document_id ";

constexpr const char* k_task_columns =
    "SELECT k.id, k.topic_id, k.position, k.kind, k.prompt, k.estimate_likely, "
    "k.estimate_optimistic, k.estimate_pessimistic, k.estimate_manual, k.status, a.name, "
    "k.remaining_hours, k.done_at, k.done_by, k.started_by, k.estimate_manual_optimistic, "
    "k.estimate_manual_pessimistic "
    "FROM tasks k LEFT JOIN assignees a ON a.id = k.pinned_assignee_id ";

// Fills `t` (a default Task) from a row of k_task_columns, in place: a
// Task is over 400 bytes, and 300,000 of them are read.
void read_task(SQLite::Statement& q, model::Task& t) {
  t.id = q.getColumn(0).getString();
  t.topic_id = q.getColumn(1).getString();
  t.position = q.getColumn(2).getInt();
  t.kind = model::parse_task_kind(q.getColumn(3).getString()).value_or(model::TaskKind::other);
  t.prompt = q.getColumn(4).getString();
  t.estimate.likely = q.getColumn(5).getDouble();
  t.estimate.optimistic = q.getColumn(6).getDouble();
  t.estimate.pessimistic = q.getColumn(7).getDouble();
  t.estimate.manual = !q.getColumn(8).isNull();
  t.estimate.hours = t.estimate.manual ? q.getColumn(8).getDouble() : t.estimate.likely;
  t.status = model::parse_task_status(q.getColumn(9).getString()).value_or(model::TaskStatus::open);
  if (!q.getColumn(10).isNull()) t.pinned_assignee = q.getColumn(10).getString();
  if (!q.getColumn(11).isNull()) t.remaining_hours = q.getColumn(11).getDouble();
  if (!q.getColumn(12).isNull()) t.done_at = from_unix(q.getColumn(12).getInt64());
  t.done_by = q.getColumn(13).getString();
  t.started_by = q.getColumn(14).getString();
  if (t.estimate.manual && !q.getColumn(15).isNull() && !q.getColumn(16).isNull()) {
    t.manual_optimistic = q.getColumn(15).getDouble();
    t.manual_pessimistic = q.getColumn(16).getDouble();
  }
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
    SQLite::Statement count(db, "SELECT COUNT(*) FROM tasks");
    const auto n =
        count.executeStep() ? static_cast<std::size_t>(count.getColumn(0).getInt64()) : 0;
    loaded.reserve(n);
    places.reserve(n);
  }
  SQLite::Statement q(db, std::string(k_task_columns) + "WHERE k.archived = 0");
  while (q.executeStep()) {
    const std::size_t topic = topic_index.find(text_of(q.getColumn(1)));
    if (topic == SortedIds::npos) continue;  // its topic is archived
    read_task(q, loaded.emplace_back());
    places.push_back({topic, loaded.back().position, static_cast<std::uint32_t>(places.size())});
  }
  std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) {
    if (a.topic != b.topic) return a.topic < b.topic;
    return a.position != b.position ? a.position < b.position : a.index < b.index;
  });
  // Put the tasks in that order where they are (following each cycle of the
  // permutation), not into a second vector: 300,000 tasks are 100 MB.
  std::vector<bool> placed(loaded.size(), false);
  for (std::size_t start = 0; start < loaded.size(); ++start) {
    if (placed[start]) continue;
    model::Task held = std::move(loaded[start]);
    std::size_t at = start;
    while (true) {
      placed[at] = true;
      const std::size_t from = places[at].index;
      if (from == start) break;
      loaded[at] = std::move(loaded[from]);
      at = from;
    }
    loaded[at] = std::move(held);
  }
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
  SQLite::Statement rows(
      db,
      "SELECT task_id, assignee, depends_on, sequence, slipped FROM plan_tasks ORDER BY task_id");
  while (rows.executeStep()) {
    model::Task* found = finder.next(text_of(rows.getColumn(0)));
    if (found == nullptr) continue;  // archived since the plan was made
    model::Task& t = *found;
    t.assignee = rows.getColumn(1).getString();
    t.depends_on = util::split(text_of(rows.getColumn(2)), ',');
    t.sequence = rows.getColumn(3).getInt();
    t.slipped = rows.getColumn(4).getInt() != 0;
    if (t.slipped) project.plan.slipped.push_back(t.id);
    if (t.assignee.empty() && t.status != model::TaskStatus::done) {
      project.plan.unassigned.push_back(t.id);
    }
  }
  SQLite::Statement blocks(db,
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
  while (blocks.executeStep()) {
    const std::string_view id = text_of(blocks.getColumn(0));
    if (current_id != id) {
      settle();
      current_id = id;
      current = finder.next(id);
    }
    if (current == nullptr) continue;
    model::WorkBlock& b = gathered.emplace_back();
    b.date = util::parse_date(text_of(blocks.getColumn(1))).value_or(model::Date{});
    b.start_minute = blocks.getColumn(2).getInt();
    b.minutes = blocks.getColumn(3).getInt();
    b.utc_start = from_unix(blocks.getColumn(4).getInt64());
    b.utc_end = b.utc_start + std::chrono::minutes{b.minutes};
    b.sequence = blocks.getColumn(5).getInt();
    b.history = blocks.getColumn(6).getInt() != 0;
    if (blocks.getColumn(7).getBytes() > 0) b.assignee = blocks.getColumn(7).getString();
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
  SQLite::Statement q(db, "SELECT topic_id, sequence FROM plan_topics ORDER BY topic_id");
  while (q.executeStep()) {
    const std::size_t i = topics.next(text_of(q.getColumn(0)));
    if (i != SortedIds::npos) project.topics[i].sequence = q.getColumn(1).getInt();
  }
}

// Fills project.work_log with the entries of the loaded tasks, and each
// task's spent hours.
void load_work_log(SQLite::Database& db, model::Project& project, const TaskFinder& finder) {
  SQLite::Statement q(db,
                      "SELECT task_id, assignee, date, hours, recorded_at FROM work_log "
                      "ORDER BY date, task_id, id");
  while (q.executeStep()) {
    model::Task* t = finder.find(text_of(q.getColumn(0)));
    if (t == nullptr) continue;  // archived
    model::WorkEntry e;
    e.task_id = t->id;
    e.assignee = q.getColumn(1).getString();
    e.date = util::parse_date(text_of(q.getColumn(2))).value_or(model::Date{});
    e.hours = q.getColumn(3).getDouble();
    e.recorded_at = from_unix(q.getColumn(4).getInt64());
    t->spent_hours += e.hours;
    project.work_log.push_back(std::move(e));
  }
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

}  // namespace

model::Project Store::load_project() const {
  return guarded(m_path, [&] {
    const ReadSnapshot snapshot(db());
    model::Project project;
    {
      SQLite::Statement title(db(),
                              "SELECT title FROM documents d WHERE EXISTS (SELECT 1 FROM topics p "
                              "WHERE p.document_id = d.id AND p.archived = 0) "
                              "ORDER BY ordinal LIMIT 1");
      if (title.executeStep()) project.title = title.getColumn(0).getString();
    }
    SQLite::Statement topics(
        db(), std::string(k_topic_columns) + "WHERE p.archived = 0 ORDER BY d.ordinal, p.position");
    while (topics.executeStep()) {
      project.topics.push_back(read_topic(topics));
      project.topics.back().ordinal = static_cast<int>(project.topics.size()) - 1;
    }
    project.tasks = load_tasks(db(), project.topics);
    TaskFinder finder(project.tasks);
    SQLite::Statement after(db(),
                            "SELECT task_id, after_id FROM task_after ORDER BY task_id, after_id");
    while (after.executeStep()) {
      model::Task* t = finder.next(text_of(after.getColumn(0)));
      if (t != nullptr) t->after.push_back(after.getColumn(1).getString());
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
