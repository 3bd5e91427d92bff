// The only file that sees libxlsxwriter: sheet models from xlsx_builder in,
// an .xlsx file out.

#include "exporters/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <array>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "planner/util/atomic_file.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"
#include "planner/util/thread_group.hpp"

namespace rplan::exporters {

namespace {

namespace fs = std::filesystem;
using xlsx::Cell;
using xlsx::Style;

// Black or white, whichever reads better on `background`.
lxw_color_t font_on(std::uint32_t background) {
  const double r = (background >> 16) & 0xFF, g = (background >> 8) & 0xFF, b = background & 0xFF;
  return 0.299 * r + 0.587 * g + 0.114 * b < 140 ? LXW_COLOR_WHITE : LXW_COLOR_BLACK;
}

void set_fill(lxw_format* f, std::uint32_t colour) {
  format_set_pattern(f, LXW_PATTERN_SOLID);
  format_set_bg_color(f, colour);
  format_set_font_color(f, font_on(colour));
}

// One open workbook. Formats are made on first use, one per (style, colour).
// Destroying an unclosed workbook frees it without writing the file.
class Workbook {
 public:
  Workbook(const fs::path& file, const fs::path& target) : m_target(target) {
    m_tmpdir = target.parent_path().empty() ? std::string(".") : target.parent_path().string();
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows go to disk as they are written
    options.tmpdir = m_tmpdir.data();
    m_book = workbook_new_opt(file.c_str(), &options);
    if (m_book == nullptr) fail("cannot start the workbook", LXW_ERROR_MEMORY_MALLOC_FAILED);
  }
  ~Workbook() {
    if (m_book != nullptr) lxw_workbook_free(m_book);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() { return m_book; }

  [[noreturn]] void fail(const std::string& what, lxw_error err) const {
    throw OutputError("cannot write " + m_target.string() + ": " + what + " (" + lxw_strerror(err) +
                      ")");
  }
  void check(lxw_error err, const std::string& what) const {
    if (err != LXW_NO_ERROR) fail(what, err);
  }

  void close() {
    lxw_workbook* book = std::exchange(m_book, nullptr);
    check(workbook_close(book), "cannot finish the workbook");
  }

  lxw_format* format(Style style, int colour) {
    if (style != Style::person) colour = 0;
    // Millions of cells ask: the styles without a colour have a slot each.
    const auto slot = static_cast<std::size_t>(style);
    if (style != Style::person && m_plain[slot] != nullptr) return m_plain[slot];
    const auto key = std::make_pair(style, colour);
    if (const auto it = m_formats.find(key); it != m_formats.end()) return it->second;
    lxw_format* f = workbook_add_format(m_book);
    // Every cell sits at the top of its row, level with a wrapped prompt's first line.
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    describe(f, style, colour);
    m_formats.emplace(key, f);
    if (style != Style::person) m_plain[slot] = f;
    return f;
  }

 private:
  static void describe(lxw_format* f, Style style, int colour) {
    // A space after the number keeps it off the next column's text.
    constexpr const char* k_hours = "#,##0.0_ ;-#,##0.0_ ;\"-\"_ ";
    switch (style) {
      case Style::text:
        format_set_indent(f, 1);  // text never touches the column on its left
        break;
      case Style::wrapped:
        format_set_text_wrap(f);
        format_set_indent(f, 1);
        break;
      case Style::plain:
        break;
      case Style::number_centred:
        format_set_align(f, LXW_ALIGN_CENTER);
        break;
      case Style::header:
      case Style::editable_header:
        format_set_bold(f);
        set_fill(f, style == Style::header ? 0xDDEBF7 : xlsx::k_editable_header_colour);
        format_set_bottom(f, LXW_BORDER_THIN);
        format_set_text_wrap(f);
        format_set_indent(f, 1);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        break;
      case Style::editable:
      case Style::editable_hours:
        set_fill(f, xlsx::k_editable_colour);
        format_set_unlocked(f);
        if (style == Style::editable) {
          format_set_text_wrap(f);
          format_set_indent(f, 1);
        } else {
          format_set_num_format(f, k_hours);
        }
        break;
      case Style::title:
        format_set_bold(f);
        format_set_font_size(f, 14);
        break;
      case Style::note:
        format_set_italic(f);
        format_set_font_color(f, 0x595959);
        break;
      case Style::topic:
      case Style::total:
        format_set_bold(f);
        break;
      case Style::hours:
        format_set_num_format(f, k_hours);
        break;
      case Style::slack_hours:
        format_set_num_format(f, "#,##0.0_ ");
        break;
      case Style::total_hours:
        format_set_bold(f);
        format_set_num_format(f, k_hours);
        break;
      case Style::date_time:
        format_set_num_format(f, "yyyy-mm-dd hh:mm");
        format_set_align(f, LXW_ALIGN_CENTER);  // apart from its neighbours on both sides
        break;
      case Style::date:
        format_set_num_format(f, "yyyy-mm-dd");
        break;
      case Style::day_header:
      case Style::week_header:
        format_set_num_format(f, style == Style::day_header ? "d" : "d mmm");
        format_set_align(f, LXW_ALIGN_CENTER);
        format_set_font_size(f, 9);
        set_fill(f, 0xDDEBF7);
        format_set_bottom(f, LXW_BORDER_THIN);
        break;
      case Style::month_header:
        format_set_bold(f);
        format_set_font_size(f, 9);
        break;
      case Style::percent:
        format_set_num_format(f, "0%");
        break;
      case Style::share:
        format_set_num_format(f, "0.0%");
        break;
      case Style::figure:
        format_set_align(f, LXW_ALIGN_LEFT);
        format_set_indent(f, 1);
        break;
      case Style::figure_time:
        format_set_num_format(f, "yyyy-mm-dd hh:mm");
        format_set_align(f, LXW_ALIGN_LEFT);
        format_set_indent(f, 1);
        break;
      case Style::person:
        set_fill(f, xlsx::person_colour(colour));
        format_set_font_size(f, 9);
        format_set_align(f, LXW_ALIGN_CENTER);
        break;
      case Style::topic_span:
        set_fill(f, 0x7F7F7F);
        format_set_font_size(f, 9);
        format_set_align(f, LXW_ALIGN_CENTER);
        break;
      case Style::weekend:
      case Style::holiday:
        set_fill(f, style == Style::weekend ? 0xE7E6E6 : 0xFFF2CC);
        format_set_font_size(f, 9);
        format_set_align(f, LXW_ALIGN_CENTER);
        break;
      case Style::background:
        set_fill(f, 0xFFFFFF);
        break;
    }
  }

  fs::path m_target;
  std::string m_tmpdir;
  lxw_workbook* m_book = nullptr;
  std::map<std::pair<Style, int>, lxw_format*> m_formats;
  std::array<lxw_format*, 256> m_plain{};  // by Style (a uint8_t)
};

// A note (comment) on a cell, credited to rplan, large enough for a paragraph.
void write_note(Workbook& book, lxw_worksheet* sheet, lxw_row_t r, lxw_col_t c,
                const std::string& text) {
  static char author[] = "rplan";
  lxw_comment_options options{};
  options.author = author;
  options.width = 300;
  options.height = 120;
  book.check(worksheet_write_comment_opt(sheet, r, c, text.c_str(), &options), "cannot add a note");
}

void write_row(Workbook& book, lxw_worksheet* sheet, const xlsx::Row& row) {
  const auto r = static_cast<lxw_row_t>(row.index);
  if (row.height > 0 || row.background) {
    lxw_format* f = row.background ? book.format(*row.background, 0) : nullptr;
    book.check(worksheet_set_row(sheet, r, row.height > 0 ? row.height : LXW_DEF_ROW_HEIGHT, f),
               "cannot shape a row");
  }
  for (const Cell& cell : row.cells) {
    const auto c = static_cast<lxw_col_t>(cell.column);
    lxw_format* f = book.format(cell.style, cell.colour);
    lxw_error err = LXW_NO_ERROR;
    if (cell.span > 1 && cell.type == Cell::Type::text) {
      err = worksheet_merge_range(sheet, r, c, r, static_cast<lxw_col_t>(c + cell.span - 1),
                                  cell.text.c_str(), f);
    } else if (cell.type == Cell::Type::text) {
      // Always a string: text starting with "=" stays text, never a formula.
      err = worksheet_write_string(sheet, r, c, cell.text.c_str(), f);
    } else if (cell.type == Cell::Type::number || cell.type == Cell::Type::date_time) {
      err = worksheet_write_number(sheet, r, c, cell.number, f);
    } else if (cell.style != Style::text && cell.style != Style::plain) {
      // An empty cell matters only for its fill (and an editable one for being unlocked).
      err = worksheet_write_blank(sheet, r, c, f);
    }
    book.check(err, "cannot write a cell");
    if (!cell.note.empty()) write_note(book, sheet, r, c, cell.note);
  }
}

void add_validation(Workbook& book, lxw_worksheet* sheet, const xlsx::Validation& v) {
  std::vector<std::string> values = v.values;
  std::vector<char*> list;
  for (auto& value : values) list.push_back(value.data());
  list.push_back(nullptr);
  std::string title = v.title, message;
  lxw_data_validation dv{};
  if (!v.values.empty()) {
    message = "Choose one of: " + util::join(v.values, ", ") + ".";
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    dv.value_list = list.data();
  } else {
    message = "Type a number from " + util::format_hours(v.minimum) + " to " +
              util::format_hours(v.maximum) + ".";
    dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
    dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    dv.minimum_number = v.minimum;
    dv.maximum_number = v.maximum;
  }
  dv.error_title = title.data();
  dv.error_message = message.data();
  const auto& r = v.range;
  book.check(worksheet_data_validation_range(
                 sheet, static_cast<lxw_row_t>(r.first_row), static_cast<lxw_col_t>(r.first_column),
                 static_cast<lxw_row_t>(r.last_row), static_cast<lxw_col_t>(r.last_column), &dv),
             "cannot add a data validation");
}

// A solid bar from 0 to 1 (0% to 100%).
void add_data_bar(Workbook& book, lxw_worksheet* sheet, const xlsx::DataBar& bar) {
  lxw_conditional_format cf{};
  cf.type = LXW_CONDITIONAL_DATA_BAR;
  cf.bar_color = bar.colour;
  cf.bar_solid = LXW_TRUE;
  cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
  cf.min_value = 0;
  cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
  cf.max_value = 1;
  const auto& r = bar.range;
  book.check(worksheet_conditional_format_range(
                 sheet, static_cast<lxw_row_t>(r.first_row), static_cast<lxw_col_t>(r.first_column),
                 static_cast<lxw_row_t>(r.last_row), static_cast<lxw_col_t>(r.last_column), &cf),
             "cannot add the progress bars");
}

// White at 0, amber halfway, red at a full week of capacity and above.
void add_heat_map(Workbook& book, lxw_worksheet* sheet, const xlsx::HeatMap& heat) {
  lxw_conditional_format cf{};
  cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
  cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
  cf.min_value = 0;
  cf.min_color = xlsx::k_heat_low_colour;
  cf.mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
  cf.mid_value = xlsx::k_heat_mid;
  cf.mid_color = xlsx::k_heat_mid_colour;
  cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
  cf.max_value = 1;
  cf.max_color = xlsx::k_heat_high_colour;
  const auto& r = heat.range;
  book.check(worksheet_conditional_format_range(
                 sheet, static_cast<lxw_row_t>(r.first_row), static_cast<lxw_col_t>(r.first_column),
                 static_cast<lxw_row_t>(r.last_row), static_cast<lxw_col_t>(r.last_column), &cf),
             "cannot add the heat map");
}

void apply_print(Workbook& book, lxw_worksheet* sheet, const xlsx::PrintLayout& print) {
  worksheet_set_landscape(sheet);
  worksheet_set_margins(sheet, 0.4, 0.4, 0.5, 0.5);
  if (print.fit == xlsx::PrintLayout::Fit::width) {
    worksheet_fit_to_pages(sheet, 1, 0);  // all columns on one page width
  } else {
    worksheet_set_print_scale(sheet, static_cast<std::uint16_t>(print.scale));
  }
  if (print.repeat_rows > 0) {
    book.check(worksheet_repeat_rows(sheet, 0, static_cast<lxw_row_t>(print.repeat_rows - 1)),
               "cannot set the print titles");
  }
  if (print.repeat_columns > 0) {
    book.check(worksheet_repeat_columns(sheet, 0, static_cast<lxw_col_t>(print.repeat_columns - 1)),
               "cannot set the print titles");
  }
}

void apply_layout(Workbook& book, lxw_worksheet* sheet, const xlsx::SheetLayout& layout) {
  for (const auto& col : layout.columns) {
    lxw_format* f = col.style ? book.format(*col.style, 0) : nullptr;
    book.check(worksheet_set_column(sheet, static_cast<lxw_col_t>(col.first),
                                    static_cast<lxw_col_t>(col.last), col.width, f),
               "cannot size a column");
  }
  if (layout.freeze_rows > 0 || layout.freeze_columns > 0) {
    worksheet_freeze_panes(sheet, static_cast<lxw_row_t>(layout.freeze_rows),
                           static_cast<lxw_col_t>(layout.freeze_columns));
  }
  if (const auto& a = layout.autofilter) {
    book.check(worksheet_autofilter(sheet, static_cast<lxw_row_t>(a->first_row),
                                    static_cast<lxw_col_t>(a->first_column),
                                    static_cast<lxw_row_t>(a->last_row),
                                    static_cast<lxw_col_t>(a->last_column)),
               "cannot add the autofilter");
  }
  for (const auto& v : layout.validations) add_validation(book, sheet, v);
  if (layout.data_bar) add_data_bar(book, sheet, *layout.data_bar);
  if (layout.heat_map) add_heat_map(book, sheet, *layout.heat_map);
  apply_print(book, sheet, layout.print);
  if (layout.protect) {
    // No password: a guard against accidental edits, which Review > Unprotect
    // Sheet (Excel) or Tools > Protect Sheet (LibreOffice) lifts. These
    // flags allow what they name.
    lxw_protection allowed{};
    allowed.format_columns = LXW_TRUE;
    allowed.format_rows = LXW_TRUE;
    allowed.autofilter = LXW_TRUE;
    allowed.sort = LXW_TRUE;
    worksheet_protect(sheet, nullptr, &allowed);
  }
  if (layout.hidden) worksheet_hide(sheet);
}

// Puts the chart's legend below it and the chart on the sheet at the spec's
// anchor and scale (xlsx::ChartSpec, xlsx::ScatterSpec).
template <class Spec>
void place_chart(Workbook& book, lxw_worksheet* sheet, lxw_chart* chart, const Spec& spec) {
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options options{};
  options.x_scale = spec.x_scale;
  options.y_scale = spec.y_scale;
  book.check(
      worksheet_insert_chart_opt(sheet, static_cast<lxw_row_t>(spec.anchor_row),
                                 static_cast<lxw_col_t>(spec.anchor_column), chart, &options),
      "cannot place the chart");
}

void add_chart(Workbook& book, lxw_worksheet* sheet, const xlsx::SheetLayout& layout,
               const xlsx::ChartSpec& spec, std::uint8_t type) {
  lxw_chart* chart = workbook_add_chart(book.get(), type);
  if (chart == nullptr) book.fail("cannot add the chart", LXW_ERROR_MEMORY_MALLOC_FAILED);
  const char* name = layout.name.c_str();
  for (const auto& s : spec.series) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    if (series == nullptr) book.fail("cannot add a chart series", LXW_ERROR_MEMORY_MALLOC_FAILED);
    chart_series_set_categories(series, name, static_cast<lxw_row_t>(s.first_row),
                                static_cast<lxw_col_t>(spec.category_column),
                                static_cast<lxw_row_t>(s.last_row),
                                static_cast<lxw_col_t>(spec.category_column));
    chart_series_set_values(series, name, static_cast<lxw_row_t>(s.first_row),
                            static_cast<lxw_col_t>(s.column), static_cast<lxw_row_t>(s.last_row),
                            static_cast<lxw_col_t>(s.column));
    // The name is a reference to the header cell: a person named "=x" stays a name.
    chart_series_set_name_range(series, name, static_cast<lxw_row_t>(s.name_row),
                                static_cast<lxw_col_t>(s.column));
    if (type == LXW_CHART_LINE) {
      lxw_chart_line line{};
      line.color = s.colour;
      line.width = 2.25;
      chart_series_set_line(series, &line);
    } else {
      lxw_chart_fill fill{};
      fill.color = s.colour;
      chart_series_set_fill(series, &fill);
    }
  }
  chart_title_set_name(chart, spec.title.c_str());
  chart_axis_set_name(chart->x_axis, spec.x_title.c_str());
  chart_axis_set_name(chart->y_axis, spec.y_title.c_str());
  if (type != LXW_CHART_LINE) chart_set_series_gap(chart, 40);
  place_chart(book, sheet, chart, spec);
}

// Lines and marked points over a date axis and a share axis (xlsx::ScatterSpec).
void add_scatter_chart(Workbook& book, lxw_worksheet* sheet, const xlsx::SheetLayout& layout,
                       const xlsx::ScatterSpec& spec) {
  lxw_chart* chart = workbook_add_chart(book.get(), LXW_CHART_SCATTER_STRAIGHT);
  if (chart == nullptr) book.fail("cannot add the chart", LXW_ERROR_MEMORY_MALLOC_FAILED);
  const char* name = layout.name.c_str();
  for (const auto& s : spec.series) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    if (series == nullptr) book.fail("cannot add a chart series", LXW_ERROR_MEMORY_MALLOC_FAILED);
    const auto first = static_cast<lxw_row_t>(s.first_row);
    const auto last = static_cast<lxw_row_t>(s.last_row);
    chart_series_set_categories(series, name, first, static_cast<lxw_col_t>(s.x_column), last,
                                static_cast<lxw_col_t>(s.x_column));
    chart_series_set_values(series, name, first, static_cast<lxw_col_t>(s.y_column), last,
                            static_cast<lxw_col_t>(s.y_column));
    chart_series_set_name_range(series, name, static_cast<lxw_row_t>(s.name_row),
                                static_cast<lxw_col_t>(s.name_column));
    lxw_chart_line line{};
    line.color = s.colour;
    if (s.mark == xlsx::ScatterSeries::Mark::line) {
      line.width = 2.25;
      chart_series_set_line(series, &line);
      chart_series_set_marker_type(series, LXW_CHART_MARKER_NONE);
      continue;
    }
    // A point: a diamond in its colour, a dashed line down to the x axis, its name and value
    // beside it.
    line.none = LXW_TRUE;
    chart_series_set_line(series, &line);
    chart_series_set_marker_type(series, LXW_CHART_MARKER_DIAMOND);
    chart_series_set_marker_size(series, 8);
    lxw_chart_fill fill{};
    fill.color = s.colour;
    chart_series_set_marker_fill(series, &fill);
    lxw_chart_line border{};
    border.color = s.colour;
    chart_series_set_marker_line(series, &border);
    chart_series_set_error_bars(series->y_error_bars, LXW_CHART_ERROR_BAR_TYPE_PERCENTAGE, 100);
    chart_series_set_error_bars_direction(series->y_error_bars, LXW_CHART_ERROR_BAR_DIR_MINUS);
    chart_series_set_error_bars_endcap(series->y_error_bars, LXW_CHART_ERROR_BAR_NO_CAP);
    lxw_chart_line drop{};
    drop.color = s.colour;
    drop.width = 1.25;
    drop.dash_type = LXW_CHART_LINE_DASH_DASH;
    chart_series_set_error_bars_line(series->y_error_bars, &drop);
    chart_series_set_labels(series);
    chart_series_set_labels_options(series, LXW_TRUE, LXW_FALSE, LXW_FALSE);
    chart_series_set_labels_position(series, LXW_CHART_LABEL_POSITION_LEFT);
  }
  chart_title_set_name(chart, spec.title.c_str());
  chart_axis_set_name(chart->x_axis, spec.x_title.c_str());
  chart_axis_set_name(chart->y_axis, spec.y_title.c_str());
  chart_axis_set_num_format(chart->x_axis, "d mmm");
  chart_axis_set_min(chart->x_axis, spec.x_min);
  chart_axis_set_max(chart->x_axis, spec.x_max);
  chart_axis_set_num_format(chart->y_axis, "0%");
  chart_axis_set_min(chart->y_axis, 0);
  chart_axis_set_max(chart->y_axis, 1);
  chart_axis_set_major_unit(chart->y_axis, 0.25);
  place_chart(book, sheet, chart, spec);
}

void set_properties(Workbook& book, const xlsx::DocumentProperties& p) {
  std::string title = p.title, subject = p.subject, author = p.author, comments = p.comments;
  lxw_doc_properties props{};
  props.title = title.data();
  props.subject = subject.data();
  props.author = author.data();
  props.comments = comments.data();
  // libxlsxwriter reads 0 as "now"; a plan made at the epoch keeps a fixed date.
  props.created = static_cast<std::time_t>(p.created != 0 ? p.created : 1);
  book.check(workbook_set_properties(book.get(), &props), "cannot set the document properties");
}

// Builds the sheets' rows on a second thread while the calling thread hands
// them to libxlsxwriter (which only ever runs on the calling thread): the
// builder's share of a large export overlaps the library's. Rows travel in
// batches through a small bounded queue, a sheet at a time, in order. With no
// thread to be had, the calling thread builds each row as it writes it.
class RowPipe {
 public:
  explicit RowPipe(const xlsx::WorkbookBuilder& builder)
      : m_builder(builder),
        m_sheets(builder.sheets()),
        m_piped(m_producer.start([this] { produce(); })) {}
  ~RowPipe() {
    {
      const std::lock_guard<std::mutex> lock(m_mutex);
      m_cancelled = true;
    }
    m_changed.notify_all();
    // m_producer, destroyed first, joins the thread.
  }
  RowPipe(const RowPipe&) = delete;
  RowPipe& operator=(const RowPipe&) = delete;

