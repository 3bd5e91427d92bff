#include "planner/parse/team_csv.hpp"

#include <csv.h>

#include <algorithm>
#include <map>
#include <set>

#include "planner/util/error.hpp"
#include "planner/util/numbers.hpp"
#include "planner/util/text.hpp"

namespace rplan::parse {

namespace {

struct Row {
  int line = 0;
  std::vector<std::string> fields;
};

// libcsv callbacks collect rows; `line` is kept by the feeding loop.
struct Collector {
  std::vector<Row> rows;
  Row current;
  int line = 1;
  bool row_open = false;
};

void on_field(void* data, std::size_t size, void* sink) {
  auto* c = static_cast<Collector*>(sink);
  if (!c->row_open) {
    c->current = Row{c->line, {}};
    c->row_open = true;
  }
  c->current.fields.emplace_back(static_cast<const char*>(data), size);
}

void on_row(int, void* sink) {
  auto* c = static_cast<Collector*>(sink);
  if (c->row_open) c->rows.push_back(std::move(c->current));
  c->row_open = false;
}

// Owns a libcsv parser: csv_free runs however the parse ends (the callbacks
// allocate, and std::bad_alloc may come through csv_parse).
class CsvParser {
 public:
  explicit CsvParser(unsigned char options) { csv_init(&m_parser, options); }
  ~CsvParser() { csv_free(&m_parser); }
  CsvParser(const CsvParser&) = delete;
  CsvParser& operator=(const CsvParser&) = delete;
  csv_parser* get() { return &m_parser; }

 private:
  csv_parser m_parser{};
};

std::vector<std::string> k_columns = {"name",      "email",    "hours_per_day", "workdays",
                                      "day_start", "timezone", "skills"};

}  // namespace

std::vector<model::Assignee> parse_team_csv(std::string_view text, const std::string& path,
                                            const std::vector<model::Assignee>& current) {
  std::vector<Diagnostic> problems;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (const auto bad = util::find_invalid_utf8(text)) {
    int line = 1;
    for (std::size_t i = 0; i < *bad; ++i) line += text[i] == '\n';
    throw DiagnosticsError({{path, line, "invalid UTF-8"}});
  }
  CsvParser owner(CSV_APPEND_NULL | CSV_EMPTY_IS_NULL | CSV_STRICT | CSV_STRICT_FINI);
  csv_parser* const parser = owner.get();
  Collector c;
  // Feed line by line so each row knows the line it starts on.
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    end = end == std::string_view::npos ? text.size() : end + 1;
    if (csv_parse(parser, text.data() + pos, end - pos, on_field, on_row, &c) != end - pos) {
      problems.push_back(
          {path, c.line,
           csv_error(parser) == CSV_EPARSE
               ? std::string("malformed CSV: a quote inside a field that is not quoted (quote the "
                             "whole field and double the quote: \"Ada \"\"the\"\" first\")")
               : std::string("malformed CSV: ") + csv_strerror(csv_error(parser))});
      break;
    }
    ++c.line;
    pos = end;
  }
  if (problems.empty() && csv_fini(parser, on_field, on_row, &c) != 0) {
    problems.push_back({path, c.line - 1, "malformed CSV: a quoted field is not closed"});
  }
  if (!problems.empty()) throw DiagnosticsError(std::move(problems));
  if (c.rows.empty())
    throw DiagnosticsError(
        {{path, 1,
          "the team file is empty; it needs a header row naming its columns, at least name"}});

