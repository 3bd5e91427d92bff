// rplan-floor: the least work of each stage, for scripts/bench's ratios.
//
//   rplan-floor import DB TOPICS.md   insert topics and tasks (DB: an empty rplan database)
//   rplan-floor team DB TEAM.csv      insert the assignees
//   rplan-floor plan DB START         greedy plan, insert plan_tasks and plan_blocks
//   rplan-floor json|csv|ics|md|html|xlsx DB OUT     one export of a planned rplan database
//   rplan-floor run DB TOPICS.md TEAM.csv START DIR  import, team, plan, then the five
//                                     exports of `rplan run` from one load of the plan
//
// docs/performance.md says what each floor does and leaves out.

#include <iostream>
#include <string>
#include <vector>

#include "bench/floor.hpp"

namespace {

namespace floor = rplan::bench::floor;

bool is_export(const std::string& stage) {
  return stage == "json" || stage == "csv" || stage == "ics" || stage == "md" || stage == "html" ||
         stage == "xlsx";
}

void write(const std::string& format, const floor::Plan& plan, const std::string& out) {
  if (format == "xlsx") {
    floor::write_xlsx(plan, out);
  } else {
    floor::write_text(format, plan, out);
  }
}

int usage() {
  std::cerr << "usage: rplan-floor import|team DB FILE | plan DB START |\n"
               "       rplan-floor json|csv|ics|md|html|xlsx DB OUT |\n"
               "       rplan-floor run DB TOPICS.md TEAM.csv START DIR\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string stage = argv[1];
  const std::vector<std::string> a(argv + 2, argv + argc);
  if (a.size() == 2 && stage == "import") {
    floor::import_topics(a[0], a[1]);
  } else if (a.size() == 2 && stage == "team") {
    floor::import_team(a[0], a[1]);
  } else if (a.size() == 2 && stage == "plan") {
    floor::plan(a[0], a[1]);
  } else if (a.size() == 2 && is_export(stage)) {
    write(stage, floor::load_plan(a[0]), a[1]);
  } else if (a.size() == 5 && stage == "run") {
    floor::import_topics(a[0], a[1]);
    floor::import_team(a[0], a[2]);
    floor::plan(a[0], a[3]);
    const floor::Plan plan = floor::load_plan(a[0]);
    write("xlsx", plan, a[4] + "/plan.xlsx");
    write("ics", plan, a[4] + "/plan.ics");
    write("md", plan, a[4] + "/checklist.md");
    write("json", plan, a[4] + "/plan.json");
    write("html", plan, a[4] + "/report.html");
  } else {
    return usage();
  }
  return 0;
}
