// Commands about documents and tasks: import, forget, list, show, task.

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include "exporters/csv_export.hpp"
#include "exporters/json_export.hpp"
#include "planner/cli/command.hpp"
#include "planner/cli/explain.hpp"
#include "planner/cli/io.hpp"
#include "planner/cli/numbers.hpp"
#include "planner/cli/tracking.hpp"
#include "planner/model/slack.hpp"
#include "planner/model/topic_index.hpp"
#include "planner/pipeline/stages.hpp"
#include "planner/schedule/scheduler.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"
#include "planner/util/time_zone.hpp"

namespace rplan::cli {

namespace {

int cmd_import(Context& ctx, const po::variables_map& vm) {
  const auto files = get_strings(vm, "FILE");
  const auto reports = pipeline::import_documents(
      ctx.db_path, std::vector<std::filesystem::path>(files.begin(), files.end()),
      ctx.config.estimate, ctx.now, ctx.reporter);
  print_import_reports(reports, ctx.out, ctx.err);
  return 0;
}

int cmd_forget(Context& ctx, const po::variables_map& vm) {
  const std::string name = std::filesystem::path(*get_string(vm, "FILE")).filename().string();
  store::Store store(ctx.db_path, store::Access::update);
  store.set_now(ctx.now);
  store::Store::Transaction tx(store);
  const int hidden = store.forget_document(name);
  tx.commit();
  ctx.out << name << ": archived, " << hidden << " tasks hidden (import it again to restore)\n";
  return 0;
}

// Keeps the tasks (and their topics) that pass list's filters.
void filter(model::Project& p, const po::variables_map& vm, util::Date today) {
  std::optional<std::string> assignee;
  if (const auto given = get_string(vm, "assignee")) {
    std::vector<std::string> planned;  // people who left the team may still hold tasks
    for (const auto& t : p.tasks) planned.push_back(t.assignee);
    assignee = resolve_name(p.team, planned, *given);
  }
  const auto topic = get_string(vm, "topic");
  std::optional<model::TaskStatus> status;
  if (const auto s = get_string(vm, "status")) {
    status = model::parse_task_status(*s);
    if (!status) throw UsageError("--status " + *s + " is not one of open, in-progress, done");
  }
  std::unordered_map<std::string, bool> topic_ok;
  for (const auto& t : p.topics) {
    bool ok = true;
    if (topic) {
      const std::string needle = util::to_lower_ascii(*topic);
      ok = t.id == *topic || (t.number && std::to_string(*t.number) == *topic) ||
           util::to_lower_ascii(t.title).find(needle) != std::string::npos;
    }
    topic_ok[t.id] = ok;
  }
  // --from, --to, --week: tasks planned on a day of the range (their
  // person's local dates); unplanned tasks have no days and drop out.
  std::optional<util::Date> from, to;
  if (vm.count("from")) from = get_date(vm, "from");
  if (vm.count("to")) to = get_date(vm, "to");
  if (vm.count("week")) {
    if (from || to) throw UsageError("--week cannot be used with --from or --to");
    const util::Date monday = today - std::chrono::days{util::weekday_index(today)};
    from = monday;
    to = monday + std::chrono::days{6};
  }
  if (from && to && *to < *from) {
    throw UsageError("--to " + util::format_date(*to) + " is before --from " +
                     util::format_date(*from));
  }
  const bool by_date = from || to;
  std::erase_if(p.tasks, [&](const model::Task& t) {
    if (!topic_ok[t.topic_id]) return true;
    if (status && t.status != *status) return true;
    if (assignee && t.assignee != *assignee && t.pinned_assignee != *assignee) return true;
    if (by_date) {
      if (t.blocks.empty()) return true;
      if (from && t.blocks.back().date < *from) return true;
      if (to && t.blocks.front().date > *to) return true;
    }
    return false;
  });
  if (topic || assignee || status || by_date) {
    std::unordered_map<std::string, bool> used;
    for (const auto& t : p.tasks) used[t.topic_id] = true;
    std::erase_if(p.topics, [&](const model::Topic& t) { return !used[t.id]; });
  }
}

// Pads UTF-8 text with spaces to `width` code points (longer text is kept).
std::string fit(const std::string& text, std::size_t width) {
  const std::size_t len = util::utf8_length(text);
  return len < width ? text + std::string(width - len, ' ') : text;
}

// "+05:30": an offset from UTC in minutes east.
std::string offset_text(int offset_minutes) {
  const int offset = std::abs(offset_minutes);
  char zone[8];
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', offset / 60 % 100,
                offset % 60);
  return zone;
}

// A time list shows: an instant at a UTC offset (minutes east).
struct Moment {
  util::Instant at;
  int offset_minutes = 0;
  util::Date day() const {
    return std::chrono::floor<std::chrono::days>(at + std::chrono::minutes{offset_minutes});
  }
};

// "2026-12-07 09:00 +05:30"; without the year ("12-07 09:00 +05:30") and
// without the offset ("2026-12-07 09:00") when not wanted.
std::string time_at(const Moment& m, bool year, bool zone) {
  const auto local = m.at + std::chrono::minutes{m.offset_minutes};
  const util::Date day = m.day();
  const int minute =
      static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
  const std::string date = util::format_date(day);
  return (year ? date : date.substr(5)) + " " + util::format_clock(minute) +
         (zone ? " " + offset_text(m.offset_minutes) : "");
}

// How list shows times: each person's own (with its offset), or all in one zone.
struct TableTimes {
  std::optional<util::TimeZone> zone;
  Moment block_time(const model::WorkBlock& b, bool end) const {
    const util::Instant at = end ? b.utc_end : b.utc_start;
    return {at, zone ? zone->offset_minutes(at) : b.utc_offset_minutes()};
  }
};

// The columns of list's table, in their order; the prompt follows them.
enum Column : std::size_t {
  c_id,
  c_topic,
  c_kind,
  c_hours,
  c_left,
  c_status,
  c_assignee,
  c_pin,
  c_start,
  c_finish,
  k_columns
};
using Cells = std::array<std::string, k_columns>;

// The fewest code points of the prompt list narrows the table for.
constexpr std::size_t k_least_prompt = 20;

// The table of `list`: one line per task. START and FINISH carry their UTC
// offset (each person's local time, or every time in --tz ZONE); PIN says
// whether the task is pinned to its ASSIGNEE (an unplanned pinned task shows
// the person it is pinned to). On a terminal, unless `wide`, no line is wider
// than the terminal (terminal_width): when the whole table leaves the prompt
// fewer than k_least_prompt code points, it narrows step by step, in this
// order, until it does not: PIN goes when no task shown is pinned; START and
// FINISH lose the year (when every time shown is in one year) and the offset
// (when all share one, which the START header then shows); then TOPIC, HOURS,
// LEFT, KIND, PIN, FINISH and STATUS are hidden, one by one. ID, ASSIGNEE,
// START and the prompt stay; the prompt, and as a last resort the whole line,
// is cut to the width with "…".
void print_table(const model::Project& p, const Context& ctx, const TableTimes& times, bool wide) {
  const double minimum = p.plan.minimum_remaining_hours;  // cmd_list sets it
  const model::TopicIndex topics(p.topics);
  std::size_t assignee_width = 8;
  for (const auto& t : p.tasks) {
    assignee_width = std::max(assignee_width, util::utf8_length(t.assignee));
    assignee_width = std::max(assignee_width, util::utf8_length(t.pinned_assignee));
  }
  constexpr std::size_t k_time = 24;  // "2026-12-07 09:00 +05:30" and a space
  std::array<std::size_t, k_columns> width = {8, 6,      14,    6, 6, 12, assignee_width + 2,
                                              5, k_time, k_time};  // each with its gap; 0: hidden
  Cells header = {"ID",     "TOPIC",    "KIND", "HOURS", "LEFT",
                  "STATUS", "ASSIGNEE", "PIN",  "START", "FINISH"};
  std::vector<Cells> rows;
  std::vector<std::optional<Moment>> starts, finishes;
  bool pinned = false;
  for (const auto& t : p.tasks) {
    const model::Topic* of = topics.topic_of(t);
    const std::string& planned_to = model::plan_person(t);
    Cells row;
    row[c_id] = t.id;
    row[c_topic] = of && of->number ? std::to_string(*of->number) : (of ? of->id : "");
    row[c_kind] = std::string(model::to_string(t.kind));
    row[c_hours] = util::format_hours(t.estimate.hours);
    row[c_left] = util::format_hours(model::remaining_hours(t, minimum));
    row[c_status] = std::string(model::to_string(t.status));
    row[c_assignee] = !planned_to.empty()         ? planned_to
                      : t.pinned_assignee.empty() ? "-"
                                                  : t.pinned_assignee;
    row[c_pin] = t.pinned_assignee.empty() ? "-" : "yes";
    pinned = pinned || !t.pinned_assignee.empty();
    starts.push_back(t.blocks.empty() ? std::nullopt
                                      : std::optional(times.block_time(t.blocks.front(), false)));
    finishes.push_back(t.blocks.empty() ? std::nullopt
                                        : std::optional(times.block_time(t.blocks.back(), true)));
    rows.push_back(std::move(row));
  }
  const auto show_times = [&](bool year, bool zone) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      rows[i][c_start] = starts[i] ? time_at(*starts[i], year, zone) : "-";
      rows[i][c_finish] = finishes[i] ? time_at(*finishes[i], year, zone) : "-";
    }
  };
  show_times(true, true);

  const bool fit_terminal = ctx.terminal && !wide;
  const std::size_t columns = terminal_width(ctx.out, 100);
  const auto fits = [&] {
    std::size_t used = 0;
    for (const std::size_t w : width) used += w;
    return used + k_least_prompt <= columns;
  };
  if (fit_terminal && !fits()) {
    if (!pinned) width[c_pin] = 0;
  }
  if (fit_terminal && !fits()) {  // shorter times: the year and offset only when they vary
    std::optional<int> year, offset;
    bool years = false, offsets = false;
    for (const auto* all : {&starts, &finishes}) {
      for (const auto& m : *all) {
        if (!m) continue;
        const int y = static_cast<int>(std::chrono::year_month_day(m->day()).year());
        years = years || (year && *year != y);
        offsets = offsets || (offset && *offset != m->offset_minutes);
        year = y;
        offset = m->offset_minutes;
      }
    }
    show_times(years, offsets);
    if (!offsets && offset) header[c_start] += " " + offset_text(*offset);
    for (const Column c : {c_start, c_finish}) {
      std::size_t longest = util::utf8_length(header[c]);
      for (const auto& row : rows) longest = std::max(longest, util::utf8_length(row[c]));
      width[c] = longest + 1;
    }
  }
  for (const Column c : {c_topic, c_hours, c_left, c_kind, c_pin, c_finish, c_status}) {
    if (!fit_terminal || fits()) break;
    width[c] = 0;
  }

  const auto print_line = [&](const Cells& cells, const std::string& prompt) {
    std::string line;
    for (std::size_t c = 0; c < k_columns; ++c) {
      if (width[c] > 0) line += fit(cells[c], width[c]);
    }
    line += prompt;
    ctx.out << (fit_terminal ? shorten(line, columns) : line) << "\n";
  };
  print_line(header, "PROMPT");
  for (std::size_t i = 0; i < rows.size(); ++i) print_line(rows[i], p.tasks[i].prompt);
  double hours = 0, left = 0;
  for (const auto& t : p.tasks) {
    hours += t.estimate.hours;
    left += model::remaining_hours(t, minimum);
  }
  std::ostringstream summary;
  summary << p.tasks.size() << (p.tasks.size() == 1 ? " task in " : " tasks in ") << p.topics.size()
          << (p.topics.size() == 1 ? " topic, " : " topics, ") << util::format_hours(hours)
          << " h, " << util::format_hours(left) << " h left";
  ctx.out << (fit_terminal ? shorten(summary.str(), columns) : summary.str()) << "\n";
}

