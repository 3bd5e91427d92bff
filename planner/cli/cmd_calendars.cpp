// Calendars that stay true: feed, serve, publish.

#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <initializer_list>
#include <iomanip>

#include "exporters/ics_export.hpp"
#include "planner/caldav/publish.hpp"
#include "planner/cli/command.hpp"
#include "planner/cli/io.hpp"
#include "planner/cli/numbers.hpp"
#include "planner/cli/tracking.hpp"
#include "planner/parse/files.hpp"
#include "planner/pipeline/exports.hpp"
#include "planner/server/server.hpp"
#include "planner/store/store.hpp"
#include "planner/util/digest.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"
#include "planner/util/thread_group.hpp"

namespace rplan::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_default_listen = "127.0.0.1:8080";

// ---- feed ----

// The file a feed serves: team.ics, or its person's calendar file name.
std::string feed_file(const std::vector<model::Assignee>& team, const std::string& person) {
  if (person.empty()) return "team.ics";
  const auto names = exporters::calendar_file_names(team);
  for (std::size_t i = 0; i < team.size(); ++i) {
    if (team[i].name == person) return names[i];
  }
  return exporters::file_slug(person) + ".ics";
}

void check_feed_name(const std::string& name) {
  if (name.empty() || name.size() > 100 || util::find_invalid_utf8(name) ||
      std::any_of(name.begin(), name.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
    throw UsageError("feed name \"" + name +
                     "\" must be 1 to 100 characters of UTF-8 text without control characters");
  }
}

int cmd_feed_add(Context& ctx, const po::variables_map& vm) {
  const std::string name = *get_string(vm, "NAME");
  check_feed_name(name);
  std::string person = get_string(vm, "person").value_or("");
  store::Store store(ctx.db_path, store::Access::update);
  store::Store::Transaction tx(store);
  if (!person.empty()) person = model::require_person(store.team(), person).name;  // any case
  const std::string token = util::random_hex(32);
  store::Feed feed;
  feed.name = name;
  feed.person = person;
  feed.token_hash = util::sha256_hex(token);
  feed.created_at = ctx.now;
  store.add_feed(feed);
  const std::string path = server::feed_path(feed_file(store.team(), person), token);
  tx.commit();
  ctx.out << path << "\n";
  ctx.out << "feed \"" << name << "\": "
          << (person.empty() ? "the team's calendar (its token also opens /, /plan.json, "
                               "/plan.csv, /checklist.md and every person's calendar)"
                             : person + "'s calendar")
          << ". Serve it with rplan serve and subscribe to http://HOST:PORT" << path
          << "\nrplan keeps only a hash of the token: copy the first line now, it cannot be "
             "shown again.\n";
  return 0;
}

int cmd_feed_list(Context& ctx, const po::variables_map&) {
  store::Store store(ctx.db_path, store::Access::read_only);
  const auto feeds = store.feeds();
  if (feeds.empty()) {
    ctx.out << "no feeds (add one with rplan feed add NAME [--person P])\n";
    return 0;
  }
  std::size_t width = 4;
  for (const auto& f : feeds) width = std::max(width, util::utf8_length(f.name));
  auto pad = [&](const std::string& s) {
    return s + std::string(width + 2 - std::min(width + 1, util::utf8_length(s)), ' ');
  };
  ctx.out << pad("NAME") << "CALENDAR            CREATED                    STATUS\n";
  for (const auto& f : feeds) {
    std::string who = f.person.empty() ? "team" : f.person;
    if (util::utf8_length(who) < 18) who += std::string(18 - util::utf8_length(who), ' ');
    ctx.out << pad(f.name) << who << "  " << util::format_rfc3339(f.created_at, 0) << "  "
            << (f.revoked ? "revoked " + util::format_rfc3339(*f.revoked, 0) : "active") << "\n";
  }
  return 0;
}

int cmd_feed_revoke(Context& ctx, const po::variables_map& vm) {
  const std::string name = *get_string(vm, "NAME");
  store::Store store(ctx.db_path, store::Access::update);
  store::Store::Transaction tx(store);
  if (!store.revoke_feed(name, ctx.now)) {
    throw InputError("no feed called \"" + name + "\" is in use (rplan feed list shows them)");
  }
  tx.commit();
  ctx.out << "revoked the feed \"" << name << "\": its URL now gets 404\n";
  return 0;
}

// ---- serve ----

struct Listen {
  std::string host;
  int port = 0;
};

// "HOST:PORT" or "[IPv6]:PORT".
Listen parse_listen(const std::string& text) {
  Listen l;
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    throw UsageError("--listen " + text + " is not HOST:PORT (e.g. " + k_default_listen + ")");
  }
  l.host = text.substr(0, colon);
  if (l.host.size() > 2 && l.host.front() == '[' && l.host.back() == ']') {
    l.host = l.host.substr(1, l.host.size() - 2);
  }
  l.port = static_cast<int>(
      checked_number(text.substr(colon + 1),
                     util::NumberRange{0, 65535, util::NumberRange::LowEnd::included,
                                       util::NumberRange::Kind::whole},
                     NumberSource::option, "--listen port"));
  return l;
}

