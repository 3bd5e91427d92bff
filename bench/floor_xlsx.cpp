// Floor of the XLSX export: libxlsxwriter in constant-memory mode writing the
// cells of rplan's five sheets and nothing else (no column widths, styles
// beyond a bold header and a date format, validation, autofilter, notes,
// protection, print settings, chart or properties): Tasks (14 cells per
// task), Gantt (one row per topic: id, label, who, and the hours of each week
// with work), Topics (10 cells per topic), Workload (a row per week, a column
// per person) and the hidden sheet of the values as exported that sync reads
// (6 cells per task).

#include <xlsxwriter.h>

#include <algorithm>
#include <climits>
#include <map>
#include <unordered_map>

#include "bench/floor.hpp"

namespace rplan::bench::floor {

namespace {

constexpr double k_excel_epoch = 25569;  // 1970-01-01 as an Excel serial date

class Sheet {
 public:
  Sheet(lxw_workbook* book, const char* name) : m_sheet(workbook_add_worksheet(book, name)) {}
  void text(lxw_row_t row, lxw_col_t col, std::string_view s, std::string& scratch,
            lxw_format* format = nullptr) {
    if (s.empty()) return;
    scratch.assign(s);
    worksheet_write_string(m_sheet, row, col, scratch.c_str(), format);
  }
  void number(lxw_row_t row, lxw_col_t col, double value, lxw_format* format = nullptr) {
    worksheet_write_number(m_sheet, row, col, value, format);
  }

