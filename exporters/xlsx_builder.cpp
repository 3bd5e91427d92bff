#include "exporters/xlsx_builder.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "exporters/xlsx_index.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters::xlsx {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";     // U+2026

// Characters XML 1.0 cannot carry (a cell's text is XML in the file).
bool xml_forbidden(char32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF;
}

// "_x0041_" in a cell's XML means "A" to Excel: such text starts with an
// escaped underscore instead ("_x005F_x0041_"), which reads back as typed.
bool starts_escape(std::string_view text, std::size_t i) {
  const auto hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  return i + 7 <= text.size() && text[i] == '_' && (text[i + 1] == 'x' || text[i + 1] == 'X') &&
         hex(text[i + 2]) && hex(text[i + 3]) && hex(text[i + 4]) && hex(text[i + 5]) &&
         text[i + 6] == '_';
}

enum class Escapes { keep, escape };

// Text that clean_text would copy as it is: printable ASCII (tabs and line
// breaks too) without an underscore, short enough for a cell. Most cells.
bool plain_ascii(std::string_view text) {
  if (text.size() > k_max_text_units) return false;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80 || c == '_' || (b < 0x20 && c != '\t' && c != '\n' && c != '\r')) return false;
  }
  return true;
}

std::string clean_text(std::string_view text, Escapes escapes) {
  if (plain_ascii(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t units = 0;  // UTF-16 units so far, as Excel counts characters
  std::size_t cut = 0;    // bytes of `out` that fit with room for the ellipsis
  std::size_t i = 0;
  while (i < text.size()) {
    const util::Utf8Char c = util::decode_utf8(text, i);
    const std::size_t len = c.length;
    const char32_t cp = c.code_point;
    if (len == 0 || xml_forbidden(cp)) {
      out += k_replacement;
      units += 1;
      i += len == 0 ? 1 : len;
    } else {
      if (escapes == Escapes::escape && starts_escape(text, i)) out += "_x005F";
      out.append(text.substr(i, len));
      units += cp >= 0x10000 ? 2 : 1;
      i += len;
    }
    if (units <= k_max_text_units - 1) cut = out.size();
  }
  if (units > k_max_text_units) {
    out.resize(cut);
    out += k_ellipsis;
  }
  return out;
}

}  // namespace

std::uint32_t person_colour(int person) {
  if (person < 0) return k_others_colour;
  return k_palette[static_cast<std::size_t>(person) % k_palette.size()];
}

std::string cell_text(std::string_view text) { return clean_text(text, Escapes::escape); }

double excel_serial(util::Date date, int minutes_after_midnight) {
  // 1970-01-01 is serial 25569 (Excel's 1900 date system, as written by libxlsxwriter).
  constexpr double k_unix_epoch = 25569;
  return k_unix_epoch + static_cast<double>(date.time_since_epoch().count()) +
         minutes_after_midnight / 1440.0;
}

Cell text_cell(int column, std::string_view text, Style style) {
  Cell cell;
  cell.column = column;
  cell.type = Cell::Type::text;
  cell.style = style;
  cell.text = cell_text(text);
  return cell;
}

Cell number_cell(int column, double value, Style style) {
  Cell cell;
  cell.column = column;
  cell.type = Cell::Type::number;
  cell.style = style;
  cell.number = value;
  return cell;
}

Cell date_cell(int column, double serial, Style style) {
  Cell cell = number_cell(column, serial, style);
  cell.type = Cell::Type::date_time;
  return cell;
}

Cell fill_cell(int column, Style style, int colour) {
  Cell cell;
  cell.column = column;
  cell.style = style;
  cell.colour = colour;
  return cell;
}

// ---- WorkbookBuilder ----

WorkbookBuilder::WorkbookBuilder(const PlanView& view, GanttLimits limits,
                                 const model::Baseline* baseline)
    : m_view(view),
      m_project(view.project()),
      m_limits(limits),
      m_against(baseline ? std::make_unique<const Against>(m_project, *baseline) : nullptr) {}

WorkbookBuilder::WorkbookBuilder(const model::Project& project, GanttLimits limits,
                                 const model::Baseline* baseline)
    : m_owned(std::make_unique<const PlanView>(project)),
      m_view(*m_owned),
      m_project(project),
      m_limits(limits),
      m_against(baseline ? std::make_unique<const Against>(m_project, *baseline) : nullptr) {}

WorkbookBuilder::~WorkbookBuilder() = default;

std::vector<SheetId> WorkbookBuilder::sheets() const {
  std::vector<SheetId> ids(k_sheets.begin(), k_sheets.end());
  if (m_against) ids.insert(ids.end() - 1, SheetId::changes);
  if (has_forecast_sheet(m_project)) ids.insert(ids.end() - 1, SheetId::forecast);
  return ids;
}

DocumentProperties WorkbookBuilder::properties() const {
  const auto& plan = m_project.plan;
  DocumentProperties p;
  p.title = clean_text(m_project.title.empty() ? "Research plan" : m_project.title, Escapes::keep);
  p.subject = "Research plan: " + std::to_string(m_project.tasks.size()) + " tasks";
  if (plan.exists) {
    p.subject += ", " + util::format_date(plan.start) + " to " + util::format_date(plan.finish);
  }
  p.author = "rplan";
  p.comments = "Exported by rplan. Start and finish times are each assignee's local time.";
  p.created = plan.created_at.time_since_epoch().count();
  return p;
}

SheetLayout WorkbookBuilder::layout(SheetId sheet) const {
  switch (sheet) {
    case SheetId::tasks:
      return tasks_layout(m_project, m_against.get());
    case SheetId::changes:
      if (!m_against) throw std::logic_error("a workbook without a baseline has no Changes sheet");
      return changes_layout(*m_against);
    case SheetId::forecast:
      if (!has_forecast_sheet(m_project))
        throw std::logic_error("a workbook without a forecast has no Forecast sheet");
      return forecast_layout(*m_project.forecast);
    case SheetId::gantt:
      return gantt_layout(m_project, m_view, m_limits);
    case SheetId::workload:
      return workload_layout(m_view);
    case SheetId::sync:
      return sync_layout();
    case SheetId::topics:
      break;
  }
  return topics_layout(m_view);
}

void WorkbookBuilder::rows(SheetId sheet, const std::function<void(const Row&)>& emit) const {
  switch (sheet) {
    case SheetId::tasks:
      return tasks_rows(m_project, m_view, m_against.get(), emit);
    case SheetId::changes:
      if (!m_against) throw std::logic_error("a workbook without a baseline has no Changes sheet");
      return changes_rows(*m_against, emit);
    case SheetId::forecast:
      if (!has_forecast_sheet(m_project))
        throw std::logic_error("a workbook without a forecast has no Forecast sheet");
      return forecast_rows(*m_project.forecast, emit);
    case SheetId::gantt:
      return gantt_rows(m_project, m_view, m_limits, emit);
    case SheetId::workload:
      return workload_rows(m_view, emit);
    case SheetId::sync:
      return sync_rows(m_project, emit);
    case SheetId::topics:
      break;
  }
  topics_rows(m_project, m_view, emit);
}

}  // namespace rplan::exporters::xlsx