bool loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// The server's pages: the export formats with a stream writer and a file of
// `run`, at "/FILE" (the report also at "/"); calendars are /calendars/….
std::vector<server::Page> pages() {
  std::vector<server::Page> out;
  for (const pipeline::ExportFormat& f : pipeline::export_formats()) {
    if (!f.stream || f.run_file.empty() || !f.run_folder.empty()) continue;
    auto render = [&f](const model::Project& p, std::ostream& o) {
      pipeline::ExportOptions options;
      options.today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
      options.cancelled_retention_days.reset();
      f.stream(p, options, o);
    };
    out.push_back({"/" + f.run_file, f.media_type, render});
    if (f.name == "html") out.push_back({"/", f.media_type, render});
  }
  return out;
}

const pipeline::ExportFormat& ics_format() {
  for (const pipeline::ExportFormat& f : pipeline::export_formats()) {
    if (f.name == "ics") return f;
  }
  throw Error("this build has no ics export");
}

// Blocks signals in the calling thread while it lives (and in threads it
// starts meanwhile); then restores the previous mask, and takes any of them
// still pending, so that none reaches the process once it is unblocked.
class BlockedSignals {
 public:
  explicit BlockedSignals(std::initializer_list<int> signals) {
    sigemptyset(&m_set);
    for (const int s : signals) sigaddset(&m_set, s);
    pthread_sigmask(SIG_BLOCK, &m_set, &m_previous);
  }
  ~BlockedSignals() {
    const timespec now{0, 0};
    while (sigtimedwait(&m_set, nullptr, &now) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
  }
  BlockedSignals(const BlockedSignals&) = delete;
  BlockedSignals& operator=(const BlockedSignals&) = delete;
  // Waits for one of them.
  void wait() const {
    int signal = 0;
    sigwait(&m_set, &signal);
  }

 private:
  sigset_t m_set;
  sigset_t m_previous;
};

int cmd_serve(Context& ctx, const po::variables_map& vm) {
  const Listen listen = parse_listen(get_string(vm, "listen").value_or(k_default_listen));
  if (!loopback(listen.host)) {
    ctx.reporter.message("rplan: warning: serving plain HTTP on " + listen.host +
                         ": tokens and plans cross the network unencrypted; put a TLS proxy in "
                         "front (docs/calendar-import.md, \"Serving beyond this machine\")\n");
  }
  server::Options options;
  options.host = listen.host;
  options.port = listen.port;
  options.database = ctx.db_path;
  options.pages = pages();
  const pipeline::ExportFormat& ics = ics_format();
  options.calendar = [&ics](const model::Project& p, const std::string& person, std::ostream& o) {
    pipeline::ExportOptions e;
    e.assignee = person;
    e.cancelled_retention_days.reset();  // a feed is read whole: what left it is gone
    ics.stream(p, e, o);
  };
  options.clock = [] {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  };
  options.access_log = [&ctx](const std::string& line) { ctx.reporter.message(line); };
  // SIGINT and SIGTERM are blocked here (every thread started from here on
  // inherits the mask) and taken by one waiting thread, which stops the server.
  const BlockedSignals stop_signals({SIGINT, SIGTERM});
  server::Server server(std::move(options));
  const int port = server.bind();
  util::ThreadGroup waiter(1);
  if (!waiter.start([&] {
        stop_signals.wait();
        server.stop();
      })) {
    throw Error("cannot start a thread to wait for Ctrl-C");
  }
  ctx.out << "serving the plan of " << ctx.db_path.string() << " at http://"
          << (listen.host.find(':') != std::string::npos ? "[" + listen.host + "]" : listen.host)
          << ":" << port << "/ (stop with Ctrl-C)\n"
          << std::flush;
  server.run();
  ::kill(::getpid(), SIGTERM);  // wakes the waiter when run() ended by itself (pending if not)
  waiter.join();
  ctx.out << "stopped\n";
  return 0;
}

// ---- publish ----

// The password: the first line of a file that only its owner may read.
std::string read_password(const std::string& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    throw MissingInputError("cannot read the password file " + file);
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    throw InputError("the password file " + file + " may be read or changed by others (mode " +
                     mode + "); make it yours alone: chmod 600 " + file);
  }
  std::string text = parse::read_text_file(file);
  const auto end = text.find_first_of("\r\n");
  if (end != std::string::npos) text.resize(end);
  if (text.empty()) throw InputError("the password file " + file + " is empty");
  return text;
}

