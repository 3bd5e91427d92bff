// The table sheets of the workbook: Tasks, Topics and Workload.

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "exporters/xlsx_index.hpp"
#include "planner/model/workbook_format.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters::xlsx {

namespace {

struct Column {
  std::string_view header;
  double width;
};

// ---- Tasks ----

using model::workbook::Field;

// The editable columns (model::workbook::Field) sit together, after what
// the task is and before when it is planned.
enum TaskColumn : int {
  c_id,
  c_number,
  c_topic,
  c_kind,
  c_prompt,
  c_status,
  c_assignee,
  c_estimate,
  c_spent,
  c_remaining,
  c_start,
  c_finish,
  c_slack,
  c_zone,
  c_depends,
  c_task_columns
};
constexpr std::array<Column, c_task_columns> k_task_columns = {
    {{model::workbook::k_id_header, 10},
     {"No.", 5},
     {"Topic", 26},
     {"Kind", 15},
     {"Prompt", 56},
     {model::workbook::header(Field::status), 13},
     {model::workbook::header(Field::assignee), 18},
     {model::workbook::header(Field::estimate), 10},
     {model::workbook::header(Field::spent), 9},
     {model::workbook::header(Field::remaining), 11},
     {"Start (local)", 18},
     {"Finish (local)", 18},
     {"Slack (h)", 8},
     {"Time zone", 18},
     {"Depends on", 18}}};
bool is_editable(int column) { return column >= c_status && column <= c_remaining; }

// With a baseline, three columns after the others.
enum BaselineColumn : int {
  c_baseline_start = c_task_columns,
  c_baseline_finish,
  c_variance,
  c_all_task_columns
};
constexpr std::array<Column, 3> k_baseline_columns = {
    {{"Baseline start", 12}, {"Baseline finish", 12}, {"Finish variance (working days)", 13}}};

// The notes on the Tasks sheet's headers: what sync does with each editable column.
std::string_view header_note(int column) {
  switch (column) {
    case c_id:
      return "rplan sync plan.xlsx reads the coloured columns back into the database, finding "
             "each row's task by this id: keep the ids. Sorting, filtering and moving rows are "
             "fine (to sort, unprotect the sheet first: there is no password).";
    case c_status:
      return "You can edit this column: open, in-progress or done. rplan sync applies the "
             "change (a task set to done is done at the time of the sync, by its assignee).";
    case c_assignee:
      return "You can edit this column: a team member's name pins the task to that person; an "
             "empty cell unpins it. The next rplan plan gives the work to the person.";
    case c_estimate:
      return "You can edit this column: the hours the task needs (a manual estimate, as "
             "rplan task ID --estimate sets).";
    case c_spent:
      return "You can edit this column: the hours worked on the task in all. Raise it to record "
             "work: rplan sync records the difference (at most 24 h) as worked on the day of the "
             "sync by the task's assignee. It cannot go down.";
    case c_remaining:
      return "You can edit this column: the hours still to do (0 allowed). A new value makes the "
             "task in progress.";
    case c_baseline_start:
      return "The local date of the task's first work in the baseline (export xlsx --baseline "
             "NAME); empty when the baseline did not plan it.";
    case c_variance:
      return "Team working days the task's finish moved since the baseline (later is positive): "
             "as rplan diff counts them.";
    case c_slack:
      return "Working hours of its assignee's calendar the task could finish later, everyone "
             "keeping their tasks and order, without moving the plan's finish. 0: on the "
             "critical chain (rplan list --critical); empty: nothing planned to move.";
    default:
      break;
  }
  return {};
}

// Task rows that fit on the sheet: one row is the header, and one is kept for
// a note when some tasks do not fit.
std::size_t shown_tasks(const model::Project& project) {
  const auto room = static_cast<std::size_t>(k_max_rows - 2);
  return std::min(project.tasks.size(), room);
}

std::vector<ColumnSpec> column_specs(const auto& columns) {
  std::vector<ColumnSpec> specs;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const int c = static_cast<int>(i);
    specs.push_back({c, c, columns[i].width, std::nullopt});
  }
  return specs;
}

Row header_row(const auto& columns) {
  Row row;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    row.cells.push_back(text_cell(static_cast<int>(i), columns[i].header, Style::header));
  }
  return row;
}

