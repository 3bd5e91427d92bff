#include "planner/cli/tracking.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <iomanip>

#include "planner/cli/numbers.hpp"
#include "planner/model/working_time.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"
#include "planner/util/time_zone.hpp"

namespace rplan::cli {

namespace {

// A number of hours from an option, through the one check of numbers
// (UsageError naming the option unless it is finite and inside `range`).
double parse_hours(const po::variables_map& vm, const std::string& option,
                   const util::NumberRange& range) {
  return checked_number(*get_string(vm, option), range, NumberSource::option, "--" + option);
}

// "2026-03-02 15:00" at `offset_minutes` from UTC.
std::string clock_at(util::Instant t, int offset_minutes) {
  const util::Instant local = t + std::chrono::minutes{offset_minutes};
  const util::Date day = std::chrono::floor<std::chrono::days>(local);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
  return util::format_date(day) + " " + util::format_clock(static_cast<int>(minutes));
}

// The person a stored name (done_by, a status change's by) names, or
// nullptr for someone who left the team.
const model::Assignee* find_person(const std::vector<model::Assignee>& team,
                                   const std::string& name) {
  for (const auto& p : team) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

// "2026-03-02 15:00 Europe/Berlin" in the person's zone, or "... UTC".
std::string person_time(util::Instant t, const model::Assignee* person) {
  if (person == nullptr) return clock_at(t, 0) + " UTC";
  const util::TimeZone zone(person->timezone);
  return clock_at(t, zone.offset_minutes(t)) + " " + person->timezone;
}

util::Date local_today(const model::Assignee& person, util::Instant now) {
  const util::TimeZone zone(person.timezone);
  return std::chrono::floor<std::chrono::days>(now +
                                               std::chrono::minutes{zone.offset_minutes(now)});
}

// The end of the person's working window on local date `day` (a working
// day of theirs or not), as the work calendars have it.
util::Instant end_of_working_day(const model::Assignee& person, util::Date day) {
  const auto window = model::WorkingTime(person, std::vector<util::Date>{}, {}).window();
  return util::TimeZone(person.timezone).to_utc(day, window.start_minute + window.minutes);
}

void print_row(std::ostream& out, const std::string& label, const std::string& value) {
  out << std::left << std::setw(12) << (label + ":") << value << "\n";
}

}  // namespace

void add_tracking_options(po::options_description& d) {
  d.add_options()("spent", po::value<std::string>(),
                  "record HOURS of work (default today, by the task's assignee)")(
      "remaining", po::value<std::string>(), "HOURS left (0 allowed); the task is in progress")(
      "on", po::value<std::string>(), "the date of --spent or --status done, YYYY-MM-DD")(
      "by", po::value<std::string>(), "the person who did it (default: assignee, else pin)");
}

TrackingOptions tracking_options(const po::variables_map& vm) {
  TrackingOptions o;
  if (vm.count("spent")) {
    // One day's work at most: each day is recorded on its own (--on).
    o.spent = parse_hours(vm, "spent", k_spent_hours);
  }
  if (vm.count("remaining")) {
    o.remaining = parse_hours(vm, "remaining", k_remaining_hours);
  }
  if (const auto s = get_string(vm, "status")) {
    o.status = model::parse_task_status(*s);
    if (!o.status) throw UsageError("--status " + *s + " is not one of open, in-progress, done");
  }
  if (vm.count("on")) {
    o.on = get_date(vm, "on");
    if (!o.spent && o.status != model::TaskStatus::done) {
      throw UsageError("--on applies to --spent and --status done");
    }
  }
  if (const auto by = get_string(vm, "by")) {
    o.by = std::string(util::trim(*by));
    if (o.by->empty()) throw UsageError("--by needs a name");
    if (!o.any()) throw UsageError("--by applies to --spent, --remaining and --status");
  }
  if (o.remaining && o.status && *o.status != model::TaskStatus::in_progress) {
    throw UsageError("--remaining makes the task in progress; it cannot go with --status " +
                     std::string(model::to_string(*o.status)));
  }
  return o;
}

std::vector<std::string> record_tracking(store::Store& store, const Context& ctx,
                                         const model::Task& task, const TrackingOptions& o) {
  std::vector<std::string> changes;
  if (!o.any()) return changes;
  const auto team = store.team();
  // --by names a person as every name option does (model::find_person).
  const model::Assignee* person =
      o.by ? &model::require_person(team, *o.by) : find_person(team, model::credited_person(task));
  const std::string name = person != nullptr ? person->name : model::credited_person(task);
  const bool needs_zone = o.spent || o.on;
  if (needs_zone && name.empty()) {
    throw UsageError("task " + task.id + " has no assignee or pin to credit " +
                     (o.spent ? "the hours" : "the date") + " to; name the person with --by NAME");
  }
  if (person == nullptr && needs_zone) {
    throw InputError("nobody named \"" + name +
                     "\" is in the team; name the person who did the work with --by NAME");
  }
  std::optional<util::Date> today;
  if (person != nullptr) today = local_today(*person, ctx.now);
  if (o.on && *o.on > *today) {
    throw UsageError("--on " + util::format_date(*o.on) + " is after today (" +
                     util::format_date(*today) + " for " + name + ")");
  }
  if (o.spent) {
    const model::WorkEntry entry{task.id, name, o.on.value_or(*today), *o.spent, ctx.now};
    store.record_work(entry);
    changes.push_back("spent " + util::format_hours(*o.spent) + " h on " +
                      util::format_date(entry.date) + " by " + name + " (" +
                      util::format_hours(task.spent_hours + *o.spent) + " h in all)");
  }
  if (o.remaining) {
    store.set_remaining(task.id, *o.remaining, ctx.now, name);
    changes.push_back("remaining " + util::format_hours(*o.remaining) + " h");
  }
  if (o.status == model::TaskStatus::done) {
    util::Instant at = ctx.now;
    if (o.on) at = std::min(end_of_working_day(*person, *o.on), ctx.now);
    if (task.status == model::TaskStatus::done && !o.on) {
      changes.push_back("already done");
    } else {
      store.set_status(task.id, model::TaskStatus::done, at, name);
      changes.push_back("status done at " + person_time(at, person) +
                        (name.empty() ? "" : " by " + name));
    }
  } else if (o.status) {
    store.set_status(task.id, *o.status, ctx.now, name);
    changes.push_back("status " + std::string(model::to_string(*o.status)));
  }
  return changes;
}

void print_tracking(const store::TaskDetails& details, const std::vector<model::Assignee>& team,
                    const Context& ctx) {
  const model::Task& t = details.task;
  auto& out = ctx.out;
  if (!t.started_by.empty()) print_row(out, "Started by", t.started_by);
  if (t.done_at) {
    print_row(out, "Done",
              person_time(*t.done_at, find_person(team, t.done_by)) +
                  (t.done_by.empty() ? "" : " by " + t.done_by));
  }
  print_row(out, "Spent",
            util::format_hours(t.spent_hours) + " h" +
                (details.work.empty() ? ""
                                      : " in " + std::to_string(details.work.size()) +
                                            (details.work.size() == 1 ? " entry" : " entries")));
  const double minimum = minimum_remaining_hours(details.plan, ctx);
  const double left = model::remaining_hours(t, minimum);
  std::string why;
  if (t.status == model::TaskStatus::done) {
    why = "done";
  } else if (t.remaining_hours) {
    why = "set with --remaining";
  } else if (t.estimate.hours - t.spent_hours > 0) {
    why = t.spent_hours > 0 ? "the estimate less the hours spent" : "the estimate";
  } else {
    why = "the minimum: the hours spent reached the estimate";
  }
  print_row(out, "Remaining", util::format_hours(left) + " h (" + why + ")");
  if (!details.work.empty()) {
    out << "Work log:\n";
    for (const auto& e : details.work) {
      out << "  " << util::format_date(e.date) << "  " << e.assignee << "  "
          << util::format_hours(e.hours) << " h\n";
    }
  }
  if (!details.history.empty()) {
    out << "Status history:\n";
    for (const auto& c : details.history) {
      out << "  " << person_time(c.at, find_person(team, c.by)) << "  "
          << model::to_string(c.status) << (c.by.empty() ? "" : "  " + c.by) << "\n";
    }
  }
}

std::string machine_local_time(util::Instant t) {
  const std::time_t seconds = static_cast<std::time_t>(t.time_since_epoch().count());
  std::tm tm{};
  localtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &tm);
  return text;
}

double minimum_remaining_hours(const model::PlanInfo& plan, const Context& ctx) {
  return plan.exists ? plan.minimum_remaining_hours : ctx.config.minimum_remaining_hours;
}

void warn_if_stale(const model::PlanInfo& plan, const Context& ctx) {
  if (!plan.exists || plan.stale_reasons.empty()) return;
  ctx.reporter.message("rplan: warning: the plan is out of date (since " +
                       machine_local_time(plan.now) + "): " + util::join(plan.stale_reasons, "; ") +
                       "; run rplan plan\n");
}

}  // namespace rplan::cli