int cmd_publish(Context& ctx, const po::variables_map& vm) {
  const auto url = get_string(vm, "caldav");
  if (!url) throw UsageError("publish: --caldav URL is required");
  const std::string base = caldav::collection_url(*url);
  const auto user = get_string(vm, "user");
  const auto password_file = get_string(vm, "password-file");
  if (user.has_value() != password_file.has_value()) {
    throw UsageError(
        "publish: give --user and --password-file together (never a password on "
        "the command line)");
  }
  caldav::Credentials credentials;
  if (user) {
    credentials.user = *user;
    credentials.password = read_password(*password_file);
  }
  store::Store store(ctx.db_path, store::Access::update);
  store::Store::Transaction tx(store);
  const model::Project project = store.load_project();
  if (!project.plan.exists)
    throw InputError("there is no plan to publish yet: run rplan plan first");
  warn_if_stale(project.plan, ctx);
  const std::string title = project.title.empty() ? "rplan plan" : project.title;
  std::vector<caldav::Target> targets;
  exporters::IcsOptions events;  // cancelled items are deleted instead
  if (vm.count("per-assignee") == 0) {
    targets.push_back({base, "", title, exporters::ics_resources(project, events)});
  } else {
    // Everyone in the team, and every collection published to as a person's
    // under this base before (a person who left, whose events must go).
    const auto names = exporters::calendar_file_names(project.team);
    const exporters::IcsIndex index(project);  // one pass over the plan for everyone
    for (std::size_t i = 0; i < project.team.size(); ++i) {
      events.assignee = project.team[i].name;
      std::string folder = names[i].substr(0, names[i].size() - 4);  // without ".ics"
      targets.push_back({caldav::child_url(base, folder), base,
                         title + " \xE2\x80\x94 " + project.team[i].name,
                         exporters::ics_resources(project, index, events)});
    }
    for (const auto& collection : store.published_collections(base)) {
      const bool known = std::any_of(targets.begin(), targets.end(),
                                     [&](const caldav::Target& t) { return t.url == collection; });
      if (!known) targets.push_back({collection, base, title, {}});
    }
  }
  caldav::HttpClient http(credentials);
  std::vector<caldav::PublishReport> reports;
  for (const auto& target : targets) {
    if (target.resources.empty() && store.published(target.url).empty()) continue;
    ctx.reporter.stage("publishing to " + target.url);
    reports.push_back(caldav::publish(http, store, target));
  }
  tx.commit();
  ctx.reporter.stage_done();
  for (const auto& r : reports) {
    ctx.out << "published to " << r.url << ": " << r.added << " added, " << r.updated
            << " updated, " << r.removed << " removed, " << r.unchanged << " unchanged\n";
  }
  if (reports.empty()) ctx.out << "nothing to publish: nobody has planned work\n";
  return 0;
}

}  // namespace

