// The Gantt sheet: a timeline with a row per task (or per topic), a column
// per day (or per week), cells filled in the assignee's colour.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>

#include "exporters/xlsx_index.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters::xlsx {

namespace {

constexpr int k_id_column = 0;
constexpr int k_label_column = 1;
constexpr int k_who_column = 2;
constexpr int k_timeline = 3;  // first timeline column
constexpr double k_day_width = 3.3;
constexpr double k_week_width = 7;
constexpr int k_min_legend_columns = 20;  // the legend may run past a short timeline
constexpr std::size_t k_max_legend_people = 24;
// Wider than this (Excel character units), a printed Gantt is not shrunk to
// one page width (it would be too small to read) but printed at this scale.
constexpr double k_max_fitted_width = 250;
constexpr int k_long_print_scale = 60;

enum class Scale { daily, weekly };
enum class RowsPer { task, topic };

struct LegendEntry {
  std::string label;
  Style style;
  int colour = 0;
};

// Everything the layout and the rows agree on, computed from the project.
struct GanttShape {
  Scale scale = Scale::daily;
  RowsPer rows = RowsPer::task;
  util::Date first{};  // the first column's day (a Monday when weekly)
  util::Date last{};   // the last column's day
  int columns = 0;     // timeline columns (0 when nothing is scheduled)
  int hidden = 0;      // weeks past the sheet's last column, not shown
  int working_days = 0;
  std::vector<LegendEntry> legend;
  int entry_span = 2;  // columns per legend entry
  int per_row = 1;     // legend entries per row
  int legend_row = 2;
  int legend_rows = 0;
  int month_row = 0;
  int header_row = 0;
  int first_data_row = 0;
  std::size_t max_topic_rows = 0;

