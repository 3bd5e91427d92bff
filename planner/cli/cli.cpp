#include "planner/cli/cli.hpp"

#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <sstream>

#include "planner/cli/command.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

#ifndef RPLAN_VERSION
#define RPLAN_VERSION "0.0.0"
#endif

namespace rplan::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = [] {
    std::vector<Command> t;
    add_document_commands(t);
    add_team_commands(t);
    add_plan_commands(t);
    return t;
  }();
  return table;
}

std::optional<std::string> get_string(const po::variables_map& vm, const std::string& name) {
  if (vm.count(name) == 0) return std::nullopt;
  return vm[name].as<std::string>();
}

std::vector<std::string> get_strings(const po::variables_map& vm, const std::string& name) {
  if (vm.count(name) == 0) return {};
  return vm[name].as<std::vector<std::string>>();
}

util::Date get_date(const po::variables_map& vm, const std::string& name) {
  const std::string text = vm[name].as<std::string>();
  const auto date = util::parse_date(text);
  if (!date) {
    throw UsageError("--" + name + " " + text + " is not a date; use YYYY-MM-DD");
  }
  return *date;
}

namespace {

constexpr const char* k_exit_codes =
    "Exit codes: 0 ok, 2 usage, 65 bad input data, 66 input missing or unreadable,\n"
    "73 output not writable, 75 database busy, 1 anything else.\n";

std::string synopsis(const Command& c) {
  return "rplan [--db PATH] [--config FILE] " + c.name + (c.args.empty() ? "" : " " + c.args);
}

void print_general_help(std::ostream& out) {
  out << "rplan " RPLAN_VERSION " - plan research topics over a team's calendars.\n\n"
      << "Usage: rplan [--db PATH] [--config FILE] COMMAND [OPTIONS] [ARGS]\n\n"
      << "Global options:\n"
      << "  --db PATH       the database (default ./rplan.db, or $RPLAN_DB)\n"
      << "  --config FILE   settings file (estimate model, strategy; see docs/cli.md)\n"
      << "  -h, --help      this help; COMMAND --help for one command's\n"
      << "  --version       print the version\n\n"
      << "Commands:\n";
  std::size_t width = 0;
  for (const auto& c : commands()) width = std::max(width, c.name.size());
  for (const auto& c : commands()) {
    out << "  " << c.name << std::string(width + 2 - c.name.size(), ' ') << c.summary << "\n";
  }
  out << "\n" << k_exit_codes;
}

po::options_description command_options(const Command& c) {
  po::options_description d("Options");
  d.add_options()("help,h", "show this help");
  if (c.options) c.options(d);
  return d;
}

void print_command_help(const Command& c, std::ostream& out) {
  out << "Usage: " << synopsis(c) << "\n\n" << c.summary << "\n";
  if (!c.details.empty()) out << "\n" << c.details << "\n";
  out << "\n" << command_options(c) << "\n" << k_exit_codes;
}

// Finds the command named by args[i] (and args[i+1] for two-word commands).
// Returns the command and how many words it took.
std::pair<const Command*, std::size_t> find_command(const std::vector<std::string>& args,
                                                    std::size_t i) {
  const std::string first = args[i];
  const std::string second = i + 1 < args.size() ? args[i + 1] : "";
  for (const auto& c : commands()) {
    if (c.name == first + " " + second) return {&c, 2};
  }
  for (const auto& c : commands()) {
    if (c.name == first) return {&c, 1};
  }
  // `rplan off NAME --from ...` is `off add`.
  if (first == "off") {
    for (const auto& c : commands()) {
      if (c.name == "off add") return {&c, 1};
    }
  }
  std::vector<std::string> subs;
  for (const auto& c : commands()) {
    if (c.name.rfind(first + " ", 0) == 0) subs.push_back(c.name.substr(first.size() + 1));
  }
  if (!subs.empty()) {
    throw UsageError(first + " needs one of: " + util::join(subs, ", ") +
                     (second.empty() ? "" : " (not \"" + second + "\")"));
  }
  throw UsageError("unknown command \"" + first + "\"; see rplan --help");
}

util::Instant clock_now() {
  // SOURCE_DATE_EPOCH (the reproducible-builds convention) pins the clock.
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != 0) {
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (end != nullptr && *end == 0) return util::Instant{std::chrono::seconds{seconds}};
    throw UsageError("SOURCE_DATE_EPOCH=" + std::string(epoch) + " is not a number of seconds");
  }
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

util::Date local_date(util::Instant now) {
  const std::time_t t = static_cast<std::time_t>(now.time_since_epoch().count());
  std::tm tm{};
  localtime_r(&t, &tm);
  return util::Date{std::chrono::year{tm.tm_year + 1900} /
                    std::chrono::month{static_cast<unsigned>(tm.tm_mon + 1)} /
                    std::chrono::day{static_cast<unsigned>(tm.tm_mday)}};
}

int run_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::optional<std::string> db, config_file;
  bool help = false;
  std::size_t i = 0;
  auto value_of = [&](const std::string& option) {
    const std::string& arg = args[i];
    const auto eq = arg.find('=');
    if (eq != std::string::npos) return arg.substr(eq + 1);
    if (i + 1 >= args.size()) throw UsageError(option + " needs a value");
    return args[++i];
  };
  for (; i < args.size() && args[i].size() > 1 && args[i][0] == '-'; ++i) {
    const std::string& a = args[i];
    if (a == "--db" || a.rfind("--db=", 0) == 0) {
      db = value_of("--db");
    } else if (a == "--config" || a.rfind("--config=", 0) == 0) {
      config_file = value_of("--config");
    } else if (a == "--help" || a == "-h") {
      help = true;
    } else if (a == "--version") {
      out << "rplan " RPLAN_VERSION "\n";
      return 0;
    } else {
      throw UsageError("unknown option " + a + " (global options: --db, --config, --help, "
                       "--version); see rplan --help");
    }
  }
  if (i == args.size()) {
    if (help) {
      print_general_help(out);
      return 0;
    }
    print_general_help(err);
    throw UsageError("no command given");
  }
  if (args[i] == "help") {
    if (i + 1 == args.size()) {
      print_general_help(out);
    } else {
      print_command_help(*find_command(args, i + 1).first, out);
    }
    return 0;
  }
  const auto [command, words] = find_command(args, i);
  const std::vector<std::string> rest(args.begin() + static_cast<long>(i + words), args.end());

