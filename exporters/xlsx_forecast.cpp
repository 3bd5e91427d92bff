// The workbook's Forecast sheet: the forecast `rplan forecast` kept with the
// plan (model::Forecast), its figures and an S-curve of the finish date.

#include <algorithm>
#include <array>
#include <chrono>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exporters/xlsx_index.hpp"
#include "planner/model/forecast.hpp"

namespace rplan::exporters::xlsx {

namespace {

// Columns: an id (or a label), a name, then the dates (or figures).
enum ForecastColumn : int { f_id, f_name, f_p50, f_p85, f_p95, f_columns };
constexpr int k_day = f_p50;         // a day of the plan's marks and of the distribution,
constexpr int k_day_runs = f_p85;    // the runs finished by its end,
constexpr int k_day_share = f_p95;   // and their share
constexpr int k_task_share = f_p50;  // a task's critical share
constexpr int k_chart_column = f_columns + 1;

constexpr std::uint32_t k_curve_colour = 0x4E79A7;
struct Mark {
  std::string_view name;
  std::uint32_t colour;
};
// The marks on the curve: the plan's percentiles and its planned finish.
constexpr std::array<Mark, 4> k_marks = {
    {{"P50", 0x59A14F}, {"P85", 0xF28E2B}, {"P95", 0xE15759}, {"Planned", 0x52606D}}};

// Where each part of the sheet goes: a title and a note, the figures of the
// forecast, the plan's finish, then a table each for the topics, the people,
// the tasks on the critical chain and the days of the S-curve, each under its
// header and apart from the one before by an empty row. A table without rows
// is left out (its header too).
struct ForecastShape {
  static constexpr int runs = 2;
  static constexpr int seed = 3;
  static constexpr int made_at = 4;
  static constexpr int drawn_from = 5;
  static constexpr int plan_header = 7;
  static constexpr int marks = 8;  // a row per mark (k_marks)
  int topics_header = -1;          // -1: no such table
  int people_header = -1;
  int tasks_header = -1;
  std::size_t tasks = 0;  // critical tasks listed (all of them, unless the sheet ends first)
  int tasks_note = -1;    // what is not listed
  int days_header = 0;
  model::CurveDays days;
  int day_count = 0;
};

ForecastShape forecast_shape(const model::Forecast& f, std::size_t critical) {
  ForecastShape s;
  int next = ForecastShape::marks + static_cast<int>(k_marks.size()) + 1;
  if (!f.topics.empty()) {
    s.topics_header = next;
    next += static_cast<int>(f.topics.size()) + 2;
  }
  if (!f.people.empty()) {
    s.people_header = next;
    next += static_cast<int>(f.people.size()) + 2;
  }
  s.days = model::curve_days(f);
  s.day_count = static_cast<int>((s.days.last - s.days.first).count()) + 1;
  // The tasks get what the sheet has left after the days (in practice all of them).
  const long room = long{k_max_rows} - next - 1 - 2 - 1 - s.day_count;
  s.tasks = std::min(critical, static_cast<std::size_t>(std::max(room, 0L)));
  s.tasks_header = next;
  next += 1 + static_cast<int>(s.tasks);
  if (s.tasks < critical || critical < f.tasks.size()) s.tasks_note = next++;
  s.days_header = next + 1;
  return s;
}

Row table_header(int index, std::initializer_list<std::pair<int, std::string_view>> cells) {
  Row row;
  row.index = index;
  for (int c = f_id; c < f_columns; ++c) row.cells.push_back(fill_cell(c, Style::header));
  for (const auto& [column, text] : cells) {
    row.cells[static_cast<std::size_t>(column)] = text_cell(column, text, Style::header);
  }
  return row;
}

void percentile_cells(Row& row, const model::Percentiles& p) {
  row.cells.push_back(date_cell(f_p50, excel_serial(p.p50), Style::date));
  row.cells.push_back(date_cell(f_p85, excel_serial(p.p85), Style::date));
  row.cells.push_back(date_cell(f_p95, excel_serial(p.p95), Style::date));
}

std::string drawn_from(const model::Forecast& f) {
  if (!f.from_history) return "each task's three-point estimate (triangular)";
  return "the team's ratios of hours spent to estimated (" + std::to_string(f.history) +
         " finished tasks" + (f.by_kind ? ", by kind" : "") + ")";
}

// The days of the marks, as in k_marks.
std::array<util::Date, k_marks.size()> mark_days(const model::Forecast& f) {
  return {f.plan.p50, f.plan.p85, f.plan.p95, f.planned};
}

// The marks (P50, P85, P95, Planned) that fall on `day`, "P85 P95".
std::string marks_on(const model::Forecast& f, util::Date day) {
  const auto dates = mark_days(f);
  std::string names;
  for (std::size_t k = 0; k < dates.size(); ++k) {
    if (dates[k] != day) continue;
    if (!names.empty()) names += ' ';
    names += k_marks[k].name;
  }
  return names;
}

// A day, the runs finished by its end and their share.
void day_cells(const model::Forecast& f, util::Date day, Row& row) {
  const std::size_t runs = model::finished_by(f, day);
  row.cells.push_back(date_cell(k_day, excel_serial(day), Style::date));
  row.cells.push_back(number_cell(k_day_runs, static_cast<double>(runs), Style::plain));
  row.cells.push_back(
      number_cell(k_day_share, static_cast<double>(runs) / static_cast<double>(f.finishes.size()),
                  Style::share));
}

}  // namespace

bool has_forecast_sheet(const model::Project& project) {
  return project.forecast && !project.forecast->finishes.empty();
}

SheetLayout forecast_layout(const model::Forecast& f) {
  const ForecastShape s = forecast_shape(f, model::critical_order(f).size());
  SheetLayout layout;
  layout.name = "Forecast";
  layout.columns = {{f_id, f_id, 16, std::nullopt},
                    {f_name, f_name, 48, std::nullopt},
                    {f_p50, f_p95, 15, std::nullopt}};
  ScatterSpec chart;
  chart.title = "Share of the runs finished by each day";
  chart.x_title = "The plan's last day of work";
  chart.y_title = "Runs finished";
  const int first_day = s.days_header + 1, last_day = s.days_header + s.day_count;
  chart.series.push_back({s.days_header, k_day_share, k_day, k_day_share, first_day, last_day,
                          k_curve_colour, ScatterSeries::Mark::line});
  // A series of one point per mark, named by its row.
  for (std::size_t k = 0; k < k_marks.size(); ++k) {
    const int r = ForecastShape::marks + static_cast<int>(k);
    chart.series.push_back(
        {r, f_name, k_day, k_day_share, r, r, k_marks[k].colour, ScatterSeries::Mark::point});
  }
  chart.x_min = excel_serial(s.days.first);
  chart.x_max = excel_serial(s.days.last);
  chart.anchor_row = ForecastShape::runs;
  chart.anchor_column = k_chart_column;
  chart.x_scale = 1.5;
  chart.y_scale = 1.4;
  layout.scatter = std::move(chart);
  return layout;
}

void forecast_rows(const model::Forecast& f, const RowSink& emit) {
  const std::vector<std::size_t> critical = model::critical_order(f);
  const ForecastShape s = forecast_shape(f, critical.size());
  Row row;
  const auto start = [&](int index) {
    row.index = index;
    row.cells.clear();
  };
  start(0);
  row.cells.push_back(text_cell(f_id, "Forecast of the plan's finish", Style::title));
  emit(row);
  start(1);
  row.cells.push_back(text_cell(
      f_id,
      std::to_string(f.runs) + " plans of the work left, each drawn from " + drawn_from(f) +
          " (rplan forecast): the days by which 50, 85 and 95 % of them had finished. Planned: "
          "the plan with the likely figures.",
      Style::note));
  emit(row);
  start(ForecastShape::runs);
  row.cells.push_back(text_cell(f_id, "Runs"));
  row.cells.push_back(number_cell(f_name, static_cast<double>(f.runs), Style::figure));
  emit(row);
  start(ForecastShape::seed);
  row.cells.push_back(text_cell(f_id, "Seed"));
  row.cells.push_back(number_cell(f_name, static_cast<double>(f.seed), Style::figure));
  emit(row);
  start(ForecastShape::made_at);
  row.cells.push_back(text_cell(f_id, "Made at (UTC)"));
  // To the second, as the JSON export has it.
  const auto made_day = std::chrono::floor<std::chrono::days>(f.made_at);
  const auto seconds = (f.made_at - made_day).count();
  row.cells.push_back(
      date_cell(f_name, excel_serial(util::Date{made_day}) + static_cast<double>(seconds) / 86400,
                Style::figure_time));
  emit(row);
  start(ForecastShape::drawn_from);
  row.cells.push_back(text_cell(f_id, "Drawn from"));
  row.cells.push_back(text_cell(f_name, drawn_from(f)));
  emit(row);

  emit(table_header(ForecastShape::plan_header,
                    {{f_name, "The plan's finish (its last day of work)"},
                     {k_day, "Day"},
                     {k_day_runs, "Runs finished"},
                     {k_day_share, "Share of runs"}}));
  const auto days = mark_days(f);
  for (std::size_t k = 0; k < k_marks.size(); ++k) {
    start(ForecastShape::marks + static_cast<int>(k));
    row.cells.push_back(text_cell(f_name, k_marks[k].name, Style::total));
    day_cells(f, days[k], row);
    emit(row);
  }

  if (s.topics_header >= 0) {
    emit(table_header(
        s.topics_header,
        {{f_id, "ID"}, {f_name, "Topic"}, {f_p50, "P50"}, {f_p85, "P85"}, {f_p95, "P95"}}));
    for (std::size_t i = 0; i < f.topics.size(); ++i) {
      start(s.topics_header + 1 + static_cast<int>(i));
      row.cells.push_back(text_cell(f_id, f.topics[i].id));
      row.cells.push_back(text_cell(f_name, f.topics[i].title));
      percentile_cells(row, f.topics[i].finish);
      emit(row);
    }
  }
  if (s.people_header >= 0) {
    emit(table_header(s.people_header,
                      {{f_name, "Person"}, {f_p50, "P50"}, {f_p85, "P85"}, {f_p95, "P95"}}));
    for (std::size_t i = 0; i < f.people.size(); ++i) {
      start(s.people_header + 1 + static_cast<int>(i));
      row.cells.push_back(text_cell(f_name, f.people[i].name));
      percentile_cells(row, f.people[i].finish);
      emit(row);
    }
  }
  emit(table_header(
      s.tasks_header,
      {{f_id, "ID"}, {f_name, "On the critical chain"}, {k_task_share, "Share of runs"}}));
  for (std::size_t n = 0; n < s.tasks; ++n) {
    const model::Forecast::Task& t = f.tasks[critical[n]];
    start(s.tasks_header + 1 + static_cast<int>(n));
    row.cells.push_back(text_cell(f_id, t.id));
    row.cells.push_back(text_cell(f_name, t.prompt));
    row.cells.push_back(number_cell(k_task_share, t.critical_share, Style::share));
    emit(row);
  }
  if (s.tasks_note >= 0) {
    start(s.tasks_note);
    std::string note;
    if (s.tasks < critical.size()) {
      note = std::to_string(critical.size() - s.tasks) +
             " more tasks were on it in some run and do not fit in the sheet. ";
    }
    if (critical.size() < f.tasks.size()) {
      note +=
          std::to_string(f.tasks.size() - critical.size()) + " tasks not done were never on it. ";
    }
    note += "rplan forecast --format json lists every task.";
    row.cells.push_back(text_cell(f_name, note, Style::note));
    emit(row);
  }

  emit(table_header(s.days_header, {{f_name, "Marks"},
                                    {k_day, "Day"},
                                    {k_day_runs, "Runs finished"},
                                    {k_day_share, "Share of runs"}}));
  util::Date day = s.days.first;
  for (int d = 0; d < s.day_count; ++d, day += std::chrono::days{1}) {
    start(s.days_header + 1 + d);
    const std::string marks = marks_on(f, day);
    if (!marks.empty()) row.cells.push_back(text_cell(f_name, marks));
    day_cells(f, day, row);
    emit(row);
  }
}

}  // namespace rplan::exporters::xlsx
