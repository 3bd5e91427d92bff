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

std::string day_of(const model::BaselineTask* t, bool finish) {
  if (t == nullptr) return "none";
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
  const std::optional<model::BaselineTask> now_row = c.now(model::BaselineTexts::without);
  const model::BaselineTask* now = now_row ? &*now_row : nullptr;
  const model::BaselineTask* then = c.then;
  for (const TaskChangeKind kind : c.kinds) {
    switch (kind) {
      case TaskChangeKind::added:
        parts.push_back("added: " + person_or_nobody(now->assignee) + ", " + day_of(now, false) +
                        " to " + day_of(now, true) + ", " +
                        util::format_hours(now->estimate_hours) + " h");
        break;
      case TaskChangeKind::removed:
        parts.push_back("removed (was " + person_or_nobody(then->assignee) + ", " +
                        day_of(then, false) + " to " + day_of(then, true) + ")");
        break;
      case TaskChangeKind::done:
        parts.push_back("done");
        break;
      case TaskChangeKind::reassigned:
        parts.push_back("reassigned: " + person_or_nobody(then->assignee) + arrow +
                        person_or_nobody(now->assignee));
        break;
      case TaskChangeKind::estimate:
        parts.push_back("estimate: " + util::format_hours(then->estimate_hours) + " h" + arrow +
                        util::format_hours(now->estimate_hours) + " h");
        break;
      case TaskChangeKind::moved: {
        std::string text = "moved:";
        const std::string s0 = day_of(then, false), s1 = day_of(now, false);
        const std::string f0 = day_of(then, true), f1 = day_of(now, true);
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

json task_side(const model::BaselineTask* t) {
  if (t == nullptr) return nullptr;
  return {{"assignee", t->assignee.empty() ? json(nullptr) : json(t->assignee)},
          {"status", model::to_string(t->status)},
          {"start", optional_instant(t->start)},
          {"finish", optional_instant(t->finish)},
          {"first_day", optional_date(t->first_day)},
          {"last_day", optional_date(t->last_day)},
          {"estimate_hours", t->estimate_hours},
          {"planned_hours", static_cast<double>(t->planned_minutes) / 60.0}};
}

// `text` (a value dumped with indent 1) as it is nested `depth` levels deep.
std::string nested_json(const std::string& text, int depth) {
  std::string out;
  out.reserve(text.size() + 64);
  for (const char c : text) {
    out += c;
    if (c == '\n') out.append(static_cast<std::size_t>(depth), ' ');
  }
  return out;
}

// Writes `items` as a JSON array at `depth` exactly as nlohmann's dump(1)
// would, one element at a time (a diff of every task is too big to build as
// one document).
template <class Items, class ToJson>
void write_json_array(std::ostream& out, const Items& items, int depth, ToJson&& to_json) {
  if (items.empty()) {
    out << "[]";
    return;
  }
  const std::string indent(static_cast<std::size_t>(depth) + 1, ' ');
  bool first = true;
  for (const auto& item : items) {
    out << (first ? "[\n" : ",\n") << indent << nested_json(to_json(item).dump(1), depth + 1);
    first = false;
  }
  out << "\n" << std::string(static_cast<std::size_t>(depth), ' ') << "]";
}

// The document's members in nlohmann's order (by name), as dump(1) writes
// them; the tasks, topics and people one at a time.
void write_json(const model::PlanDiff& d, std::ostream& out) {
  const json baseline = {{"name", d.baseline},
                         {"saved_at", util::format_rfc3339(d.baseline_saved_at, 0)},
                         {"plan_created_at", util::format_rfc3339(d.baseline_created_at, 0)},
                         {"finish", util::format_date(d.then_finish)},
                         {"total_hours", d.then_hours}};
  const json plan = {{"created_at", util::format_rfc3339(d.created_at, 0)},
                     {"finish", util::format_date(d.now_finish)},
                     {"total_hours", d.now_hours}};
  out << "{\n \"baseline\": " << nested_json(baseline.dump(1), 1)
      << ",\n \"finish_days\": " << json(d.finish_days).dump()
      << ",\n \"format\": \"rplan-diff\",\n \"people\": ";
  write_json_array(out, d.people, 1, [](const model::PersonHours& p) {
    return json{{"name", p.name}, {"then_hours", p.then}, {"now_hours", p.now}};
  });
  out << ",\n \"plan\": " << nested_json(plan.dump(1), 1) << ",\n \"tasks\": ";
  write_json_array(out, d.tasks, 1, [](const model::TaskChange& c) {
    const std::optional<model::BaselineTask> now = c.now(model::BaselineTexts::without);
    json change = json::array();
    for (const auto kind : c.kinds) change.push_back(model::to_string(kind));
    return json{{"id", c.id},
                {"topic", c.topic_id},
                {"prompt", c.prompt},
                {"change", change},
                {"start_days", c.start_days},
                {"finish_days", c.finish_days},
                {"then", task_side(c.then)},
                {"now", task_side(now ? &*now : nullptr)}};
  });
  out << ",\n \"topics\": ";
  write_json_array(out, d.topics, 1, [](const model::TopicSlip& t) {
    return json{{"id", t.topic_id},
                {"title", t.title},
                {"then", optional_date(t.then)},
                {"now", optional_date(t.now)},
                {"days", t.days}};
  });
  out << ",\n \"version\": 1\n}\n";
}

}  // namespace

std::optional<DiffFormat> parse_diff_format(std::string_view text) {
  if (text == "text") return DiffFormat::text;
  if (text == "md" || text == "markdown") return DiffFormat::markdown;
  if (text == "json") return DiffFormat::json;
  return std::nullopt;
}

namespace {

// A change's sides between the baseline's row and the task now.
ChangeSides sides_of(const model::BaselineTask* then, const model::BaselineTask* now,
                     TaskChangeKind kind) {
  const auto span = [](const model::BaselineTask* t) {
    return day_of(t, false) + " to " + day_of(t, true);
  };
  const auto whole = [&](const model::BaselineTask* t) {
    return t ? person_or_nobody(t->assignee) + ", " + span(t) + ", " +
                   util::format_hours(t->estimate_hours) + " h"
             : std::string();
  };
  switch (kind) {
    case TaskChangeKind::added:
      return {"", whole(now)};
    case TaskChangeKind::removed:
      return {whole(then), ""};
    case TaskChangeKind::done:
      return {then ? std::string(model::to_string(then->status)) : "", "done"};
    case TaskChangeKind::reassigned:
      return {then ? person_or_nobody(then->assignee) : "",
              now ? person_or_nobody(now->assignee) : ""};
    case TaskChangeKind::estimate:
      return {then ? util::format_hours(then->estimate_hours) + " h" : "",
              now ? util::format_hours(now->estimate_hours) + " h" : ""};
    case TaskChangeKind::moved:
      break;
  }
  return {span(then), span(now)};
}

}  // namespace

ChangeSides change_sides(const model::TaskChange& c, TaskChangeKind kind) {
  const auto now = c.now(model::BaselineTexts::without);
  return sides_of(c.then, now ? &*now : nullptr, kind);
}

ChangeLine change_line(const model::TaskChange& change) {
  std::vector<std::string> kinds, from, to;
  const auto now = change.now(model::BaselineTexts::without);
  for (const TaskChangeKind kind : change.kinds) {
    kinds.emplace_back(model::to_string(kind));
    ChangeSides sides = sides_of(change.then, now ? &*now : nullptr, kind);
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