  // Calls write(row) for each row of the sheet number `sheet` (the sheets
  // must be asked for in the order of WorkbookBuilder::sheets()).
  template <class Write>
  void rows_of(std::size_t sheet, Write&& write) {
    if (!m_piped) {
      m_builder.rows(m_sheets[sheet], write);
      return;
    }
    while (true) {
      Batch batch = pop();
      if (batch.error) std::rethrow_exception(batch.error);
      if (batch.sheet != sheet) throw std::logic_error("xlsx rows out of order");
      for (const xlsx::Row& row : batch.rows) write(row);
      if (batch.end_of_sheet) return;
    }
  }

 private:
  static constexpr std::size_t k_batch_rows = 256;
  static constexpr std::size_t k_batches = 16;  // in the queue at most
  struct Batch {
    std::size_t sheet = 0;
    std::vector<xlsx::Row> rows;
    bool end_of_sheet = false;
    std::exception_ptr error;
  };
  struct Cancelled {};

  void produce() {
    try {
      for (std::size_t i = 0; i < m_sheets.size(); ++i) {
        Batch batch;
        batch.sheet = i;
        m_builder.rows(m_sheets[i], [&](const xlsx::Row& row) {
          batch.rows.push_back(row);
          if (batch.rows.size() < k_batch_rows) return;
          push(std::move(batch));
          batch = Batch{};
          batch.sheet = i;
        });
        batch.end_of_sheet = true;
        push(std::move(batch));
      }
    } catch (const Cancelled&) {
      // The writer gave up; nobody waits for more.
    } catch (...) {
      Batch failed;
      failed.error = std::current_exception();
      try {
        push(std::move(failed));
      } catch (const Cancelled&) {
      }
    }
  }
  void push(Batch batch) {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return m_cancelled || m_queue.size() < k_batches; });
    if (m_cancelled) throw Cancelled{};
    m_queue.push_back(std::move(batch));
    lock.unlock();
    m_changed.notify_all();
  }
  Batch pop() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_queue.empty(); });
    Batch batch = std::move(m_queue.front());
    m_queue.pop_front();
    lock.unlock();
    m_changed.notify_all();
    return batch;
  }

  const xlsx::WorkbookBuilder& m_builder;
  const std::vector<xlsx::SheetId> m_sheets;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<Batch> m_queue;
  bool m_cancelled = false;
  util::ThreadGroup m_producer{1};  // the one thread, joined first
  const bool m_piped;               // the producer thread runs (else rows are built inline)
};

