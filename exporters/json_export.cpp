#include "exporters/json_export.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "planner/model/plan_diff.hpp"
#include "planner/model/workload.hpp"
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

// A JSON string as nlohmann::json dumps it. Text with nothing to escape
// (printable ASCII other than '"' and '\') is copied; anything else goes
// through nlohmann, which escapes it and checks its UTF-8.
void append_string(std::string& out, std::string_view text) {
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b >= 0x80 || c == '"' || c == '\\') {
      out += json(std::string(text)).dump();
      return;
    }
  }
  out += '"';
  out.append(text);
  out += '"';
}

// A number of hours as nlohmann::json dumps a double. Quarter hours (almost
// every estimate and block) are written here: the shortest form that reads
// back, "7.0", "7.25", "7.5", "7.75"; anything else goes through nlohmann.
void append_hours(std::string& out, double hours) {
  const double quarters = hours * 4;
  if (!std::signbit(hours) && hours < 1e9 && quarters == std::floor(quarters)) {
    const auto q = static_cast<std::int64_t>(quarters);
    out += std::to_string(q / 4);
    static constexpr std::array<std::string_view, 4> k_fraction = {".0", ".25", ".5", ".75"};
    out += k_fraction[static_cast<std::size_t>(q % 4)];
    return;
  }
  out += json(hours).dump();
}