  const Row& header = c.rows.front();
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = util::to_lower_ascii(util::trim(header.fields[i]));
    if (std::find(k_columns.begin(), k_columns.end(), name) == k_columns.end()) {
      problems.push_back({path, header.line,
                          "unknown column \"" + header.fields[i] +
                              "\" (columns: " + util::join(k_columns, ", ") + ")"});
    } else if (!column.emplace(name, i).second) {
      problems.push_back({path, header.line, "column \"" + name + "\" appears twice"});
    }
  }
  if (column.count("name") == 0) {
    problems.push_back({path, header.line, "the header has no \"name\" column"});
  }
  if (!problems.empty()) throw DiagnosticsError(std::move(problems));

  std::vector<model::Assignee> team;
  struct Seen {
    std::string name;
    int line = 0;
  };
  std::map<std::string, Seen> seen;  // by util::fold_case of the name
  for (std::size_t r = 1; r < c.rows.size(); ++r) {
    const Row& row = c.rows[r];
    auto cell = [&](const std::string& name) -> std::string {
      const auto it = column.find(name);
      if (it == column.end() || it->second >= row.fields.size()) return "";
      return std::string(util::trim(row.fields[it->second]));
    };
    bool blank = true;
    for (const auto& f : row.fields) blank = blank && util::trim(f).empty();
    if (blank) continue;
    if (row.fields.size() != header.fields.size()) {
      problems.push_back(
          {path, row.line,
           "the row has " + std::to_string(row.fields.size()) + " fields but the header names " +
               std::to_string(header.fields.size()) +
               (row.fields.size() > header.fields.size() ? " (quote a list: \"mon,tue\")"
                                                         : " (leave a field empty to keep it)")});
      continue;
    }
    model::Assignee p;
    p.name = cell("name");
    // Someone already in the team keeps every value the row leaves empty.
    for (const auto& existing : current) {
      if (existing.name == p.name) p = existing;
    }
    if (p.name.empty()) {
      problems.push_back({path, row.line, "the row has no name"});
      continue;
    }
    if (const std::string clash = model::case_clash(current, p.name); !clash.empty()) {
      problems.push_back({path, row.line, clash});
      continue;
    }
    // Names differing only in case are the same person (model::same_name).
    if (const auto [it, fresh] = seen.emplace(util::fold_case(p.name), Seen{p.name, row.line});
        !fresh) {
      problems.push_back(
          {path, row.line,
           "\"" + p.name + "\" is listed twice (lines " + std::to_string(it->second.line) +
               " and " + std::to_string(row.line) + ")" +
               (it->second.name == p.name ? ""
                                          : " as \"" + it->second.name + "\" and \"" + p.name +
                                                "\", which differ only in case")});
      continue;
    }
    const std::size_t before = problems.size();
    if (const std::string e = cell("email"); !e.empty()) p.email = e;
    if (const std::string h = cell("hours_per_day"); !h.empty()) {
      if (const auto hours = util::parse_number(h)) {
        p.hours_per_day = *hours;  // its range is model::validate's
      } else {
        problems.push_back({path, row.line, "hours_per_day \"" + h + "\" is not a number"});
      }
    }
    if (const std::string w = cell("workdays"); !w.empty()) {
      if (const auto days = model::parse_workdays(w)) {
        p.workdays = *days;
      } else {
        problems.push_back(
            {path, row.line, "workdays \"" + w + "\" is not a list of weekdays (mon,tue,...)"});
      }
    }
    if (const std::string s = cell("day_start"); !s.empty()) {
      if (const auto minutes = util::parse_clock(s)) {
        p.day_start = *minutes;
      } else {
        problems.push_back({path, row.line, "day_start \"" + s + "\" is not a time (HH:MM)"});
      }
    }
    if (const std::string z = cell("timezone"); !z.empty()) p.timezone = z;
    if (const std::string skills = cell("skills"); !skills.empty()) {
      p.skills.clear();
      for (const auto& skill : util::split(skills, ',')) {
        const std::string tag = util::to_lower_ascii(skill);
        if (std::find(p.skills.begin(), p.skills.end(), tag) == p.skills.end()) {
          p.skills.push_back(tag);
        }
      }
    }
    if (problems.size() == before) {
      for (const auto& problem : model::validate(p)) {
        problems.push_back({path, row.line, "\"" + p.name + "\": " + problem});
      }
    }
    if (problems.size() == before) team.push_back(std::move(p));
  }
  if (!problems.empty()) throw DiagnosticsError(std::move(problems));
  if (team.empty()) throw DiagnosticsError({{path, 0, "the team file names nobody"}});
  return team;
}

}  // namespace rplan::parse
