// --per-assignee: file names and the folder of per-person calendars.

#include <set>

#include "exporters/ics_export.hpp"
#include "planner/util/atomic_file.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_max_slug_octets = 60;

// Calls emit(code point) for each well-formed UTF-8 character of text, and
// emit(0xFFFD) for each byte that is not part of one.
template <class F>
void for_each_code_point(std::string_view text, F&& emit) {
  for (std::size_t i = 0; i < text.size();) {
    const util::Utf8Char c = util::decode_utf8(text, i);
    if (c.length == 0) {
      emit(char32_t{0xFFFD});
      ++i;
      continue;
    }
    emit(c.code_point);
    i += c.length;
  }
}

// Lower-case ASCII for a Latin-1 or Latin Extended-A letter (U+00C0-U+017F),
// "" for anything else there (×, ÷).
std::string_view latin_base(char32_t cp) {
  // U+00C0-U+00FF; '*' marks the few that need two letters or none.
  static constexpr std::string_view latin1 =
      "aaaaaa*ceeeeiiiidnooooo*ouuuuy**aaaaaa*ceeeeiiiidnooooo*ouuuuy*y";
  // U+0100-U+017F; '*' marks IJ ij OE oe.
  static constexpr std::string_view extended_a =
      "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnn"
      "oooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
  static_assert(latin1.size() == 64 && extended_a.size() == 128);
  switch (cp) {
    case 0xC6:
    case 0xE6:
      return "ae";
    case 0xDE:
    case 0xFE:
      return "th";
    case 0xDF:
      return "ss";
    case 0x132:
    case 0x133:
      return "ij";
    case 0x152:
    case 0x153:
      return "oe";
    default:
      break;
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    const std::string_view c = latin1.substr(cp - 0xC0, 1);
    return c == "*" ? std::string_view() : c;
  }
  if (cp >= 0x100 && cp <= 0x17F) return extended_a.substr(cp - 0x100, 1);
  return {};
}

bool is_edge(char c) { return c == '-' || c == '.' || c == '_'; }

std::string trim_edges(std::string s) {
  while (!s.empty() && is_edge(s.back())) s.pop_back();
  std::size_t first = 0;
  while (first < s.size() && is_edge(s[first])) ++first;
  return s.substr(first);
}

bool reserved_on_windows(const std::string& stem) {
  static const std::set<std::string> reserved = {"con", "prn", "aux", "nul"};
  if (reserved.count(stem) != 0) return true;
  return stem.size() == 4 && (stem.rfind("com", 0) == 0 || stem.rfind("lpt", 0) == 0) &&
         stem[3] >= '1' && stem[3] <= '9';
}

}  // namespace

std::string file_slug(std::string_view text) {
  std::string s;
  bool gap = false;  // a run of characters that are not kept
  for_each_code_point(text, [&](char32_t cp) {
    std::string_view kept;
    char ascii = 0;
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || is_edge(c)) ascii = c;
      if (c >= 'A' && c <= 'Z') ascii = static_cast<char>(c - 'A' + 'a');
      if (ascii != 0) kept = std::string_view(&ascii, 1);
    } else {
      kept = latin_base(cp);
    }
    if (kept.empty()) {
      gap = true;
      return;
    }
    if (gap && !s.empty() && s.back() != '-') s += '-';
    gap = false;
    s += kept;
  });
  s = trim_edges(std::move(s));
  if (s.size() > k_max_slug_octets) s = trim_edges(s.substr(0, k_max_slug_octets));
  return s;
}

std::vector<std::string> calendar_file_names(const std::vector<model::Assignee>& people) {
  std::set<std::string> taken;  // stems; slugs are lower case, so this ignores case
  std::vector<std::string> names;
  names.reserve(people.size());
  for (const auto& person : people) {
    std::string stem = file_slug(person.name);
    if (stem.empty()) {
      const auto at = person.email.rfind('@');
      stem = file_slug(std::string_view(person.email).substr(0, at));
    }
    if (stem.empty()) stem = "person";
    std::string unique = stem;
    for (int n = 2; taken.count(unique) != 0 || reserved_on_windows(unique); ++n) {
      unique = stem + '-' + std::to_string(n);
    }
    taken.insert(unique);
    names.push_back(unique + ".ics");
  }
  return names;
}

std::vector<CalendarFile> calendar_files(const model::Project& project,
                                         std::optional<int> cancelled_retention_days) {
  std::set<std::string> with_work;
  for (const auto& t : project.tasks) {
    if (!t.planned()) continue;
    with_work.insert(t.assignee);
    for (const auto& b : t.blocks) {  // history worked by someone else
      if (!b.assignee.empty()) with_work.insert(b.assignee);
    }
  }
  if (cancelled_retention_days) {
    const model::Date today = std::chrono::floor<std::chrono::days>(project.plan.now);
    for (const auto& c : project.cancelled) {
      if (!c.calendar.empty() && model::within_retention(c, today, *cancelled_retention_days)) {
        with_work.insert(c.calendar);
      }
    }
  }
  std::vector<model::Assignee> people;
  for (const auto& a : project.team) {
    if (with_work.erase(a.name) != 0) people.push_back(a);
  }
  for (const auto& name : with_work) {  // no longer in the team
    model::Assignee a;
    a.name = name;
    people.push_back(a);
  }
  const auto names = calendar_file_names(people);
  std::vector<CalendarFile> files;
  for (std::size_t i = 0; i < people.size(); ++i) files.push_back({people[i].name, names[i]});
  return files;
}

std::vector<fs::path> write_ics_per_assignee(const model::Project& project,
                                             const IcsOptions& options, const fs::path& folder,
                                             const std::function<void()>& before_publish) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    if (fs::exists(folder, ec)) {
      throw OutputError(folder.string() +
                        " is not a folder: with --per-assignee, --out names a folder");
    }
    fs::create_directory(folder, ec);
    if (ec) throw OutputError("cannot create the folder " + folder.string() + ": " + ec.message());
  }
  std::vector<fs::path> written;
  const IcsIndex index(project);  // one pass over the plan for every person's file
  for (const auto& f : calendar_files(project, options.cancelled_retention_days)) {
    if (fs::path(f.file_name).filename() != f.file_name || f.file_name.front() == '.') {
      // calendar_file_names() makes this impossible; never write outside the folder.
      throw OutputError("refusing to write the file name \"" + f.file_name + "\" into " +
                        folder.string());
    }
    const fs::path path = folder / f.file_name;
    util::AtomicFile file(path);
    IcsOptions own = options;
    own.assignee = f.assignee;
    write_ics(project, index, own, file.stream());
    if (before_publish) before_publish();
    file.commit();
    written.push_back(path);
  }
  return written;
}

}  // namespace rplan::exporters
