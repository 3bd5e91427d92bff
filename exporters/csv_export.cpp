#include "exporters/csv_export.hpp"

#include "planner/model/topic_index.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters {

std::string csv_field(std::string_view text) {
  std::string value;
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    value += '\'';
  }
  value += text;
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void write_tasks_csv(const model::Project& project, std::ostream& out) {
  const model::TopicIndex topics(project.topics);
  out << "id,topic_id,topic_number,topic,kind,prompt,assignee,estimate_hours,start,finish,"
         "status,depends_on\r\n";
  for (const auto& t : project.tasks) {
    const model::Topic* topic = topics.topic_of(t);
    std::string start, finish;
    if (!t.blocks.empty()) {
      start =
          util::format_rfc3339(t.blocks.front().utc_start, t.blocks.front().utc_offset_minutes());
      finish = util::format_rfc3339(t.blocks.back().utc_end, t.blocks.back().utc_offset_minutes());
    }
    out << csv_field(t.id) << ',' << csv_field(t.topic_id) << ','
        << (topic && topic->number ? std::to_string(*topic->number) : std::string()) << ','
        << csv_field(topic ? topic->title : std::string()) << ',' << model::to_string(t.kind) << ','
        << csv_field(t.prompt) << ',' << csv_field(model::plan_person(t)) << ','
        << util::format_hours(t.estimate.hours) << ',' << start << ',' << finish << ','
        << model::to_string(t.status) << ',' << csv_field(util::join(t.depends_on, " ")) << "\r\n";
  }
}

}  // namespace rplan::exporters