// A column as wide as its widest text (display columns, plus room for the
// indent), within [low, high]; wider text wraps.
double fitting_width(double widest, double low, double high) {
  return std::clamp(widest + 3, low, high);
}

std::string topic_label(const model::Topic* topic) {
  return topic ? topic->title : "(tasks without a topic)";
}

// ---- Topics ----

enum TopicColumn : int {
  t_number,
  t_title,
  t_document,
  t_tasks,
  t_done,
  t_hours,
  t_done_hours,
  t_start,
  t_finish,
  t_percent,
  t_topic_columns
};
constexpr std::array<Column, t_topic_columns> k_topic_columns = {{{"No.", 5},
                                                                  {"Topic", 36},
                                                                  {"Document", 24},
                                                                  {"Tasks", 7},
                                                                  {"Done", 7},
                                                                  {"Hours", 9},
                                                                  {"Done (h)", 9},
                                                                  {"Start", 12},
                                                                  {"Finish", 12},
                                                                  {"% done", 10}}};

// Totals over some tasks. Start and finish are the local dates of the
// earliest-starting and latest-ending work blocks (compared in UTC).
struct Progress {
  std::size_t tasks = 0;
  std::size_t done = 0;
  double hours = 0;
  double done_hours = 0;
  const model::WorkBlock* first = nullptr;
  const model::WorkBlock* last = nullptr;

  void add(const model::Task& task) {
    ++tasks;
    hours += task.estimate.hours;
    if (task.status == model::TaskStatus::done) {
      ++done;
      done_hours += task.estimate.hours;
    }
    if (!task.planned()) return;
    if (!first || task.blocks.front().utc_start < first->utc_start) first = &task.blocks.front();
    if (!last || task.blocks.back().utc_end > last->utc_end) last = &task.blocks.back();
  }
  void add(const Progress& other) {
    tasks += other.tasks;
    done += other.done;
    hours += other.hours;
    done_hours += other.done_hours;
    if (other.first && (!first || other.first->utc_start < first->utc_start)) first = other.first;
    if (other.last && (!last || other.last->utc_end > last->utc_end)) last = other.last;
  }
  // Done hours over all hours; by task count when no task has hours.
  double fraction() const {
    if (hours > 0) return done_hours / hours;
    return tasks == 0 ? 0 : static_cast<double>(done) / static_cast<double>(tasks);
  }
};

void progress_cells(Row& row, const Progress& p, Style number_style) {
  const bool total = number_style == Style::total;
  row.cells.push_back(number_cell(t_tasks, static_cast<double>(p.tasks), number_style));
  row.cells.push_back(number_cell(t_done, static_cast<double>(p.done), number_style));
  row.cells.push_back(number_cell(t_hours, p.hours, total ? Style::total_hours : Style::hours));
  row.cells.push_back(
      number_cell(t_done_hours, p.done_hours, total ? Style::total_hours : Style::hours));
  if (p.first) row.cells.push_back(date_cell(t_start, excel_serial(p.first->date), Style::date));
  if (p.last) row.cells.push_back(date_cell(t_finish, excel_serial(p.last->date), Style::date));
  row.cells.push_back(number_cell(t_percent, p.fraction(), Style::percent));
}

// ---- Workload ----

constexpr int k_week_label = 0;
constexpr int k_week_of = 1;
constexpr int k_first_person = 2;
constexpr std::size_t k_max_chart_series = 20;

// What the Workload sheet shows: its weeks (the workload's horizon:
// model::Workload), its people, and who is charted. Columns: Week, Week of,
// planned hours per person, Total, Others in chart, capacity per person,
// Team capacity, load per person (planned / capacity, the heat map).
struct WorkloadShape {
  util::Date first_week{};
  int weeks = 0;
  int people = 0;  // person columns (everyone, unless past the column limit)
  int total_column = 0;
  std::vector<int> charted;  // people with their own series
  std::vector<int> others;   // people summed into the "Others" series
  int others_column = -1;    // -1 when nobody is summed
  int first_capacity = 0;    // a column per person
  int team_capacity = 0;
  int first_load = 0;  // a column per person
  int scope = 0;       // the burn-up: scope, done and projected hours
  int chart_column = 0;
};