void append_string_or_null(std::string& out, const std::string& text) {
  if (text.empty()) {
    out += "null";
  } else {
    append_string(out, text);
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

// "2027-W03": the ISO week of a Monday.
std::string week_name(model::Date monday) {
  const util::IsoWeek iso = util::iso_week(monday);
  std::string text = std::to_string(iso.year) + "-W";
  if (iso.week < 10) text += '0';
  return text + std::to_string(iso.week);
}

// "workload": one entry per person and ISO week; "burnup": one per week
// (model::Workload, model::burnup).
void write_load(std::ostream& out, const model::Project& project) {
  const model::Workload load(project);
  std::vector<std::pair<int, int>> cells;  // (person, week), by week then person
  for (int w = 0; w < load.weeks(); ++w) {
    for (int p = 0; p < static_cast<int>(load.people().size()); ++p) cells.emplace_back(p, w);
  }
  write_array(out, "workload", cells, [&](const std::pair<int, int>& c) {
    const auto [p, w] = c;
    return json{{"person", load.people()[static_cast<std::size_t>(p)]},
                {"week", week_name(load.week_start(w))},
                {"capacity_hours", load.capacity_minutes(p, w) / 60.0},
                {"planned_hours", load.planned_minutes(p, w) / 60.0},
                {"done_hours", load.done_hours(p, w)}};
  });
  out << ",\n";
  write_array(out, "burnup", model::burnup(project, load), [](const model::BurnupWeek& b) {
    return json{{"week", week_name(b.week)},
                {"scope_hours", b.scope_hours},
                {"done_hours", b.done_hours},
                {"planned_done_hours", b.planned_done_hours}};
  });
  out << ",\n";
}

void append_instant_or_null(std::string& out, const std::optional<model::Instant>& t) {
  if (t) {
    out += '"';
    out += util::format_rfc3339(*t, 0);
    out += '"';
  } else {
    out += "null";
  }
}

// One task of the baseline section: assignee, estimate_hours, finish, id,
// planned_hours, start, status.
void append_baseline_task(std::string& out, const model::BaselineTask& t) {
  out += "{\"assignee\":";
  append_string_or_null(out, t.assignee);
  out += ",\"estimate_hours\":";
  append_hours(out, t.estimate_hours);
  out += ",\"finish\":";
  append_instant_or_null(out, t.finish);
  out += ",\"id\":";
  append_string(out, t.id);
  out += ",\"planned_hours\":";
  append_hours(out, static_cast<double>(t.planned_minutes) / 60.0);
  out += ",\"start\":";
  append_instant_or_null(out, t.start);
  out += ",\"status\":";
  append_string(out, model::to_string(t.status));
  out += '}';
}

// One change of the baseline section: change (the kinds), finish_days, id,
// start_days.
void append_change(std::string& out, const model::TaskChange& c) {
  out += "{\"change\":[";
  bool first = true;
  for (const model::TaskChangeKind kind : c.kinds) {
    if (!first) out += ',';
    append_string(out, model::to_string(kind));
    first = false;
  }
  out += "],\"finish_days\":";
  out += std::to_string(c.finish_days);
  out += ",\"id\":";
  append_string(out, c.id);
  out += ",\"start_days\":";
  out += std::to_string(c.start_days);
  out += '}';
}

// "baseline": the baseline's plan, its tasks (one per line) and the changes
// since, one per changed task.
void write_baseline(std::ostream& out, const model::Project& project,
                    const model::Baseline& baseline) {
  const model::PlanDiff diff = model::diff_plans(baseline, project);
  const json head = {{"name", baseline.name},
                     {"saved_at", util::format_rfc3339(baseline.saved_at, 0)},
                     {"plan_created_at", util::format_rfc3339(baseline.plan_created_at, 0)},
                     {"start", util::format_date(baseline.start)},
                     {"finish", util::format_date(baseline.finish)},
                     {"total_hours", baseline.total_hours},
                     {"finish_days", diff.finish_days}};
  std::string text = head.dump();
  text.pop_back();  // the tasks and changes follow inside the object
  out << "\"baseline\":" << text << ",\n";
  // The tasks and changes are written here member by member, in nlohmann's
  // order (by name) and number format, one line each: a baseline of every task
  // is too big to build as JSON values.
  std::string line;
  out << "\"tasks\":[";
  bool first = true;
  for (const model::BaselineTask& t : baseline.tasks) {
    line.assign(first ? "\n" : ",\n");
    append_baseline_task(line, t);
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
    first = false;
  }
  out << (first ? "]" : "\n]") << ",\n\"changes\":[";
  first = true;
  for (const model::TaskChange& c : diff.tasks) {
    line.assign(first ? "\n" : ",\n");
    append_change(line, c);
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
    first = false;
  }
  out << (first ? "]" : "\n]");
  out << "},\n";
}

}  // namespace

void append_task_json(std::string& out, const model::Task& t, double minimum_remaining_hours,
                      const model::TaskSlack& slack) {
  const bool done = t.status == model::TaskStatus::done;
  // The members in nlohmann's order (by name), as the other objects here.
  out += "{\"assignee\":";
  if (t.planned() || (done && !t.assignee.empty())) {  // a done task keeps its person
    append_string(out, t.assignee);
  } else {
    out += "null";
  }
  out += ",\"blocks\":[";
  for (std::size_t i = 0; i < t.blocks.size(); ++i) {
    const model::WorkBlock& b = t.blocks[i];
    out += i > 0 ? ",{" : "{";
    if (!b.assignee.empty()) {  // worked by someone else than the task's assignee
      out += "\"assignee\":";
      append_string(out, b.assignee);
      out += ',';
    }
    out += "\"date\":";
    append_string(out, util::format_date(b.date));
    out += ",\"hours\":";
    append_hours(out, b.hours());
    out += ",\"start\":";
    append_string(out, util::format_clock(b.start_minute));
    out += b.history ? ",\"state\":\"history\"}" : ",\"state\":\"planned\"}";
  }
  out += slack.critical() ? "],\"critical\":true" : "],\"critical\":false";
  out += ",\"depends_on\":[";
  for (std::size_t i = 0; i < t.depends_on.size(); ++i) {
    if (i > 0) out += ',';
    append_string(out, t.depends_on[i]);
  }
  out += "],\"done_at\":";
  if (t.done_at) {
    append_string(out, util::format_rfc3339(*t.done_at, 0));
  } else {
    out += "null";
  }
  out += ",\"done_by\":";
  append_string_or_null(out, t.done_by);
  out += ",\"estimate\":{\"likely\":";
  append_hours(out, t.estimate.likely);
  out += t.estimate.manual ? ",\"manual\":true" : ",\"manual\":false";
  out += ",\"optimistic\":";
  append_hours(out, t.estimate.optimistic);
  out += ",\"pessimistic\":";
  append_hours(out, t.estimate.pessimistic);
  out += "},\"estimate_hours\":";
  append_hours(out, t.estimate.hours);
  out += ",\"finish\":";
  if (done && t.done_at) {  // a done task finished when it was done
    append_string(
        out, util::format_rfc3339(*t.done_at,
                                  t.blocks.empty() ? 0 : t.blocks.back().utc_offset_minutes()));
  } else if (t.blocks.empty()) {
    out += "null";
  } else {
    append_string(
        out, util::format_rfc3339(t.blocks.back().utc_end, t.blocks.back().utc_offset_minutes()));
  }
  out += ",\"id\":";
  append_string(out, t.id);
  out += ",\"kind\":";
  append_string(out, model::to_string(t.kind));
  out += ",\"pinned_assignee\":";
  append_string_or_null(out, t.pinned_assignee);
  out += ",\"position\":";
  out += std::to_string(t.position);
  out += ",\"prompt\":";
  append_string(out, t.prompt);
  out += ",\"remaining_hours\":";
  append_hours(out, model::remaining_hours(t, minimum_remaining_hours));
  out += ",\"slack_hours\":";
  if (slack.minutes) {
    append_hours(out, slack.hours());
  } else {
    out += "null";
  }
  out += t.slipped ? ",\"slipped\":true" : ",\"slipped\":false";
  out += ",\"spent_hours\":";
  append_hours(out, t.spent_hours);
  out += ",\"start\":";
  if (t.blocks.empty() && done && t.done_at) {  // done before any of its planned work
    append_string(out, util::format_rfc3339(*t.done_at, 0));
  } else if (t.blocks.empty()) {
    out += "null";
  } else {
    append_string(out, util::format_rfc3339(t.blocks.front().utc_start,
                                            t.blocks.front().utc_offset_minutes()));
  }
  out += ",\"status\":";
  append_string(out, model::to_string(t.status));
  out += ",\"topic\":";
  append_string(out, t.topic_id);
  out += '}';
}

namespace {

// The forecast kept with the plan (model::Project::forecast), or null.
json forecast_json(const std::optional<model::Forecast>& forecast) {
  if (!forecast) return nullptr;
  const model::Forecast& f = *forecast;
  auto dates = [](const model::Percentiles& p) {
    return json{{"p50", util::format_date(p.p50)},
                {"p85", util::format_date(p.p85)},
                {"p95", util::format_date(p.p95)}};
  };
  json j = {{"made_at", util::format_rfc3339(f.made_at, 0)},
            {"runs", f.runs},
            {"seed", f.seed},
            {"from_history", f.from_history},
            {"planned", util::format_date(f.planned)},
            {"plan", dates(f.plan)}};
  json& topics = j["topics"] = json::array();
  for (const auto& t : f.topics) {
    json one = dates(t.finish);
    one["id"] = t.id;
    topics.push_back(std::move(one));
  }
  json& people = j["people"] = json::array();
  for (const auto& p : f.people) {
    json one = dates(p.finish);
    one["name"] = p.name;
    people.push_back(std::move(one));
  }
  json& curve = j["distribution"] = json::array();
  for (const model::FinishShare& point : model::finish_curve(f)) {
    curve.push_back(
        {{"date", util::format_date(point.date)}, {"runs", point.runs}, {"share", point.share}});
  }
  json& tasks = j["tasks"] = json::array();
  for (const auto& t : f.tasks)
    tasks.push_back({{"id", t.id}, {"critical_share", t.critical_share}});
  return j;
}

}  // namespace

void write_json(const model::Project& project, JsonDocument which, std::ostream& out,
                const model::Baseline* baseline, const std::vector<model::TaskSlack>* slack) {
  std::vector<model::TaskSlack> own;
  if (slack == nullptr) {
    own = model::plan_slack(project);
    slack = &own;
  }
  out << "{";
  if (which == JsonDocument::plan) {
    const auto& p = project.plan;
    json plan = {{"start", p.exists ? json(util::format_date(p.start)) : json(nullptr)},
                 {"finish", p.exists ? json(util::format_date(p.finish)) : json(nullptr)},
                 {"strategy", model::to_string(p.strategy)},
                 {"total_hours", p.total_hours},
                 {"unassigned", p.unassigned},
                 {"now", p.exists ? json(util::format_rfc3339(p.now, 0)) : json(nullptr)},
                 {"slipped", p.slipped},
                 {"at_minimum", p.at_minimum},
                 {"minimum_remaining_hours", p.minimum_remaining_hours},
                 {"stale", p.exists && !p.stale_reasons.empty()},
                 {"stale_reasons", p.stale_reasons}};
    out << "\"format\":\"rplan-plan\",\"version\":1,\"generated_at\":"
        << json(util::format_rfc3339(p.created_at, 0)).dump()
        << ",\n\"title\":" << json(project.title).dump() << ",\n\"plan\":" << plan.dump() << ",\n";
    write_array(out, "assignees", project.team,
                [&](const model::Assignee& a) { return assignee_json(a, project.time_off); });
    out << ",\n";
    write_array(out, "holidays", project.holidays, [](const model::Holiday& h) {
      return json{{"date", util::format_date(h.date)}, {"name", h.name}, {"people", h.people}};
    });
    out << ",\n\"forecast\":" << forecast_json(project.forecast).dump() << ",\n";
    write_load(out, project);
    if (baseline != nullptr) write_baseline(out, project, *baseline);
  }
  write_array(out, "topics", project.topics, topic_json);
  out << ",\n";
  out << "\"tasks\":[";
  std::string line;
  bool first = true;
  for (std::size_t i = 0; i < project.tasks.size(); ++i) {
    const model::Task& t = project.tasks[i];
    line.clear();
    append_task_json(line, t, project.plan.minimum_remaining_hours,
                     i < slack->size() ? (*slack)[i] : model::TaskSlack{});
    out << (first ? "\n" : ",\n");
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
    first = false;
  }
  out << (first ? "]" : "\n]") << "}\n";
}

}  // namespace rplan::exporters