int cmd_list(Context& ctx, const po::variables_map& vm) {
  const std::string format = get_string(vm, "format").value_or("table");
  if (format != "table" && format != "csv" && format != "json") {
    throw UsageError("--format " + format + " is not one of table, csv, json");
  }
  store::Store store(ctx.db_path, store::Access::read_only);
  ctx.reporter.stage("loading the project");
  model::Project project = store.load_project();
  warn_if_stale(project.plan, ctx);
  project.plan.minimum_remaining_hours = minimum_remaining_hours(project.plan, ctx);
  ctx.reporter.stage("filtering and printing the tasks");
  // Slack is the whole plan's: worked out before the filters drop tasks.
  std::unordered_map<std::string, model::TaskSlack> slack_of;
  {
    const std::vector<model::TaskSlack> all = model::plan_slack(project);
    for (std::size_t i = 0; i < all.size(); ++i) slack_of[project.tasks[i].id] = all[i];
  }
  filter(project, vm, ctx.today);
  if (vm.count("critical")) {
    std::erase_if(project.tasks, [&](const model::Task& t) { return !slack_of[t.id].critical(); });
  }
  if (format == "json") {
    std::vector<model::TaskSlack> slack;
    for (const model::Task& t : project.tasks) slack.push_back(slack_of[t.id]);
    exporters::write_json(project, exporters::JsonDocument::listing, ctx.out, nullptr, &slack);
  } else if (format == "csv") {
    exporters::write_tasks_csv(project, ctx.out);
  } else {
    TableTimes times;
    if (vm.count("tz")) {
      std::string zone = *get_string(vm, "tz");
      if (zone == "local") zone = system_time_zone();
      if (!util::is_known_time_zone(zone)) {
        throw UsageError("--tz " + zone + " is not a time zone of the tz database (e.g. " +
                         "Europe/Berlin, UTC, or local for this machine's)");
      }
      times.zone.emplace(zone);
    }
    print_table(project, ctx, times, vm.count("wide") > 0);
  }
  ctx.reporter.stage_done();
  return 0;
}

