// Commands about people and calendars: team, off, holiday.

#include <algorithm>
#include <iomanip>

#include "planner/cli/command.hpp"
#include "planner/cli/io.hpp"
#include "planner/cli/numbers.hpp"
#include "planner/parse/files.hpp"
#include "planner/parse/team_csv.hpp"
#include "planner/pipeline/stages.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"
#include "planner/util/time_zone.hpp"

namespace rplan::cli {

namespace {

int cmd_team_add(Context& ctx, const po::variables_map& vm) {
  const std::string name(util::trim(*get_string(vm, "NAME")));
  // Check every option before the database is opened (or created).
  std::optional<std::array<bool, 7>> workdays;
  if (const auto w = get_string(vm, "workdays")) {
    workdays = model::parse_workdays(*w);
    if (!workdays)
      throw UsageError("--workdays " + *w + " is not a list of weekdays (mon,tue,...)");
  }
  std::optional<int> day_start;
  if (const auto s = get_string(vm, "day-start")) {
    day_start = util::parse_clock(*s);
    if (!day_start) throw UsageError("--day-start " + *s + " is not a time (HH:MM)");
  }
  std::optional<double> hours_per_day;
  if (const auto h = get_string(vm, "hours-per-day")) {
    hours_per_day =
        checked_number(*h, model::k_hours_per_day, NumberSource::option, "--hours-per-day");
  }
  const auto timezone = get_string(vm, "timezone");
  if (timezone && !util::is_known_time_zone(*timezone)) {
    throw UsageError(
        "--timezone " + *timezone +
        " is not a time zone of the tz database (e.g. Europe/Berlin, America/New_York)");
  }
  auto person = [&](model::Assignee p) {
    p.name = name;
    if (const auto e = get_string(vm, "email")) p.email = *e;
    if (hours_per_day) p.hours_per_day = *hours_per_day;
    if (workdays) p.workdays = *workdays;
    if (day_start) p.day_start = *day_start;
    if (timezone) p.timezone = *timezone;
    if (const auto s = get_string(vm, "skills")) {
      p.skills.clear();
      for (const auto& skill : util::split(*s, ',')) {
        const std::string tag = util::to_lower_ascii(skill);
        if (std::find(p.skills.begin(), p.skills.end(), tag) == p.skills.end()) {
          p.skills.push_back(tag);
        }
      }
    }
    const auto problems = model::validate(p);
    if (!problems.empty()) throw UsageError(p.name + ": " + problems.front());
    return p;
  };
  person(model::Assignee{});  // options that are wrong whatever the person has
  store::Store store(ctx.db_path, store::Access::read_write);
  store.set_now(ctx.now);
  store::Store::Transaction tx(store);
  // Options not given keep the person's current values when they exist.
  const auto team = store.team();
  if (const std::string clash = model::case_clash(team, name); !clash.empty()) {
    throw InputError(clash);
  }
  model::Assignee current;
  for (const auto& existing : team) {
    if (existing.name == name) current = existing;
  }
  const model::Assignee p = person(current);
  const bool added = store.upsert_assignee(p);
  tx.commit();
  ctx.out << (added ? "added " : "updated ") << p.name << "\n";
  return 0;
}

int cmd_team_import(Context& ctx, const po::variables_map& vm) {
  const std::string file = *get_string(vm, "FILE.csv");
  const auto team =
      parse::parse_team_csv(parse::read_text_file(file), file, pipeline::current_team(ctx.db_path));
  store::Store store(ctx.db_path, store::Access::read_write);
  store.set_now(ctx.now);
  store::Store::Transaction tx(store);
  int added = 0;
  for (const auto& p : team) added += store.upsert_assignee(p) ? 1 : 0;
  tx.commit();
  ctx.out << file << ": " << added << " added, " << team.size() - static_cast<std::size_t>(added)
          << " updated\n";
  return 0;
}

int cmd_team_list(Context& ctx, const po::variables_map&) {
  store::Store store(ctx.db_path, store::Access::read_only);
  const auto team = store.team();
  if (team.empty()) {
    ctx.out << "No one in the team yet (rplan team add NAME, or rplan team import FILE.csv).\n";
    return 0;
  }
  for (const auto& p : team) {
    std::vector<std::string> days;
    for (int d = 0; d < 7; ++d) {
      if (p.workdays[static_cast<std::size_t>(d)]) days.emplace_back(util::weekday_name(d));
    }
    ctx.out << p.name << "  " << util::format_hours(p.hours_per_day) << " h/day from "
            << util::format_clock(p.day_start) << " " << p.timezone << ", "
            << util::join(days, ",");
    if (!p.email.empty()) ctx.out << ", " << p.email;
    if (!p.skills.empty()) ctx.out << ", skills: " << util::join(p.skills, ", ");
    ctx.out << "\n";
  }
  return 0;
}

int cmd_team_remove(Context& ctx, const po::variables_map& vm) {
  store::Store store(ctx.db_path, store::Access::update);
  store.set_now(ctx.now);
  store::Store::Transaction tx(store);
  const std::string name = model::require_person(store.team(), *get_string(vm, "NAME")).name;
  store.remove_assignee(name);
  tx.commit();
  ctx.out << "removed " << name << " (their tasks are unpinned; run rplan plan to reschedule)\n";
  return 0;
}

int cmd_off_add(Context& ctx, const po::variables_map& vm) {
  model::TimeOff off;
  off.assignee = *get_string(vm, "NAME");
  if (off.assignee == "add") throw UsageError("off add: missing NAME");
  if (!vm.count("from") || !vm.count("to")) throw UsageError("off: --from and --to are required");
  off.from = get_date(vm, "from");
  off.to = get_date(vm, "to");
  if (off.to < off.from) throw UsageError("off: --to comes before --from");
  off.reason = get_string(vm, "reason").value_or("");
  store::Store store(ctx.db_path, store::Access::update);
  store.set_now(ctx.now);
  store::Store::Transaction tx(store);
  off.assignee = model::require_person(store.team(), off.assignee).name;
  const auto added = store.add_time_off(off);
  tx.commit();
  const model::TimeOff& stored = added.stored;
  ctx.out << stored.assignee << " is off from " << util::format_date(stored.from) << " to "
          << util::format_date(stored.to)
          << (stored.reason.empty() ? "" : " (" + stored.reason + ")") << "\n";
  if (!added.merged.empty()) {
    std::vector<std::string> ranges;
    for (const auto& other : added.merged) {
      ranges.push_back(util::format_date(other.from) + " .. " + util::format_date(other.to));
    }
    ctx.out << "merged with the overlapping time off " << util::join(ranges, ", ") << " into one\n";
  }
  return 0;
}

int cmd_off_list(Context& ctx, const po::variables_map&) {
  store::Store store(ctx.db_path, store::Access::read_only);
  for (const auto& off : store.time_off()) {
    ctx.out << off.assignee << "  " << util::format_date(off.from) << " .. "
            << util::format_date(off.to) << (off.reason.empty() ? "" : "  " + off.reason) << "\n";
  }
  return 0;
}

int cmd_off_remove(Context& ctx, const po::variables_map& vm) {
  if (!vm.count("from")) throw UsageError("off remove: --from is required");
  const auto from = get_date(vm, "from");
  store::Store store(ctx.db_path, store::Access::update);
  store.set_now(ctx.now);
  store::Store::Transaction tx(store);
  const std::string name = model::require_person(store.team(), *get_string(vm, "NAME")).name;
  if (!store.remove_time_off(name, from)) {
    throw InputError(name + " has no time off starting " + util::format_date(from));
  }
  tx.commit();
  ctx.out << "removed " << name << "'s time off from " << util::format_date(from) << "\n";
  return 0;
}

util::Date positional_date(const po::variables_map& vm) {
  const std::string text = *get_string(vm, "DATE");
  const auto date = util::parse_date(text);
  if (!date) throw UsageError("DATE " + text + " is not a date; use YYYY-MM-DD");
  return *date;
}

// "for everyone", "for Ana Souza and Tom Becker".
std::string holiday_people(const model::Holiday& h) {
  if (h.people.empty()) return "for everyone";
  std::vector<model::Assignee> people(h.people.size());
  for (std::size_t i = 0; i < h.people.size(); ++i) people[i].name = h.people[i];
  return "for " + model::describe_team(people);
}

int cmd_holiday_add(Context& ctx, const po::variables_map& vm) {
  model::Holiday h{positional_date(vm), get_string(vm, "name").value_or("")};
  const auto names = get_string(vm, "for");
  if (names && util::split(*names, ',').empty()) throw UsageError("--for names nobody");
  store::Store store(ctx.db_path, store::Access::read_write);
  store.set_now(ctx.now);
  store::Store::Transaction tx(store);
  if (names) {
    const auto team = store.team();
    for (const auto& name : util::split(*names, ',')) {
      h.people.push_back(model::require_person(team, name).name);
    }
    std::sort(h.people.begin(), h.people.end());
    h.people.erase(std::unique(h.people.begin(), h.people.end()), h.people.end());
  }
  const auto before = store.add_holiday(h);
  tx.commit();
  if (h.name.empty() && before) h.name = before->name;
  ctx.out << "holiday " << util::format_date(h.date) << (h.name.empty() ? "" : " " + h.name) << " "
          << holiday_people(h);
  if (before && before->people != h.people)
    ctx.out << " (before: " << holiday_people(*before) << ")";
  ctx.out << "\n";
  return 0;
}

int cmd_holiday_list(Context& ctx, const po::variables_map&) {
  store::Store store(ctx.db_path, store::Access::read_only);
  for (const auto& h : store.holidays()) {
    ctx.out << util::format_date(h.date) << (h.name.empty() ? "" : "  " + h.name) << "  "
            << holiday_people(h) << "\n";
  }
  return 0;
}

int cmd_holiday_remove(Context& ctx, const po::variables_map& vm) {
  const auto date = positional_date(vm);
  store::Store store(ctx.db_path, store::Access::update);
  store.set_now(ctx.now);
  store::Store::Transaction tx(store);
  if (!store.remove_holiday(date)) {
    throw InputError("no holiday on " + util::format_date(date));
  }
  tx.commit();
  ctx.out << "removed the holiday on " << util::format_date(date) << "\n";
  return 0;
}

}  // namespace

void add_team_commands(std::vector<Command>& t) {
  t.push_back(
      {"team add",
       "NAME",
       "add a person, or update the one with that name",
       "",
       [](po::options_description& d) {
         d.add_options()("email", po::value<std::string>(), "email (calendar invitations)")(
             "hours-per-day", po::value<std::string>(), "working hours per day (6)")(
             "workdays", po::value<std::string>(), "working days, e.g. mon,tue,wed,thu (mon-fri)")(
             "day-start", po::value<std::string>(),
             "local start of the working day, HH:MM (09:00)")(
             "timezone", po::value<std::string>(), "IANA time zone, e.g. Europe/Berlin (UTC)")(
             "skills", po::value<std::string>(), "comma-separated tags, e.g. database,security");
       },
       {{"NAME", 1}},
       cmd_team_add});
  t.push_back({"team import",
               "FILE.csv",
               "add or update people from a CSV file",
               "The header names the columns: name (required), email, hours_per_day,\n"
               "workdays, day_start, timezone, skills, in any order. Lists go in a quoted\n"
               "field: \"mon,tue,wed\". Every bad row is reported with its line; nothing is\n"
               "stored unless all rows are good.",
               nullptr,
               {{"FILE.csv", 1}},
               cmd_team_import});
  t.push_back({"team list", "", "list the team", "", nullptr, {}, cmd_team_list});
  t.push_back({"team remove",
               "NAME",
               "remove a person (their tasks are unpinned)",
               "",
               nullptr,
               {{"NAME", 1}},
               cmd_team_remove});
  t.push_back({"off add",
               "NAME --from DATE --to DATE",
               "record time off (also: rplan off NAME ...)",
               "",
               [](po::options_description& d) {
                 d.add_options()("from", po::value<std::string>(), "first day off, YYYY-MM-DD")(
                     "to", po::value<std::string>(), "last day off, YYYY-MM-DD")(
                     "reason", po::value<std::string>(), "a note");
               },
               {{"NAME", 1}},
               cmd_off_add});
  t.push_back({"off list", "", "list time off", "", nullptr, {}, cmd_off_list});
  t.push_back({"off remove",
               "NAME --from DATE",
               "remove time off starting on DATE",
               "",
               [](po::options_description& d) {
                 d.add_options()("from", po::value<std::string>(), "first day of the time off");
               },
               {{"NAME", 1}},
               cmd_off_remove});
  t.push_back({"holiday add",
               "DATE",
               "add a holiday, for everyone or for some people",
               "A holiday is a day off for everyone, or with --for for those people only\n"
               "(an office's or a country's holiday): the scheduler, plan's summary and\n"
               "every export follow it per person. Adding a date again sets its name (kept\n"
               "when --name is not given) and whom it is for (everyone without --for), and\n"
               "says whom it was for before. Names match without regard to case.",
               [](po::options_description& d) {
                 d.add_options()("name", po::value<std::string>(), "what the day is")(
                     "for", po::value<std::string>(),
                     "only these people, comma-separated: \"Ana Souza,Tom Becker\"");
               },
               {{"DATE", 1}},
               cmd_holiday_add});
  t.push_back({"holiday list",
               "",
               "list holidays and whom each is for",
               "",
               nullptr,
               {},
               cmd_holiday_list});
  t.push_back({"holiday remove",
               "DATE",
               "remove a holiday",
               "",
               nullptr,
               {{"DATE", 1}},
               cmd_holiday_remove});
}

}  // namespace rplan::cli