WorkloadShape workload_shape(const PlanView& view) {
  WorkloadShape s;
  if (view.first_work_day()) {
    s.first_week = view.workload().first_week();
    s.weeks = view.workload().weeks();
  }
  s.people =
      std::min(static_cast<int>(view.people().size()), (k_max_columns - k_first_person - 4) / 3);
  s.total_column = k_first_person + s.people;
  std::vector<int> busy;
  for (int p = 0; p < s.people; ++p) {
    if (view.people()[static_cast<std::size_t>(p)].has_work()) busy.push_back(p);
  }
  if (busy.size() <= k_max_chart_series) {
    s.charted = busy;
  } else {
    s.charted.assign(busy.begin(), busy.begin() + k_max_chart_series - 1);
    s.others.assign(busy.begin() + k_max_chart_series - 1, busy.end());
    s.others_column = s.total_column + 1;
  }
  s.first_capacity = (s.others_column >= 0 ? s.others_column : s.total_column) + 1;
  s.team_capacity = s.first_capacity + s.people;
  s.first_load = s.team_capacity + 1;
  s.scope = s.first_load + s.people;
  s.chart_column = s.scope + 4;
  return s;
}

// Hours per person per week: small (weeks x people), unlike the task list.
struct WeeklyHours {
  std::vector<double> hours;          // [week * people + person]: every block of work
  std::vector<double> capacity;       // [week * people + person]
  std::vector<double> total;          // per week, everyone included
  std::vector<double> team_capacity;  // per week, everyone included
};

WeeklyHours weekly_hours(const PlanView& view, const WorkloadShape& s) {
  const auto people = static_cast<std::size_t>(s.people);
  const model::Workload& load = view.workload();
  WeeklyHours w;
  w.hours.assign(static_cast<std::size_t>(s.weeks) * people, 0.0);
  w.capacity.assign(static_cast<std::size_t>(s.weeks) * people, 0.0);
  w.total.assign(static_cast<std::size_t>(s.weeks), 0.0);
  w.team_capacity.assign(static_cast<std::size_t>(s.weeks), 0.0);
  for (int week = 0; week < s.weeks; ++week) {
    const auto wi = static_cast<std::size_t>(week);
    for (int p = 0; p < static_cast<int>(load.people().size()); ++p) {
      w.total[wi] += load.planned_minutes(p, week) / 60.0;
      w.team_capacity[wi] += load.capacity_minutes(p, week) / 60.0;
    }
    for (int p = 0; p < s.people; ++p) {
      const int in_load = view.workload_person(p);
      if (in_load < 0) continue;
      const std::size_t cell = wi * people + static_cast<std::size_t>(p);
      w.hours[cell] = load.planned_minutes(in_load, week) / 60.0;
      w.capacity[cell] = load.capacity_minutes(in_load, week) / 60.0;
    }
  }
  return w;
}

// Week, Week of, a column per person (named, so the chart can name its
// series by reference), Total, Others when the chart sums some people, then
// each person's capacity, the team's, and each person's load.
Row workload_header(const PlanView& view, const WorkloadShape& s) {
  Row header;
  header.cells.push_back(text_cell(k_week_label, "Week", Style::header));
  header.cells.push_back(text_cell(k_week_of, "Week of", Style::header));
  for (int p = 0; p < s.people; ++p) {
    header.cells.push_back(text_cell(
        k_first_person + p, view.people()[static_cast<std::size_t>(p)].name, Style::header));
  }
  header.cells.push_back(text_cell(s.total_column, "Total", Style::header));
  if (s.others_column >= 0) {
    header.cells.push_back(text_cell(s.others_column, "Others in chart", Style::header));
  }
  for (int p = 0; p < s.people; ++p) {
    header.cells.push_back(text_cell(
        s.first_capacity + p,
        std::string(view.people()[static_cast<std::size_t>(p)].name) + " capacity", Style::header));
  }
  header.cells.push_back(text_cell(s.team_capacity, "Team capacity", Style::header));
  for (int p = 0; p < s.people; ++p) {
    header.cells.push_back(text_cell(
        s.first_load + p, std::string(view.people()[static_cast<std::size_t>(p)].name) + " load",
        Style::header));
  }
  header.cells.push_back(text_cell(s.scope, "Scope", Style::header));
  header.cells.push_back(text_cell(s.scope + 1, "Done", Style::header));
  header.cells.push_back(text_cell(s.scope + 2, "Projected", Style::header));
  return header;
}

