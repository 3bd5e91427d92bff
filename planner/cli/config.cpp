#include "planner/cli/config.hpp"

#include <boost/program_options.hpp>
#include <fstream>
#include <sstream>

#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

namespace rplan::cli {

namespace po = boost::program_options;

namespace {

po::options_description config_options() {
  po::options_description d("Configuration file");
  // clang-format off
  d.add_options()
    ("db", po::value<std::string>(), "database path (like --db)")
    ("estimate.research", po::value<double>(), "hours of a research task (8)")
    ("estimate.analysis", po::value<double>(), "hours of an analysis task (6)")
    ("estimate.documentation", po::value<double>(), "hours of a documentation task (4)")
    ("estimate.other", po::value<double>(), "hours of any other task (6)")
    ("estimate.per_extra_item", po::value<double>(), "hours added per listed item beyond free_items (1)")
    ("estimate.free_items", po::value<int>(), "listed items included in the base figure (2)")
    ("estimate.optimistic_factor", po::value<double>(), "optimistic = likely x this (0.75)")
    ("estimate.pessimistic_factor", po::value<double>(), "pessimistic = likely x this (1.5)")
    ("schedule.strategy", po::value<std::string>(), "balanced or round-robin (balanced)")
    ("schedule.documenting", po::value<std::string>(),
     "after-topic (documentation tasks wait for their topic's others) or free (after-topic)")
    ("tracking.minimum_remaining_hours", po::value<double>(),
     "hours still planned for a task not done whose spent hours reached its estimate (1)");
  // clang-format on
  return d;
}

double positive(const std::filesystem::path& file, const po::variables_map& vm,
                const std::string& key, double fallback, bool allow_zero = false) {
  if (vm.count(key) == 0) return fallback;
  const double v = vm[key].as<double>();
  if (v < 0 || (!allow_zero && v == 0) || v > 1000) {
    throw UsageError(file.string() + ": " + key + " = " + util::format_hours(v) +
                     " is out of range (a number " + (allow_zero ? "from 0" : "above 0") +
                     " up to 1000)");
  }
  return v;
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
    throw UsageError(file.string() + ": " + e.what());
  }
  Config c;
  if (vm.count("db")) c.db = vm["db"].as<std::string>();
  auto& m = c.estimate;
  m.research = positive(file, vm, "estimate.research", m.research);
  m.analysis = positive(file, vm, "estimate.analysis", m.analysis);
  m.documentation = positive(file, vm, "estimate.documentation", m.documentation);
  m.other = positive(file, vm, "estimate.other", m.other);
  m.per_extra_item = positive(file, vm, "estimate.per_extra_item", m.per_extra_item, true);
  m.optimistic_factor = positive(file, vm, "estimate.optimistic_factor", m.optimistic_factor);
  m.pessimistic_factor = positive(file, vm, "estimate.pessimistic_factor", m.pessimistic_factor);
  c.minimum_remaining_hours =
      positive(file, vm, "tracking.minimum_remaining_hours", c.minimum_remaining_hours);
  if (vm.count("estimate.free_items")) {
    const int n = vm["estimate.free_items"].as<int>();
    if (n < 0) throw UsageError(file.string() + ": estimate.free_items must be 0 or more");
    m.free_items = static_cast<std::size_t>(n);
  }
  if (vm.count("schedule.strategy")) {
    const auto s = model::parse_strategy(vm["schedule.strategy"].as<std::string>());
    if (!s) throw UsageError(file.string() + ": schedule.strategy must be balanced or round-robin");
    c.strategy = *s;
  }
  if (vm.count("schedule.documenting")) {
    const std::string v = vm["schedule.documenting"].as<std::string>();
    if (v == "after-topic") {
      c.documenting = schedule::DocumentingOrder::after_topic;
    } else if (v == "free") {
      c.documenting = schedule::DocumentingOrder::free;
    } else {
      throw UsageError(file.string() + ": schedule.documenting must be after-topic or free");
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