void print_row(std::ostream& out, const std::string& label, const std::string& value) {
  if (value.empty()) return;
  out << std::left << std::setw(12) << (label + ":") << value << "\n";
}

// show's Critical and Slack rows: the stored plan's (model::plan_slack), in
// the working hours of the task's person; nothing for a task with no
// planned work to move.
void print_slack(const store::Store& store, const model::Task& task, std::ostream& out) {
  const model::Project project = store.load_project();
  const std::vector<model::TaskSlack> slack = model::plan_slack(project);
  for (std::size_t i = 0; i < project.tasks.size(); ++i) {
    if (project.tasks[i].id != task.id || !slack[i].minutes) continue;
    print_row(out, "Critical",
              slack[i].critical()
                  ? "yes: on the chain of tasks that ends the plan (rplan list --critical)"
                  : "no");
    print_row(out, "Slack",
              slack[i].critical()
                  ? "none: a delay of one working minute moves the plan's finish"
                  : util::format_hours(slack[i].hours()) + " h of " + task.assignee +
                        "'s working time: it could finish that much later, everyone keeping "
                        "their tasks and order, without moving the plan's finish");
  }
}

int cmd_show(Context& ctx, const po::variables_map& vm) {
  store::Store store(ctx.db_path, store::Access::read_only);
  ctx.reporter.stage("finding the task");
  const std::string id = store.resolve_task_id(*get_string(vm, "ID"));
  const auto found = store.find_task(id);
  if (!found) throw InputError("no task has the id \"" + id + "\" (see rplan list)");
  warn_if_stale(found->plan, ctx);
  const model::Task& t = found->task;
  const model::Topic& topic = found->topic;
  auto& out = ctx.out;
  out << "Task " << t.id << "\n";
  print_row(out, "Topic",
            (topic.number ? std::to_string(*topic.number) + ". " : "") + topic.title + "  (" +
                topic.id + ", " + topic.document + ")");
  print_row(out, "Focus", topic.focus);
  print_row(out, "Prompt", t.prompt);
  print_row(out, "Position", std::to_string(t.position));
  print_row(out, "Kind", std::string(model::to_string(t.kind)));
  const model::ThreePoint three = model::three_point(t);
  std::string estimate = util::format_hours(t.estimate.hours) + " h";
  estimate += t.estimate.manual
                  ? " (set by hand; optimistic " + util::format_hours(three.optimistic) +
                        " h, pessimistic " + util::format_hours(three.pessimistic) +
                        " h; the model says " + util::format_hours(t.estimate.likely) + " h)"
                  : " (model; optimistic " + util::format_hours(three.optimistic) +
                        " h, pessimistic " + util::format_hours(three.pessimistic) + " h)";
  print_row(out, "Estimate", estimate);
  print_row(out, "Status", std::string(model::to_string(t.status)));
  print_tracking(*found, store.team(), ctx);
  print_row(out, "Pinned to", t.pinned_assignee);
  print_row(out, "After", util::join(t.after, ", "));
  if (t.planned()) {
    print_row(out, "Depends on", util::join(t.depends_on, ", "));
    print_row(out, "Assignee", t.assignee);
    if (t.status != model::TaskStatus::done) print_slack(store, t, out);
    print_row(out, "Start",
              local_time(t.blocks.front(), false) + " (" +
                  util::format_rfc3339(*t.start, t.blocks.front().utc_offset_minutes()) + ")");
    if (t.status == model::TaskStatus::done && t.done_at) {  // finished when it was done
      print_row(out, "Finish",
                util::format_rfc3339(*t.done_at, t.blocks.back().utc_offset_minutes()) + " (done)");
    } else {
      print_row(out, "Finish",
                local_time(t.blocks.back(), true) + " (" +
                    util::format_rfc3339(*t.finish, t.blocks.back().utc_offset_minutes()) + ")");
    }
    out << "Work blocks:\n";
    for (const auto& b : t.blocks) {
      out << "  " << local_time(b, false) << " - " << util::format_clock(b.start_minute + b.minutes)
          << "  " << util::format_hours(b.hours()) << " h";
      if (b.history) out << "  (history" << (b.assignee.empty() ? "" : ", " + b.assignee) << ")";
      out << "\n";
    }
  } else if (t.status == model::TaskStatus::done && !t.assignee.empty()) {
    print_row(out, "Assignee", t.assignee);
    print_row(out, "Plan", "done before any of its planned work");
  } else if (t.status == model::TaskStatus::done) {
    print_row(out, "Plan", "done; not scheduled");
  } else if (found->unassigned) {
    print_row(out, "Plan",
              "nobody could take it in the last plan: " +
                  (t.pinned_assignee.empty()
                       ? std::string("it waits for a task nobody could take")
                       : "pinned to " + t.pinned_assignee +
                             ", who has no working time for it (or it waits for such a task)"));
  } else {
    print_row(out, "Plan", "not scheduled yet (run rplan plan)");
  }
  ctx.reporter.stage_done();
  return 0;
}

