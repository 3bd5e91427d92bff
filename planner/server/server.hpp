#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "planner/model/model.hpp"
#include "planner/util/dates.hpp"

// `rplan serve`: a small read-only web server over the database (cpp-httplib
// inside; docs/calendar-import.md, "Subscribe"). Every page and feed needs the
// secret token of a feed (`rplan feed add`) in its query (`?token=…`): a
// team's token opens every page, a person's only that person's calendar. An
// unknown, revoked or missing token, like an unknown page, gets 404 and
// nothing more.
namespace rplan::server {

// One page the server shows, made from the current plan.
struct Page {
  std::string path;        // "/plan.json"
  std::string media_type;  // "application/json"
  std::function<void(const model::Project&, std::ostream&)> render;
};

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (bind() says which)
  std::filesystem::path database;
  std::vector<Page> pages;  // "/" and the other pages of a team's token
  // The iCalendar feed of the team (person "") or of one person, served as
  // /calendars/team.ics and /calendars/<the person's file name>.
  std::function<void(const model::Project&, const std::string& person, std::ostream&)> calendar;
  std::function<util::Instant()> clock;  // the access log's timestamps
  // Given one line per request (ending in a newline, tokens redacted), from
  // the server's threads one at a time; empty: no log.
  std::function<void(const std::string&)> access_log;
  std::size_t threads = 8;  // requests served at once
};

// Serves the current plan: each request checks whether another connection
// committed to the database since the last one (PRAGMA data_version) and, if
// so, loads the project in one read transaction and renders every page and
// calendar into a new snapshot, which replaces the old one under a lock. A
// request is answered from one snapshot: never half of a plan. Bodies carry
// a weak ETag (If-None-Match gives 304), are compressed when the client asks
// (gzip or br), and have their media type (text/calendar; charset=utf-8 for
// feeds). Requests are bounded: a body of at most 1 KiB, 5 s to read or write,
// keep-alive for at most 5 s idle and 100 requests.
class Server {
 public:
  // Opens the database read-only (rplan::MissingInputError 66 when there is
  // none, InputError 65 for one of another schema).
  explicit Server(Options options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the address and returns the port (the one chosen for port 0).
  // Throws rplan::Error naming the address when it cannot.
  int bind();
  // Serves until stop(); then waits for the requests under way.
  void run();
  // Makes run() return, or return at once if it has not started; from any
  // thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// The URL path of a feed: "/calendars/FILE?token=TOKEN".
std::string feed_path(std::string_view file_name, std::string_view token);

// A request target as the access log shows it: the value of every `token`
// parameter of its query replaced by "[redacted]".
std::string redact_tokens(std::string_view target);

// Whether an If-None-Match header value ("*", or a list of entity tags)
// matches `etag` under the weak comparison of RFC 9110 section 13.1.2.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace rplan::server
