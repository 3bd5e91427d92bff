#include "planner/cli/cli.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <sstream>
#include <thread>

#include "planner/cli/command.hpp"
#include "planner/cli/explain.hpp"
#include "planner/cli/io.hpp"
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
    add_sync_commands(t);
    add_log_commands(t);
    add_calendar_commands(t);
    add_forecast_commands(t);
    add_explain_commands(t);
    add_baseline_commands(t);
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
    "69 a server unreachable, 73 output not writable, 75 database busy, 77 a server\n"
    "refused the credentials, 1 anything else.\n";

// `help` is handled before the command table; these rows list it with the commands.
const std::pair<const char*, const char*> k_help_rows[] = {
    {"help [COMMAND]", "this help, or one command's (as COMMAND --help)"},
    {"help --markdown", "every command's help as Markdown (docs/cli.md)"},
};

std::string synopsis(const Command& c) {
  return "rplan [--db PATH] [--config FILE] " + c.name + (c.args.empty() ? "" : " " + c.args);
}

// The width help is wrapped to: the terminal's (terminal_width), else 80;
// within 40..120.
std::size_t help_width(const std::ostream& out) {
  constexpr std::size_t k_default = 80, k_least = 40, k_most = 120;
  return std::clamp(terminal_width(out, k_default), k_least, k_most);
}

using HelpRows = std::vector<std::pair<std::string, std::string>>;

// "  NAME   text" rows, each text wrapped beside the names to `total` columns.
void print_rows(std::ostream& out, const HelpRows& rows, std::size_t total) {
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.first.size());
  const std::size_t indent = width + 4;
  const std::size_t room = total > indent + 20 ? total - indent : 20;
  for (const auto& [name, summary] : rows) {
    std::string text = util::wrap_text(summary, room);
    for (std::size_t at = 0; (at = text.find('\n', at)) != std::string::npos; at += indent + 1) {
      text.insert(at + 1, indent, ' ');
    }
    out << "  " << name << std::string(width + 2 - name.size(), ' ') << text << "\n";
  }
}

// `rplan --help`, wrapped to help_width.
void print_general_help(std::ostream& out) {
  const std::size_t total = help_width(out);
  out << util::wrap_text("rplan " RPLAN_VERSION " - plan research topics over a team's calendars.",
                         total)
      << "\n\n"
      << util::wrap_text("Usage: rplan [--db PATH] [--config FILE] COMMAND [OPTIONS] [ARGS]", total)
      << "\n\nGlobal options:\n";
  print_rows(out,
             {{"--db PATH", "the database (default ./rplan.db, or $RPLAN_DB)"},
              {"--config FILE", "settings file (estimate model, strategy; see docs/cli.md)"},
              {"-h, --help", "this help; COMMAND --help for one command's"},
              {"--version", "print the version"}},
             total);
  out << "\n"
      << util::wrap_text(
             "Environment: RPLAN_DB (the database), SOURCE_DATE_EPOCH (pins the clock), "
             "RPLAN_TIMINGS (each stage's wall time on stderr).",
             total)
      << "\n\nCommands:\n";
  HelpRows rows;
  for (const auto& c : commands()) rows.emplace_back(c.name, c.summary);
  for (const auto& [name, summary] : k_help_rows) rows.emplace_back(name, summary);
  print_rows(out, rows, total);
  out << "\n" << util::wrap_text(k_exit_codes, total);
}

po::options_description command_options(const Command& c, std::size_t width = 80) {
  po::options_description d("Options", static_cast<unsigned>(width),
                            static_cast<unsigned>(width / 2));
  d.add_options()("help,h", "show this help");
  if (c.options) c.options(d);
  return d;
}

// A command's help, wrapped to help_width (docs/cli.md wraps to 80).
void print_command_help(const Command& c, std::ostream& out) {
  const std::size_t width = help_width(out);
  out << util::wrap_text("Usage: " + synopsis(c), width) << "\n\n"
      << util::wrap_text(c.summary, width) << "\n";
  if (!c.details.empty()) out << "\n" << util::wrap_text(c.details, width) << "\n";
  out << "\n" << command_options(c, width) << "\n" << util::wrap_text(k_exit_codes, width);
}

// docs/cli.md, generated from the command table (`rplan help --markdown`), so
// that the document and --help cannot drift apart; a test compares them.
void print_markdown(std::ostream& out) {
  out << "# rplan command line\n\n"
      << "<!-- Generated by `rplan help --markdown`; edit planner/cli/, not this file. -->\n\n"
      << "```\nrplan [--db PATH] [--config FILE] COMMAND [OPTIONS] [ARGS]\n```\n\n"
      << "The database is `--db PATH`, else `$RPLAN_DB`, else `db` in the config file, else\n"
      << "`./rplan.db`. Dates are `YYYY-MM-DD`. `SOURCE_DATE_EPOCH` (seconds since 1970),\n"
      << "when set, is used as the current time (reproducible plans and exports).\n"
      << "`RPLAN_TIMINGS`, when set, makes every command that does work (import, list,\n"
      << "show, task, sync, plan, export, run, publish) print the wall time of each of\n"
      << "its stages to standard error (`rplan: loading the project: 0.684 s`; `run`\n"
      << "adds each export's own time); see docs/performance.md.\n\n"
      << "Errors go to standard error as one sentence: problems in input files as\n"
      << "`FILE:LINE: error: ...` (all of them), others as `rplan: error: ...`.\n\n"
      << k_exit_codes << "\n## Commands\n";
  for (const auto& c : commands()) {
    out << "\n### " << c.name << "\n\n```\n" << synopsis(c) << "\n```\n\n" << c.summary << ".\n";
    if (!c.details.empty()) out << "\n" << util::wrap_text(c.details, 80) << "\n";
    if (c.options) {
      po::options_description d("");
      c.options(d);
      out << "\n```\n" << d << "```\n";
    }
  }
  out << "\n## Configuration file\n\n`--config FILE` reads settings in Boost.Program_options'"
      << " format (`key = value`, `[section]`):\n\n```\n"
      << config_help() << "```\n";
}

