// A worksheet's cells: <sheetData><row r="12"><c r="F12" t="s" s="3"><f>…</f><v>…</v></c>.

#include <algorithm>
#include <charconv>
#include <cmath>

#include "planner/parse/xlsx_internal.hpp"

namespace rplan::parse::xlsx::detail {

namespace {

std::string_view trim_xml(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

template <typename T>
std::optional<T> parse_whole(std::string_view text) {
  T value{};
  if (text.empty()) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<int> two_digits(std::string_view text, std::size_t at) {
  if (at + 2 > text.size()) return std::nullopt;
  return parse_whole<int>(text.substr(at, 2));
}

// "2026-12-07", "2026-12-07T09:30", "2026-12-07T09:30:15.5", a 'Z' allowed
// at the end: the serial of that wall-clock time.
std::optional<double> iso_serial(std::string_view text, DateSystem system) {
  if (text.ends_with('Z')) text.remove_suffix(1);
  const auto date = util::parse_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  double seconds = 0;
  if (text.size() > 10) {
    const auto hours = two_digits(text, 11);
    const auto minutes = two_digits(text, 14);
    if (text[10] != 'T' || text.size() < 16 || text[13] != ':' || !hours || !minutes ||
        *hours > 23 || *minutes > 59) {
      return std::nullopt;
    }
    seconds = *hours * 3600.0 + *minutes * 60.0;
    if (text.size() > 16) {
      const auto whole = two_digits(text, 17);
      if (text[16] != ':' || !whole || *whole > 59) return std::nullopt;
      seconds += *whole;
      if (text.size() > 19) {
        const std::string_view fraction = text.substr(19);
        if (fraction.size() < 2 || fraction[0] != '.' ||
            fraction.find_first_not_of("0123456789", 1) != std::string_view::npos) {
          return std::nullopt;
        }
        seconds += parse_whole<double>("0" + std::string(fraction)).value_or(0);
      }
    }
  }
  const auto day = date_time_to_serial(util::Instant{*date}, system);
  if (!day) return std::nullopt;
  return *day + seconds / 86400;
}

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const SheetContext& context, Problems& problems, std::vector<Cell>& cells)
      : m_context(context), m_problems(problems), m_cells(cells) {}

  void start(std::string_view ns, std::string_view local, const XmlAttributes& attrs) override {
    ++m_depth;
    if (!is_main_ns(ns)) return;
    if (m_cell_depth != 0) {
      start_in_cell(local, attrs);
    } else if (local == "c" && m_row_depth != 0) {
      start_cell(attrs);
    } else if (local == "row" && m_data_depth != 0 && m_row_depth == 0) {
      start_row(attrs);
    } else if (local == "sheetData" && m_data_depth == 0) {
      m_data_depth = m_depth;
    }
  }

  void end(std::string_view ns, std::string_view local) override {
    if (is_main_ns(ns)) {
      if (m_depth == m_cell_depth) {
        m_cell_depth = 0;
        finish_cell();
      } else if (m_depth == m_row_depth) {
        m_row_depth = 0;
        m_last_row = m_row;
      } else if (m_depth == m_data_depth) {
        m_data_depth = 0;
      } else if (m_cell_depth != 0) {
        end_in_cell(local);
      }
    }
    --m_depth;
  }

  void text(std::string_view chars) override {
    if (m_capture != Capture::none) m_raw += chars;
  }

 private:
  enum class Capture { none, value, formula, inline_text };

  void start_row(const XmlAttributes& attrs) {
    m_row_depth = m_depth;
    m_next_column = 0;
    m_row_ok = true;
    if (const auto r = attrs.get("r")) {
      const auto number = parse_whole<std::uint32_t>(*r);
      if (number && *number >= 1 && *number <= k_max_rows) {
        m_row = *number - 1;
        return;
      }
      m_problems.sheet(m_context.name, "row number \"" + clip(*r) +
                                           "\" is not a row of Excel's grid (1 to " +
                                           format_count(k_max_rows) + "); its cells are skipped");
      m_row_ok = false;
      return;
    }
    // A row without a number is the one after the previous row.
    if (m_last_row + 1 >= static_cast<std::int64_t>(k_max_rows)) {
      m_problems.sheet(m_context.name, "more rows than Excel's grid has; the last are skipped");
      m_row_ok = false;
      return;
    }
    m_row = static_cast<std::uint32_t>(m_last_row + 1);
  }

  void start_cell(const XmlAttributes& attrs) {
    m_cell_depth = m_depth;
    m_cell = {};
    m_cell_ok = m_row_ok;
    m_type = attrs.get("t").value_or("n");
    m_style = attrs.get("s").value_or("0");
    m_has_value = m_has_inline = false;
    m_value.clear();
    m_inline.clear();
    m_phonetic = 0;
    if (!m_row_ok) return;
    if (const auto r = attrs.get("r")) {
      const auto ref = parse_cell_ref(*r);
      if (!ref) {
        m_problems.sheet(m_context.name, "cell reference \"" + clip(*r) +
                                             "\" is not a cell of Excel's grid (A1 to XFD" +
                                             std::to_string(k_max_rows) + "); the cell is skipped");
        m_cell_ok = false;
        return;
      }
      if (ref->row != m_row) {
        m_problems.cell(
            m_context.name, *ref,
            "the cell is written inside row " + std::to_string(m_row + 1) + "; it is skipped");
        m_cell_ok = false;
        return;
      }
      m_cell.ref = *ref;
    } else {
      // A cell without a reference is the one after the previous cell of its row.
      if (m_next_column >= k_max_columns) {
        m_problems.sheet(m_context.name, "row " + std::to_string(m_row + 1) +
                                             " has more cells than Excel's grid has columns");
        m_cell_ok = false;
        return;
      }
      m_cell.ref = {m_next_column, m_row};
    }
    m_next_column = m_cell.ref.column + 1;
  }

  void start_in_cell(std::string_view local, const XmlAttributes& attrs) {
    if (local == "v") {
      m_capture = Capture::value;
      m_has_value = true;
      m_raw.clear();
    } else if (local == "f") {
      m_capture = Capture::formula;
      m_cell.formula.emplace();
      m_raw.clear();
    } else if (local == "is") {
      m_has_inline = true;
    } else if (local == "rPh") {
      ++m_phonetic;
    } else if (local == "t" && m_has_inline && m_phonetic == 0) {
      m_capture = Capture::inline_text;
      m_preserve = attrs.get(k_xml_ns, "space") == "preserve";
      m_raw.clear();
    }
  }

  void end_in_cell(std::string_view local) {
    if (local == "v" && m_capture == Capture::value) {
      m_value = std::move(m_raw);
    } else if (local == "f" && m_capture == Capture::formula) {
      m_cell.formula = decode_escapes(m_raw);
    } else if (local == "t" && m_capture == Capture::inline_text) {
      m_inline += element_text(m_raw, m_preserve);
    } else if (local == "rPh") {
      --m_phonetic;
      return;
    } else {
      return;
    }
    m_capture = Capture::none;
    m_raw.clear();
  }

  // Sets the cell's type and value from t and <v>/<is>; false (reported) when they do not fit.
  bool set_value() {
    Cell& c = m_cell;
    const std::string_view value = trim_xml(m_value);
    if (m_type == "inlineStr") {
      if (m_has_inline || m_has_value) {
        c.type = CellType::inline_string;
        c.text = m_has_inline ? std::move(m_inline) : decode_escapes(m_value);
      }
      return true;
    }
    if (!m_has_value) return true;
    if (m_type == "n") {
      if (value.empty()) return true;
      const auto number = parse_whole<double>(value);
      if (!number || !std::isfinite(*number)) return bad("\"" + clip(value) + "\" is not a number");
      c.type = CellType::number;
      c.number = *number;
      c.text = value;
    } else if (m_type == "s") {
      const auto index = parse_whole<std::uint64_t>(value);
      if (!index || *index >= m_context.shared_strings.size()) {
        return bad("shared string " + clip(value) + " does not exist (the workbook has " +
                   format_count(m_context.shared_strings.size()) + ")");
      }
      c.type = CellType::shared_string;
      c.text = m_context.shared_strings[*index];
    } else if (m_type == "str") {
      c.type = CellType::formula_string;
      c.text = decode_escapes(m_value);
    } else if (m_type == "b") {
      if (value != "0" && value != "1" && value != "true" && value != "false") {
        return bad("a boolean is 0 or 1, not \"" + clip(value) + "\"");
      }
      c.type = CellType::boolean;
      c.number = value == "1" || value == "true" ? 1 : 0;
      c.text = value;
    } else if (m_type == "e") {
      c.type = CellType::error;
      c.text = decode_escapes(value);
    } else if (m_type == "d") {
      const auto serial = iso_serial(value, m_context.date_system);
      if (!serial) {
        return bad("\"" + clip(value) + "\" is not an ISO 8601 date between " +
                   (m_context.date_system == DateSystem::from_1904 ? "1904" : "1900") +
                   " and 9999");
      }
      c.type = CellType::number;
      c.number = *serial;
      c.text = value;
      c.date_style = true;
    } else {
      return bad("unknown cell type t=\"" + clip(m_type) + "\" (n, s, str, inlineStr, b, e or d)");
    }
    return true;
  }

  bool bad(std::string message) {
    m_problems.cell(m_context.name, m_cell.ref, std::move(message));
    return false;
  }

  void finish_cell() {
    m_capture = Capture::none;
    if (!m_cell_ok) return;
    const auto style = parse_whole<std::uint32_t>(trim_xml(m_style));
    if (!style || (*style != 0 && *style >= m_context.date_styles.size())) {
      bad("style s=\"" + clip(m_style) + "\" is not one of the " +
          format_count(m_context.date_styles.size()) + " cell formats of styles.xml");
      return;
    }
    if (!set_value()) return;
    if (m_cell.type == CellType::empty && !m_cell.formula) return;  // only a style
    if (m_cell.type == CellType::number && !m_cell.date_style) {
      m_cell.date_style = *style < m_context.date_styles.size() && m_context.date_styles[*style];
    }
    if (m_context.cells_left == 0) {
      m_problems.fatal("the workbook has more cells than the limit of " +
                       format_count(m_context.cells_limit));
    }
    --m_context.cells_left;
    if (!m_cells.empty() && !(m_cells.back().ref < m_cell.ref)) m_sorted = false;
    m_cells.push_back(std::move(m_cell));
  }

 public:
  bool sorted() const { return m_sorted; }

 private:
  const SheetContext& m_context;
  Problems& m_problems;
  std::vector<Cell>& m_cells;
  bool m_sorted = true;

  std::uint32_t m_depth = 0;
  std::uint32_t m_data_depth = 0;  // of <sheetData> while inside it, else 0
  std::uint32_t m_row_depth = 0;
  std::uint32_t m_cell_depth = 0;

  std::int64_t m_last_row = -1;
  std::uint32_t m_row = 0;
  bool m_row_ok = true;
  std::uint32_t m_next_column = 0;

  Cell m_cell;
  bool m_cell_ok = false;
  std::string m_type;
  std::string m_style;
  bool m_has_value = false;
  bool m_has_inline = false;
  std::string m_value;
  std::string m_inline;
  int m_phonetic = 0;
  bool m_preserve = false;
  Capture m_capture = Capture::none;
  std::string m_raw;
};

}  // namespace

std::vector<Cell> read_sheet_cells(ZipArchive& zip, const std::string& entry,
                                   const SheetContext& context, const ReadLimits& limits,
                                   Problems& problems) {
  std::vector<Cell> cells;
  SheetHandler handler(context, problems, cells);
  parse_part(zip, entry, handler, limits, problems);
  if (!handler.sorted()) {
    std::stable_sort(cells.begin(), cells.end(),
                     [](const Cell& a, const Cell& b) { return a.ref < b.ref; });
    // Two cells at one place: the first is kept.
    const auto last = std::unique(cells.begin(), cells.end(), [&](const Cell& a, const Cell& b) {
      if (a.ref != b.ref) return false;
      problems.cell(context.name, b.ref, "two cells at one place; the second is skipped");
      return true;
    });
    cells.erase(last, cells.end());
  }
  return cells;
}

}  // namespace rplan::parse::xlsx::detail