 private:
  lxw_worksheet* m_sheet;
};

void header(Sheet& sheet, std::initializer_list<const char*> names, lxw_format* bold,
            std::string& scratch) {
  lxw_col_t col = 0;
  for (const char* name : names) sheet.text(0, col++, name, scratch, bold);
}

// What the sheets share.
struct Book {
  const Plan& p;
  lxw_workbook* book;
  lxw_format* bold;
  lxw_format* when;
  std::unordered_map<std::string_view, std::size_t> people;
  std::int64_t monday;  // of the plan's first week
  std::size_t weeks;
  std::vector<double> week_hours;  // [week * team + person], filled by the Gantt sheet
  std::string s;                   // scratch for NUL-terminated text
};

void tasks_sheet(Book& b) {
  const Plan& p = b.p;
  Sheet tasks(b.book, "Tasks");
  header(tasks,
         {"ID", "No.", "Topic", "Kind", "Prompt", "Status", "Assignee", "Estimate (h)", "Spent (h)",
          "Remaining (h)", "Start (local)", "Finish (local)", "Time zone", "Depends on"},
         b.bold, b.s);
  lxw_row_t row = 1;
  for (const Task& t : p.tasks) {
    const Topic& topic = p.topics[t.topic];
    const auto who = b.people.find(t.assignee);
    tasks.text(row, 0, t.id, b.s);
    tasks.number(row, 1, topic.number);
    tasks.text(row, 2, topic.title, b.s);
    tasks.text(row, 3, t.kind, b.s);
    tasks.text(row, 4, t.prompt, b.s);
    tasks.text(row, 5, t.status, b.s);
    tasks.text(row, 6, t.assignee, b.s);
    tasks.number(row, 7, t.hours);
    tasks.number(row, 8, 0);  // the generated plans record no work
    tasks.number(row, 9, t.hours);
    if (t.first_block < t.end_block) {
      const Block& first = p.blocks[t.first_block];
      const Block& last = p.blocks[t.end_block - 1];
      tasks.number(row, 10, k_excel_epoch + first.day + first.start_minute / 1440.0, b.when);
      tasks.number(row, 11, k_excel_epoch + last.day + (last.start_minute + last.minutes) / 1440.0,
                   b.when);
    }
    if (who != b.people.end()) tasks.text(row, 12, p.team[who->second].timezone, b.s);
    tasks.text(row, 13, t.depends_on, b.s);
    ++row;
  }
}

// The values as exported, by task id (what `rplan sync` compares with).
void sync_sheet(Book& b) {
  const Plan& p = b.p;
  Sheet sync(b.book, "rplan_sync");
  sync.text(0, 0, "rplan-sync", b.s);
  sync.number(0, 1, 1);
  lxw_col_t col = 0;
  for (const char* name :
       {"ID", "Status", "Assignee", "Estimate (h)", "Spent (h)", "Remaining (h)"}) {
    sync.text(1, col++, name, b.s);
  }
  lxw_row_t row = 2;
  for (const Task& t : p.tasks) {
    sync.text(row, 0, t.id, b.s);
    sync.text(row, 1, t.status, b.s);
    sync.text(row, 2, t.assignee, b.s);
    sync.number(row, 3, t.hours);
    sync.number(row, 4, 0);
    sync.number(row, 5, t.hours);
    ++row;
  }
}

void gantt_sheet(Book& b) {
  const Plan& p = b.p;
  Sheet gantt(b.book, "Gantt");
  header(gantt, {"ID", "Topic", "Who"}, b.bold, b.s);
  b.week_hours.assign(b.weeks * p.team.size(), 0);
  std::map<std::size_t, double> topic_weeks;
  lxw_row_t row = 1;
  std::size_t i = 0;
  while (i < p.tasks.size()) {
    const std::uint32_t topic = p.tasks[i].topic;
    topic_weeks.clear();
    std::string_view who = p.tasks[i].assignee;
    for (; i < p.tasks.size() && p.tasks[i].topic == topic; ++i) {
      const Task& t = p.tasks[i];
      const auto person = b.people.find(t.assignee);
      if (t.assignee != who) who = "several people";
      for (std::uint32_t k = t.first_block; k < t.end_block; ++k) {
        const auto week = static_cast<std::size_t>((p.blocks[k].day - b.monday) / 7);
        topic_weeks[week] += p.blocks[k].minutes / 60.0;
        if (person != b.people.end()) {
          b.week_hours[week * p.team.size() + person->second] += p.blocks[k].minutes / 60.0;
        }
      }
    }
    const Topic& tp = p.topics[topic];
    gantt.text(row, 0, tp.id, b.s);
    const std::string label = std::to_string(tp.number) + ". " + std::string(tp.title);
    gantt.text(row, 1, label, b.s);
    gantt.text(row, 2, who, b.s);
    for (const auto& [week, hours] : topic_weeks) {
      gantt.number(row, static_cast<lxw_col_t>(3 + week), hours);
    }
    ++row;
  }
}

void topics_sheet(Book& b) {
  const Plan& p = b.p;
  Sheet topics(b.book, "Topics");
  header(topics,
         {"No.", "Topic", "Document", "Tasks", "Done", "Hours", "Done (h)", "Start", "Finish",
          "% done"},
         b.bold, b.s);
  lxw_row_t row = 1;
  std::size_t i = 0;
  while (i < p.tasks.size()) {
    const std::uint32_t topic = p.tasks[i].topic;
    double hours = 0, count = 0;
    std::int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (; i < p.tasks.size() && p.tasks[i].topic == topic; ++i, ++count) {
      hours += p.tasks[i].hours;
      for (std::uint32_t k = p.tasks[i].first_block; k < p.tasks[i].end_block; ++k) {
        lo = std::min(lo, p.blocks[k].day);
        hi = std::max(hi, p.blocks[k].day);
      }
    }
    const Topic& tp = p.topics[topic];
    topics.number(row, 0, tp.number);
    topics.text(row, 1, tp.title, b.s);
    topics.text(row, 2, "topics.md", b.s);
    topics.number(row, 3, count);
    topics.number(row, 4, 0);
    topics.number(row, 5, hours);
    topics.number(row, 6, 0);
    topics.number(row, 7, static_cast<double>(k_excel_epoch + lo), b.when);
    topics.number(row, 8, static_cast<double>(k_excel_epoch + hi), b.when);
    topics.number(row, 9, 0);
    ++row;
  }
}

void workload_sheet(Book& b) {
  const Plan& p = b.p;
  Sheet workload(b.book, "Workload");
  workload.text(0, 0, "Week", b.s, b.bold);
  for (std::size_t k = 0; k < p.team.size(); ++k) {
    workload.text(0, static_cast<lxw_col_t>(k + 1), p.team[k].name, b.s, b.bold);
  }
  for (std::size_t w = 0; w < b.weeks; ++w) {
    const auto r = static_cast<lxw_row_t>(w + 1);
    workload.number(r, 0, static_cast<double>(k_excel_epoch + b.monday + 7 * w), b.when);
    for (std::size_t k = 0; k < p.team.size(); ++k) {
      const double h = b.week_hours[w * p.team.size() + k];
      if (h > 0) workload.number(r, static_cast<lxw_col_t>(k + 1), h);
    }
  }
}

}  // namespace

void write_xlsx(const Plan& p, const std::string& out) {
  std::string tmpdir = out.substr(0, out.find_last_of('/') + 1);
  if (tmpdir.empty()) tmpdir = ".";
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = tmpdir.data();
  lxw_workbook* book = workbook_new_opt(out.c_str(), &options);
  if (book == nullptr) fail("cannot create " + out);
  const std::int64_t first = parse_day(p.start);
  Book b{
      p,  book, workbook_add_format(book), workbook_add_format(book), {}, first - weekday(first), 0,
      {}, {}};
  format_set_bold(b.bold);
  format_set_num_format(b.when, "yyyy-mm-dd hh:mm");
  for (std::size_t i = 0; i < p.team.size(); ++i) b.people.emplace(p.team[i].name, i);
  b.weeks = static_cast<std::size_t>((parse_day(p.finish) - b.monday) / 7 + 1);
  tasks_sheet(b);
  gantt_sheet(b);
  topics_sheet(b);
  workload_sheet(b);
  sync_sheet(b);
  if (workbook_close(book) != LXW_NO_ERROR) fail("cannot write " + out);
}

}  // namespace rplan::bench::floor
