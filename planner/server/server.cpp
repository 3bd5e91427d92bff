// `rplan serve`: snapshots of the rendered plan, feed tokens, and the HTTP
// side (cpp-httplib: the one file that sees it).

#include "planner/server/server.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "exporters/ics_export.hpp"
#include "planner/store/store.hpp"
#include "planner/util/digest.hpp"
#include "planner/util/error.hpp"

namespace rplan::server {

namespace {

constexpr std::string_view k_redacted = "[redacted]";

// A rendered body and what is sent with it.
struct Body {
  std::string bytes;
  std::string etag;  // W/"…": the same bytes are the same tag
  std::string media_type;
};

Body make_body(std::string bytes, std::string media_type) {
  Body b;
  b.etag = "W/\"" + util::sha256_hex(bytes).substr(0, 32) + "\"";
  b.bytes = std::move(bytes);
  b.media_type = std::move(media_type);
  return b;
}

constexpr const char* k_calendar_type = "text/calendar; charset=utf-8";

// Everything a request may be answered with, from one read of the database.
struct Snapshot {
  std::int64_t data_version = 0;
  bool has_plan = false;
  std::unordered_map<std::string, Body> team_pages;  // by path, /calendars/team.ics included
  struct PersonCalendar {
    std::string person;
    Body body;
  };
  std::unordered_map<std::string, PersonCalendar> person_calendars;  // by path
  struct Key {
    std::string hash;    // SHA-256 of the token
    std::string person;  // "" : the team's
  };
  std::vector<Key> feeds;  // those in use
};

// The value of the `token` parameter of a query, or "".
std::string token_of(const httplib::Request& req) {
  return req.has_param("token") ? req.get_param_value("token") : std::string();
}

}  // namespace

std::string feed_path(std::string_view file_name, std::string_view token) {
  std::string path = "/calendars/";
  path.append(file_name).append("?token=").append(token);
  return path;
}

std::string redact_tokens(std::string_view target) {
  const auto query = target.find('?');
  if (query == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, query + 1));
  std::string_view rest = target.substr(query + 1);
  bool first = true;
  while (true) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    if (!first) out += '&';
    first = false;
    const auto eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    if (key == "token") {
      out.append(key).append("=").append(k_redacted);
    } else {
      out.append(pair);
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return out;
}

bool etag_matches(std::string_view header, std::string_view etag) {
  auto opaque = [](std::string_view tag) {
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    return tag;
  };
  const std::string_view want = opaque(etag);
  std::size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t' || header[i] == ',')) ++i;
    if (i == header.size()) break;
    if (header[i] == '*') return true;
    std::size_t end = i;
    if (header.substr(i, 2) == "W/") end += 2;
    if (end < header.size() && header[end] == '"') {
      const auto close = header.find('"', end + 1);
      if (close == std::string_view::npos) return false;
      end = close + 1;
    } else {
      while (end < header.size() && header[end] != ',') ++end;
    }
    if (opaque(header.substr(i, end - i)) == want) return true;
    i = end;
  }
  return false;
}

struct Server::Impl {
  explicit Impl(Options o)
      : options(std::move(o)), store(options.database, store::Access::read_only) {}

  Options options;
  store::Store store;  // read-only; used under `mutex`
  httplib::Server http;
  std::mutex mutex;  // the store and `current`
  std::shared_ptr<const Snapshot> current;
  std::mutex log_mutex;
  std::atomic<bool> in_run{false};      // run() is under way
  std::atomic<bool> stop_asked{false};  // stop() was called

  // The snapshot for a request: the current one, or a new one when the
  // database changed since it was made.
  std::shared_ptr<const Snapshot> snapshot() {
    const std::lock_guard<std::mutex> lock(mutex);
    const std::int64_t version = store.data_version();
    if (!current || current->data_version != version) current = build(version);
    return current;
  }

  std::shared_ptr<const Snapshot> build(std::int64_t version) {
    auto s = std::make_shared<Snapshot>();
    s->data_version = version;
    model::Project project = store.load_project();
    project.forecast = store.load_forecast();  // when one was kept with this plan
    for (const auto& f : store.feeds()) {
      if (!f.revoked) s->feeds.push_back({f.token_hash, f.person});
    }
    s->has_plan = project.plan.exists;
    if (!s->has_plan) return s;
    for (const Page& page : options.pages) {
      std::ostringstream out;
      page.render(project, out);
      s->team_pages.emplace(page.path, make_body(std::move(out).str(), page.media_type));
    }
    {
      std::ostringstream out;
      options.calendar(project, "", out);
      s->team_pages.emplace("/calendars/team.ics",
                            make_body(std::move(out).str(), k_calendar_type));
    }
    const auto names = exporters::calendar_file_names(project.team);
    for (std::size_t i = 0; i < project.team.size(); ++i) {
      std::ostringstream out;
      options.calendar(project, project.team[i].name, out);
      s->person_calendars.emplace(
          "/calendars/" + names[i],
          Snapshot::PersonCalendar{project.team[i].name,
                                   make_body(std::move(out).str(), k_calendar_type)});
    }
    return s;
  }

