// Store::import_document and forget_document: the identity rules of
// docs/storage.md applied to the database.

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "planner/model/topic_index.hpp"
#include "planner/store/identity.hpp"
#include "planner/store/sqlite_guard.hpp"
#include "planner/store/store.hpp"
#include "planner/store/store_internal.hpp"
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
  model::TaskStatus status;
  double likely, optimistic, pessimistic;  // the model's estimate as stored
};

// The statements resolve_imports reads with, reused for every topic.
class ResolveStatements {
 public:
  explicit ResolveStatements(SQLite::Database& db)
      : tasks_of_topic(db,
                       "SELECT id, prompt, archived, status, estimate_likely, estimate_optimistic, "
                       "estimate_pessimistic FROM tasks WHERE topic_id = ? "
                       "ORDER BY archived, position"),
        live_tasks_of_topic(db,
                            "SELECT count(*), total(status = 'done'), "
                            "total(status = 'in-progress') FROM tasks "
                            "WHERE topic_id = ? AND archived = 0") {}
  SQLite::Statement tasks_of_topic, live_tasks_of_topic;
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

// The report's entry for a kept task whose text changes.
TextChange text_change(const ExistingTask& old, const std::string& text) {
  TextChange c{old.id, old.prompt, text, old.status, false};
  c.meaning_changed =
      old.status != model::TaskStatus::open && prompt_similarity(old.prompt, text) < k_same_meaning;
  return c;
}

// The ids of one topic's tasks: kept ones matched to its stored tasks, new
// ones made up. Returns whether an archived task comes back; a topic that
// comes back (`restored_topic`) brings back its tasks.
bool resolve_tasks(ResolveStatements& s, const std::string& document,
                   const model::ParsedTopic& topic, const std::string& topic_id, bool new_topic,
                   bool restored_topic, ResolvedImport& r) {
  std::vector<ExistingTask> existing;
  if (!new_topic) {
    s.tasks_of_topic.reset();
    s.tasks_of_topic.bind(1, topic_id);
    while (s.tasks_of_topic.executeStep()) {
      existing.push_back(
          {s.tasks_of_topic.getColumn(0).getString(), s.tasks_of_topic.getColumn(1).getString(),
           s.tasks_of_topic.getColumn(2).getInt() != 0,
           model::parse_task_status(s.tasks_of_topic.getColumn(3).getString())
               .value_or(model::TaskStatus::open),
           s.tasks_of_topic.getColumn(4).getDouble(), s.tasks_of_topic.getColumn(5).getDouble(),
           s.tasks_of_topic.getColumn(6).getDouble()});
    }
  }
  std::vector<std::optional<std::size_t>> matches(topic.prompts.size());
  if (!existing.empty()) {
    std::vector<StoredPrompt> stored;
    stored.reserve(existing.size());
    for (const auto& t : existing) stored.push_back({t.prompt, t.archived});
    std::vector<std::string> texts;
    texts.reserve(topic.prompts.size());
    for (const auto& p : topic.prompts) texts.push_back(p.text);
    matches = match_prompts(stored, texts);
  }

  bool restores = false;
  ImportReport& report = r.report;
  std::vector<bool> kept(existing.size(), false);
  // How often each text came before in the topic (a few prompts: counted on
  // the spot; many: in a hash).
  constexpr std::size_t k_few = 16;
  std::unordered_map<std::string_view, int> occurrences;
  const auto occurrence_of = [&](std::size_t i) {
    if (topic.prompts.size() <= k_few) {
      return static_cast<int>(std::count_if(
          topic.prompts.begin(), topic.prompts.begin() + static_cast<std::ptrdiff_t>(i),
          [&](const model::ParsedPrompt& q) { return q.text == topic.prompts[i].text; }));
    }
    return occurrences[topic.prompts[i].text]++;
  };
  for (std::size_t i = 0; i < topic.prompts.size(); ++i) {
    const model::ParsedPrompt& p = topic.prompts[i];
    const int occurrence = occurrence_of(i);
    if (const auto m = matches[i]) {
      const ExistingTask& old = existing[*m];
      kept[*m] = true;
      if (old.archived) {
        ++report.added;
        restores = true;
        r.restored_tasks.push_back(old.id);
      } else if (old.prompt != p.text) {
        ++report.updated;
        report.edited.push_back(text_change(old, p.text));
        if (restored_topic) r.restored_tasks.push_back(old.id);
      } else {
        if (restored_topic) r.restored_tasks.push_back(old.id);
        ++report.unchanged;  // unless apply_import finds its estimate changed
        r.kept_estimates.push_back(
            {r.task_ids.size(), old.likely, old.optimistic, old.pessimistic});
      }
      r.task_ids.push_back(old.id);
      r.task_is_new.push_back(false);
      continue;
    }
    std::string id =
        unique_id(task_key(document, topic.title, p.text, occurrence), k_task_id_length,
                  [&](const std::string& candidate) { return s.task_ids.count(candidate) > 0; });
    s.task_ids.insert(id);
    r.task_ids.push_back(std::move(id));
    r.task_is_new.push_back(true);
    ++report.added;
  }
  for (std::size_t k = 0; k < existing.size(); ++k) {
    if (kept[k] || existing[k].archived) continue;
    r.archived_tasks.push_back(existing[k].id);
    ++report.removed;
  }
  return restores;
}

// The title of the document's new topic that has the most of the (archived)
// topic's live prompts, at least half of them: the heading it was renamed
// to, most likely. "" when there is none.
std::string renamed_to(SQLite::Database& db, const std::string& topic_id,
                       const model::ParsedDocument& document, const ResolvedImport& r) {
  std::set<std::string> prompts;
  SQLite::Statement q(db, "SELECT prompt FROM tasks WHERE topic_id = ? AND archived = 0");
  q.bind(1, topic_id);
  while (q.executeStep()) prompts.insert(q.getColumn(0).getString());
  std::string best;
  std::size_t most = 0;
  for (std::size_t i = 0; i < document.topics.size(); ++i) {
    if (!r.topic_is_new[i]) continue;
    std::size_t shared = 0;
    for (const auto& p : document.topics[i].prompts) shared += prompts.count(p.text);
    if (shared > most && shared * 2 >= prompts.size()) {
      most = shared;
      best = document.topics[i].title;
    }
  }
  return best;
}

}  // namespace