std::string iso_week_label(util::Date monday) {
  const auto w = util::iso_week(monday);
  std::string label = std::to_string(w.year) + "-W";
  if (w.week < 10) label += '0';
  return label + std::to_string(w.week);
}

}  // namespace

// ---- Tasks ----

SheetLayout tasks_layout(const model::Project& project, const Against* against) {
  SheetLayout layout;
  layout.name = std::string(model::workbook::k_tasks_sheet);
  layout.columns = column_specs(k_task_columns);
  if (against) {
    for (int c = c_baseline_start; c < c_all_task_columns; ++c) {
      layout.columns.push_back(
          {c, c, k_baseline_columns[static_cast<std::size_t>(c - c_baseline_start)].width,
           std::nullopt});
    }
  }
  double names = 0, zones = 0;
  for (const auto& person : project.team) {
    names = std::max(names, util::display_width(person.name));
    zones = std::max(zones, util::display_width(person.timezone));
  }
  layout.columns[c_assignee].width = fitting_width(names, k_task_columns[c_assignee].width, 30);
  layout.columns[c_zone].width = fitting_width(zones, k_task_columns[c_zone].width, 32);
  layout.freeze_rows = 1;
  layout.print.repeat_rows = 1;
  const int last = static_cast<int>(shown_tasks(project));
  layout.autofilter =
      Range{0, 0, last, (against ? int{c_all_task_columns} : int{c_task_columns}) - 1};
  if (last > 0) {
    layout.validations.push_back(
        {Range{1, c_status, last, c_status}, {"open", "in-progress", "done"}, 0, 0, "Status"});
    layout.validations.push_back({Range{1, c_estimate, last, c_remaining}, {}, 0, 10000, "Hours"});
  }
  return layout;
}

// The baseline's columns of task `i`'s row.
void baseline_cells(const Against& against, std::size_t i, Row& row) {
  if (const model::BaselineTask* then = against.then[i]) {
    if (then->first_day) {
      row.cells.push_back(date_cell(c_baseline_start, excel_serial(*then->first_day), Style::date));
    }
    if (then->last_day) {
      row.cells.push_back(date_cell(c_baseline_finish, excel_serial(*then->last_day), Style::date));
    }
  }
  if (const auto days = against.finish_days[i]) {
    row.cells.push_back(number_cell(c_variance, *days, Style::number_centred));
  }
}

void tasks_rows(const model::Project& project, const PlanView& view, const Against* against,
                const RowSink& emit) {
  Row header = header_row(k_task_columns);
  if (against) {
    for (int c = c_baseline_start; c < c_all_task_columns; ++c) {
      header.cells.push_back(
          text_cell(c, k_baseline_columns[static_cast<std::size_t>(c - c_baseline_start)].header,
                    Style::header));
    }
  }
  header.height = 2 * k_line_height;  // long headers wrap
  for (Cell& cell : header.cells) {
    if (is_editable(cell.column)) cell.style = Style::editable_header;
    cell.note = std::string(header_note(cell.column));
  }
  emit(header);
  const std::size_t shown = shown_tasks(project);
  Row row;
  for (std::size_t i = 0; i < shown; ++i) {
    const model::Task& t = project.tasks[i];
    const model::Topic* topic = view.group_topic(view.group_of(i));
    const model::workbook::Values values =
        model::workbook::values_of(t, project.plan.minimum_remaining_hours);
    row.index = static_cast<int>(i) + 1;
    row.cells.clear();
    row.cells.push_back(text_cell(c_id, t.id));
    if (topic && topic->number) {
      row.cells.push_back(number_cell(c_number, *topic->number, Style::number_centred));
    }
    if (topic) row.cells.push_back(text_cell(c_topic, topic->title, Style::wrapped));
    row.cells.push_back(text_cell(c_kind, model::display_name(t.kind)));
    row.cells.push_back(text_cell(c_prompt, t.prompt, Style::wrapped));
    row.cells.push_back(text_cell(c_status, model::to_string(values.status), Style::editable));
    // Written even when empty, for its fill and so that it can be typed into.
    row.cells.push_back(values.assignee.empty()
                            ? fill_cell(c_assignee, Style::editable)
                            : text_cell(c_assignee, values.assignee, Style::editable));
    row.cells.push_back(number_cell(c_estimate, values.estimate, Style::editable_hours));
    row.cells.push_back(number_cell(c_spent, values.spent, Style::editable_hours));
    row.cells.push_back(number_cell(c_remaining, values.remaining, Style::editable_hours));
    if (!t.blocks.empty()) {
      const auto& first = t.blocks.front();
      const auto& last = t.blocks.back();
      row.cells.push_back(
          date_cell(c_start, excel_serial(first.date, first.start_minute), Style::date_time));
      row.cells.push_back(date_cell(
          c_finish, excel_serial(last.date, last.start_minute + last.minutes), Style::date_time));
    }
    if (const model::TaskSlack& slack = view.slack(i); slack.minutes) {
      row.cells.push_back(number_cell(c_slack, slack.hours(), Style::slack_hours));
    }
    const int who = view.person_of(t);
    const model::Assignee* on_team =
        who >= 0 ? view.people()[static_cast<std::size_t>(who)].assignee : nullptr;
    if (on_team != nullptr && !on_team->timezone.empty()) {
      row.cells.push_back(text_cell(c_zone, on_team->timezone));
    }
    if (!t.depends_on.empty()) {
      row.cells.push_back(text_cell(c_depends, util::join(t.depends_on, ", "), Style::wrapped));
    }
    const int lines =
        std::max({wrapped_lines(t.prompt, k_task_columns[c_prompt].width),
                  topic ? wrapped_lines(topic->title, k_task_columns[c_topic].width) : 1,
                  t.depends_on.empty()
                      ? 1
                      : wrapped_lines(row.cells.back().text, k_task_columns[c_depends].width)});
    row.height = lines > 1 ? std::min(lines, k_max_wrapped_lines) * k_line_height : 0;
    if (against) baseline_cells(*against, i, row);
    emit(row);
  }
  if (shown < project.tasks.size()) {
    Row note;
    note.index = static_cast<int>(shown) + 1;
    note.cells.push_back(text_cell(c_prompt,
                                   std::to_string(project.tasks.size() - shown) +
                                       " more tasks do not fit in a sheet (1,048,576 rows); "
                                       "the JSON and CSV exports have them all.",
                                   Style::note));
    emit(note);
  }
}

