// rplan-tjp: the workload of an rplan database as a TaskJuggler project, for
// the peer comparison in scripts/bench, and the plan's lower bound.
//
//   rplan-tjp --db DB --start YYYY-MM-DD --out FILE.tjp
//
// Prints the lower bound on stdout (YYYY-MM-DD): the first local date by
// which the team's working time from the start covers all the open work and
// one person's covers the longest chain of dependencies. No plan, rplan's or
// TaskJuggler's, can finish earlier.
//
// Every open task becomes a TaskJuggler task (under one task per topic) with
// its estimate as effort, the dependencies rplan's scheduler uses
// (schedule::dependencies: documentation after its topic's other tasks, plus
// explicit ones), and an allocation of the whole team as alternatives picked
// by load (`select minloaded`), the closest TaskJuggler has to rplan's
// balanced assignment. Working time is 8-hour days, Monday to Friday, from
// 09:00 UTC; global holidays are leaves. Per-person hours, workdays, time
// zones and skills are not modelled: compare with rplan on a team that has
// exactly this working time (rplan-generate --equal-team). One CSV report,
// tj-end.csv, lists each topic's end.

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "planner/model/working_time.hpp"
#include "planner/schedule/scheduler.hpp"
#include "planner/store/store.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/text.hpp"

namespace {

using namespace rplan;

std::string tj_string(std::string_view text) {
  std::string s = "\"";
  for (const char c : text.substr(0, 80)) {
    if (c == '"' || c == '\\') s += '\\';
    s += c == '\n' ? ' ' : c;
  }
  return s + "\"";
}

void write_tjp(const model::Project& p, model::Date start, std::ostream& out) {
  double hours = 0;
  for (const auto& t : p.tasks) hours += t.estimate.hours;
  // Long enough for the plan: twice the hours over the team's 8-hour weekdays.
  const double team_days = hours / (8.0 * static_cast<double>(p.team.size()));
  const int months = static_cast<int>(std::ceil(team_days / 21.0 * 2)) + 2;
  out << "project rplan \"rplan benchmark\" " << util::format_date(start) << " +" << months
      << "m {\n  timezone \"UTC\"\n  dailyworkinghours 8\n"
      << "  workinghours mon - fri 9:00 - 17:00\n  workinghours sat, sun off\n}\n\n";
  for (const auto& h : p.holidays) {
    out << "leaves holiday " << tj_string(h.name) << " " << util::format_date(h.date) << "\n";
  }
  out << "\nresource team \"Team\" {\n";
  for (std::size_t i = 0; i < p.team.size(); ++i) {
    out << "  resource r" << i << " " << tj_string(p.team[i].name) << "\n";
  }
  out << "}\n\n";
  std::string alternatives;
  for (std::size_t i = 1; i < p.team.size(); ++i) {
    alternatives += (i > 1 ? ", r" : "r") + std::to_string(i);
  }
  std::unordered_map<std::string, std::size_t> topic_of;
  for (std::size_t i = 0; i < p.topics.size(); ++i) topic_of.emplace(p.topics[i].id, i);
  const auto deps = schedule::dependencies(p, schedule::DocumentingOrder::after_topic);
  std::vector<std::size_t> task_topic(p.tasks.size());
  for (std::size_t k = 0; k < p.tasks.size(); ++k) task_topic[k] = topic_of.at(p.tasks[k].topic_id);
  std::size_t k = 0;
  while (k < p.tasks.size()) {
    const std::size_t topic = task_topic[k];
    out << "task g" << topic << " " << tj_string(p.topics[topic].title) << " {\n";
    for (; k < p.tasks.size() && task_topic[k] == topic; ++k) {
      const model::Task& t = p.tasks[k];
      out << "  task t" << k << " " << tj_string(t.prompt) << " {\n    effort "
          << util::format_hours(t.estimate.hours) << "h\n    allocate r0";
      if (!alternatives.empty()) out << " { alternative " << alternatives << " select minloaded }";
      out << "\n";
      for (const std::size_t d : deps[k]) {
        out << "    depends g" << task_topic[d] << ".t" << d << "\n";
      }
      out << "  }\n";
    }
    out << "}\n";
  }
  // The only output: each topic's end, from which scripts/bench takes the plan's finish.
  out << "\ntaskreport tj_end \"tj-end\" {\n  formats csv\n  columns end\n"
         "  hidetask treelevel() > 1\n}\n";
}

// The first date from `start` by which the team's working time covers all the
// open work (whole minutes, as the scheduler counts it) and the person with the
// most working time could have done the longest chain of dependencies alone.
model::Date lower_bound(const model::Project& p, model::Date start) {
  const auto deps = schedule::dependencies(p, schedule::DocumentingOrder::after_topic);
  std::vector<std::int64_t> minutes(p.tasks.size()), chain(p.tasks.size(), -1);
  std::int64_t work = 0;
  for (std::size_t i = 0; i < p.tasks.size(); ++i) {
    minutes[i] = std::llround(model::remaining_hours(p.tasks[i], 1) * 60);
    work += minutes[i];
  }
  // Longest chain ending at each task (the graph is acyclic: rplan planned it).
  std::function<std::int64_t(std::size_t)> longest = [&](std::size_t i) {
    if (chain[i] < 0) {
      std::int64_t before = 0;
      for (const std::size_t d : deps[i]) before = std::max(before, longest(d));
      chain[i] = before + minutes[i];
    }
    return chain[i];
  };
  std::int64_t critical = 0;
  for (std::size_t i = 0; i < p.tasks.size(); ++i) critical = std::max(critical, longest(i));
  const auto rules = model::working_times(p.team, p.holidays, p.time_off);
  std::vector<std::int64_t> single(rules.size(), 0);
  std::int64_t team = 0, best_single = 0;
  model::Date day = start;
  for (int k = 0; k < 100 * 366; ++k, day += std::chrono::days{1}) {
    for (std::size_t r = 0; r < rules.size(); ++r) {
      const auto window = rules[r].window(day);
      if (!window) continue;
      team += window->minutes;
      best_single = std::max(best_single, single[r] += window->minutes);
    }
    if (team >= work && best_single >= critical) return day;
  }
  throw std::runtime_error("the team cannot do the work within 100 years");
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, out_path, start_text;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view arg = argv[i];
    if (arg == "--db") db = argv[i + 1];
    if (arg == "--out") out_path = argv[i + 1];
    if (arg == "--start") start_text = argv[i + 1];
  }
  const auto start = util::parse_date(start_text);
  if (db.empty() || out_path.empty() || !start) {
    std::cerr << "usage: rplan-tjp --db DB --start YYYY-MM-DD --out FILE.tjp\n";
    return 2;
  }
  try {
    const store::Store store(db, store::Access::read_only);
    model::Project project = store.load_project();
    std::erase_if(project.tasks,
                  [](const model::Task& t) { return t.status == model::TaskStatus::done; });
    std::ofstream out(out_path);
    write_tjp(project, *start, out);
    if (!out.flush()) throw std::runtime_error("cannot write " + out_path);
    std::cout << util::format_date(lower_bound(project, *start)) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "rplan-tjp: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