ResolvedImports Store::resolve_imports(std::span<const model::ParsedDocument> documents) {
  return guarded(m_path, [&] {
    ResolvedImports out;
    {
      SQLite::Statement q(db(), "SELECT name, title, ordinal FROM documents ORDER BY ordinal");
      while (q.executeStep()) {
        out.all_documents.push_back(
            {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt()});
      }
    }
    ResolveStatements s(db());
    s.topic_ids = all_ids(db(), "topics");
    s.task_ids = all_ids(db(), "tasks");
    for (const model::ParsedDocument& document : documents) {
      std::size_t prompts = 0;
      for (const auto& topic : document.topics) prompts += topic.prompts.size();
      s.topic_ids.reserve(s.topic_ids.size() + document.topics.size());
      s.task_ids.reserve(s.task_ids.size() + prompts);
      ResolvedImport& r = out.documents.emplace_back();
      r.topic_ids.reserve(document.topics.size());
      r.topic_is_new.reserve(document.topics.size());
      r.task_ids.reserve(prompts);
      r.task_is_new.reserve(prompts);
      r.document = &document;
      r.report.document = document.name;
      auto known = std::find_if(out.all_documents.begin(), out.all_documents.end(),
                                [&](const auto& d) { return d.name == document.name; });
      if (known == out.all_documents.end()) {
        const int last = out.all_documents.empty() ? 0 : out.all_documents.back().ordinal;
        known = out.all_documents.insert(out.all_documents.end(),
                                         {document.name, document.title, last + 1});
      } else {
        SQLite::Statement find(db(), "SELECT id, folder FROM documents WHERE name = ?");
        find.bind(1, document.name);
        find.executeStep();
        r.document_id = find.getColumn(0).getInt64();
        const std::string folder = find.getColumn(1).getString();
        if (!folder.empty() && !document.folder.empty() && folder != document.folder) {
          r.report.previous_folder = folder;
        }
        known->title = document.title;
      }
      r.ordinal = known->ordinal;

      std::map<std::string, ExistingTopic> topics;
      if (r.document_id != 0) {
        SQLite::Statement q(db(), "SELECT title, id, archived FROM topics WHERE document_id = ?");
        q.bind(1, r.document_id);
        while (q.executeStep()) {
          topics[q.getColumn(0).getString()] = {q.getColumn(1).getString(),
                                                q.getColumn(2).getInt() != 0};
        }
      }
      std::set<std::string> seen;
      for (const model::ParsedTopic& topic : document.topics) {
        seen.insert(topic.title);
        std::string topic_id;
        bool new_topic = false, restored_topic = false;
        if (auto it = topics.find(topic.title); it != topics.end()) {
          topic_id = it->second.id;
          if (it->second.archived) {
            ++r.report.topics_restored;
            out.restores = true;
            restored_topic = true;
          }
        } else {
          topic_id = unique_id(
              topic_key(document.name, topic.title), k_topic_id_length,
              [&](const std::string& candidate) { return s.topic_ids.count(candidate) > 0; });
          s.topic_ids.insert(topic_id);
          new_topic = true;
          ++r.report.topics_added;
        }
        if (resolve_tasks(s, document.name, topic, topic_id, new_topic, restored_topic, r)) {
          out.restores = true;
        }
        r.topic_ids.push_back(std::move(topic_id));
        r.topic_is_new.push_back(new_topic);
      }
      for (const auto& [title, topic] : topics) {
        if (topic.archived || seen.count(title) > 0) continue;
        s.live_tasks_of_topic.reset();
        s.live_tasks_of_topic.bind(1, topic.id);
        s.live_tasks_of_topic.executeStep();
        r.report.removed += s.live_tasks_of_topic.getColumn(0).getInt();
        const int done = static_cast<int>(s.live_tasks_of_topic.getColumn(1).getDouble());
        const int in_progress = static_cast<int>(s.live_tasks_of_topic.getColumn(2).getDouble());
        if (done + in_progress > 0) {
          r.report.archived_with_work.push_back(
              {topic.id, title, done, in_progress, renamed_to(db(), topic.id, document, r)});
        }
        r.archived_topics.push_back(topic.id);
        ++r.report.topics_archived;
      }
    }
    return out;
  });
}