// The one of `known` nearest to `word` (util::edit_distance) when it is near
// enough to be a slip: at most two edits, and at most one per two letters of
// the word. Several equally near: "a or b". "" when none is.
std::string nearest(const std::string& word, const std::vector<std::string>& known) {
  const std::size_t limit = std::min<std::size_t>(2, word.size() / 2);
  std::size_t best = limit + 1;
  std::vector<std::string> found;
  for (const auto& candidate : known) {
    const std::size_t d = util::edit_distance(word, candidate);
    if (d > limit) continue;
    if (d < best) {
      best = d;
      found.clear();
    }
    if (d == best) found.push_back(candidate);
  }
  return util::join(found, " or ");
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
    const std::string guess = second.empty() ? "" : nearest(second, subs);
    throw UsageError(
        first + " needs one of: " + util::join(subs, ", ") +
        (second.empty()
             ? ""
             : " (not \"" + second + "\"" +
                   (guess.empty() ? "" : "; did you mean " + first + " " + guess + "?") + ")"));
  }
  // The nearest two-word command to the two words, else the nearest of the
  // words that start a command ("team" for "team add", "help" too).
  std::vector<std::string> words = {"help"};
  for (const auto& c : commands()) {
    const std::string word = c.name.substr(0, c.name.find(' '));
    if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(word);
  }
  std::string guess;
  if (!second.empty()) {  // "taem add": "team add" rather than "team"
    std::vector<std::string> pairs;
    for (const auto& c : commands()) {
      if (c.name.find(' ') != std::string::npos) pairs.push_back(c.name);
    }
    guess = nearest(first + " " + second, pairs);
  }
  if (guess.empty()) guess = nearest(first, words);
  throw UsageError("unknown command \"" + first + "\"" +
                   (guess.empty() ? "" : "; did you mean " + guess + "?") + " (see rplan --help)");
}

double monotonic_seconds() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
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
      throw UsageError("unknown option " + a +
                       " (global options: --db, --config, --help, "
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
    if (i + 1 < args.size() && args[i + 1] == "--markdown") {
      print_markdown(out);
      return 0;
    }
    if (i + 1 == args.size()) {
      print_general_help(out);
    } else {
      print_command_help(*find_command(args, i + 1).first, out);
    }
    return 0;
  }
  // `rplan team --help`: the subcommands of a group.
  if (i + 1 < args.size() && (args[i + 1] == "--help" || args[i + 1] == "-h")) {
    std::vector<const Command*> group;
    for (const auto& c : commands()) {
      if (c.name.rfind(args[i] + " ", 0) == 0) group.push_back(&c);
    }
    if (!group.empty()) {
      out << "Usage: rplan [--db PATH] [--config FILE] " << args[i] << " SUBCOMMAND ...\n\n";
      for (const Command* c : group) {
        out << "  " << c->name << (c->args.empty() ? "" : " " + c->args) << "\n      " << c->summary
            << "\n";
      }
      out << "\nrplan " << args[i] << " SUBCOMMAND --help shows one subcommand's options.\n";
      return 0;
    }
  }
  const auto [command, words] = find_command(args, i);
  const std::vector<std::string> rest(args.begin() + static_cast<long>(i + words), args.end());

  po::options_description visible = command_options(*command);
  po::options_description all;
  all.add(visible);
  po::positional_options_description positional;
  for (const auto& [name, count] : command->positional) {
    if (count == 1 || count == 0) {
      all.add_options()(name.c_str(), po::value<std::string>());
    } else {
      all.add_options()(name.c_str(), po::value<std::vector<std::string>>());
    }
    positional.add(name.c_str(), count == 0 ? 1 : count);
  }
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(rest).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::too_many_positional_options_error&) {
    throw UsageError(command->name + ": too many arguments; usage: " + synopsis(*command));
  } catch (const po::unknown_option& e) {
    const std::string option = e.get_option_name();
    const bool global = option.rfind("--db", 0) == 0 || option.rfind("--config", 0) == 0;
    throw UsageError(command->name + ": " + e.what() +
                     (global ? " (global options go before the command: rplan " + option + " ... " +
                                   command->name + ")"
                             : "; see rplan " + command->name + " --help"));
  } catch (const po::error& e) {
    throw UsageError(command->name + ": " + e.what());
  }
  if (help || vm.count("help")) {
    print_command_help(*command, out);
    return 0;
  }
  for (const auto& [name, count] : command->positional) {
    if (count != 0 && vm.count(name) == 0) {
      throw UsageError(command->name + ": missing " + name + "; usage: " + synopsis(*command));
    }
  }

  using pipeline::StreamReporter;
  StreamReporter reporter(err,
                          (&err == &std::cerr) && ::isatty(STDERR_FILENO) != 0
                              ? StreamReporter::Progress::terminal
                              : StreamReporter::Progress::off,
                          std::getenv("RPLAN_TIMINGS") != nullptr ? StreamReporter::Timings::on
                                                                  : StreamReporter::Timings::off,
                          monotonic_seconds);
  Context ctx{out, err, reporter};
  ctx.now = clock_now();
  ctx.today = local_date(ctx.now);
  ctx.threads = std::max(1u, std::thread::hardware_concurrency());
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