void add_calendar_commands(std::vector<Command>& t) {
  t.push_back({"feed add",
               "NAME [--person P]",
               "make a subscribable feed; prints its URL path with its secret token",
               "The first line of the output is the feed's URL path with its token\n"
               "(/calendars/team.ics?token=..., or the person's calendar with --person).\n"
               "rplan keeps only a SHA-256 hash of the token: it cannot be shown again. A\n"
               "team feed's token also opens /, /plan.json, /plan.csv and /checklist.md of rplan\n"
               "serve.",
               [](po::options_description& d) {
                 d.add_options()("person", po::value<std::string>(),
                                 "only this person's calendar (default: the team's)");
               },
               {{"NAME", 1}},
               cmd_feed_add});
  t.push_back(
      {"feed list", "", "list the feeds (never their tokens)", "", nullptr, {}, cmd_feed_list});
  t.push_back({"feed revoke",
               "NAME",
               "revoke a feed: its URL gets 404 from then on",
               "",
               nullptr,
               {{"NAME", 1}},
               cmd_feed_revoke});
  t.push_back({"serve",
               "[--listen HOST:PORT]",
               "serve the current plan and its calendar feeds over HTTP (read-only)",
               "Pages: / (the HTML report), /plan.json, /plan.csv, /checklist.md,\n"
               "/calendars/team.ics and /calendars/PERSON.ics, each with ?token=... of a feed\n"
               "(rplan feed add); anything else, or a token unknown or revoked, gets 404. A\n"
               "new plan is served\n"
               "as soon as it is saved, without a restart. Listens on 127.0.0.1:8080 unless\n"
               "--listen says otherwise (port 0: any free port, printed on the first line);\n"
               "on an address other than loopback it warns that it speaks plain HTTP (put a\n"
               "TLS proxy in front: docs/calendar-import.md). One access-log line per\n"
               "request on standard error (tokens redacted); stops cleanly on Ctrl-C or\n"
               "SIGTERM.",
               [](po::options_description& d) {
                 d.add_options()(
                     "listen", po::value<std::string>(),
                     (std::string("address and port (") + k_default_listen + ")").c_str());
               },
               {},
               cmd_serve});
  t.push_back({"publish",
               "--caldav URL [--user U --password-file F] [--per-assignee]",
               "put the plan's events into a CalDAV calendar, and keep it equal to the plan",
               "Sends new and changed events (PUT), deletes those that left the plan, and\n"
               "nothing for the rest (what was published is remembered in the database, per\n"
               "collection). --per-assignee: one collection per person under URL. The password\n"
               "is read from the first line of --password-file, which others may not read;\n"
               "it is never printed or stored. Exit 69 when the server cannot be reached, 77\n"
               "when it refuses the credentials (the database is then unchanged).",
               [](po::options_description& d) {
                 d.add_options()("caldav", po::value<std::string>(),
                                 "the calendar collection's URL")("user", po::value<std::string>(),
                                                                  "user name for the server")(
                     "password-file", po::value<std::string>(),
                     "file whose first line is the password (mode 600)")(
                     "per-assignee", "one collection per person under URL");
               },
               {},
               cmd_publish});
}

}  // namespace rplan::cli
