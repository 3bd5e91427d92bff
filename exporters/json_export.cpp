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

// Fills `j` with one task. The same object is refilled for every task, so its
// members (and the block objects) reuse their storage: building a fresh
// object per task left the allocator fragmented at 300,000 tasks.
void fill_task_json(json& j, const model::Task& t) {
  j["id"] = t.id;
  j["topic"] = t.topic_id;
  j["position"] = t.position;
  j["kind"] = model::to_string(t.kind);
  j["prompt"] = t.prompt;
  j["estimate_hours"] = t.estimate.hours;
  json& estimate = j["estimate"];
  estimate["optimistic"] = t.estimate.optimistic;
  estimate["likely"] = t.estimate.likely;
  estimate["pessimistic"] = t.estimate.pessimistic;
  estimate["manual"] = t.estimate.manual;
  j["status"] = model::to_string(t.status);
  j["pinned_assignee"] = or_null(t.pinned_assignee);
  j["assignee"] = t.planned() ? json(t.assignee) : json(nullptr);
  json& depends_on = j["depends_on"];
  depends_on = json::array();
  for (const auto& d : t.depends_on) depends_on.push_back(d);
  if (t.blocks.empty()) {
    j["start"] = nullptr;
    j["finish"] = nullptr;
  } else {
    j["start"] =
        util::format_rfc3339(t.blocks.front().utc_start, t.blocks.front().utc_offset_minutes());
    j["finish"] =
        util::format_rfc3339(t.blocks.back().utc_end, t.blocks.back().utc_offset_minutes());
  }
  json& blocks = j["blocks"];
  if (!blocks.is_array()) blocks = json::array();
  auto& list = blocks.get_ref<json::array_t&>();
  list.resize(t.blocks.size());
  for (std::size_t i = 0; i < t.blocks.size(); ++i) {
    json& b = list[i];
    b["date"] = util::format_date(t.blocks[i].date);
    b["start"] = util::format_clock(t.blocks[i].start_minute);
    b["hours"] = t.blocks[i].hours();
  }
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

// Writes `"key":[` then one element per line, then `]`. Each element is
// dumped compactly into a string first: nlohmann's serializer writes a
// string far faster than it writes through an ostream, token by token.
template <class Items, class ToJson>
void write_array(std::ostream& out, const char* key, const Items& items, ToJson&& to_json) {
  out << "\"" << key << "\":[";
  bool first = true;
  for (const auto& item : items) {
    const std::string line = to_json(item).dump();
    out << (first ? "\n" : ",\n");
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
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
  json task;
  write_array(out, "tasks", project.tasks, [&](const model::Task& t) -> const json& {
    fill_task_json(task, t);
    return task;
  });
  out << "}\n";
}

}  // namespace rplan::exporters
