#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exporters/plan_view.hpp"
#include "planner/model/baseline.hpp"
#include "planner/model/model.hpp"

// The Excel workbook as data: what each sheet holds, cell by cell, with no
// library in sight. xlsx_writer.cpp turns it into a file; tests read it in
// memory. Rows are produced one at a time so that a 300,000-task plan never
// has its cells in memory at once.
namespace rplan::exporters::xlsx {

// How a cell looks; the writer maps each (style, colour) pair to one Excel format.
enum class Style : std::uint8_t {
  text,            // plain text, indented a little from the cell's left edge
  plain,           // a number, or text without an indent (the hidden sheet)
  wrapped,         // text wrapped at the column width, top-aligned
  header,          // bold column header, light fill, bottom border, wrapped
  number_centred,  // a small number centred in its column (a topic's No.)
  title,           // a sheet's title line: bold, larger
  note,            // an explanatory line: italic, grey
  topic,           // a topic's name in the Gantt: bold
  hours,           // a number of hours: "0.0", zero shown as "-"
  slack_hours,     // hours of slack: "0.0", zero shown as "0" (critical)
  date_time,       // an Excel serial date-time shown as yyyy-mm-dd hh:mm, centred
  date,            // an Excel serial date shown as yyyy-mm-dd
  day_header,      // a date shown as its day of the month, centred (daily Gantt)
  week_header,     // a date shown as "d mmm", centred (weekly Gantt)
  month_header,    // a month label above the Gantt's date header: bold
  percent,         // a fraction shown as "0%"
  share,           // a fraction shown as "0.0%" (a share of a forecast's runs)
  figure,          // a number beside its label, aligned left
  figure_time,     // an Excel serial date-time beside its label: yyyy-mm-dd hh:mm, left
  person,          // filled in the palette colour Cell::colour (Gantt work, legend)
  topic_span,      // dark grey fill: a topic's first to last working day
  weekend,         // light grey fill: a day nobody on the team works
  holiday,         // light yellow fill: a holiday (a column: the team's; a cell: the person's)
  total,           // bold (a totals row)
  total_hours,     // bold hours
  background,      // white fill: rows above the Gantt header hide the day shading
  // Cells a user may edit for `rplan sync` (unlocked on the protected sheet):
  editable,         // text in the editable fill, wrapped
  editable_hours,   // hours in the editable fill
  editable_header,  // a header in the editable header fill
};

// The fill of the cells `rplan sync` reads back, and of their headers.
inline constexpr std::uint32_t k_editable_colour = 0xFFF2CC;
inline constexpr std::uint32_t k_editable_header_colour = 0xFFD966;

// A person's colour: exporters::k_palette by their place in PlanView::people()
// (the team as listed, then people found only on tasks), repeating past its
// end; k_others_colour for -1.
inline constexpr std::uint32_t k_others_colour = 0xBAB0AC;  // "Others" in the workload chart
std::uint32_t person_colour(int person);
// The data bar of the Topics sheet's "% done".
inline constexpr std::uint32_t k_progress_colour = 0x59A14F;

struct Cell {
  enum class Type : std::uint8_t {
    empty,      // no value; written only for its style (a fill)
    text,       // user or label text, always written as a string, never a formula
    number,     // a plain number
    date_time,  // an Excel serial date-time (days since 1899-12-30, local time)
  };
  int column = 0;
  Type type = Type::empty;
  Style style = Style::text;
  int colour = 0;     // the person's index in PlanView::people(), for Style::person
  double number = 0;  // Type::number and Type::date_time
  std::string text;   // Type::text
  int span = 1;       // columns merged from `column` on (legend entries)
  std::string note;   // a note (comment) on the cell: the full text of a shortened one, help
};

struct Row {
  int index = 0;                    // 0-based row on the sheet
  double height = 0;                // points; 0 leaves the default
  std::optional<Style> background;  // a style for the row's unwritten cells
  std::vector<Cell> cells;          // in column order
};

struct Range {
  int first_row = 0;
  int first_column = 0;
  int last_row = 0;
  int last_column = 0;
};

struct ColumnSpec {
  int first = 0;
  int last = 0;
  double width = 8.43;         // Excel character units
  std::optional<Style> style;  // a column format (the Gantt's weekend/holiday shading)
};

// What a cell of `range` accepts; other values are refused with a message
// titled `title`. A drop-down list of `values`, or (when `values` is empty) a
// number from `minimum` to `maximum`.
struct Validation {
  Range range;
  std::vector<std::string> values;
  double minimum = 0;
  double maximum = 0;
  std::string title;
};

// One stacked-column series: values from a column of this sheet, named by the
// header cell above it (a reference, so a name is never read as a formula).
struct ChartSeries {
  int name_row = 0;
  int column = 0;
  int first_row = 0;
  int last_row = 0;
  std::uint32_t colour = 0;
};

struct ChartSpec {
  std::string title;
  std::string x_title;
  std::string y_title;
  int category_column = 0;  // the labels, rows as in the series
  std::vector<ChartSeries> series;
  int anchor_row = 0;  // top-left cell of the chart
  int anchor_column = 0;
  double x_scale = 1;  // of Excel's default 480 x 288 pixels
  double y_scale = 1;
};

// Points (x, y) of this sheet on two value axes, x from one column and y
// from another over the same rows, named by a cell (a reference, so a name
// is never read as a formula).
struct ScatterSeries {
  enum class Mark : std::uint8_t {
    line,   // a line through the points, no markers
    point,  // a marker at each point, a line down to the x axis, labelled with its name and y
  };
  int name_row = 0;
  int name_column = 0;
  int x_column = 0;
  int y_column = 0;
  int first_row = 0;
  int last_row = 0;
  std::uint32_t colour = 0;
  Mark mark = Mark::line;
};

// A chart of ScatterSeries: dates on x (Excel serial days, from x_min to
// x_max, shown as "d mmm"), shares of 0 to 1 on y (shown as "0%").
struct ScatterSpec {
  std::string title;
  std::string x_title;
  std::string y_title;
  std::vector<ScatterSeries> series;
  double x_min = 0;
  double x_max = 0;
  int anchor_row = 0;  // top-left cell of the chart
  int anchor_column = 0;
  double x_scale = 1;  // of Excel's default 480 x 288 pixels
  double y_scale = 1;
};

// A data bar (conditional format) over a column of fractions 0..1.
struct DataBar {
  Range range;
  std::uint32_t colour = 0;
};

// A heat map over fractions of capacity (a three-colour scale conditional
// format): 0 white, k_heat_mid amber, 1 (a full week) and more red.
struct HeatMap {
  Range range;
};
inline constexpr double k_heat_mid = 0.5;
inline constexpr std::uint32_t k_heat_low_colour = 0xFFFFFF;
inline constexpr std::uint32_t k_heat_mid_colour = 0xFFD966;
inline constexpr std::uint32_t k_heat_high_colour = 0xE15759;

// How a sheet prints: always landscape, with narrow margins.
struct PrintLayout {
  enum class Fit { width, none };
  Fit fit = Fit::width;    // width: every column on one page width, as many pages down as needed
  int scale = 100;         // percent, when fit is none
  int repeat_rows = 0;     // header rows repeated on every printed page
  int repeat_columns = 0;  // leading columns repeated on every page (a sheet wider than a page)
};

// Everything about a sheet except its rows.
struct SheetLayout {
  std::string name;
  std::vector<ColumnSpec> columns;
  int freeze_rows = 0;  // rows kept in view at the top
  int freeze_columns = 0;
  std::optional<Range> autofilter;
  std::vector<Validation> validations;
  std::optional<DataBar> data_bar;
  std::optional<HeatMap> heat_map;
  std::optional<ChartSpec> chart;       // stacked columns
  std::optional<ChartSpec> line_chart;  // lines (the burn-up), below `chart`
  std::optional<ScatterSpec> scatter;   // points on value axes (the forecast's S-curve)
  PrintLayout print;
  // Protected without a password against accidental edits: only cells of
  // the editable styles can be changed; columns can be resized, the
  // autofilter used. Every sheet is.
  bool protect = true;
  bool hidden = false;  // a hidden sheet (the values as exported, for sync)
};

// The sheets in tab order. `sync` is the hidden sheet of the values as
// exported (model::workbook::k_sync_sheet). `changes` (the tasks changed
// since a baseline) is there only with a baseline, and `forecast` only with
// a forecast kept with the plan, both before `sync`:
// WorkbookBuilder::sheets() lists a workbook's.
enum class SheetId { tasks, gantt, workload, topics, changes, forecast, sync };
inline constexpr std::array<SheetId, 5> k_sheets = {
    SheetId::tasks, SheetId::gantt, SheetId::workload, SheetId::topics, SheetId::sync};

// What the sheets show of a baseline (`export xlsx --baseline NAME`).
struct Against;

struct DocumentProperties {
  std::string title;
  std::string subject;
  std::string author;
  std::string comments;
  std::int64_t created = 0;  // Unix seconds: the plan's creation time, never the wall clock
};

// When the Gantt sheet stops showing every day and every task.
struct GanttLimits {
  // Past this many working days (days someone on the team works, holidays
  // excluded) between the first and last day of work, one column per week.
  int max_daily_working_days = 120;
  // Past this many tasks, one row per topic instead of one per task.
  std::size_t max_task_rows = 5000;
};

// Limits of the file format that the sheets respect.
inline constexpr int k_max_rows = 1'048'576;
inline constexpr int k_max_columns = 16'384;
inline constexpr std::size_t k_max_text_units = 32'767;  // UTF-16 units in one cell

// Text as a cell may hold it: bytes that are not UTF-8 and control characters
// XML cannot carry become U+FFFD; text that Excel would read as an escape
// ("_x0041_") gets its underscore escaped ("_x005F_x0041_"), so it shows as
// typed; text past Excel's 32,767 characters is cut (on a character boundary)
// and ends with "…". Leading "=", "+", "-" or "@" are kept as they are: cells
// are written as strings, never formulas.
std::string cell_text(std::string_view text);

// An Excel serial date-time: days since 1899-12-30 plus the fraction of the day.
double excel_serial(util::Date date, int minutes_after_midnight = 0);

// Turns a project into the sheets Tasks, Gantt, Workload and Topics,
// and the hidden sheet of the values as exported that `rplan sync` reads.
// Dates and times are each assignee's local ones, as the plan's work blocks
// record them. With a baseline, the Tasks sheet also has each task's
// baseline start and finish (local dates) and the variance of its finish in
// team working days (model::diff_plans), and a Changes sheet lists each
// changed task: id, prompt, the kinds of change, from, to (change_sides).
// With a forecast kept with the plan (model::Project::forecast), a Forecast
// sheet shows it: its runs, seed and time, the P50 / P85 / P95 finish of
// the plan, each topic and each person, the tasks on the critical chain in
// some run (model::critical_order) and the share of runs finished by each
// day, drawn as an S-curve.
class WorkbookBuilder {
 public:
  // Reads `view` (and `baseline`, when given), which must outlive the builder.
  explicit WorkbookBuilder(const PlanView& view, GanttLimits limits = {},
                           const model::Baseline* baseline = nullptr);
  // Builds the project's view; the project must outlive the builder.
  explicit WorkbookBuilder(const model::Project& project, GanttLimits limits = {},
                           const model::Baseline* baseline = nullptr);
  ~WorkbookBuilder();
  WorkbookBuilder(const WorkbookBuilder&) = delete;
  WorkbookBuilder& operator=(const WorkbookBuilder&) = delete;

  // The workbook's sheets in tab order: k_sheets, with `changes` (when
  // there is a baseline), then `forecast` (when the project has a forecast
  // with runs), before `sync`.
  std::vector<SheetId> sheets() const;
  DocumentProperties properties() const;
  SheetLayout layout(SheetId sheet) const;
  // Calls emit once per row that has content, in increasing row order. Each
  // Row is built, handed over and discarded before the next one is built.
  void rows(SheetId sheet, const std::function<void(const Row&)>& emit) const;

 private:
  std::unique_ptr<const PlanView> m_owned;  // when built from a project
  const PlanView& m_view;
  const model::Project& m_project;
  GanttLimits m_limits;
  std::unique_ptr<const Against> m_against;  // with a baseline
};

}  // namespace rplan::exporters::xlsx
