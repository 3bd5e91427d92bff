// Loading the whole project, and saving a plan with its iCalendar sequences.

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "planner/store/sqlite_guard.hpp"
#include "planner/store/store.hpp"
#include "planner/store/store_internal.hpp"
#include "planner/util/text.hpp"

namespace rplan::store {

using detail::guarded;

namespace {

model::Instant from_unix(std::int64_t seconds) {
  return model::Instant{std::chrono::seconds{seconds}};
}
std::int64_t to_unix(model::Instant t) { return t.time_since_epoch().count(); }

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
    "k.estimate_optimistic, k.estimate_pessimistic, k.estimate_manual, k.status, a.name "
    "FROM tasks k JOIN topics p ON p.id = k.topic_id JOIN documents d ON d.id = p.document_id "
    "LEFT JOIN assignees a ON a.id = k.pinned_assignee_id ";

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
  return t;
}

// Fills the plan fields of tasks (indexed by id) from plan_tasks and plan_blocks.
void load_plan_rows(SQLite::Database& db, model::Project& project,
                    const std::unordered_map<std::string, std::size_t>& index) {
  SQLite::Statement plan(db, "SELECT start, finish, strategy, created_at, total_hours FROM plan");
  if (plan.executeStep()) {
    auto& info = project.plan;
    info.exists = true;
    info.start = util::parse_date(plan.getColumn(0).getString()).value_or(model::Date{});
    info.finish = util::parse_date(plan.getColumn(1).getString()).value_or(model::Date{});
    info.strategy =
        model::parse_strategy(plan.getColumn(2).getString()).value_or(model::Strategy::balanced);
    info.created_at = from_unix(plan.getColumn(3).getInt64());
    info.total_hours = plan.getColumn(4).getDouble();
  }
  SQLite::Statement rows(db, "SELECT task_id, assignee, depends_on, sequence FROM plan_tasks");
  while (rows.executeStep()) {
    auto it = index.find(rows.getColumn(0).getString());
    if (it == index.end()) continue;  // archived since the plan was made
    model::Task& t = project.tasks[it->second];
    t.assignee = rows.getColumn(1).getString();
    t.depends_on = util::split(rows.getColumn(2).getString(), ',');
    t.sequence = rows.getColumn(3).getInt();
    if (t.assignee.empty() && t.status != model::TaskStatus::done) {
      project.plan.unassigned.push_back(t.id);
    }
  }
  SQLite::Statement blocks(db,
                           "SELECT task_id, date, start_minute, minutes, utc_start, sequence "
                           "FROM plan_blocks ORDER BY task_id, number");
  model::Task* current = nullptr;
  std::string current_id;
  while (blocks.executeStep()) {
    const char* id = blocks.getColumn(0).getText();
    if (current == nullptr || current_id != id) {
      current_id = id;
      auto it = index.find(current_id);
      current = it == index.end() ? nullptr : &project.tasks[it->second];
      if (current == nullptr) continue;
    }
    if (current == nullptr) continue;
    model::WorkBlock b;
    b.date = util::parse_date(blocks.getColumn(1).getString()).value_or(model::Date{});
    b.start_minute = blocks.getColumn(2).getInt();
    b.minutes = blocks.getColumn(3).getInt();
    b.utc_start = from_unix(blocks.getColumn(4).getInt64());
    b.utc_end = b.utc_start + std::chrono::minutes{b.minutes};
    b.sequence = blocks.getColumn(5).getInt();
    current->blocks.push_back(b);
  }
  for (auto& t : project.tasks) {
    if (t.blocks.empty()) continue;
    t.start = t.blocks.front().utc_start;
    t.finish = t.blocks.back().utc_end;
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
    SQLite::Statement tasks(db(), std::string(k_task_columns) +
                                      "WHERE k.archived = 0 AND p.archived = 0 "
                                      "ORDER BY d.ordinal, p.position, k.position");
    std::unordered_map<std::string, std::size_t> index;
    while (tasks.executeStep()) {
      project.tasks.push_back(read_task(tasks));
      index.emplace(project.tasks.back().id, project.tasks.size() - 1);
    }
    SQLite::Statement after(db(),
                            "SELECT task_id, after_id FROM task_after ORDER BY task_id, after_id");
    while (after.executeStep()) {
      auto it = index.find(after.getColumn(0).getString());
      if (it != index.end())
        project.tasks[it->second].after.push_back(after.getColumn(1).getString());
    }
    for (auto& t : project.tasks) t.depends_on = t.after;
    load_plan_rows(db(), project, index);
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
  std::string hex() const {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 0; i < 16; ++i) out[15 - i] = k_hex[(m_hash >> (4 * i)) & 15];
    return out;
  }

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

std::string block_fingerprint(Fingerprint text, const model::WorkBlock& b, std::size_t number) {
  return text.add(static_cast<std::int64_t>(number))
      .add(static_cast<std::int64_t>(to_unix(b.utc_start)))
      .add(static_cast<std::int64_t>(b.minutes))
      .hex();
}

std::string task_fingerprint(Fingerprint text, const model::Task& t) {
  for (const auto& d : t.depends_on) text.add(d);
  text.add(static_cast<std::int64_t>(t.start ? to_unix(*t.start) : -1));
  text.add(static_cast<std::int64_t>(t.finish ? to_unix(*t.finish) : -1));
  return text.hex();
}

// The previous plan's rows, read in task-id order alongside the new ones.
class OldRows {
 public:
  OldRows(SQLite::Database& db, const char* sql) : m_query(db, sql) {
    m_more = m_query.executeStep();
  }
  // The sequence to give the row (task_id, number) whose fingerprint is `fp`:
  // the old one when unchanged, one more when changed, 0 when new.
  int sequence(const std::string& task_id, int number, const std::string& fp) {
    while (m_more && less(task_id, number)) m_more = m_query.executeStep();
    if (!m_more || m_query.getColumn(0).getString() != task_id ||
        m_query.getColumn(1).getInt() != number) {
      return 0;
    }
    const int old = m_query.getColumn(2).getInt();
    return m_query.getColumn(3).getString() == fp ? old : old + 1;
  }

 private:
  // The current old row comes before (task_id, number).
  bool less(const std::string& task_id, int number) {
    const int c = std::strcmp(m_query.getColumn(0).getText(), task_id.c_str());
    return c < 0 || (c == 0 && m_query.getColumn(1).getInt() < number);
  }
  SQLite::Statement m_query;
  bool m_more = false;
};

}  // namespace

void Store::save_plan(model::Project& project, model::Instant now) {
  guarded(m_path, [&] {
    std::optional<std::pair<std::int64_t, std::string>> old_plan;
    {
      SQLite::Statement q(db(), "SELECT created_at, fingerprint FROM plan");
      if (q.executeStep()) old_plan.emplace(q.getColumn(0).getInt64(), q.getColumn(1).getString());
    }
    std::unordered_map<std::string, const model::Topic*> topics;
    for (const auto& topic : project.topics) topics.emplace(topic.id, &topic);

    // The new rows, in task-id order: both tables are keyed by task id, so
    // they are appended in key order, and the old rows can be read alongside.
    std::vector<model::Task*> by_id;
    by_id.reserve(project.tasks.size());
    for (auto& t : project.tasks) {
      const bool unassigned = t.assignee.empty() && t.status != model::TaskStatus::done;
      if (t.planned() || unassigned) by_id.push_back(&t);
    }
    std::sort(by_id.begin(), by_id.end(),
              [](const model::Task* a, const model::Task* b) { return a->id < b->id; });

    // Sequences are decided from the old rows, which go to a temporary table
    // first so that the plan tables can be emptied and refilled.
    db().exec(
        "CREATE TEMP TABLE old_tasks AS SELECT task_id, 0 AS number, sequence, fingerprint "
        "FROM plan_tasks ORDER BY task_id");
    db().exec(
        "CREATE TEMP TABLE old_blocks AS SELECT task_id, number, sequence, fingerprint "
        "FROM plan_blocks ORDER BY task_id, number");
    db().exec("DELETE FROM plan_blocks");
    db().exec("DELETE FROM plan_tasks");
    db().exec("DELETE FROM plan");
    {
      OldRows old_tasks(db(), "SELECT * FROM old_tasks ORDER BY task_id");
      OldRows old_blocks(db(), "SELECT * FROM old_blocks ORDER BY task_id, number");
      SQLite::Statement ins_task(db(),
                                 "INSERT INTO plan_tasks (task_id, assignee, depends_on, sequence, "
                                 "fingerprint) VALUES (?, ?, ?, ?, ?)");
      SQLite::Statement ins_block(db(),
                                  "INSERT INTO plan_blocks (task_id, number, date, start_minute, "
                                  "minutes, utc_start, sequence, fingerprint) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      Fingerprint whole;  // of every row, for the plan's own
      whole.add(util::format_date(project.plan.start)).add(model::to_string(project.plan.strategy));
      for (model::Task* task : by_id) {
        model::Task& t = *task;
        const auto topic_it = topics.find(t.topic_id);
        const Fingerprint text =
            task_text(t, topic_it == topics.end() ? nullptr : topic_it->second);
        const std::string fp = task_fingerprint(text, t);
        t.sequence = old_tasks.sequence(t.id, 0, fp);
        whole.add(fp);
        ins_task.reset();
        ins_task.bind(1, t.id);
        ins_task.bind(2, t.assignee);
        ins_task.bind(3, util::join(t.depends_on, ","));
        ins_task.bind(4, t.sequence);
        ins_task.bind(5, fp);
        ins_task.exec();
        for (std::size_t n = 0; n < t.blocks.size(); ++n) {
          model::WorkBlock& b = t.blocks[n];
          const int number = static_cast<int>(n) + 1;
          const std::string bfp = block_fingerprint(text, b, n + 1);
          b.sequence = old_blocks.sequence(t.id, number, bfp);
          whole.add(bfp);
          ins_block.reset();
          ins_block.bind(1, t.id);
          ins_block.bind(2, number);
          ins_block.bind(3, util::format_date(b.date));
          ins_block.bind(4, b.start_minute);
          ins_block.bind(5, b.minutes);
          ins_block.bind(6, static_cast<std::int64_t>(to_unix(b.utc_start)));
          ins_block.bind(7, b.sequence);
          ins_block.bind(8, bfp);
          ins_block.exec();
        }
      }
      const std::string plan_fp = whole.hex();
      project.plan.exists = true;
      project.plan.created_at =
          old_plan && old_plan->second == plan_fp ? from_unix(old_plan->first) : now;
      SQLite::Statement ins_plan(db(),
                                 "INSERT INTO plan (id, start, finish, strategy, created_at, "
                                 "total_hours, fingerprint) VALUES (1, ?, ?, ?, ?, ?, ?)");
      ins_plan.bind(1, util::format_date(project.plan.start));
      ins_plan.bind(2, util::format_date(project.plan.finish));
      ins_plan.bind(3, std::string(model::to_string(project.plan.strategy)));
      ins_plan.bind(4, static_cast<std::int64_t>(to_unix(project.plan.created_at)));
      ins_plan.bind(5, project.plan.total_hours);
      ins_plan.bind(6, plan_fp);
      ins_plan.exec();
    }
    db().exec("DROP TABLE old_tasks");
    db().exec("DROP TABLE old_blocks");
  });
}

}  // namespace rplan::store
