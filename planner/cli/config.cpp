#include "planner/cli/config.hpp"

#include <boost/program_options.hpp>
#include <fstream>
#include <sstream>

#include "planner/cli/numbers.hpp"
#include "planner/util/error.hpp"

namespace rplan::cli {

namespace po = boost::program_options;

namespace {

po::options_description config_options() {
  po::options_description d("Configuration file");
  // clang-format off
  d.add_options()
    ("db", po::value<std::string>(), "database path (like --db)")
    ("estimate.research", po::value<std::string>(), "hours of a research task (8)")
    ("estimate.analysis", po::value<std::string>(), "hours of an analysis task (6)")
    ("estimate.documentation", po::value<std::string>(), "hours of a documentation task (4)")
    ("estimate.other", po::value<std::string>(), "hours of any other task (6)")
    ("estimate.per_extra_item", po::value<std::string>(), "hours added per listed item beyond free_items (1)")
    ("estimate.free_items", po::value<std::string>(), "listed items included in the base figure (2)")
    ("estimate.optimistic_factor", po::value<std::string>(), "optimistic = likely x this (0.75)")
    ("estimate.pessimistic_factor", po::value<std::string>(), "pessimistic = likely x this (1.5)")
    ("estimate.research_optimistic", po::value<std::string>(), "a research task's optimistic factor (optimistic_factor)")
    ("estimate.research_pessimistic", po::value<std::string>(), "a research task's pessimistic factor (pessimistic_factor)")
    ("estimate.analysis_optimistic", po::value<std::string>(), "an analysis task's optimistic factor (optimistic_factor)")
    ("estimate.analysis_pessimistic", po::value<std::string>(), "an analysis task's pessimistic factor (pessimistic_factor)")
    ("estimate.documentation_optimistic", po::value<std::string>(), "a documentation task's optimistic factor (optimistic_factor)")
    ("estimate.documentation_pessimistic", po::value<std::string>(), "a documentation task's pessimistic factor (pessimistic_factor)")
    ("estimate.other_optimistic", po::value<std::string>(), "any other task's optimistic factor (optimistic_factor)")
    ("estimate.other_pessimistic", po::value<std::string>(), "any other task's pessimistic factor (pessimistic_factor)")
    ("schedule.strategy", po::value<std::string>(), "balanced or round-robin (balanced)")
    ("schedule.documenting", po::value<std::string>(),
     "after-topic (documentation tasks wait for their topic's others) or free (after-topic)")
    ("tracking.minimum_remaining_hours", po::value<std::string>(),
     "hours still planned for a task not done whose spent hours reached its estimate (1)")
    ("calendar.cancelled_retention_days", po::value<std::string>(),
     "days after its date an event that left the plan is still written as cancelled in ics files (60)");
  // clang-format on
  return d;
}

using Range = util::NumberRange;
constexpr Range k_hours{0, 1000, Range::LowEnd::excluded};
constexpr Range k_hours_or_zero{0, 1000};
constexpr Range k_factor{0, 1000, Range::LowEnd::excluded};
constexpr Range k_low_factor{0, 1, Range::LowEnd::excluded};
constexpr Range k_high_factor{1, 1000};
constexpr Range k_count{0, 1000, Range::LowEnd::included, Range::Kind::whole};
constexpr Range k_days{0, 3660, Range::LowEnd::included, Range::Kind::whole};

// The key's number through the one check of numbers (exit 65 naming the file and key).
double number(const std::filesystem::path& file, const po::variables_map& vm,
              const std::string& key, const Range& range, double fallback) {
  if (vm.count(key) == 0) return fallback;
  return checked_number(vm[key].as<std::string>(), range, NumberSource::config_file,
                        file.string() + ": " + key);
}

}  // namespace

Config read_config(const std::filesystem::path& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    throw MissingInputError("cannot read configuration file " + file.string() + ": it is a folder");
  }
  std::ifstream in(file);
  if (!in) throw MissingInputError("cannot read configuration file " + file.string());
  po::variables_map vm;
  try {
    po::store(po::parse_config_file(in, config_options(), false), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw InputError(file.string() + ": " + e.what());
  }
  Config c;
  if (vm.count("db")) c.db = vm["db"].as<std::string>();
  auto& m = c.estimate;
  m.research = number(file, vm, "estimate.research", k_hours, m.research);
  m.analysis = number(file, vm, "estimate.analysis", k_hours, m.analysis);
  m.documentation = number(file, vm, "estimate.documentation", k_hours, m.documentation);
  m.other = number(file, vm, "estimate.other", k_hours, m.other);
  m.per_extra_item = number(file, vm, "estimate.per_extra_item", k_hours_or_zero, m.per_extra_item);
  m.free_items = static_cast<std::size_t>(
      number(file, vm, "estimate.free_items", k_count, static_cast<double>(m.free_items)));
  m.optimistic_factor =
      number(file, vm, "estimate.optimistic_factor", k_factor, m.optimistic_factor);
  m.pessimistic_factor =
      number(file, vm, "estimate.pessimistic_factor", k_factor, m.pessimistic_factor);
  for (const auto kind : {model::TaskKind::research, model::TaskKind::analysis,
                          model::TaskKind::documentation, model::TaskKind::other}) {
    const std::string prefix = "estimate." + std::string(model::to_string(kind));
    const auto k = static_cast<std::size_t>(kind);
    if (vm.count(prefix + "_optimistic")) {
      m.kind_optimistic[k] = number(file, vm, prefix + "_optimistic", k_low_factor, 1);
    }
    if (vm.count(prefix + "_pessimistic")) {
      m.kind_pessimistic[k] = number(file, vm, prefix + "_pessimistic", k_high_factor, 1);
    }
  }
  c.minimum_remaining_hours =
      number(file, vm, "tracking.minimum_remaining_hours", k_hours, c.minimum_remaining_hours);
  c.cancelled_retention_days = static_cast<int>(
      number(file, vm, "calendar.cancelled_retention_days", k_days, c.cancelled_retention_days));
  if (vm.count("schedule.strategy")) {
    const auto s = model::parse_strategy(vm["schedule.strategy"].as<std::string>());
    if (!s) throw InputError(file.string() + ": schedule.strategy must be balanced or round-robin");
    c.strategy = *s;
  }
  if (vm.count("schedule.documenting")) {
    const std::string v = vm["schedule.documenting"].as<std::string>();
    if (v == "after-topic") {
      c.documenting = schedule::DocumentingOrder::after_topic;
    } else if (v == "free") {
      c.documenting = schedule::DocumentingOrder::free;
    } else {
      throw InputError(file.string() + ": schedule.documenting must be after-topic or free");
    }
  }
  return c;
}

std::string config_help() {
  std::ostringstream s;
  s << config_options();
  return s.str();
}

}  // namespace rplan::cli
