// `rplan log`: the work recorded with `rplan task ID --spent HOURS`.

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "exporters/work_log_export.hpp"
#include "planner/cli/command.hpp"
#include "planner/cli/io.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

namespace rplan::cli {

namespace {

std::string pad(const std::string& text, std::size_t width) {
  const std::size_t length = util::utf8_length(text);
  return text + std::string(width > length ? width - length : 0, ' ');
}

void print_log_table(const std::vector<model::WorkEntry>& entries, const model::Project& project,
                     const Context& ctx) {
  if (entries.empty()) {
    ctx.out << "No work recorded (rplan task ID --spent HOURS records some).\n";
    return;
  }
  std::unordered_map<std::string_view, const std::string*> prompts;
  for (const auto& t : project.tasks) prompts.emplace(t.id, &t.prompt);
  std::size_t width = 8;
  for (const auto& e : entries) width = std::max(width, util::utf8_length(e.assignee));
  ctx.out << pad("DATE", 12) << pad("ASSIGNEE", width + 2) << pad("HOURS", 7) << pad("TASK", 8)
          << "PROMPT\n";
  double total = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const model::WorkEntry& e = entries[i];
    total += e.hours;
    const auto found = prompts.find(e.task_id);
    const std::string& prompt = found == prompts.end() ? e.task_id : *found->second;
    ctx.out << pad(util::format_date(e.date), 12) << pad(e.assignee, width + 2)
            << pad(util::format_hours(e.hours), 7) << pad(e.task_id, 8)
            << (ctx.terminal ? shorten(prompt, 60) : prompt) << "\n";
  }
  ctx.out << entries.size() << (entries.size() == 1 ? " entry, " : " entries, ")
          << util::format_hours(total) << " h\n";
}

int cmd_log(Context& ctx, const po::variables_map& vm) {
  const std::string format = get_string(vm, "format").value_or("table");
  if (format != "table" && format != "csv" && format != "json") {
    throw UsageError("--format " + format + " is not one of table, csv, json");
  }
  store::Store::WorkLogQuery query;
  if (vm.count("from")) query.from = get_date(vm, "from");
  if (vm.count("to")) query.to = get_date(vm, "to");
  if (query.from && query.to && *query.to < *query.from) {
    throw UsageError("log: --to " + util::format_date(*query.to) + " comes before --from " +
                     util::format_date(*query.from));
  }
  store::Store store(ctx.db_path, store::Access::read_only);
  const model::Project project = store.load_project();
  if (const auto given = get_string(vm, "assignee")) {
    std::vector<std::string> logged;  // people who left the team keep their entries
    for (const auto& e : project.work_log) logged.push_back(e.assignee);
    query.assignee = resolve_name(project.team, logged, *given);
  }
  const auto entries = store.work_log(query);
  if (format == "json") {
    exporters::write_work_log_json(entries, project, ctx.out);
  } else if (format == "csv") {
    exporters::write_work_log_csv(entries, project, ctx.out);
  } else {
    print_log_table(entries, project, ctx);
  }
  return 0;
}

}  // namespace

void add_log_commands(std::vector<Command>& t) {
  t.push_back({"log",
               "",
               "list the work recorded with rplan task ID --spent",
               "One row per entry, by date, then task: the person's local date, who, hours,\n"
               "the task and its prompt, then the total. --from and --to are inclusive.\n"
               "Entries of archived tasks are hidden, as the tasks are. csv and json carry\n"
               "the topic and the time each entry was recorded too.",
               [](po::options_description& d) {
                 d.add_options()("assignee", po::value<std::string>(), "only this person's work")(
                     "from", po::value<std::string>(), "from this date on, YYYY-MM-DD")(
                     "to", po::value<std::string>(), "up to this date, YYYY-MM-DD")(
                     "format", po::value<std::string>()->default_value("table"),
                     "table, csv or json");
               },
               {},
               cmd_log});
}

}  // namespace rplan::cli
