// Store::import_document and forget_document: the identity rules of
// docs/storage.md applied to the database.

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <set>
#include <unordered_set>

#include "planner/store/identity.hpp"
#include "planner/store/sqlite_guard.hpp"
#include "planner/store/store.hpp"
#include "planner/util/text.hpp"

namespace rplan::store {

using detail::guarded;

namespace {

struct ExistingTopic {
  std::string id;
  bool archived;
};

struct ExistingTask {
  std::string id;
  std::string prompt;
  bool archived;
};

// Prepared statements of one import, reused for every topic and task.
class ImportStatements {
 public:
  explicit ImportStatements(SQLite::Database& db)
      : insert_topic(db,
                     "INSERT INTO topics (id, document_id, title, number, focus, skills, "
                     "position, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        update_topic(db,
                     "UPDATE topics SET number = ?1, focus = ?2, skills = ?3, position = ?4, "
                     "line = ?5, archived = 0 WHERE id = ?6 AND (number IS NOT ?1 OR "
                     "focus IS NOT ?2 OR skills IS NOT ?3 OR position IS NOT ?4 OR "
                     "line IS NOT ?5 OR archived != 0)"),
        tasks_of_topic(db,
                       "SELECT id, prompt, archived FROM tasks WHERE topic_id = ? "
                       "ORDER BY archived, position"),
        insert_task(db,
                    "INSERT INTO tasks (id, topic_id, position, prompt, line, kind, "
                    "estimate_likely, estimate_optimistic, estimate_pessimistic) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        // Rows that would not change are not written (a re-import of an
        // unchanged document then writes nothing).
        update_task(db,
                    "UPDATE tasks SET position = ?1, prompt = ?2, line = ?3, kind = ?4, "
                    "estimate_likely = ?5, estimate_optimistic = ?6, estimate_pessimistic = ?7, "
                    "archived = 0 WHERE id = ?8 AND (position IS NOT ?1 OR prompt IS NOT ?2 OR "
                    "line IS NOT ?3 OR kind IS NOT ?4 OR estimate_likely IS NOT ?5 OR "
                    "estimate_optimistic IS NOT ?6 OR estimate_pessimistic IS NOT ?7 OR "
                    "archived != 0)"),
        archive_task(db, "UPDATE tasks SET archived = 1 WHERE id = ?") {}

  SQLite::Statement insert_topic, update_topic, tasks_of_topic, insert_task, update_task,
      archive_task;
  // Every id in use, so that new ids are checked in memory: rows are never
  // deleted, so an id once used stays taken.
  std::unordered_set<std::string> topic_ids, task_ids;
};

std::unordered_set<std::string> all_ids(SQLite::Database& db, const char* table) {
  std::unordered_set<std::string> ids;
  ids.reserve(static_cast<std::size_t>(
      db.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64()));
  SQLite::Statement q(db, std::string("SELECT id FROM ") + table);
  while (q.executeStep()) ids.emplace(q.getColumn(0).getText());
  return ids;
}

void bind_number(SQLite::Statement& q, int index, const std::optional<int>& number) {
  if (number) {
    q.bind(index, *number);
  } else {
    q.bind(index);
  }
}

void import_tasks(ImportStatements& s, const std::string& document, const model::ParsedTopic& topic,
                  const std::string& topic_id, bool new_topic, ImportReport& report) {
  std::vector<ExistingTask> existing;
  s.tasks_of_topic.reset();
  s.tasks_of_topic.bind(1, topic_id);
  while (!new_topic && s.tasks_of_topic.executeStep()) {
    existing.push_back({s.tasks_of_topic.getColumn(0).getString(),
                        s.tasks_of_topic.getColumn(1).getString(),
                        s.tasks_of_topic.getColumn(2).getInt() != 0});
  }
  std::vector<StoredPrompt> stored;
  stored.reserve(existing.size());
  for (const auto& t : existing) stored.push_back({t.prompt, t.archived});
  std::vector<std::string> texts;
  texts.reserve(topic.prompts.size());
  for (const auto& p : topic.prompts) texts.push_back(p.text);
  const auto matches = match_prompts(stored, texts);

  std::vector<bool> kept(existing.size(), false);
  std::map<std::string, int> occurrences;
  for (std::size_t i = 0; i < topic.prompts.size(); ++i) {
    const model::ParsedPrompt& p = topic.prompts[i];
    const int occurrence = occurrences[p.text]++;
    const int position = static_cast<int>(i) + 1;
    const std::string kind(model::to_string(p.kind));
    if (const auto m = matches[i]) {
      const ExistingTask& old = existing[*m];
      kept[*m] = true;
      if (old.archived) {
        ++report.added;
      } else if (old.prompt != p.text) {
        ++report.updated;
      } else {
        ++report.unchanged;
      }
      auto& q = s.update_task;
      q.reset();
      q.bind(1, position);
      q.bind(2, p.text);
      q.bind(3, p.line);
      q.bind(4, kind);
      q.bind(5, p.estimate.likely);
      q.bind(6, p.estimate.optimistic);
      q.bind(7, p.estimate.pessimistic);
      q.bind(8, old.id);
      q.exec();
      continue;
    }
    const std::string id =
        unique_id(task_key(document, topic.title, p.text, occurrence), k_task_id_length,
                  [&](const std::string& candidate) { return s.task_ids.count(candidate) > 0; });
    s.task_ids.insert(id);
    auto& q = s.insert_task;
    q.reset();
    q.bind(1, id);
    q.bind(2, topic_id);
    q.bind(3, position);
    q.bind(4, p.text);
    q.bind(5, p.line);
    q.bind(6, kind);
    q.bind(7, p.estimate.likely);
    q.bind(8, p.estimate.optimistic);
    q.bind(9, p.estimate.pessimistic);
    q.exec();
    ++report.added;
  }
  for (std::size_t k = 0; k < existing.size(); ++k) {
    if (kept[k] || existing[k].archived) continue;
    s.archive_task.reset();
    s.archive_task.bind(1, existing[k].id);
    s.archive_task.exec();
    ++report.removed;
  }
}

int live_tasks_of_topic(SQLite::Database& db, const std::string& topic_id) {
  SQLite::Statement q(db, "SELECT count(*) FROM tasks WHERE topic_id = ? AND archived = 0");
  q.bind(1, topic_id);
  q.executeStep();
  return q.getColumn(0).getInt();
}

}  // namespace

ImportReport Store::import_document(const model::ParsedDocument& document) {
  return guarded(m_path, [&] {
    ImportReport report;
    report.document = document.name;
    std::int64_t document_id = 0;
    {
      SQLite::Statement find(db(), "SELECT id FROM documents WHERE name = ?");
      find.bind(1, document.name);
      if (find.executeStep()) {
        document_id = find.getColumn(0).getInt64();
        SQLite::Statement up(db(), "UPDATE documents SET title = ? WHERE id = ?");
        up.bind(1, document.title);
        up.bind(2, document_id);
        up.exec();
      } else {
        SQLite::Statement ins(db(),
                              "INSERT INTO documents (name, title, ordinal) VALUES (?, ?, "
                              "(SELECT coalesce(max(ordinal), 0) + 1 FROM documents))");
        ins.bind(1, document.name);
        ins.bind(2, document.title);
        ins.exec();
        document_id = db().getLastInsertRowid();
      }
    }
    std::map<std::string, ExistingTopic> topics;
    {
      SQLite::Statement q(db(), "SELECT title, id, archived FROM topics WHERE document_id = ?");
      q.bind(1, document_id);
      while (q.executeStep()) {
        topics[q.getColumn(0).getString()] = {q.getColumn(1).getString(),
                                              q.getColumn(2).getInt() != 0};
      }
    }
    ImportStatements s(db());
    s.topic_ids = all_ids(db(), "topics");
    s.task_ids = all_ids(db(), "tasks");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < document.topics.size(); ++i) {
      const model::ParsedTopic& topic = document.topics[i];
      seen.insert(topic.title);
      const std::string skills = util::join(topic.skills, ",");
      std::string topic_id;
      bool new_topic = false;
      if (auto it = topics.find(topic.title); it != topics.end()) {
        topic_id = it->second.id;
        if (it->second.archived) ++report.topics_restored;
        auto& q = s.update_topic;
        q.reset();
        bind_number(q, 1, topic.number);
        q.bind(2, topic.focus);
        q.bind(3, skills);
        q.bind(4, static_cast<int>(i) + 1);
        q.bind(5, topic.line);
        q.bind(6, topic_id);
        q.exec();
      } else {
        topic_id = unique_id(
            topic_key(document.name, topic.title), k_topic_id_length,
            [&](const std::string& candidate) { return s.topic_ids.count(candidate) > 0; });
        s.topic_ids.insert(topic_id);
        new_topic = true;
        auto& q = s.insert_topic;
        q.reset();
        q.bind(1, topic_id);
        q.bind(2, document_id);
        q.bind(3, topic.title);
        bind_number(q, 4, topic.number);
        q.bind(5, topic.focus);
        q.bind(6, skills);
        q.bind(7, static_cast<int>(i) + 1);
        q.bind(8, topic.line);
        q.exec();
        ++report.topics_added;
      }
      import_tasks(s, document.name, topic, topic_id, new_topic, report);
    }
    for (const auto& [title, topic] : topics) {
      if (topic.archived || seen.count(title) > 0) continue;
      report.removed += live_tasks_of_topic(db(), topic.id);
      SQLite::Statement q(db(), "UPDATE topics SET archived = 1 WHERE id = ?");
      q.bind(1, topic.id);
      q.exec();
      ++report.topics_archived;
    }
    return report;
  });
}

int Store::forget_document(const std::string& name) {
  return guarded(m_path, [&] {
    SQLite::Statement find(db(), "SELECT id FROM documents WHERE name = ?");
    find.bind(1, name);
    if (!find.executeStep()) {
      throw InputError("no imported document is named \"" + name + "\"");
    }
    const auto document_id = find.getColumn(0).getInt64();
    SQLite::Statement count(db(),
                            "SELECT count(*) FROM tasks t JOIN topics p ON p.id = t.topic_id "
                            "WHERE p.document_id = ? AND p.archived = 0 AND t.archived = 0");
    count.bind(1, document_id);
    count.executeStep();
    const int hidden = count.getColumn(0).getInt();
    SQLite::Statement up(db(), "UPDATE topics SET archived = 1 WHERE document_id = ?");
    up.bind(1, document_id);
    up.exec();
    return hidden;
  });
}

}  // namespace rplan::store