  po::options_description visible = command_options(*command);
  po::options_description all;
  all.add(visible);
  po::positional_options_description positional;
  for (const auto& [name, count] : command->positional) {
    if (count == 1) {
      all.add_options()(name.c_str(), po::value<std::string>());
    } else {
      all.add_options()(name.c_str(), po::value<std::vector<std::string>>());
    }
    positional.add(name.c_str(), count);
  }
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(rest).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::too_many_positional_options_error&) {
    throw UsageError(command->name + ": too many arguments; usage: " + synopsis(*command));
  } catch (const po::error& e) {
    throw UsageError(command->name + ": " + e.what());
  }
  if (help || vm.count("help")) {
    print_command_help(*command, out);
    return 0;
  }
  for (const auto& [name, count] : command->positional) {
    if (vm.count(name) == 0) {
      throw UsageError(command->name + ": missing " + name + "; usage: " + synopsis(*command));
    }
  }

  Context ctx{out, err, "rplan.db", false, Config{}, clock_now(), {}, false};
  ctx.today = local_date(ctx.now);
  ctx.terminal = (&out == &std::cout) && ::isatty(STDOUT_FILENO) != 0;
  if (config_file) ctx.config = read_config(*config_file);
  if (db) {
    ctx.db_path = *db;
    ctx.db_given = true;
  } else if (const char* env = std::getenv("RPLAN_DB"); env != nullptr && *env != 0) {
    ctx.db_path = env;
    ctx.db_given = true;
  } else if (ctx.config.db) {
    ctx.db_path = *ctx.config.db;
    ctx.db_given = true;
  }
  return command->handler(ctx, vm);
}

}  // namespace

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return run_command(args, out, err);
  } catch (const DiagnosticsError& e) {
    for (const auto& d : e.diagnostics()) err << d.to_string() << "\n";
    return static_cast<int>(e.code());
  } catch (const Error& e) {
    err << "rplan: error: " << e.what() << "\n";
    return static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    err << "rplan: error: out of memory\n";
    return static_cast<int>(ExitCode::failure);
  } catch (const std::exception& e) {
    err << "rplan: error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::failure);
  }
}

}  // namespace rplan::cli
