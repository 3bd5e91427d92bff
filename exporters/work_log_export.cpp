#include "exporters/work_log_export.hpp"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "exporters/csv_export.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters {

namespace {

// Each task's prompt and topic title, by task id.
class TaskTexts {
 public:
  explicit TaskTexts(const model::Project& project) {
    std::unordered_map<std::string_view, const model::Topic*> topics;
    for (const auto& t : project.topics) topics.emplace(t.id, &t);
    for (const auto& t : project.tasks) {
      const auto topic = topics.find(t.topic_id);
      m_tasks.emplace(t.id,
                      Texts{&t.prompt, topic == topics.end() ? nullptr : &topic->second->title});
    }
  }
  const std::string& prompt(const std::string& id) const {
    const auto it = m_tasks.find(id);
    return it == m_tasks.end() ? m_none : *it->second.prompt;
  }
  const std::string& topic(const std::string& id) const {
    const auto it = m_tasks.find(id);
    return it == m_tasks.end() || it->second.topic == nullptr ? m_none : *it->second.topic;
  }

 private:
  struct Texts {
    const std::string* prompt;
    const std::string* topic;
  };
  std::unordered_map<std::string_view, Texts> m_tasks;
  std::string m_none;
};

}  // namespace

void write_work_log_csv(const std::vector<model::WorkEntry>& entries, const model::Project& project,
                        std::ostream& out) {
  const TaskTexts texts(project);
  out << "date,assignee,task,hours,topic,prompt,recorded_at\r\n";
  for (const auto& e : entries) {
    out << util::format_date(e.date) << ',' << csv_field(e.assignee) << ',' << csv_field(e.task_id)
        << ',' << util::format_hours(e.hours) << ',' << csv_field(texts.topic(e.task_id)) << ','
        << csv_field(texts.prompt(e.task_id)) << ',' << util::format_rfc3339(e.recorded_at, 0)
        << "\r\n";
  }
}

void write_work_log_json(const std::vector<model::WorkEntry>& entries,
                         const model::Project& project, std::ostream& out) {
  using nlohmann::json;
  const TaskTexts texts(project);
  double total = 0;
  for (const auto& e : entries) total += e.hours;
  out << "{\"format\":\"rplan-work-log\",\"version\":1,\"total_hours\":" << json(total).dump()
      << ",\n\"entries\":[";
  bool first = true;
  for (const auto& e : entries) {
    const json entry = {{"date", util::format_date(e.date)},
                        {"assignee", e.assignee},
                        {"task", e.task_id},
                        {"hours", e.hours},
                        {"topic", texts.topic(e.task_id)},
                        {"prompt", texts.prompt(e.task_id)},
                        {"recorded_at", util::format_rfc3339(e.recorded_at, 0)}};
    out << (first ? "\n" : ",\n") << entry.dump();
    first = false;
  }
  out << (first ? "]" : "\n]") << "}\n";
}

}  // namespace rplan::exporters