ImportReport Store::apply_import(const ResolvedImport& r) {
  return guarded(m_path, [&] {
    const model::ParsedDocument& document = *r.document;
    ImportReport report = r.report;
    detail::PlanChangeLog changes(db(), m_now);
    std::int64_t document_id = r.document_id;
    if (document_id != 0) {
      // An unknown folder keeps the one stored.
      SQLite::Statement up(db(),
                           "UPDATE documents SET title = ?1, "
                           "folder = CASE WHEN ?2 = '' THEN folder ELSE ?2 END WHERE id = ?3");
      up.bind(1, document.title);
      up.bind(2, document.folder);
      up.bind(3, document_id);
      up.exec();
    } else {
      SQLite::Statement ins(db(),
                            "INSERT INTO documents (name, title, ordinal, folder) "
                            "VALUES (?, ?, ?, ?)");
      ins.bind(1, document.name);
      ins.bind(2, document.title);
      ins.bind(3, r.ordinal);
      ins.bind(4, document.folder);
      ins.exec();
      document_id = db().getLastInsertRowid();
    }
    // Every topic first (each task's topic must be there), then every task,
    // one row to a statement: an INSERT of many rows keeps a statement journal
    // of every page it changes, and rows with random ids change pages all
    // over the id indexes (at 300,000 tasks that copying cost more than the
    // statements it saved).
    {
      SQLite::Statement insert(db(),
                               "INSERT INTO topics (id, document_id, title, number, focus, "
                               "skills, position, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      SQLite::Statement update(
          db(),
          "UPDATE topics SET number = ?1, focus = ?2, skills = ?3, position = ?4, line = ?5, "
          "archived = 0 WHERE id = ?6 AND (number IS NOT ?1 OR focus IS NOT ?2 OR "
          "skills IS NOT ?3 OR position IS NOT ?4 OR line IS NOT ?5 OR archived != 0)");
      // Whether a kept live topic changes what the plan uses (not its line).
      SQLite::Statement edited(db(),
                               "SELECT number IS NOT ?1 OR focus IS NOT ?2 OR skills IS NOT ?3 OR "
                               "position IS NOT ?4 FROM topics WHERE id = ?5 AND archived = 0");
      for (std::size_t i = 0; i < document.topics.size(); ++i) {
        const model::ParsedTopic& topic = document.topics[i];
        const std::string skills = util::join(topic.skills, ",");
        const int position = static_cast<int>(i) + 1;
        if (!r.topic_is_new[i] && changes.active()) {
          edited.reset();
          bind_number(edited, 1, topic.number);
          edited.bindNoCopy(2, topic.focus);
          edited.bind(3, skills);
          edited.bind(4, position);
          edited.bindNoCopy(5, r.topic_ids[i]);
          if (edited.executeStep() && edited.getColumn(0).getInt() != 0) {
            changes.add("topic-edited", topic.title);
          }
        }
        if (r.topic_is_new[i]) {
          insert.reset();
          insert.bindNoCopy(1, r.topic_ids[i]);
          insert.bind(2, document_id);
          insert.bindNoCopy(3, topic.title);
          bind_number(insert, 4, topic.number);
          insert.bindNoCopy(5, topic.focus);
          insert.bindNoCopy(6, skills);
          insert.bind(7, position);
          insert.bind(8, topic.line);
          insert.exec();
        } else {
          update.reset();
          bind_number(update, 1, topic.number);
          update.bindNoCopy(2, topic.focus);
          update.bind(3, skills);
          update.bind(4, position);
          update.bind(5, topic.line);
          update.bindNoCopy(6, r.topic_ids[i]);
          update.exec();
        }
      }
    }
    {
      SQLite::Statement insert(db(),
                               "INSERT INTO tasks (id, topic_id, position, prompt, line, kind, "
                               "estimate_likely, estimate_optimistic, estimate_pessimistic) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      // Rows that would not change are not written (a re-import of an
      // unchanged document then writes nothing). Both statements number
      // their values alike; ?2, the topic, is the insert's alone (SQLite
      // takes a value for a number the statement skips).
      SQLite::Statement update(
          db(),
          "UPDATE tasks SET position = ?3, prompt = ?4, line = ?5, kind = ?6, "
          "estimate_likely = ?7, estimate_optimistic = ?8, estimate_pessimistic = ?9, "
          "archived = 0 WHERE id = ?1 AND (position IS NOT ?3 OR prompt IS NOT ?4 OR "
          "line IS NOT ?5 OR kind IS NOT ?6 OR estimate_likely IS NOT ?7 OR "
          "estimate_optimistic IS NOT ?8 OR estimate_pessimistic IS NOT ?9 OR archived != 0)");
      std::size_t next_task = 0;
      auto kept_estimate = r.kept_estimates.begin();  // in task order
      for (std::size_t i = 0; i < document.topics.size(); ++i) {
        const model::ParsedTopic& topic = document.topics[i];
        for (std::size_t k = 0; k < topic.prompts.size(); ++k, ++next_task) {
          const model::ParsedPrompt& p = topic.prompts[k];
          if (kept_estimate != r.kept_estimates.end() && kept_estimate->task == next_task) {
            const model::Estimate& e = p.estimate;
            if (e.likely != kept_estimate->likely || e.optimistic != kept_estimate->optimistic ||
                e.pessimistic != kept_estimate->pessimistic) {
              --report.unchanged;
              ++report.re_estimated;
              changes.add("estimate", r.task_ids[next_task]);
            }
            ++kept_estimate;
          }
          const std::string kind(model::to_string(p.kind));
          SQLite::Statement& q = r.task_is_new[next_task] ? insert : update;
          q.reset();
          q.bindNoCopy(1, r.task_ids[next_task]);
          q.bindNoCopy(2, r.topic_ids[i]);
          q.bind(3, static_cast<int>(k) + 1);
          q.bindNoCopy(4, p.text);
          q.bind(5, p.line);
          q.bindNoCopy(6, kind);
          q.bind(7, p.estimate.likely);
          q.bind(8, p.estimate.optimistic);
          q.bind(9, p.estimate.pessimistic);
          q.exec();
        }
      }
    }
    if (changes.active()) {
      for (std::size_t k = 0; k < r.task_ids.size(); ++k) {
        if (r.task_is_new[k]) changes.add("task-added", r.task_ids[k]);
      }
      for (const std::string& id : r.restored_tasks) changes.add("task-added", id);
      for (const TextChange& c : r.report.edited) changes.add("task-edited", c.task_id);
      for (const std::string& id : r.archived_tasks) changes.add("task-removed", id);
      SQLite::Statement live(db(), "SELECT id FROM tasks WHERE topic_id = ? AND archived = 0");
      for (const std::string& topic : r.archived_topics) {
        live.reset();
        live.bindNoCopy(1, topic);
        while (live.executeStep()) changes.add("task-removed", live.getColumn(0).getString());
      }
    }
    SQLite::Statement archive_task(db(), "UPDATE tasks SET archived = 1 WHERE id = ?");
    for (const std::string& id : r.archived_tasks) {
      archive_task.reset();
      archive_task.bindNoCopy(1, id);
      archive_task.exec();
    }
    SQLite::Statement archive_topic(db(), "UPDATE topics SET archived = 1 WHERE id = ?");
    for (const std::string& id : r.archived_topics) {
      archive_topic.reset();
      archive_topic.bindNoCopy(1, id);
      archive_topic.exec();
    }
    return report;
  });
}

ImportReport Store::import_document(const model::ParsedDocument& document) {
  return apply_import(resolve_imports(std::span(&document, 1)).documents.front());
}

bool Store::in_wal_mode() const {
  return guarded(m_path,
                 [&] { return db().execAndGet("PRAGMA journal_mode").getString() == "wal"; });
}

void apply_to_project(const ResolvedImports& imports, model::Project& project) {
  // What load_project would read after the import: the documents in ordinal
  // order, each with its live topics in position order, each topic with its
  // live tasks by position. An imported document's topics and tasks are all
  // live and in document order; a kept task keeps everything the import does
  // not write (status, manual estimate, pin, dependencies, plan rows).
  std::unordered_map<std::string, const ResolvedImport*> imported;
  for (const auto& r : imports.documents) imported.emplace(r.document->name, &r);

  // The old topics of each document, and each old topic's tasks (a run of
  // project.tasks, which are grouped by topic in topic order).
  std::unordered_map<std::string, std::vector<std::size_t>> topics_of;
  for (std::size_t i = 0; i < project.topics.size(); ++i) {
    topics_of[project.topics[i].document].push_back(i);
  }
  const model::TopicIndex topic_index(project.topics);
  std::vector<std::pair<std::size_t, std::size_t>> tasks_of(project.topics.size(), {0, 0});
  std::unordered_map<std::string, std::size_t> kept;  // tasks of imported documents, by id
  for (std::size_t k = 0; k < project.tasks.size();) {
    const std::size_t topic = topic_index.find(project.tasks[k].topic_id).value();
    std::size_t end = k;
    while (end < project.tasks.size() && project.tasks[end].topic_id == project.tasks[k].topic_id)
      ++end;
    tasks_of[topic] = {k, end};
    if (imported.count(project.topics[topic].document) > 0) {
      for (std::size_t j = k; j < end; ++j) kept.emplace(project.tasks[j].id, j);
    }
    k = end;
  }

  // The to-do sequence of each old topic of an imported document.
  std::unordered_map<std::string, int> sequence_of;
  for (const auto& t : project.topics) {
    if (imported.count(t.document) > 0) sequence_of.emplace(t.id, t.sequence);
  }

  std::vector<model::Topic> topics;
  std::vector<model::Task> tasks;
  topics.reserve(project.topics.size());
  tasks.reserve(project.tasks.size());
  for (const auto& d : imports.all_documents) {
    const auto it = imported.find(d.name);
    if (it == imported.end()) {
      for (const std::size_t i : topics_of[d.name]) {
        topics.push_back(std::move(project.topics[i]));
        topics.back().ordinal = static_cast<int>(topics.size()) - 1;
        for (std::size_t k = tasks_of[i].first; k < tasks_of[i].second; ++k) {
          tasks.push_back(std::move(project.tasks[k]));
        }
      }
      continue;
    }
    const ResolvedImport& r = *it->second;
    std::size_t next_task = 0;
    for (std::size_t i = 0; i < r.document->topics.size(); ++i) {
      const model::ParsedTopic& parsed = r.document->topics[i];
      model::Topic& topic = topics.emplace_back();
      topic.id = r.topic_ids[i];
      topic.document = d.name;
      topic.number = parsed.number;
      topic.title = parsed.title;
      topic.focus = parsed.focus;
      topic.skills = util::split(util::join(parsed.skills, ","), ',');  // as stored
      topic.ordinal = static_cast<int>(topics.size()) - 1;
      if (const auto old = sequence_of.find(topic.id); old != sequence_of.end()) {
        topic.sequence = old->second;  // plan_topics keeps the topic's row
      }
      for (std::size_t k = 0; k < parsed.prompts.size(); ++k, ++next_task) {
        const model::ParsedPrompt& p = parsed.prompts[k];
        model::Task task;
        if (!r.task_is_new[next_task]) {
          task = std::move(project.tasks[kept.at(r.task_ids[next_task])]);
        } else {
          task.id = r.task_ids[next_task];
          task.topic_id = topic.id;
        }
        task.position = static_cast<int>(k) + 1;
        task.kind = p.kind;
        task.prompt = p.text;
        task.estimate.likely = p.estimate.likely;
        task.estimate.optimistic = p.estimate.optimistic;
        task.estimate.pessimistic = p.estimate.pessimistic;
        if (!task.estimate.manual) task.estimate.hours = p.estimate.likely;
        tasks.push_back(std::move(task));
      }
    }
  }
  std::unordered_set<std::string_view> live;
  live.reserve(tasks.size());
  for (const auto& t : tasks) live.insert(t.id);
  std::erase_if(project.plan.unassigned, [&](const std::string& id) { return !live.count(id); });
  std::erase_if(project.plan.slipped, [&](const std::string& id) { return !live.count(id); });
  std::erase_if(project.work_log,
                [&](const model::WorkEntry& e) { return !live.count(e.task_id); });

  // The title is the first document's (by ordinal) that has a live topic.
  std::unordered_set<std::string_view> with_topics;
  for (const auto& t : topics) with_topics.insert(t.document);
  project.title.clear();
  for (const auto& d : imports.all_documents) {
    if (with_topics.count(d.name) > 0) {
      project.title = d.title;
      break;
    }
  }
  project.topics = std::move(topics);
  project.tasks = std::move(tasks);
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
    SQLite::Statement up(db(),
                         "UPDATE topics SET archived = 1 WHERE document_id = ? AND archived = 0");
    up.bind(1, document_id);
    if (up.exec() > 0) detail::PlanChangeLog(db(), m_now).add("document-forgotten", name);
    return hidden;
  });
}

}  // namespace rplan::store
