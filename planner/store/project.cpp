// Loading the whole project, and saving a plan with its iCalendar sequences.

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "planner/store/batch_insert.hpp"
#include "planner/store/sqlite_guard.hpp"
#include "planner/store/store.hpp"
#include "planner/store/store_internal.hpp"
#include "planner/util/text.hpp"

namespace rplan::store {

using detail::guarded;

using detail::from_unix;
using detail::to_unix;

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
    "k.remaining_hours, k.done_at, k.done_by, k.started_by "
    "FROM tasks k LEFT JOIN assignees a ON a.id = k.pinned_assignee_id ";

model::Task read_task(SQLite::Statement& q) {
  model::Task t;
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
  return t;
}

// An id's first 8 bytes packed big-endian (zeros past its end): ids whose
// prefixes differ compare as these numbers do, in SQLite's BINARY order.
std::uint64_t id_prefix(std::string_view id) {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    key = (key << 8) | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0u);
  }
  return key;
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
      m_sorted.push_back({id_prefix(m_ids[i]), static_cast<std::uint32_t>(i)});
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
  };
  // <0, 0, >0 as the entry's id compares to (key, id).
  int compare(const Entry& e, std::uint64_t key, std::string_view id) const {
    if (e.key != key) return e.key < key ? -1 : 1;
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

std::string_view text_of(const SQLite::Column& c) {
  return {c.getText(), static_cast<std::size_t>(c.getBytes())};
}

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
  SQLite::Statement q(db, std::string(k_task_columns) + "WHERE k.archived = 0");
  while (q.executeStep()) {
    const std::size_t topic = topic_index.find(text_of(q.getColumn(1)));
    if (topic == SortedIds::npos) continue;  // its topic is archived
    loaded.push_back(read_task(q));
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
  while (blocks.executeStep()) {
    const std::string_view id = text_of(blocks.getColumn(0));
    if (current_id != id) {
      current_id = id;
      current = finder.next(id);
    }
    if (current == nullptr) continue;
    model::WorkBlock b;
    b.date = util::parse_date(text_of(blocks.getColumn(1))).value_or(model::Date{});
    b.start_minute = blocks.getColumn(2).getInt();
    b.minutes = blocks.getColumn(3).getInt();
    b.utc_start = from_unix(blocks.getColumn(4).getInt64());
    b.utc_end = b.utc_start + std::chrono::minutes{b.minutes};
    b.sequence = blocks.getColumn(5).getInt();
    b.history = blocks.getColumn(6).getInt() != 0;
    if (blocks.getColumn(7).getBytes() > 0) b.assignee = blocks.getColumn(7).getString();
    current->blocks.push_back(std::move(b));
  }
  for (auto& t : project.tasks) {
    if (!t.blocks.empty() || t.done_at) model::set_dates_from_blocks(t);
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

}  // namespace

model::Project Store::load_project() const {
  return guarded(m_path, [&] {
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
    load_work_log(db(), project, finder);
    project.team = detail::load_team(db());
    project.holidays = detail::load_holidays(db());
    project.time_off = detail::load_time_off(db());
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

// FNV-1a over the fields that make up an event's time and text, without
// building strings: the fingerprints of 600,000 blocks are cheap.
class Fingerprint {
 public:
  Fingerprint& add(std::string_view text) {
    for (unsigned char c : text) mix(c);
    mix(0x1f);
    return *this;
  }
  Fingerprint& add(std::int64_t number) {
    for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(number >> (8 * i)));
    return *this;
  }
  Fingerprint& add(double number) { return add(static_cast<std::int64_t>(number * 1000)); }
  std::uint64_t value() const { return m_hash; }

 private:
  void mix(unsigned char c) {
    m_hash ^= c;
    m_hash *= 1099511628211ull;
  }
  std::uint64_t m_hash = 14695981039346656037ull;
};

// What every event of a task shows besides its own time.
Fingerprint task_text(const model::Task& t, const model::Topic* topic) {
  Fingerprint f;
  f.add(t.id).add(t.assignee).add(t.prompt).add(model::to_string(t.kind));
  f.add(model::to_string(t.status)).add(t.estimate.hours);
  if (topic != nullptr) f.add(topic->title).add(topic->focus);
  return f;
}

// A block's event: the task's text, its number, time and person (whether it
// is history is no part of the event).
std::uint64_t block_fingerprint(Fingerprint text, const model::WorkBlock& b, std::size_t number) {
  text.add(static_cast<std::int64_t>(number))
      .add(static_cast<std::int64_t>(to_unix(b.utc_start)))
      .add(static_cast<std::int64_t>(b.minutes));
  if (!b.assignee.empty()) text.add(b.assignee);
  return text.value();
}

std::uint64_t task_fingerprint(Fingerprint text, const model::Task& t) {
  for (const auto& d : t.depends_on) text.add(d);
  text.add(static_cast<std::int64_t>(t.start ? to_unix(*t.start) : -1));
  text.add(static_cast<std::int64_t>(t.finish ? to_unix(*t.finish) : -1));
  return text.value();
}

// A fingerprint as stored: 16 lower-case hex digits.
struct Hex {
  explicit Hex(std::uint64_t value) {
    static constexpr char k_hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; ++i) text[15 - i] = k_hex[(value >> (4 * i)) & 15];
    text[16] = '\0';
  }
  std::string_view view() const { return {text, 16}; }
  char text[17];
};

// The previous plan's rows, read in task-id order alongside the new ones.
class OldRows {
 public:
  OldRows(SQLite::Database& db, const char* sql) : m_query(db, sql) {
    m_more = m_query.executeStep();
  }
  // The sequence to give the row (task_id, number) whose fingerprint is `fp`:
  // the old one when unchanged, one more when changed, 0 when new.
  int sequence(std::string_view task_id, int number, std::uint64_t fp) {
    while (m_more && less(task_id, number)) m_more = m_query.executeStep();
    if (!m_more || text_of(m_query.getColumn(0)) != task_id ||
        m_query.getColumn(1).getInt() != number) {
      return 0;
    }
    const int old = m_query.getColumn(2).getInt();
    return text_of(m_query.getColumn(3)) == Hex(fp).view() ? old : old + 1;
  }

 private:
  // The current old row comes before (task_id, number).
  bool less(std::string_view task_id, int number) {
    const int c = text_of(m_query.getColumn(0)).compare(task_id);
    return c < 0 || (c == 0 && m_query.getColumn(1).getInt() < number);
  }
  SQLite::Statement m_query;
  bool m_more = false;
};

}  // namespace

void Store::save_plan(model::Project& project, model::Instant now) {
  write_plan(project, prepare_plan(project, now));
}

Store::PreparedPlan Store::prepare_plan(model::Project& project, model::Instant now) {
  return guarded(m_path, [&] {
    PreparedPlan prepared;
    struct OldPlan {
      std::int64_t created_at;
      std::string fingerprint;
      std::optional<std::int64_t> now;
    };
    std::optional<OldPlan> old_plan;
    {
      SQLite::Statement q(db(), "SELECT created_at, fingerprint, now FROM plan");
      if (q.executeStep()) {
        old_plan.emplace(OldPlan{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                                 q.getColumn(2).isNull()
                                     ? std::nullopt
                                     : std::optional<std::int64_t>(q.getColumn(2).getInt64())});
      }
    }
    // Topics are in project order and tasks are grouped by topic, so each
    // task's topic is found by walking forwards (with a search as fallback).
    auto topic_of = [&,
                     next = std::size_t{0}](const model::Task& t) mutable -> const model::Topic* {
      if (next < project.topics.size() && project.topics[next].id == t.topic_id) {
        return &project.topics[next];
      }
      for (std::size_t i = 0; i < project.topics.size(); ++i) {
        const std::size_t k = (next + 1 + i) % project.topics.size();
        if (project.topics[k].id == t.topic_id) {
          next = k;
          return &project.topics[k];
        }
      }
      return nullptr;
    };
    struct Row {
      std::uint64_t key;  // id_prefix(task->id)
      model::Task* task;
      Fingerprint text;
    };
    std::vector<Row> rows;
    rows.reserve(project.tasks.size());
    for (auto& t : project.tasks) {
      const bool unassigned = t.assignee.empty() && t.status != model::TaskStatus::done;
      // A done task keeps its person even when no block is left of it.
      const bool done_by_someone = t.status == model::TaskStatus::done && !t.assignee.empty();
      if (t.planned() || unassigned || done_by_someone)
        rows.push_back({id_prefix(t.id), &t, task_text(t, topic_of(t))});
    }
    // Both plan tables are keyed by task id: rows are stored in key order,
    // and the old rows are read alongside.
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      return a.key != b.key ? a.key < b.key : a.task->id < b.task->id;
    });
    OldRows old_tasks(db(),
                      "SELECT task_id, 0, sequence, fingerprint FROM plan_tasks ORDER BY task_id");
    OldRows old_blocks(db(),
                       "SELECT task_id, number, sequence, fingerprint FROM plan_blocks "
                       "ORDER BY task_id, number");
    Fingerprint whole;  // of every row, for the plan's own
    whole.add(util::format_date(project.plan.start)).add(model::to_string(project.plan.strategy));
    whole.add(project.plan.minimum_remaining_hours);
    prepared.tasks.reserve(rows.size());
    for (auto& [key, task, text] : rows) {
      model::Task& t = *task;
      const std::uint64_t fp = task_fingerprint(text, t);
      t.sequence = old_tasks.sequence(t.id, 0, fp);
      whole.add(Hex(fp).view()).add(static_cast<std::int64_t>(t.slipped));
      prepared.tasks.push_back(&t);
      prepared.fingerprints.push_back(fp);
      for (std::size_t n = 0; n < t.blocks.size(); ++n) {
        model::WorkBlock& b = t.blocks[n];
        const std::uint64_t bfp = block_fingerprint(text, b, n + 1);
        b.sequence = old_blocks.sequence(t.id, static_cast<int>(n) + 1, bfp);
        whole.add(Hex(bfp).view()).add(static_cast<std::int64_t>(b.history));
        prepared.fingerprints.push_back(bfp);
      }
    }
    prepared.fingerprint = whole.value();
    project.plan.exists = true;
    project.plan.stale_reasons.clear();  // write_plan forgets the changes recorded since the last
    // An unchanged plan keeps when it was made, and the instant it was made
    // from: its exports stay byte for byte the same.
    const bool unchanged = old_plan && old_plan->fingerprint == Hex(prepared.fingerprint).view();
    project.plan.created_at = unchanged ? from_unix(old_plan->created_at) : now;
    if (unchanged && old_plan->now) project.plan.now = from_unix(*old_plan->now);
    return prepared;
  });
}

