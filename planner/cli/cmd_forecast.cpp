// forecast: when will the plan finish, how sure is that, and what drives it.

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "planner/cli/command.hpp"
#include "planner/cli/io.hpp"
#include "planner/cli/numbers.hpp"
#include "planner/model/forecast.hpp"
#include "planner/pipeline/forecast.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

namespace rplan::cli {

namespace {

using util::NumberRange;
constexpr NumberRange k_runs{1, 1000000, NumberRange::LowEnd::included, NumberRange::Kind::whole};
constexpr NumberRange k_seed{0, 9007199254740992.0, NumberRange::LowEnd::included,
                             NumberRange::Kind::whole};
constexpr NumberRange k_threads{1, 1024, NumberRange::LowEnd::included, NumberRange::Kind::whole};
// Tasks most often on the critical chain that the text lists.
constexpr std::size_t k_text_tasks = 10;
constexpr std::size_t k_text_topics = 20;

// The first `width` code points of valid UTF-8 text.
std::string cut(const std::string& text, std::size_t width) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && points++ == width) {
      return text.substr(0, i);
    }
  }
  return text;
}

// {"<key>": name, "p50", "p85", "p95"}; without a key just the dates.
nlohmann::ordered_json dates(const pipeline::Percentiles& p, const char* key = nullptr,
                             const std::string& name = "") {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  if (key) j[key] = name;
  j["p50"] = util::format_date(p.p50);
  j["p85"] = util::format_date(p.p85);
  j["p95"] = util::format_date(p.p95);
  return j;
}

void print_json(const pipeline::Forecast& f, std::ostream& out) {
  nlohmann::ordered_json j;
  j["runs"] = f.runs;
  j["seed"] = f.seed;
  j["plan"] = dates(f.plan);
  auto& topics = j["topics"] = nlohmann::ordered_json::array();
  for (const auto& t : f.topics) topics.push_back(dates(t.finish, "id", t.id));
  auto& people = j["people"] = nlohmann::ordered_json::array();
  for (const auto& p : f.people) people.push_back(dates(p.finish, "name", p.name));
  auto& tasks = j["tasks"] = nlohmann::ordered_json::array();
  for (const auto& t : f.tasks)
    tasks.push_back({{"id", t.id}, {"critical_share", t.critical_share}});
  out << j.dump(2) << "\n";
}

std::string row(const std::string& name, std::size_t width, const pipeline::Percentiles& p) {
  std::string s = "  " + name;
  s += std::string(width + 2 - std::min(width, util::utf8_length(name)), ' ');
  s += util::format_date(p.p50) + "  " + util::format_date(p.p85) + "  " + util::format_date(p.p95);
  return s;
}

void print_text(const pipeline::Forecast& f, std::ostream& out) {
  out << "Forecast: " << f.runs << " runs, seed " << f.seed << ", ";
  if (f.from_history) {
    out << "work drawn from the team's history (" << f.history << " finished tasks"
        << (f.by_kind ? ", by kind" : "") << ")\n";
  } else {
    out << "work drawn from each task's three-point estimate (triangular)\n";
  }
  std::size_t width = 6;
  for (const auto& p : f.people) width = std::max(width, util::utf8_length(p.name));
  for (std::size_t k = 0; k < f.topics.size() && k < k_text_topics; ++k) {
    width = std::max(width, std::min<std::size_t>(util::utf8_length(f.topics[k].title), 40));
  }
  out << "  " << std::string(width + 2, ' ') << "P50         P85         P95\n";
  out << row("Plan", width, f.plan)
      << "   (the plan with likely figures: " << util::format_date(f.planned) << ")\n";
  out << "Topics\n";
  for (std::size_t k = 0; k < f.topics.size() && k < k_text_topics; ++k) {
    out << row(cut(f.topics[k].title, width), width, f.topics[k].finish) << "  " << f.topics[k].id
        << "\n";
  }
  if (f.topics.size() > k_text_topics) {
    out << "  ... and " << f.topics.size() - k_text_topics
        << " more topics (rplan forecast --format json lists every one)\n";
  }
  out << "People\n";
  for (const auto& p : f.people) out << row(p.name, width, p.finish) << "\n";
  std::vector<std::size_t> tasks = model::critical_order(f);
  if (tasks.size() > k_text_tasks) tasks.resize(k_text_tasks);
  out << "Most often on the critical chain (share of runs)\n";
  for (const std::size_t i : tasks) {
    const pipeline::Forecast::Task& t = f.tasks[i];
    out << "  " << t.id << "  " << std::setw(3)
        << static_cast<int>(std::lround(t.critical_share * 100)) << " %  " << cut(t.prompt, 60)
        << "\n";
  }
}