// ---- the values as exported, for sync ----

SheetLayout sync_layout() {
  SheetLayout layout;
  layout.name = std::string(model::workbook::k_sync_sheet);
  layout.columns = {{0, 0, 12, std::nullopt}, {1, 5, 14, std::nullopt}};
  layout.hidden = true;
  return layout;
}

void sync_rows(const model::Project& project, const RowSink& emit) {
  Row row;
  row.cells = {text_cell(0, model::workbook::k_sync_marker, Style::plain),
               number_cell(1, model::workbook::k_sync_version),
               text_cell(2,
                         "The editable columns of the Tasks sheet as exported, by task id: rplan "
                         "sync compares the Tasks sheet with them to find what was edited. Do not "
                         "change this sheet.",
                         Style::plain)};
  emit(row);
  row.index = model::workbook::k_sync_header_row;
  row.cells = {text_cell(0, model::workbook::k_id_header, Style::plain)};
  for (const Field field : model::workbook::k_fields) {
    row.cells.push_back(text_cell(static_cast<int>(row.cells.size()),
                                  model::workbook::header(field), Style::plain));
  }
  emit(row);
  const std::size_t shown = shown_tasks(project);
  for (std::size_t i = 0; i < shown; ++i) {
    const model::Task& t = project.tasks[i];
    const model::workbook::Values values =
        model::workbook::values_of(t, project.plan.minimum_remaining_hours);
    row.index = model::workbook::k_sync_first_task_row + static_cast<int>(i);
    row.cells.clear();
    row.cells.push_back(text_cell(0, t.id, Style::plain));
    row.cells.push_back(text_cell(1, model::to_string(values.status), Style::plain));
    if (!values.assignee.empty()) row.cells.push_back(text_cell(2, values.assignee, Style::plain));
    row.cells.push_back(number_cell(3, values.estimate));
    row.cells.push_back(number_cell(4, values.spent));
    row.cells.push_back(number_cell(5, values.remaining));
    emit(row);
  }
}

// ---- Topics ----

SheetLayout topics_layout(const PlanView& view) {
  SheetLayout layout;
  layout.name = "Topics";
  layout.columns = column_specs(k_topic_columns);
  layout.freeze_rows = 1;
  layout.print.repeat_rows = 1;
  const int last = static_cast<int>(shown_groups(view));
  layout.autofilter = Range{0, 0, last, t_topic_columns - 1};
  if (last > 0) layout.data_bar = DataBar{Range{1, t_percent, last, t_percent}, k_progress_colour};
  return layout;
}

