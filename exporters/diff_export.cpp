#include "exporters/diff_export.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "exporters/markdown_export.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters {

using model::TaskChangeKind;
using nlohmann::json;

namespace {

std::string date_or_none(const std::optional<model::Date>& d) {
  return d ? util::format_date(*d) : "none";
}

std::string day_of(const std::optional<model::BaselineTask>& t, bool finish) {
  if (!t) return "none";
  const auto& day = finish ? t->last_day : t->first_day;
  if (day) return util::format_date(*day);
  const auto& at = finish ? t->finish : t->start;
  if (at) return util::format_date(std::chrono::floor<std::chrono::days>(*at));
  return "none";
}

std::string instant_text(model::Instant t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(t - day).count();
  return util::format_date(day) + " " + util::format_clock(static_cast<int>(minutes)) + " UTC";
}

std::string signed_hours(double hours) {
  return (hours >= 0 ? "+" : "-") + util::format_hours(std::abs(hours)) + " h";
}

std::string person_or_nobody(const std::string& name) { return name.empty() ? "nobody" : name; }

// What changed of one task, in words: "moved: finish 2026-12-15 -> 2026-12-17
// (+2 working days); reassigned: Ada -> Grace".
std::vector<std::string> describe(const model::TaskChange& c, const std::string& arrow) {
  std::vector<std::string> parts;
  for (const TaskChangeKind kind : c.kinds) {
    switch (kind) {
      case TaskChangeKind::added:
        parts.push_back("added: " + person_or_nobody(c.now->assignee) + ", " +
                        day_of(c.now, false) + " to " + day_of(c.now, true) + ", " +
                        util::format_hours(c.now->estimate_hours) + " h");
        break;
      case TaskChangeKind::removed:
        parts.push_back("removed (was " + person_or_nobody(c.then->assignee) + ", " +
                        day_of(c.then, false) + " to " + day_of(c.then, true) + ")");
        break;
      case TaskChangeKind::done:
        parts.push_back("done");
        break;
      case TaskChangeKind::reassigned:
        parts.push_back("reassigned: " + person_or_nobody(c.then->assignee) + arrow +
                        person_or_nobody(c.now->assignee));
        break;
      case TaskChangeKind::estimate:
        parts.push_back("estimate: " + util::format_hours(c.then->estimate_hours) + " h" + arrow +
                        util::format_hours(c.now->estimate_hours) + " h");
        break;
      case TaskChangeKind::moved: {
        std::string text = "moved:";
        const std::string s0 = day_of(c.then, false), s1 = day_of(c.now, false);
        const std::string f0 = day_of(c.then, true), f1 = day_of(c.now, true);
        if (s0 != s1)
          text += " start " + s0 + arrow + s1 + " (" + describe_days(c.start_days) + ")";
        if (f0 != f1) {
          text += std::string(s0 != s1 ? "," : "") + " finish " + f0 + arrow + f1 + " (" +
                  describe_days(c.finish_days) + ")";
        }
        if (s0 == s1 && f0 == f1) text += " within the same days";
        parts.push_back(text);
        break;
      }
    }
  }
  return parts;
}

std::string headline(const model::PlanDiff& d) {
  return "Plan of " + instant_text(d.created_at) + " against baseline \"" + d.baseline +
         "\" (plan of " + instant_text(d.baseline_created_at) + ")";
}

std::string counts(const model::PlanDiff& d) {
  std::string text;
  for (const TaskChangeKind kind :
       {TaskChangeKind::moved, TaskChangeKind::reassigned, TaskChangeKind::estimate,
        TaskChangeKind::added, TaskChangeKind::removed, TaskChangeKind::done}) {
    std::size_t n = 0;
    for (const auto& c : d.tasks) n += c.has(kind) ? 1 : 0;
    if (n == 0) continue;
    text += (text.empty() ? "" : ", ") + std::to_string(n) + " " + std::string(to_string(kind));
  }
  return text;
}

std::string pad(const std::string& text, std::size_t width) {
  const std::size_t length = util::utf8_length(text);
  return text + std::string(width > length ? width - length : 0, ' ');
}

void write_text(const model::PlanDiff& d, std::ostream& out) {
  out << headline(d) << "\n";
  if (d.empty()) {
    out << "No changes: finish " << util::format_date(d.now_finish) << ", every task as it was.\n";
    return;
  }
  out << "Finish: " << util::format_date(d.then_finish) << " -> " << util::format_date(d.now_finish)
      << " (" << describe_days(d.finish_days) << ")\n";
  out << "Hours left: " << util::format_hours(d.then_hours) << " h -> "
      << util::format_hours(d.now_hours) << " h\n";
  if (!d.topics.empty()) {
    std::size_t width = 5;
    for (const auto& t : d.topics) width = std::max(width, util::utf8_length(t.title));
    out << "\nTopics whose finish moved:\n";
    for (const auto& t : d.topics) {
      out << "  " << pad(t.title, width + 2) << date_or_none(t.then) << " -> "
          << date_or_none(t.now);
      if (t.then && t.now) out << "  " << describe_days(t.days);
      out << "\n";
    }
  }
  if (!d.tasks.empty()) {
    out << "\nTasks changed: " << d.tasks.size() << " (" << counts(d) << ")\n";
    for (const auto& c : d.tasks) {
      out << "  " << c.id << "  " << c.prompt << "\n";
      for (const auto& part : describe(c, " -> ")) out << "      " << part << "\n";
    }
  }
  if (!d.people.empty()) {
    std::size_t width = 6;
    for (const auto& p : d.people) width = std::max(width, util::utf8_length(p.name));
    out << "\nPlanned hours per person:\n";
    for (const auto& p : d.people) {
      out << "  " << pad(p.name, width + 2) << util::format_hours(p.then) << " h -> "
          << util::format_hours(p.now) << " h  (" << signed_hours(p.now - p.then) << ")\n";
    }
  }
}

std::string md(std::string_view text) { return escape_markdown(text, MarkdownPlace::inline_text); }

void write_markdown(const model::PlanDiff& d, std::ostream& out) {
  out << "## Plan changes since baseline " << md(d.baseline) << "\n\n";
  out << md(headline(d)) << ".\n\n";
  if (d.empty()) {
    out << "No changes: finish " << util::format_date(d.now_finish) << ", every task as it was.\n";
    return;
  }
  out << "- **Finish:** " << util::format_date(d.then_finish) << " → "
      << util::format_date(d.now_finish) << " (" << describe_days(d.finish_days) << ")\n";
  out << "- **Hours left:** " << util::format_hours(d.then_hours) << " h → "
      << util::format_hours(d.now_hours) << " h\n";
  if (!d.tasks.empty())
    out << "- **Tasks changed:** " << d.tasks.size() << " (" << counts(d) << ")\n";
  if (!d.topics.empty()) {
    out << "\n### Topics whose finish moved\n\n| Topic | Then | Now | Slip |\n|---|---|---|---|\n";
    for (const auto& t : d.topics) {
      out << "| " << md(t.title) << " | " << date_or_none(t.then) << " | " << date_or_none(t.now)
          << " | " << (t.then && t.now ? describe_days(t.days) : "") << " |\n";
    }
  }
  if (!d.tasks.empty()) {
    out << "\n### Tasks\n\n| Task | Prompt | Change |\n|---|---|---|\n";
    for (const auto& c : d.tasks) {
      out << "| `" << c.id << "` | " << md(c.prompt) << " | "
          << md(util::join(describe(c, " → "), "; ")) << " |\n";
    }
  }
  if (!d.people.empty()) {
    out << "\n### Planned hours per person\n\n| Person | Then | Now | Change "
           "|\n|---|---|---|---|\n";
    for (const auto& p : d.people) {
      out << "| " << md(p.name) << " | " << util::format_hours(p.then) << " h | "
          << util::format_hours(p.now) << " h | " << signed_hours(p.now - p.then) << " |\n";
    }
  }
}

json optional_date(const std::optional<model::Date>& d) {
  return d ? json(util::format_date(*d)) : json(nullptr);
}
json optional_instant(const std::optional<model::Instant>& t) {
  return t ? json(util::format_rfc3339(*t, 0)) : json(nullptr);
}

json task_side(const std::optional<model::BaselineTask>& t) {
  if (!t) return nullptr;
  return {{"assignee", t->assignee.empty() ? json(nullptr) : json(t->assignee)},
          {"status", model::to_string(t->status)},
          {"start", optional_instant(t->start)},
          {"finish", optional_instant(t->finish)},
          {"first_day", optional_date(t->first_day)},
          {"last_day", optional_date(t->last_day)},
          {"estimate_hours", t->estimate_hours},
          {"planned_hours", static_cast<double>(t->planned_minutes) / 60.0}};
}

void write_json(const model::PlanDiff& d, std::ostream& out) {
  json tasks = json::array();
  for (const auto& c : d.tasks) {
    json change = json::array();
    for (const auto kind : c.kinds) change.push_back(model::to_string(kind));
    tasks.push_back({{"id", c.id},
                     {"topic", c.topic_id},
                     {"prompt", c.prompt},
                     {"change", change},
                     {"start_days", c.start_days},
                     {"finish_days", c.finish_days},
                     {"then", task_side(c.then)},
                     {"now", task_side(c.now)}});
  }
  json topics = json::array();
  for (const auto& t : d.topics) {
    topics.push_back({{"id", t.topic_id},
                      {"title", t.title},
                      {"then", optional_date(t.then)},
                      {"now", optional_date(t.now)},
                      {"days", t.days}});
  }
  json people = json::array();
  for (const auto& p : d.people) {
    people.push_back({{"name", p.name}, {"then_hours", p.then}, {"now_hours", p.now}});
  }
  const json doc = {{"format", "rplan-diff"},
                    {"version", 1},
                    {"baseline",
                     {{"name", d.baseline},
                      {"saved_at", util::format_rfc3339(d.baseline_saved_at, 0)},
                      {"plan_created_at", util::format_rfc3339(d.baseline_created_at, 0)},
                      {"finish", util::format_date(d.then_finish)},
                      {"total_hours", d.then_hours}}},
                    {"plan",
                     {{"created_at", util::format_rfc3339(d.created_at, 0)},
                      {"finish", util::format_date(d.now_finish)},
                      {"total_hours", d.now_hours}}},
                    {"finish_days", d.finish_days},
                    {"topics", topics},
                    {"tasks", tasks},
                    {"people", people}};
  out << doc.dump(1) << "\n";
}

}  // namespace