  double column_width() const { return scale == Scale::daily ? k_day_width : k_week_width; }
  int legend_columns() const { return std::max(columns, k_min_legend_columns); }
  // The timeline column of a local date, or -1 when it is not shown.
  int column_of(util::Date day) const {
    const auto days = (day - first).count();
    const auto col = scale == Scale::daily ? days : (util::week_start(day) - first).count() / 7;
    return col >= 0 && col < columns ? static_cast<int>(col) : -1;
  }
};

bool has_date_between(const std::vector<util::Date>& dates, util::Date from, util::Date to) {
  const auto it = std::lower_bound(dates.begin(), dates.end(), from);
  return it != dates.end() && *it <= to;
}

bool has_holiday_between(const PlanView& view, util::Date from, util::Date to) {
  return has_date_between(view.holidays(), from, to) ||
         has_date_between(view.some_holidays(), from, to);
}

double display_width(std::string_view text) { return static_cast<double>(util::utf8_length(text)); }

constexpr double k_label_width = 44;  // the task column when rows are tasks
constexpr double k_topic_label_width = 36;
constexpr double k_who_width = 16;
// Notes with the full text of shortened labels, at most (libxlsxwriter keeps
// notes in memory; the Topics sheet has every title in full).
constexpr std::size_t k_max_notes = 5000;

// A label cell that stays inside `width` (Excel character units), so that it
// never runs into the next column: a longer text is cut on a character
// boundary and ends in "…", and the cell gets a note with the whole text
// while `notes` has room.
Cell label_cell(int column, std::string_view text, Style style, double width, std::size_t& notes) {
  // About 1.15 characters of proportional text fit a unit (bold text: 1),
  // less the indent; East Asian wide characters and emoji count twice.
  const double room = width * (style == Style::text ? 1.15 : 1.0) - 2;
  double used = 0;
  std::size_t i = 0, fits = 0;  // bytes that fit with room for the ellipsis
  while (i < text.size()) {
    const util::Utf8Char c = util::decode_utf8(text, i);
    const std::size_t length = c.length == 0 ? 1 : c.length;
    used += c.code_point >= 0x2E80 ? 2 : 1;
    if (used > room) break;
    i += length;
    if (used <= room - 1) fits = i;
  }
  if (i >= text.size()) return text_cell(column, text, style);
  const std::string_view kept = text.substr(0, fits);
  Cell cell = text_cell(
      column, std::string(kept.substr(0, kept.find_last_not_of(" \t") + 1)) + "\xE2\x80\xA6",
      style);
  if (notes < k_max_notes) {
    ++notes;
    cell.note = cell_text(text);
  }
  return cell;
}

// The legend: people with work (the first 24), the shadings, the topic bar,
// and "+N more people" last, as plain text that may run on to the right.
void add_legend(GanttShape& s, const PlanView& view) {
  std::size_t people = 0;
  for (std::size_t p = 0; p < view.people().size(); ++p) {
    if (!view.people()[p].has_work()) continue;
    if (++people <= k_max_legend_people) {
      s.legend.push_back({std::string(view.people()[p].name), Style::person, static_cast<int>(p)});
    }
  }
  if (s.columns > 0 && s.scale == Scale::daily) {
    s.legend.push_back({"Weekend", Style::weekend});
    if (has_holiday_between(view, s.first, s.last)) {
      s.legend.push_back({"Holiday", Style::holiday});
    }
  }
  if (s.columns > 0 && s.rows == RowsPer::task) {
    s.legend.push_back({"Topic span", Style::topic_span});
  }
  double widest = 0;
  for (const auto& e : s.legend) widest = std::max(widest, display_width(e.label));
  s.entry_span = std::clamp(static_cast<int>(std::ceil((widest + 1) / s.column_width())), 2, 24);
  if (people > k_max_legend_people) {
    s.legend.push_back({"+" + std::to_string(people - k_max_legend_people) +
                            " more people (colours repeat every " +
                            std::to_string(k_palette.size()) + ")",
                        Style::text});
  }
  s.per_row = std::max(1, s.legend_columns() / s.entry_span);
  s.legend_rows = static_cast<int>((s.legend.size() + static_cast<std::size_t>(s.per_row) - 1) /
                                   static_cast<std::size_t>(s.per_row));
}

GanttShape gantt_shape(const model::Project& project, const PlanView& view,
                       const GanttLimits& limits) {
  GanttShape s;
  s.rows = project.tasks.size() > limits.max_task_rows ? RowsPer::topic : RowsPer::task;
  if (const auto first_day = view.first_work_day()) {
    const util::Date last_day = *view.last_work_day();
    for (util::Date d = *first_day; d <= last_day; d += std::chrono::days{1}) {
      if (view.team_working_day(d)) ++s.working_days;
    }
    s.scale = s.working_days > limits.max_daily_working_days ? Scale::weekly : Scale::daily;
    s.first = s.scale == Scale::daily ? *first_day : util::week_start(*first_day);
    s.last = s.scale == Scale::daily ? last_day : util::week_start(last_day);
    const int step = s.scale == Scale::daily ? 1 : 7;
    s.columns = static_cast<int>((s.last - s.first).count() / step) + 1;
    const int room = k_max_columns - k_timeline;
    if (s.columns > room) {
      s.hidden = s.columns - room;
      s.columns = room;
      s.last = s.first + std::chrono::days{step * (room - 1)};
    }
  }

  add_legend(s, view);
  s.month_row = s.legend_row + s.legend_rows + (s.legend_rows > 0 ? 1 : 0);
  s.header_row = s.month_row + 1;
  s.first_data_row = s.header_row + 1;
  s.max_topic_rows = static_cast<std::size_t>(k_max_rows - s.first_data_row - 1);
  return s;
}

std::string month_label(util::Date day) {
  static constexpr std::array<std::string_view, 12> k_months = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::chrono::year_month_day ymd{day};
  return std::string(k_months[static_cast<unsigned>(ymd.month()) - 1]) + " " +
         std::to_string(static_cast<int>(ymd.year()));
}

std::string note_text(const model::Project& project, const GanttShape& s,
                      const GanttLimits& limits) {
  if (s.columns == 0) return "Nothing is scheduled yet: run `rplan plan` first.";
  std::string note;
  if (s.scale == Scale::daily) {
    note = "One column per day, " + util::format_date(s.first) + " to " +
           util::format_date(s.last) +
           "; a filled cell is a day of work, on the assignee's local date.";
  } else {
    note = "One column per week (Monday to Sunday): the plan spans " +
           std::to_string(s.working_days) + " working days, more than " +
           std::to_string(limits.max_daily_working_days) +
           "; a cell holds the hours worked that week (local dates).";
  }
  if (s.rows == RowsPer::topic) {
    note += " One row per topic: the plan has " + std::to_string(project.tasks.size()) +
            " tasks, more than " + std::to_string(limits.max_task_rows) +
            "; a cell takes the colour of whoever worked most hours on the topic in it.";
  }
  if (s.hidden > 0) {
    note += " The last " + std::to_string(s.hidden) + " weeks do not fit in a sheet.";
  }
  return note;
}

Row background_row(int index) {
  Row row;
  row.index = index;
  row.background = Style::background;
  return row;
}

void emit_top_rows(const model::Project& project, const GanttShape& s, const GanttLimits& limits,
                   const RowSink& emit) {
  Row title = background_row(0);
  title.cells.push_back(
      text_cell(k_id_column, (project.title.empty() ? "Research plan" : project.title) + " — Gantt",
                Style::title));
  emit(title);
  Row note = background_row(1);
  note.cells.push_back(text_cell(k_id_column, note_text(project, s, limits), Style::note));
  emit(note);

  for (int r = 0; r < s.legend_rows; ++r) {
    Row row = background_row(s.legend_row + r);
    if (r == 0) row.cells.push_back(text_cell(k_who_column, "Legend", Style::topic));
    for (int k = 0; k < s.per_row; ++k) {
      const auto e = static_cast<std::size_t>(r * s.per_row + k);
      if (e >= s.legend.size()) break;
      Cell cell = text_cell(k_timeline + k * s.entry_span, s.legend[e].label, s.legend[e].style);
      cell.colour = s.legend[e].colour;
      cell.span = s.legend[e].style == Style::text ? 1 : s.entry_span;
      row.cells.push_back(std::move(cell));
    }
    emit(row);
  }
  for (int r = s.legend_row + s.legend_rows; r < s.month_row; ++r) emit(background_row(r));

  Row months = background_row(s.month_row);
  Row header;
  header.index = s.header_row;
  header.cells.push_back(text_cell(k_id_column, "ID", Style::header));
  header.cells.push_back(
      text_cell(k_label_column, s.rows == RowsPer::task ? "Task" : "Topic", Style::header));
  header.cells.push_back(
      text_cell(k_who_column, s.rows == RowsPer::task ? "Assignee" : "People", Style::header));
  const int step = s.scale == Scale::daily ? 1 : 7;
  for (int c = 0; c < s.columns; ++c) {
    const util::Date day = s.first + std::chrono::days{step * c};
    const util::Date before = day - std::chrono::days{step};
    if (c == 0 ||
        std::chrono::year_month_day{day}.month() != std::chrono::year_month_day{before}.month()) {
      months.cells.push_back(text_cell(k_timeline + c, month_label(day), Style::month_header));
    }
    header.cells.push_back(
        date_cell(k_timeline + c, excel_serial(day),
                  s.scale == Scale::daily ? Style::day_header : Style::week_header));
  }
  emit(months);
  emit(header);
}

// Minutes of work per timeline column, for one person or one topic.
struct ColumnWork {
  int column;
  int person;
  int minutes;
};

// Adds one timeline cell per column: a filled cell (daily) or the hours
// (weekly), coloured for the person who worked most minutes in it.
void add_work_cells(Row& row, std::vector<ColumnWork>& work, const GanttShape& s) {
  std::sort(work.begin(), work.end(), [](const ColumnWork& a, const ColumnWork& b) {
    return a.column != b.column ? a.column < b.column : a.person < b.person;
  });
  std::size_t i = 0;
  while (i < work.size()) {
    const int column = work[i].column;
    int total = 0, best_person = work[i].person, best = 0;
    while (i < work.size() && work[i].column == column) {
      const int person = work[i].person;
      int minutes = 0;
      for (; i < work.size() && work[i].column == column && work[i].person == person; ++i) {
        minutes += work[i].minutes;
      }
      total += minutes;
      if (minutes > best) {
        best = minutes;
        best_person = person;
      }
    }
    Cell cell = fill_cell(k_timeline + column, Style::person, best_person);
    if (s.scale == Scale::weekly) {
      cell.type = Cell::Type::number;
      cell.number = std::round(total / 6.0) / 10.0;  // hours to one decimal
    }
    row.cells.push_back(std::move(cell));
  }
}

void collect_work(const model::Task& task, const PlanView& view, const GanttShape& s,
                  std::vector<ColumnWork>& work) {
  if (!task.planned()) return;
  const int who = view.person_of(task);
  for (const auto& b : task.blocks) {
    const int column = s.column_of(b.date);
    if (column >= 0) work.push_back({column, who, b.minutes});
  }
}

// The topic's id and "3. Caching", as the heading reads: bold above its
// tasks, plain when topics are the rows.
// `width`: what the label may take (a topic's heading row may run on over the
// empty assignee column).
void add_topic_cells(Row& row, const model::Topic* topic, Style style, double width,
                     std::size_t& notes) {
  std::string label = "(tasks without a topic)";
  if (topic) {
    row.cells.push_back(text_cell(k_id_column, topic->id, style));
    label = topic->number ? std::to_string(*topic->number) + ". " + topic->title : topic->title;
  }
  row.cells.push_back(label_cell(k_label_column, label, style, width, notes));
}

// One row per topic: who works on it, and its work per column.
void emit_topic_rows(const model::Project& project, const PlanView& view, const GanttShape& s,
                     const RowSink& emit) {
  const std::size_t groups = shown_groups(view);
  const std::size_t shown = std::min(groups, s.max_topic_rows);
  Row row;
  std::vector<ColumnWork> work;
  std::vector<int> people;
  std::size_t notes = 0;
  for (std::size_t g = 0; g < shown; ++g) {
    row.index = s.first_data_row + static_cast<int>(g);
    row.cells.clear();
    add_topic_cells(row, view.group_topic(g), Style::text, k_topic_label_width, notes);
    work.clear();
    people.clear();
    for (std::size_t i : view.group_tasks(g)) {
      collect_work(project.tasks[i], view, s, work);
      const int who = view.person_of(project.tasks[i]);
      if (who >= 0 && std::find(people.begin(), people.end(), who) == people.end()) {
        people.push_back(who);
      }
    }
    if (people.size() == 1) {
      row.cells.push_back(label_cell(k_who_column,
                                     view.people()[static_cast<std::size_t>(people[0])].name,
                                     Style::text, k_who_width, notes));
    } else if (people.size() > 1) {
      row.cells.push_back(text_cell(k_who_column, std::to_string(people.size()) + " people"));
    }
    add_work_cells(row, work, s);
    emit(row);
  }
  if (shown < groups) {
    Row note;
    note.index = s.first_data_row + static_cast<int>(shown);
    note.cells.push_back(text_cell(
        k_label_column, std::to_string(groups - shown) + " more topics do not fit in a sheet.",
        Style::note));
    emit(note);
  }
}

// A grey bar over the columns from the topic's first to its last work.
void add_topic_span(Row& row, const model::Project& project, std::span<const std::uint32_t> tasks,
                    const GanttShape& s) {
  int first = -1, last = -1;
  for (std::size_t i : tasks) {
    const model::Task& task = project.tasks[i];
    if (!task.planned()) continue;
    for (const auto& b : task.blocks) {
      const int column = s.column_of(b.date);
      if (column < 0) continue;
      first = first < 0 ? column : std::min(first, column);
      last = std::max(last, column);
    }
  }
  for (int c = first; c >= 0 && c <= last; ++c) {
    row.cells.push_back(fill_cell(k_timeline + c, Style::topic_span));
  }
}

// Daily, the holidays that are some people's only (the whole team's shade
// their column) shaded in the row of a task of one of those people, so each
// person's days off show where their work is; cells stay in column order.
void add_own_holidays(Row& row, const PlanView& view, int person, const GanttShape& s) {
  if (s.scale != Scale::daily || person < 0) return;
  const std::size_t before = row.cells.size();
  for (const util::Date day : view.some_holidays()) {
    const int column = s.column_of(day);
    if (column < 0 || !view.is_holiday_of(person, day)) continue;
    const bool taken = std::any_of(row.cells.begin(), row.cells.end(),
                                   [&](const Cell& c) { return c.column == k_timeline + column; });
    if (!taken) row.cells.push_back(fill_cell(k_timeline + column, Style::holiday));
  }
  if (row.cells.size() == before) return;
  std::stable_sort(row.cells.begin(), row.cells.end(),
                   [](const Cell& a, const Cell& b) { return a.column < b.column; });
}

// Each topic's row, then a row per task of the topic.
void emit_task_rows(const model::Project& project, const PlanView& view, const GanttShape& s,
                    const RowSink& emit) {
  int r = s.first_data_row;
  Row row;
  std::vector<ColumnWork> work;
  std::size_t notes = 0;
  const std::size_t groups = shown_groups(view);
  for (std::size_t g = 0; g < groups; ++g) {
    row.index = r++;
    row.cells.clear();
    add_topic_cells(row, view.group_topic(g), Style::topic, k_label_width + k_who_width, notes);
    add_topic_span(row, project, view.group_tasks(g), s);
    emit(row);
    for (std::size_t i : view.group_tasks(g)) {
      const model::Task& task = project.tasks[i];
      row.index = r++;
      row.cells.clear();
      row.cells.push_back(text_cell(k_id_column, task.id));
      row.cells.push_back(
          label_cell(k_label_column, task.prompt, Style::text, k_label_width, notes));
      if (task.planned()) {
        row.cells.push_back(
            label_cell(k_who_column, task.assignee, Style::text, k_who_width, notes));
      }
      work.clear();
      collect_work(task, view, s, work);
      add_work_cells(row, work, s);
      add_own_holidays(row, view, view.person_of(task), s);
      emit(row);
    }
  }
}

}  // namespace