void Store::write_plan(const model::Project& project, const PreparedPlan& prepared) {
  guarded(m_path, [&] {
    db().exec("DELETE FROM plan_blocks");
    db().exec("DELETE FROM plan_tasks");
    db().exec("DELETE FROM plan");
    db().exec("DELETE FROM plan_changes");
    std::size_t block_rows = 0;
    for (const model::Task* t : prepared.tasks) block_rows += t->blocks.size();
    // Task ids and names are bound without a copy (the project outlives the
    // batches); texts made here are copied.
    {
      detail::BatchInsert rows(db(),
                               "INSERT INTO plan_tasks (task_id, assignee, depends_on, sequence, "
                               "fingerprint, slipped) VALUES ",
                               6, prepared.tasks.size());
      std::size_t next_fp = 0;
      for (const model::Task* t : prepared.tasks) {
        auto [q, i] = rows.next();
        q.bindNoCopy(i, t->id);
        q.bindNoCopy(i + 1, t->assignee);
        if (t->depends_on.empty()) {
          q.bindNoCopy(i + 2, "");
        } else {
          q.bind(i + 2, util::join(t->depends_on, ","));
        }
        q.bind(i + 3, t->sequence);
        char* fp = rows.scratch();
        std::memcpy(fp, Hex(prepared.fingerprints.at(next_fp)).text, 17);
        q.bindNoCopy(i + 4, fp);
        q.bind(i + 5, t->slipped ? 1 : 0);
        rows.done();
        next_fp += 1 + t->blocks.size();
      }
    }
    {
      // After every task row: each block's foreign key needs its task's.
      detail::BatchInsert rows(
          db(),
          "INSERT INTO plan_blocks (task_id, number, date, start_minute, minutes, "
          "utc_start, sequence, fingerprint, history, assignee) VALUES ",
          10, block_rows);
      std::size_t next_fp = 0;
      for (const model::Task* t : prepared.tasks) {
        ++next_fp;  // the task's own
        for (std::size_t n = 0; n < t->blocks.size(); ++n) {
          const model::WorkBlock& b = t->blocks[n];
          auto [q, i] = rows.next();
          q.bindNoCopy(i, t->id);
          q.bind(i + 1, static_cast<int>(n) + 1);
          char* texts = rows.scratch();  // the fingerprint, then the date
          std::memcpy(texts, Hex(prepared.fingerprints.at(next_fp++)).text, 17);
          const std::string date = util::format_date(b.date);  // at most "-32767-01-01"
          std::memcpy(texts + 17, date.c_str(), std::min<std::size_t>(date.size(), 14));
          texts[17 + std::min<std::size_t>(date.size(), 14)] = '\0';
          q.bindNoCopy(i + 2, texts + 17);
          q.bind(i + 3, b.start_minute);
          q.bind(i + 4, b.minutes);
          q.bind(i + 5, static_cast<std::int64_t>(to_unix(b.utc_start)));
          q.bind(i + 6, b.sequence);
          q.bindNoCopy(i + 7, texts);
          q.bind(i + 8, b.history ? 1 : 0);
          q.bindNoCopy(i + 9, b.assignee);
          rows.done();
        }
      }
    }
    SQLite::Statement ins_plan(db(),
                               "INSERT INTO plan (id, start, finish, strategy, created_at, "
                               "total_hours, fingerprint, now, minimum_remaining_hours) "
                               "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins_plan.bind(1, util::format_date(project.plan.start));
    ins_plan.bind(2, util::format_date(project.plan.finish));
    ins_plan.bind(3, std::string(model::to_string(project.plan.strategy)));
    ins_plan.bind(4, static_cast<std::int64_t>(to_unix(project.plan.created_at)));
    ins_plan.bind(5, project.plan.total_hours);
    ins_plan.bind(6, Hex(prepared.fingerprint).text);
    ins_plan.bind(7, static_cast<std::int64_t>(to_unix(project.plan.now)));
    ins_plan.bind(8, project.plan.minimum_remaining_hours);
    ins_plan.exec();
  });
}

}  // namespace rplan::store