std::optional<DiffFormat> parse_diff_format(std::string_view text) {
  if (text == "text") return DiffFormat::text;
  if (text == "md" || text == "markdown") return DiffFormat::markdown;
  if (text == "json") return DiffFormat::json;
  return std::nullopt;
}

ChangeSides change_sides(const model::TaskChange& c, TaskChangeKind kind) {
  const auto span = [](const std::optional<model::BaselineTask>& t) {
    return day_of(t, false) + " to " + day_of(t, true);
  };
  const auto whole = [&](const std::optional<model::BaselineTask>& t) {
    return t ? person_or_nobody(t->assignee) + ", " + span(t) + ", " +
                   util::format_hours(t->estimate_hours) + " h"
             : std::string();
  };
  switch (kind) {
    case TaskChangeKind::added:
      return {"", whole(c.now)};
    case TaskChangeKind::removed:
      return {whole(c.then), ""};
    case TaskChangeKind::done:
      return {c.then ? std::string(model::to_string(c.then->status)) : "", "done"};
    case TaskChangeKind::reassigned:
      return {c.then ? person_or_nobody(c.then->assignee) : "",
              c.now ? person_or_nobody(c.now->assignee) : ""};
    case TaskChangeKind::estimate:
      return {c.then ? util::format_hours(c.then->estimate_hours) + " h" : "",
              c.now ? util::format_hours(c.now->estimate_hours) + " h" : ""};
    case TaskChangeKind::moved:
      break;
  }
  return {span(c.then), span(c.now)};
}

ChangeLine change_line(const model::TaskChange& change) {
  std::vector<std::string> kinds, from, to;
  for (const TaskChangeKind kind : change.kinds) {
    kinds.emplace_back(model::to_string(kind));
    ChangeSides sides = change_sides(change, kind);
    if (!sides.from.empty()) from.push_back(std::move(sides.from));
    if (!sides.to.empty()) to.push_back(std::move(sides.to));
  }
  return {util::join(kinds, ", "), util::join(from, "; "), util::join(to, "; ")};
}

std::string describe_days(int days) {
  if (days == 0) return "same working day";
  const int n = std::abs(days);
  return std::string(days > 0 ? "+" : "-") + std::to_string(n) +
         (n == 1 ? " working day" : " working days");
}

void write_diff(const model::PlanDiff& diff, DiffFormat format, std::ostream& out) {
  switch (format) {
    case DiffFormat::text:
      write_text(diff, out);
      break;
    case DiffFormat::markdown:
      write_markdown(diff, out);
      break;
    case DiffFormat::json:
      write_json(diff, out);
      break;
  }
}

}  // namespace rplan::exporters