int cmd_forecast(Context& ctx, const po::variables_map& vm) {
  pipeline::ForecastOptions o;
  if (const auto runs = get_string(vm, "runs")) {
    o.runs =
        static_cast<std::size_t>(checked_number(*runs, k_runs, NumberSource::option, "--runs"));
  }
  if (const auto seed = get_string(vm, "seed")) {
    o.seed =
        static_cast<std::uint64_t>(checked_number(*seed, k_seed, NumberSource::option, "--seed"));
  }
  o.threads = ctx.threads;
  if (const auto threads = get_string(vm, "threads")) {
    o.threads = static_cast<std::size_t>(
        checked_number(*threads, k_threads, NumberSource::option, "--threads"));
  }
  const std::string format = get_string(vm, "format").value_or("text");
  if (format != "text" && format != "json") {
    throw UsageError("--format " + format + " is not one of text, json");
  }
  o.from_history = vm.count("from-history") > 0;
  o.plan.start = ctx.today;
  o.plan.from_now = ctx.now;
  o.plan.strategy = ctx.config.strategy;
  o.plan.documenting = ctx.config.documenting;
  o.plan.minimum_remaining_hours = ctx.config.minimum_remaining_hours;
  const pipeline::KeptForecast kept = pipeline::forecast(
      ctx.db_path, o,
      vm.count("no-save") ? pipeline::KeepForecast::no : pipeline::KeepForecast::with_plan,
      ctx.reporter);
  if (format == "json") {
    print_json(kept.forecast, ctx.out);
  } else {
    print_text(kept.forecast, ctx.out);
  }
  // Where the forecast went: on the error stream, so that the output stays the forecast alone.
  if (kept.kept) {
    ctx.reporter.message(
        "rplan: kept with the plan: the HTML report, the workbook and the JSON export show it\n");
  } else if (!kept.not_kept.empty()) {
    ctx.reporter.message("rplan: note: not kept with the plan: " + kept.not_kept + "\n");
  }
  return 0;
}

}  // namespace

void add_forecast_commands(std::vector<Command>& t) {
  t.push_back({"forecast",
               "",
               "when the plan finishes, how sure that is, and what drives it",
               "Plans the work left from now --runs times (1000), each task's work drawn from\n"
               "its three-point estimate (a triangular distribution; docs/scheduling.md),\n"
               "history kept, and prints the dates by which 50, 85 and 95 % of the runs had\n"
               "finished: the plan, each topic and each person; and the tasks most often on\n"
               "the critical chain. The same --seed gives the same output whatever --threads\n"
               "(default: every core). --from-history draws from the team's own ratios of\n"
               "hours spent to estimated once at least 10 tasks are done with hours spent\n"
               "(by kind when each kind has 10). The result is kept with the stored plan\n"
               "when it is up to date (the HTML report's S-curve, the workbook's Forecast\n"
               "sheet, the JSON export's forecast section) until a new plan replaces it;\n"
               "--no-save only prints it.",
               [](po::options_description& d) {
                 d.add_options()("runs", po::value<std::string>(), "how many plans to draw (1000)")(
                     "seed", po::value<std::string>(), "the draws' seed, a whole number (1)")(
                     "threads", po::value<std::string>(), "threads to use (every core)")(
                     "format", po::value<std::string>(), "text (default) or json")(
                     "from-history", "draw from the team's ratios of spent to estimated hours")(
                     "no-save", "print it only: do not keep it with the plan");
               },
               {},
               cmd_forecast});
}

}  // namespace rplan::cli
