#include "planner/cli/explain.hpp"

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "planner/cli/command.hpp"
#include "planner/cli/io.hpp"
#include "planner/pipeline/stages.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"
#include "planner/util/time_zone.hpp"

namespace rplan::cli {

namespace {

using schedule::StartReasonKind;

// Instants in people's own time, each zone looked up once.
class LocalTimes {
 public:
  explicit LocalTimes(const model::Project& project) {
    for (const auto& a : project.team) m_zone_of[a.name] = a.timezone;
  }
  int offset(const std::string& person, model::Instant t) {
    const auto it = m_zone_of.find(person);
    const std::string zone = it == m_zone_of.end() ? "UTC" : it->second;
    auto& tz = m_zones[zone];
    if (!tz) tz = std::make_unique<util::TimeZone>(zone);
    return tz->offset_minutes(t);
  }
  // "2026-12-08 15:00" on the person's clock.
  std::string text(const std::string& person, model::Instant t) {
    const auto local = t + std::chrono::minutes{offset(person, t)};
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const auto minute = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
    return util::format_date(day) + " " + util::format_clock(static_cast<int>(minute));
  }
  std::string rfc3339(const std::string& person, model::Instant t) {
    return util::format_rfc3339(t, offset(person, t));
  }

 private:
  std::map<std::string, std::string> m_zone_of;
  std::map<std::string, std::unique_ptr<util::TimeZone>> m_zones;
};

std::string quoted(const model::Task& t) {
  std::string prompt = t.prompt;
  if (util::utf8_length(prompt) > 50) {
    std::size_t points = 0, i = 0;
    for (; i < prompt.size(); ++i) {
      if ((static_cast<unsigned char>(prompt[i]) & 0xC0) != 0x80 && points++ == 47) break;
    }
    prompt = prompt.substr(0, i) + "...";
  }
  return "task " + t.id + " (\"" + prompt + "\")";
}

// The reason in words a team lead reads.
std::string words(const model::Project& p, const schedule::StartReason& r, const model::Task& t,
                  LocalTimes& times) {
  const std::string& who = t.assignee;
  std::string named;
  if (r.task != schedule::k_no_task) {
    const model::Task& other = p.tasks[r.task];
    if (r.task_is_dependency) {
      named = "it waited for " + quoted(other) +
              (r.kind == StartReasonKind::after
                   ? ", which it is set to come after (task --after)"
                   : " of its topic (a topic is written up after its other tasks)") +
              ", finished " + times.text(who, r.earliest);
    } else {
      named = who + " was busy with " + quoted(other) + " until " + times.text(who, r.earliest);
    }
  }
  switch (r.kind) {
    case StartReasonKind::plan_start:
      return "it starts at the plan's start: " + who + "'s first working time then, " +
             times.text(who, r.start);
    case StartReasonKind::dependency:
    case StartReasonKind::after:
    case StartReasonKind::person_busy:
      return named;
    case StartReasonKind::working_time:
      return named + "; " + who + "'s working time began again at " + times.text(who, r.start) +
             " (day start, weekend, holiday or time off)";
    case StartReasonKind::pin:
      return "it is pinned to " + who + ", who was busy with " + quoted(p.tasks[r.task]) +
             " until " + times.text(who, r.earliest) + "; " + who + " started it at " +
             times.text(who, r.start);
    case StartReasonKind::skill:
      return "the skill preference chose " + who + " over " + r.person + ", who was free at " +
             times.text(r.person, r.person_free) + "; " + named;
  }
  return named;
}

}  // namespace

void print_explanation(const model::Project& project,
                       const std::vector<schedule::StartReason>& reasons, std::size_t index,
                       ExplainFormat format, std::ostream& out) {
  LocalTimes times(project);
  const model::Task& t = project.tasks[index];
  const schedule::StartReason& r = reasons[index];
  if (format == ExplainFormat::json) {
    nlohmann::ordered_json j;
    j["id"] = t.id;
    if (!r.placed) {
      j["start"] = nullptr;
      j["reason"] = nullptr;
    } else {
      j["start"] = times.rfc3339(t.assignee, r.start);
      nlohmann::ordered_json reason;
      reason["kind"] = std::string(schedule::to_string(r.kind));
      if (r.task != schedule::k_no_task) reason["task"] = project.tasks[r.task].id;
      if (!r.person.empty()) reason["person"] = r.person;
      reason["text"] = words(project, r, t, times);
      j["reason"] = std::move(reason);
    }
    out << j.dump() << "\n";
    return;
  }
  if (!r.placed) {
    out << t.id << ": not planned ("
        << (t.status == model::TaskStatus::done ? "done" : "nobody can take it") << ")\n";
    return;
  }
  out << t.id << " starts " << times.text(t.assignee, r.start) << " (" << t.assignee
      << "): " << words(project, r, t, times) << "\n";
}

void print_explanations(const model::Project& project,
                        const std::vector<schedule::StartReason>& reasons, ExplainFormat format,
                        std::ostream& out) {
  if (format == ExplainFormat::json) out << "{\"tasks\": [\n";
  bool first = true;
  for (std::size_t i = 0; i < project.tasks.size() && i < reasons.size(); ++i) {
    if (!reasons[i].placed) continue;
    if (format == ExplainFormat::json && !first) out << ",\n";
    first = false;
    std::ostringstream line;
    print_explanation(project, reasons, i, format, line);
    std::string s = line.str();
    if (format == ExplainFormat::json && !s.empty() && s.back() == '\n') s.pop_back();
    out << s;
  }
  if (format == ExplainFormat::json) out << (first ? "" : "\n") << "]}\n";
}

namespace {

int cmd_explain(Context& ctx, const po::variables_map& vm) {
  const std::string id = *get_string(vm, "ID");
  const std::string format = get_string(vm, "format").value_or("text");
  if (format != "text" && format != "json") {
    throw UsageError("--format " + format + " is not one of text, json");
  }
  const pipeline::Explained e = pipeline::explain(ctx.db_path, ctx.config.documenting);
  for (std::size_t i = 0; i < e.project.tasks.size(); ++i) {
    if (e.project.tasks[i].id != id) continue;
    print_explanation(e.project, e.reasons, i,
                      format == "json" ? ExplainFormat::json : ExplainFormat::text, ctx.out);
    return 0;
  }
  throw InputError("no task has the id \"" + id + "\" (see rplan list)");
}

}  // namespace

void add_explain_commands(std::vector<Command>& t) {
  t.push_back({"explain",
               "ID",
               "why a task starts when it does",
               "Names the constraint that fixed the task's start in the stored plan: a task\n"
               "it waited for (of its topic, or set with --after), its person busy with\n"
               "another task, its person's working time (day start, weekend, holiday, time\n"
               "off), its pin, or the skill preference that chose its person over someone\n"
               "free earlier; or the plan's start. The scheduler records the reason as it\n"
               "places the task: explain plans again from the stored plan's instant and\n"
               "refuses when that does not give the stored plan (out of date; run rplan\n"
               "plan --explain). --format json gives id, start and reason (kind, task).",
               [](po::options_description& d) {
                 d.add_options()("format", po::value<std::string>(), "text (default) or json");
               },
               {{"ID", 1}},
               cmd_explain});
}

}  // namespace rplan::cli