  // The feed the token opens: its index in s.feeds, or -1. Every feed is
  // compared, in constant time each, whatever matches.
  static int feed_of(const Snapshot& s, const std::string& token) {
    if (token.empty()) return -1;
    const std::string hash = util::sha256_hex(token);
    int found = -1;
    for (std::size_t i = 0; i < s.feeds.size(); ++i) {
      if (util::equal_in_constant_time(hash, s.feeds[i].hash)) found = static_cast<int>(i);
    }
    return found;
  }

  static void not_found(httplib::Response& res) {
    res.status = 404;
    res.set_content("not found\n", "text/plain; charset=utf-8");
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    const std::shared_ptr<const Snapshot> s = snapshot();
    const int feed = feed_of(*s, token_of(req));
    if (feed < 0) return not_found(res);
    const std::string& person = s->feeds[static_cast<std::size_t>(feed)].person;
    const Body* body = nullptr;
    if (person.empty()) {
      const auto it = s->team_pages.find(req.path);
      if (it != s->team_pages.end()) body = &it->second;
    }
    const auto cal = s->person_calendars.find(req.path);
    if (cal != s->person_calendars.end() && (person.empty() || person == cal->second.person)) {
      body = &cal->second.body;
    }
    if (!s->has_plan) {
      res.status = 503;
      res.set_content("there is no plan yet: run rplan plan\n", "text/plain; charset=utf-8");
      return;
    }
    if (body == nullptr) return not_found(res);
    res.set_header("ETag", body->etag);
    res.set_header("Cache-Control", "private, no-cache");
    res.set_header("Vary", "Accept-Encoding");
    if (req.has_header("If-None-Match") &&
        etag_matches(req.get_header_value("If-None-Match"), body->etag)) {
      res.status = 304;
      return;
    }
    res.status = 200;
    res.set_content(body->bytes, body->media_type.c_str());
  }

  void log(const httplib::Request& req, const httplib::Response& res) {
    if (!options.access_log) return;
    std::string line = options.clock ? util::format_rfc3339(options.clock(), 0) : std::string("-");
    line += ' ';
    line += req.remote_addr.empty() ? "-" : req.remote_addr;
    line += " \"" + req.method + ' ' + redact_tokens(req.target) + ' ' + req.version + "\" ";
    line += std::to_string(res.status) + ' ' + std::to_string(res.body.size()) + '\n';
    const std::lock_guard<std::mutex> lock(log_mutex);
    options.access_log(line);
  }
};

Server::Server(Options options) : m_impl(std::make_unique<Impl>(std::move(options))) {
  Impl& impl = *m_impl;
  httplib::Server& http = impl.http;
  const std::size_t threads = std::max<std::size_t>(impl.options.threads, 1);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(1024);
  http.set_read_timeout(5, 0);
  http.set_write_timeout(5, 0);
  http.set_keep_alive_timeout(5);
  http.set_keep_alive_max_count(100);
  http.Get(".*",
           [&impl](const httplib::Request& req, httplib::Response& res) { impl.handle(req, res); });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content("internal error\n", "text/plain; charset=utf-8");
      });
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      res.set_content(res.status == 404 ? "not found\n" : "error\n", "text/plain; charset=utf-8");
    }
  });
  http.set_logger(
      [&impl](const httplib::Request& req, const httplib::Response& res) { impl.log(req, res); });
  // Builds the first snapshot now: a database that cannot be read fails here.
  impl.snapshot();
}

Server::~Server() = default;

int Server::bind() {
  Impl& impl = *m_impl;
  const std::string where = impl.options.host + ":" + std::to_string(impl.options.port);
  int port = impl.options.port;
  if (port == 0) {
    port = impl.http.bind_to_any_port(impl.options.host);
    if (port < 0) throw Error("cannot listen on " + where);
  } else if (!impl.http.bind_to_port(impl.options.host, port)) {
    throw Error("cannot listen on " + where + ": the address is in use or not this machine's");
  }
  return port;
}

// run() and stop() meet through two flags (sequentially consistent): either
// run() sees that stop was asked for and does not listen, or stop() sees that
// run() is under way and waits until cpp-httplib is listening, since its
// stop() does nothing before that (a signal right after bind() was lost so).
void Server::run() {
  Impl& impl = *m_impl;
  impl.in_run = true;
  if (!impl.stop_asked) impl.http.listen_after_bind();
  impl.in_run = false;
}

void Server::stop() {
  Impl& impl = *m_impl;
  impl.stop_asked = true;
  while (impl.in_run && !impl.http.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl.http.stop();
}

}  // namespace rplan::server