int cmd_task(Context& ctx, const po::variables_map& vm) {
  const auto estimate = get_string(vm, "estimate");
  const auto assignee = get_string(vm, "assignee");
  const TrackingOptions tracking = tracking_options(vm);
  const bool unpin = vm.count("unpin") > 0;
  const bool clear_estimate = vm.count("clear-estimate") > 0;
  if (assignee && unpin) throw UsageError("--assignee and --unpin cannot be used together");
  if (estimate && clear_estimate) {
    throw UsageError("--estimate and --clear-estimate cannot be used together");
  }
  std::optional<double> hours, optimistic, pessimistic;
  if (estimate) {
    // "6" or "4-6-12" (optimistic-likely-pessimistic).
    const auto parts = util::split(*estimate, '-', util::EmptyParts::keep);
    if (parts.size() == 3) {
      optimistic = checked_number(parts[0], k_estimate_hours, NumberSource::option, "--estimate");
      hours = checked_number(parts[1], k_estimate_hours, NumberSource::option, "--estimate");
      pessimistic = checked_number(parts[2], k_estimate_hours, NumberSource::option, "--estimate");
      if (!(*optimistic <= *hours && *hours <= *pessimistic)) {
        throw UsageError("--estimate " + *estimate +
                         ": the three figures must be optimistic <= likely <= pessimistic");
      }
    } else {
      hours = checked_number(*estimate, k_estimate_hours, NumberSource::option, "--estimate");
    }
  }
  store::Store store(ctx.db_path, store::Access::update);
  store.set_now(ctx.now);
  store::Store::Transaction tx(store);
  ctx.reporter.stage("recording the changes");
  // Every id given may be a unique beginning of one (Store::resolve_task_id).
  const std::string id = store.resolve_task_id(*get_string(vm, "ID"));
  std::vector<std::string> after, not_after;
  for (const auto& other : get_strings(vm, "after")) after.push_back(store.resolve_task_id(other));
  for (const auto& other : get_strings(vm, "not-after")) {
    not_after.push_back(store.resolve_task_id(other));
  }
  auto found = store.find_task(id);
  if (!found) throw InputError("no task has the id \"" + id + "\" (see rplan list)");
  std::vector<std::string> changes;
  if (hours) {
    store.set_manual_estimate(id, hours, optimistic, pessimistic);
    changes.push_back("estimate " +
                      (optimistic
                           ? util::format_hours(*optimistic) + "-" + util::format_hours(*hours) +
                                 "-" + util::format_hours(*pessimistic)
                           : util::format_hours(*hours)) +
                      " h");
  }
  if (clear_estimate) {
    store.set_manual_estimate(id, std::nullopt);
    changes.push_back("estimate from the model again");
  }
  if (assignee) {
    const std::string name = model::require_person(store.team(), *assignee).name;
    store.set_pin(id, name);
    changes.push_back("pinned to " + name);
    found->task.pinned_assignee = name;
  }
  if (unpin) {
    store.set_pin(id, "");
    changes.push_back("unpinned");
    found->task.pinned_assignee.clear();
  }
  for (auto& change : record_tracking(store, ctx, found->task, tracking)) {
    changes.push_back(std::move(change));
  }
  for (const auto& other : after) {
    store.add_after(id, other);
    changes.push_back("after " + other);
  }
  for (const auto& other : not_after) {
    if (!store.remove_after(id, other)) {
      throw InputError("task " + id + " was not set to come after " + other);
    }
    changes.push_back("no longer after " + other);
  }
  if (!after.empty()) {
    const auto cycle = schedule::find_cycle(store.load_project(), ctx.config.documenting);
    if (!cycle.empty()) {
      throw InputError("--after would make a dependency cycle: " + util::join(cycle, " -> "));
    }
  }
  if (changes.empty()) {
    throw UsageError("task " + id + ": nothing to change; see rplan task --help");
  }
  ctx.reporter.stage("committing");
  tx.commit();
  ctx.reporter.stage_done();
  ctx.out << id << ": " << util::join(changes, "; ") << "\n";
  if (hours || clear_estimate || assignee || unpin || !after.empty() || !not_after.empty() ||
      tracking.any()) {
    ctx.out << "Run rplan plan to reschedule.\n";
  }
  return 0;
}

}  // namespace