void topics_rows(const model::Project& project, const PlanView& view, const RowSink& emit) {
  emit(header_row(k_topic_columns));
  Progress all;
  Row row;
  const std::size_t groups = shown_groups(view);
  for (std::size_t g = 0; g < groups; ++g) {
    const model::Topic* topic = view.group_topic(g);
    Progress p;
    for (std::size_t i : view.group_tasks(g)) p.add(project.tasks[i]);
    all.add(p);
    row.index = static_cast<int>(g) + 1;
    row.cells.clear();
    if (topic && topic->number) {
      row.cells.push_back(number_cell(t_number, *topic->number, Style::number_centred));
    }
    row.cells.push_back(text_cell(t_title, topic_label(topic), Style::wrapped));
    if (topic) row.cells.push_back(text_cell(t_document, topic->document));
    progress_cells(row, p, Style::plain);
    const int lines = wrapped_lines(topic_label(topic), k_topic_columns[t_title].width);
    row.height = lines > 1 ? std::min(lines, k_max_wrapped_lines) * k_line_height : 0;
    emit(row);
  }
  Row total;
  total.index = static_cast<int>(groups) + 1;
  total.cells.push_back(text_cell(t_title, "All topics", Style::total));
  progress_cells(total, all, Style::total);
  emit(total);
}

// ---- Workload ----

SheetLayout workload_layout(const PlanView& view) {
  const WorkloadShape s = workload_shape(view);
  SheetLayout layout;
  layout.name = "Workload";
  layout.columns = {{k_week_label, k_week_label, 10, std::nullopt},
                    {k_week_of, k_week_of, 12, std::nullopt}};
  for (int p = 0; p < s.people; ++p) {
    const double width = util::display_width(view.people()[static_cast<std::size_t>(p)].name) + 2;
    layout.columns.push_back(
        {k_first_person + p, k_first_person + p, std::clamp(width, 9.0, 24.0), std::nullopt});
  }
  layout.columns.push_back({s.total_column, s.total_column, 9, std::nullopt});
  if (s.others_column >= 0) layout.columns.push_back({s.others_column, s.others_column, 15, {}});
  if (s.people > 0) {
    layout.columns.push_back({s.first_capacity, s.first_capacity + s.people - 1, 12, {}});
    layout.columns.push_back({s.first_load, s.first_load + s.people - 1, 10, {}});
  }
  layout.columns.push_back({s.team_capacity, s.team_capacity, 12, std::nullopt});
  layout.columns.push_back({s.scope, s.scope + 2, 10, std::nullopt});
  layout.freeze_rows = 1;
  layout.freeze_columns = 2;
  layout.print.repeat_rows = 1;
  if (s.weeks == 0) return layout;
  if (s.people > 0) {
    layout.heat_map = HeatMap{{1, s.first_load, s.weeks, s.first_load + s.people - 1}};
  }

  ChartSpec chart;
  chart.title = "Hours per person per week";
  chart.x_title = "Week";
  chart.y_title = "Hours";
  chart.category_column = k_week_label;
  for (int p : s.charted) {
    chart.series.push_back({0, k_first_person + p, 1, s.weeks, person_colour(p)});
  }
  if (s.others_column >= 0) {
    chart.series.push_back({0, s.others_column, 1, s.weeks, k_others_colour});
  }
  chart.anchor_row = 1;
  chart.anchor_column = s.chart_column;
  chart.x_scale = 1.4;
  chart.y_scale = 1.4;
  layout.chart = std::move(chart);

  ChartSpec burnup;
  burnup.title = "Burn-up";
  burnup.x_title = "Week";
  burnup.y_title = "Hours";
  burnup.category_column = k_week_label;
  burnup.series = {{0, s.scope, 1, s.weeks, 0x1F2933},
                   {0, s.scope + 1, 1, s.weeks, 0x59A14F},
                   {0, s.scope + 2, 1, s.weeks, 0x4E79A7}};
  burnup.anchor_row = 24;
  burnup.anchor_column = s.chart_column;
  burnup.x_scale = 1.4;
  burnup.y_scale = 1.2;
  layout.line_chart = std::move(burnup);
  return layout;
}

