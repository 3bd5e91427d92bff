#include "planner/cli/io.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <system_error>
#include <unordered_set>

#include "planner/util/text.hpp"
#include "planner/util/time_zone.hpp"

namespace rplan::cli {

namespace fs = std::filesystem;

std::string shorten(const std::string& text, std::size_t width) {
  if (util::utf8_length(text) <= width) return text;
  std::string out;
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++count > width - 1) break;
    out += c;
  }
  return out + "\u2026";
}

namespace {

constexpr std::size_t k_shown_text = 60;  // code points of a prompt in the report

std::string quoted(const std::string& text) { return "\"" + shorten(text, k_shown_text) + "\""; }

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// An edited prompt's old and new text for the report: a long beginning both
// share is cut to "…" and the few words before the first difference, so that
// what changed shows; then each is quoted and shortened.
std::string quoted_change(const std::string& from, const std::string& to) {
  constexpr std::size_t k_kept = 12;  // code points of the shared beginning kept
  std::size_t common = 0;
  while (common < from.size() && common < to.size() && from[common] == to[common]) ++common;
  while (common > 0 && common < from.size() && continuation(from[common])) --common;
  std::size_t start = common;
  for (std::size_t kept = 0; start > 0 && kept < k_kept;) {
    --start;
    if (!continuation(from[start])) ++kept;
  }
  const std::size_t space = from.rfind(' ', start);
  if (space != std::string::npos && start - space < 20) start = space + 1;
  if (util::utf8_length(std::string_view(from).substr(0, start)) < 2 * k_kept) start = 0;
  const std::string cut = start == 0 ? "" : "\u2026";
  return quoted(cut + from.substr(start)) + " \u2192 " + quoted(cut + to.substr(start));
}

std::string tasks_phrase(int n, const std::string& what) {
  return std::to_string(n) + " " + what + (n == 1 ? " task" : " tasks");
}

void print_warnings(const store::ImportReport& r, std::ostream& err) {
  const std::string where = r.document + ": warning: ";
  for (const auto& c : r.edited) {
    if (!c.meaning_changed) continue;
    const std::string status(model::to_string(c.status));
    err << where << "task " << c.task_id << " (" << status
        << ") was paired by its position with a prompt of another meaning ("
        << quoted_change(c.old_text, c.new_text) << ") and keeps its status " << status
        << "; if the prompt is new work, reopen the task with rplan task " << c.task_id
        << " --status open\n";
  }
  for (const auto& a : r.archived_with_work) {
    std::vector<std::string> work;
    if (a.done > 0) work.push_back(tasks_phrase(a.done, "done"));
    if (a.in_progress > 0) work.push_back(tasks_phrase(a.in_progress, "in-progress"));
    err << where << "topic \"" << a.title << "\" (" << a.topic_id << ") was archived with "
        << util::join(work, " and ")
        << (a.renamed_to.empty() ? " (its heading is gone or renamed)"
                                 : " (its heading was renamed to \"" + a.renamed_to +
                                       "\", which is a new topic with new tasks)")
        << "; to bring it back with its work, restore the heading \"" << a.title << "\" in "
        << r.document << " and import it again\n";
  }
  if (!r.previous_folder.empty()) {
    const std::string before = (fs::path(r.previous_folder) / r.document).string();
    err << where << "a document named " << r.document << " was imported before from "
        << r.previous_folder
        << "; rplan knows a document by its file name, so this one replaced it. If they are "
           "different documents, import "
        << before << " again to bring the first one back, and rename this one\n";
  }
}

}  // namespace

void print_import_reports(const std::vector<store::ImportReport>& reports, std::ostream& out,
                          std::ostream& err) {
  for (const auto& r : reports) {
    out << r.document << ": " << r.added << " added, " << r.updated << " updated, " << r.unchanged
        << " unchanged, ";
    if (r.re_estimated > 0) out << r.re_estimated << " re-estimated, ";
    out << r.removed << " removed";
    std::vector<std::string> topics;
    if (r.topics_added > 0) topics.push_back(std::to_string(r.topics_added) + " new");
    if (r.topics_archived > 0) topics.push_back(std::to_string(r.topics_archived) + " archived");
    if (r.topics_restored > 0) topics.push_back(std::to_string(r.topics_restored) + " restored");
    if (!topics.empty()) {
      out << " (topics: ";
      for (std::size_t i = 0; i < topics.size(); ++i) out << (i ? ", " : "") << topics[i];
      out << ")";
    }
    out << "\n";
    for (const auto& c : r.edited) {
      out << "  updated  " << c.task_id << "  " << quoted_change(c.old_text, c.new_text) << "\n";
    }
    print_warnings(r, err);
  }
}

std::string resolve_name(std::vector<model::Assignee> team, const std::vector<std::string>& others,
                         std::string_view given) {
  std::unordered_set<std::string> known;
  for (const auto& a : team) known.insert(a.name);
  for (const auto& name : others) {
    if (name.empty() || !known.insert(name).second) continue;
    model::Assignee former;
    former.name = name;
    team.push_back(std::move(former));
  }
  return model::require_person(team, given).name;
}

std::size_t terminal_width(const std::ostream& out, std::size_t fallback) {
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr && *columns != 0) {
    if (const auto n = std::strtoul(columns, nullptr, 10); n > 0) return n;
  }
  if (&out == &std::cout && ::isatty(STDOUT_FILENO) != 0) {
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  }
  return fallback;
}

std::string system_time_zone() {
  if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != 0) {
    const std::string_view name = *tz == ':' ? tz + 1 : tz;
    if (util::is_known_time_zone(name)) return std::string(name);
  }
  std::error_code ec;
  const auto target = std::filesystem::read_symlink("/etc/localtime", ec).string();
  if (const auto at = target.find("zoneinfo/"); !ec && at != std::string::npos) {
    const std::string name = target.substr(at + 9);
    if (util::is_known_time_zone(name)) return name;
  }
  return "UTC";
}

std::string local_time(const model::WorkBlock& b, bool end) {
  const int minute = b.start_minute + (end ? b.minutes : 0);
  const model::Date day = b.date + std::chrono::days{minute / 1440};
  return util::format_date(day) + " " + util::format_clock(minute % 1440);
}

}  // namespace rplan::cli