void add_document_commands(std::vector<Command>& t) {
  t.push_back({"import",
               "FILE...",
               "import topic documents (re-importing updates, never duplicates)",
               "Each FILE is a Markdown topic document (docs/topic-format.md). A document is\n"
               "known by its file name: importing it again keeps task ids, statuses and\n"
               "manual changes, and reports added / updated / unchanged / removed tasks.\n"
               "Problems are printed as FILE:LINE: error: ..., all of them, and nothing is\n"
               "stored (exit 65).",
               nullptr,
               {{"FILE", -1}},
               cmd_import});
  t.push_back({"forget",
               "FILE",
               "archive a document's topics (importing it again restores them)",
               "",
               nullptr,
               {{"FILE", 1}},
               cmd_forget});
  t.push_back(
      {"list",
       "",
       "list tasks (table, csv or json)",
       "START and FINISH are each person's local time with its offset from UTC (+05:30),\n"
       "or with --tz every time in one zone. PIN says whether the task is pinned to its\n"
       "assignee (rplan task ID --assignee NAME); an unplanned pinned task shows that\n"
       "person.\n"
       "On a terminal no line is wider than the terminal (--wide: the whole table and\n"
       "text; a pipe, csv and json always have it). When the whole table would leave\n"
       "the prompt fewer than 20 characters, it narrows step by step until it does not:\n"
       "PIN goes when no task shown is pinned; START and FINISH lose the year (when all\n"
       "times shown are in one year) and the offset (when all share one: the START\n"
       "header shows it); then TOPIC, HOURS, LEFT, KIND, PIN, FINISH and STATUS are\n"
       "hidden in this order. ID, ASSIGNEE, START and the prompt stay; the prompt (as\n"
       "a last resort the whole line) is cut to the width with \"\u2026\".\n"
       "The table's LEFT column is the hours still to do: the remaining hours given\n"
       "with rplan task ID --remaining, else the estimate less the hours spent (a task\n"
       "not done whose hours reached its estimate: tracking.minimum_remaining_hours).\n"
       "When something that would alter the plan changed since it was made, one\n"
       "warning line on standard error says what (list, show and export alike).",
       [](po::options_description& d) {
         d.add_options()("assignee", po::value<std::string>(), "only tasks of this person")(
             "topic", po::value<std::string>(), "only this topic: id, number or part of the title")(
             "status", po::value<std::string>(), "only open, in-progress or done tasks")(
             "from", po::value<std::string>(), "only tasks planned on or after this date")(
             "to", po::value<std::string>(), "only tasks planned on or before this date")(
             "week", "only tasks planned this week (Monday to Sunday)")(
             "tz", po::value<std::string>()->implicit_value("local"),
             "times in this zone (local: this machine's) instead of each person's")(
             "wide", "the whole table and prompt, however wide the terminal")(
             "critical",
             "only the tasks on the critical chain: no slack, a delay moves the plan's finish")(
             "format", po::value<std::string>()->default_value("table"), "table, csv or json");
       },
       {},
       cmd_list});
  t.push_back({"show",
               "ID",
               "show one task, everything about it",
               "Its topic, prompt, estimate, status and plan; the hours spent and what remains,\n"
               "who started it, when and by whom it was finished, its work entries and every\n"
               "status change with its time. Critical and Slack: whether it is on the plan's\n"
               "critical chain, and how many of its person's working hours it could finish\n"
               "later without moving the plan's finish (docs/scheduling.md).",
               nullptr,
               {{"ID", 1}},
               cmd_show});
  t.push_back(
      {"task",
       "ID",
       "change a task: estimate, assignee, status, dependencies, work done",
       "Changes survive re-import and re-planning. --after and --not-after may be\n"
       "given several times; a change that would make a dependency cycle is refused.\n"
       "\n"
       "Recording work: --spent HOURS records hours worked on the task (today in the\n"
       "person's time zone, or --on DATE; several entries add up) by --by NAME, else\n"
       "the task's assignee, else the person it is pinned to. An open task becomes\n"
       "in progress, and an explicit remaining goes down by the hours (unless\n"
       "--remaining is given too). --remaining HOURS says how much is left (0: nothing\n"
       "left, but not done); the task becomes in progress. --status done records when\n"
       "it was finished (now, or the end of the person's working day --on DATE) and\n"
       "by whom. Every status change is kept with its time (see rplan show); every\n"
       "change marks the plan out of date until rplan plan runs again.",
       [](po::options_description& d) {
         d.add_options()("estimate", po::value<std::string>(),
                         "set the estimate in hours: H, or O-L-P (optimistic, likely, "
                         "pessimistic)")("clear-estimate", "use the model's estimate again")(
             "assignee", po::value<std::string>(), "pin the task to this person")(
             "unpin", "let the scheduler choose the person again")(
             "status", po::value<std::string>(), "open, in-progress or done (see --on)")(
             "after", po::value<std::vector<std::string>>(),
             "start only after task OTHER finishes")(
             "not-after", po::value<std::vector<std::string>>(), "remove such a dependency");
         add_tracking_options(d);
       },
       {{"ID", 1}},
       cmd_task});
}

}  // namespace rplan::cli