void write_workbook(const xlsx::WorkbookBuilder& builder, const fs::path& file,
                    const fs::path& target) {
  Workbook book(file, target);
  set_properties(book, builder.properties());
  std::vector<std::pair<xlsx::SheetLayout, lxw_worksheet*>> sheets;
  const std::vector<xlsx::SheetId> ids = builder.sheets();
  for (const auto id : ids) {
    xlsx::SheetLayout layout = builder.layout(id);
    lxw_worksheet* sheet = workbook_add_worksheet(book.get(), layout.name.c_str());
    if (sheet == nullptr)
      book.fail("cannot add sheet " + layout.name, LXW_ERROR_MEMORY_MALLOC_FAILED);
    sheets.emplace_back(std::move(layout), sheet);
  }
  {
    RowPipe pipe(builder);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      auto& [layout, sheet] = sheets[i];
      apply_layout(book, sheet, layout);
      pipe.rows_of(i, [&](const xlsx::Row& row) { write_row(book, sheet, row); });
      if (layout.chart) add_chart(book, sheet, layout, *layout.chart, LXW_CHART_COLUMN_STACKED);
      if (layout.line_chart) add_chart(book, sheet, layout, *layout.line_chart, LXW_CHART_LINE);
      if (layout.scatter) add_scatter_chart(book, sheet, layout, *layout.scatter);
    }
  }
  book.close();
}

}  // namespace

void write_xlsx(const PlanView& view, const fs::path& out, xlsx::GanttLimits limits,
                const std::function<void()>& before_publish, const model::Baseline* baseline) {
  util::AtomicFile file(out);
  write_workbook(xlsx::WorkbookBuilder(view, limits, baseline), file.temp_path(), out);
  if (before_publish) before_publish();
  file.commit();
}

void write_xlsx(const model::Project& project, const fs::path& out, xlsx::GanttLimits limits,
                const std::function<void()>& before_publish, const model::Baseline* baseline) {
  const PlanView view(project);
  write_xlsx(view, out, limits, before_publish, baseline);
}

}  // namespace rplan::exporters