SheetLayout gantt_layout(const model::Project& project, const PlanView& view,
                         const GanttLimits& limits) {
  const GanttShape s = gantt_shape(project, view, limits);
  SheetLayout layout;
  layout.name = "Gantt";
  layout.columns = {{k_id_column, k_id_column, 10, std::nullopt},
                    {k_label_column, k_label_column,
                     s.rows == RowsPer::task ? k_label_width : k_topic_label_width, std::nullopt},
                    {k_who_column, k_who_column, k_who_width, std::nullopt}};
  if (s.scale == Scale::daily) {
    // One spec per run of days that look alike: weekends and holidays shaded.
    for (int c = 0; c < s.columns; ++c) {
      const util::Date day = s.first + std::chrono::days{c};
      std::optional<Style> style;
      if (view.is_holiday(day)) {
        style = Style::holiday;
      } else if (!view.team_working_day(day)) {
        style = Style::weekend;
      }
      auto& last = layout.columns.back();
      if (c > 0 && last.style == style) {
        last.last = k_timeline + c;
      } else {
        layout.columns.push_back({k_timeline + c, k_timeline + c, k_day_width, style});
      }
    }
  } else if (s.columns > 0) {
    layout.columns.push_back({k_timeline, k_timeline + s.columns - 1, k_week_width, std::nullopt});
  }
  if (!s.legend.empty() && s.legend_columns() > s.columns) {
    layout.columns.push_back({k_timeline + s.columns, k_timeline + s.legend_columns() - 1,
                              s.column_width(), std::nullopt});
  }
  layout.freeze_rows = s.first_data_row;
  layout.freeze_columns = k_timeline;
  layout.print.repeat_rows = s.first_data_row;
  // A timeline that fits one page width is printed so; a longer one at a
  // scale that stays readable, over pages side by side, each with the task
  // columns and the header rows.
  double width = 0;
  for (const auto& c : layout.columns) width += (c.last - c.first + 1) * c.width;
  if (width > k_max_fitted_width) {
    layout.print.fit = PrintLayout::Fit::none;
    layout.print.scale = k_long_print_scale;
    layout.print.repeat_columns = k_timeline;
  }
  return layout;
}

void gantt_rows(const model::Project& project, const PlanView& view, const GanttLimits& limits,
                const RowSink& emit) {
  const GanttShape s = gantt_shape(project, view, limits);
  emit_top_rows(project, s, limits, emit);
  if (s.rows == RowsPer::topic) {
    emit_topic_rows(project, view, s, emit);
  } else {
    emit_task_rows(project, view, s, emit);
  }
}

}  // namespace rplan::exporters::xlsx
