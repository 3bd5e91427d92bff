#include "exporters/json_export.hpp"

#include <nlohmann/json.hpp>

#include "planner/util/dates.hpp"

namespace rplan::exporters {

using nlohmann::json;

namespace {

json or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json topic_json(const model::Topic& t) {
  json j = {{"id", t.id},
            {"document", t.document},
            {"number", t.number ? json(*t.number) : json(nullptr)},
            {"title", t.title},
            {"focus", t.focus},
            {"skills", t.skills}};
  return j;
}

json task_json(const model::Task& t) {
  json blocks = json::array();
  for (const auto& b : t.blocks) {
    blocks.push_back({{"date", util::format_date(b.date)},
                      {"start", util::format_clock(b.start_minute)},
                      {"hours", b.hours()}});
  }
  json start = nullptr, finish = nullptr;
  if (!t.blocks.empty()) {
    start = util::format_rfc3339(t.blocks.front().utc_start, t.blocks.front().utc_offset_minutes());
    finish = util::format_rfc3339(t.blocks.back().utc_end, t.blocks.back().utc_offset_minutes());
  }
  return {{"id", t.id},
          {"topic", t.topic_id},
          {"position", t.position},
          {"kind", model::to_string(t.kind)},
          {"prompt", t.prompt},
          {"estimate_hours", t.estimate.hours},
          {"estimate",
           {{"optimistic", t.estimate.optimistic},
            {"likely", t.estimate.likely},
            {"pessimistic", t.estimate.pessimistic},
            {"manual", t.estimate.manual}}},
          {"status", model::to_string(t.status)},
          {"pinned_assignee", or_null(t.pinned_assignee)},
          {"assignee", t.planned() ? json(t.assignee) : json(nullptr)},
          {"depends_on", t.depends_on},
          {"start", start},
          {"finish", finish},
          {"blocks", std::move(blocks)}};
}

json assignee_json(const model::Assignee& a, const std::vector<model::TimeOff>& offs) {
  json workdays = json::array();
  for (int d = 0; d < 7; ++d) {
    if (a.workdays[static_cast<std::size_t>(d)]) workdays.push_back(util::weekday_name(d));
  }
  json time_off = json::array();
  for (const auto& off : offs) {
    if (off.assignee != a.name) continue;
    time_off.push_back({{"from", util::format_date(off.from)},
                        {"to", util::format_date(off.to)},
                        {"reason", off.reason}});
  }
  return {{"name", a.name},
          {"email", or_null(a.email)},
          {"hours_per_day", a.hours_per_day},
          {"workdays", std::move(workdays)},
          {"day_start", util::format_clock(a.day_start)},
          {"timezone", a.timezone},
          {"skills", a.skills},
          {"time_off", std::move(time_off)}};
}

// Writes `"key":[` then one element per line, then `]`.
template <class Items, class ToJson>
void write_array(std::ostream& out, const char* key, const Items& items, ToJson&& to_json) {
  out << "\"" << key << "\":[";
  bool first = true;
  for (const auto& item : items) {
    out << (first ? "\n" : ",\n") << to_json(item).dump();
    first = false;
  }
  out << (first ? "]" : "\n]");
}

}  // namespace

void write_json(const model::Project& project, JsonDocument which, std::ostream& out) {
  out << "{";
  if (which == JsonDocument::plan) {
    const auto& p = project.plan;
    json plan = {{"start", p.exists ? json(util::format_date(p.start)) : json(nullptr)},
                 {"finish", p.exists ? json(util::format_date(p.finish)) : json(nullptr)},
                 {"strategy", model::to_string(p.strategy)},
                 {"total_hours", p.total_hours},
                 {"unassigned", p.unassigned}};
    out << "\"format\":\"rplan-plan\",\"version\":1,\"generated_at\":"
        << json(util::format_rfc3339(p.created_at, 0)).dump()
        << ",\n\"title\":" << json(project.title).dump() << ",\n\"plan\":" << plan.dump() << ",\n";
    write_array(out, "assignees", project.team,
                [&](const model::Assignee& a) { return assignee_json(a, project.time_off); });
    out << ",\n";
    write_array(out, "holidays", project.holidays, [](const model::Holiday& h) {
      return json{{"date", util::format_date(h.date)}, {"name", h.name}};
    });
    out << ",\n";
  }
  write_array(out, "topics", project.topics, topic_json);
  out << ",\n";
  write_array(out, "tasks", project.tasks, task_json);
  out << "}\n";
}

}  // namespace rplan::exporters