void workload_rows(const PlanView& view, const RowSink& emit) {
  const WorkloadShape s = workload_shape(view);
  emit(workload_header(view, s));
  if (s.weeks == 0) {
    Row note;
    note.index = 1;
    note.cells.push_back(text_cell(k_week_label, "Nothing is scheduled yet.", Style::note));
    emit(note);
    return;
  }

  const auto people = static_cast<std::size_t>(s.people);
  const WeeklyHours weekly = weekly_hours(view, s);
  const auto& hours = weekly.hours;
  const auto& week_total = weekly.total;

  std::vector<double> person_total(people, 0.0);
  std::vector<double> person_capacity(people, 0.0);
  const auto burnup = model::burnup(view.project(), view.workload());
  Row row;
  for (int w = 0; w < s.weeks; ++w) {
    const auto wi = static_cast<std::size_t>(w);
    const util::Date monday = s.first_week + std::chrono::days{7 * w};
    row.index = w + 1;
    row.cells.clear();
    row.cells.push_back(text_cell(k_week_label, iso_week_label(monday)));
    row.cells.push_back(date_cell(k_week_of, excel_serial(monday), Style::date));
    for (std::size_t p = 0; p < people; ++p) {
      person_total[p] += hours[wi * people + p];
      row.cells.push_back(
          number_cell(k_first_person + static_cast<int>(p), hours[wi * people + p], Style::hours));
    }
    row.cells.push_back(number_cell(s.total_column, week_total[wi], Style::total_hours));
    if (s.others_column >= 0) {
      double others = 0;
      for (int p : s.others) others += hours[wi * people + static_cast<std::size_t>(p)];
      row.cells.push_back(number_cell(s.others_column, others, Style::hours));
    }
    for (std::size_t p = 0; p < people; ++p) {
      person_capacity[p] += weekly.capacity[wi * people + p];
      row.cells.push_back(number_cell(s.first_capacity + static_cast<int>(p),
                                      weekly.capacity[wi * people + p], Style::hours));
    }
    row.cells.push_back(number_cell(s.team_capacity, weekly.team_capacity[wi], Style::total_hours));
    for (std::size_t p = 0; p < people; ++p) {
      const double cap = weekly.capacity[wi * people + p];
      if (cap <= 0) continue;  // no working time: no load to show
      row.cells.push_back(number_cell(s.first_load + static_cast<int>(p),
                                      hours[wi * people + p] / cap, Style::percent));
    }
    const model::BurnupWeek& b = burnup[wi];
    row.cells.push_back(number_cell(s.scope, b.scope_hours, Style::hours));
    row.cells.push_back(number_cell(s.scope + 1, b.done_hours, Style::hours));
    row.cells.push_back(number_cell(s.scope + 2, b.planned_done_hours, Style::hours));
    emit(row);
  }

  Row total;
  total.index = s.weeks + 1;
  total.cells.push_back(text_cell(k_week_label, "Total", Style::total));
  double all = 0;
  for (std::size_t p = 0; p < people; ++p) {
    total.cells.push_back(
        number_cell(k_first_person + static_cast<int>(p), person_total[p], Style::total_hours));
  }
  for (double h : week_total) all += h;
  total.cells.push_back(number_cell(s.total_column, all, Style::total_hours));
  double team = 0;
  for (std::size_t p = 0; p < people; ++p) {
    total.cells.push_back(number_cell(s.first_capacity + static_cast<int>(p), person_capacity[p],
                                      Style::total_hours));
  }
  for (double h : weekly.team_capacity) team += h;
  total.cells.push_back(number_cell(s.team_capacity, team, Style::total_hours));
  // Over the whole horizon: each person's planned hours against their capacity.
  for (std::size_t p = 0; p < people; ++p) {
    if (person_capacity[p] <= 0) continue;
    total.cells.push_back(number_cell(s.first_load + static_cast<int>(p),
                                      person_total[p] / person_capacity[p], Style::percent));
  }
  emit(total);
}

int wrapped_lines(std::string_view text, double column_width) {
  // About 1.2 characters of ordinary text fit per unit of column width.
  const double per_line = column_width * 1.2;
  return std::max(1, static_cast<int>(std::ceil(util::display_width(text) / per_line)));
}

}  // namespace rplan::exporters::xlsx
