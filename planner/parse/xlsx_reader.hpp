#pragma once

#include <compare>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/util/dates.hpp"

// Reads Excel workbooks (.xlsx: Office Open XML spreadsheets, as Excel,
// LibreOffice, openpyxl and libxlsxwriter write them) into plain cells.
// The zip is opened with minizip and each part streamed into expat; limits
// on sizes and counts keep a hostile file (a zip bomb, billion laughs) from
// costing more than they allow. docs/xlsx-reading.md describes what is read.
namespace rplan::parse::xlsx {

// A cell's place, zero-based: "F12" is {5, 11}.
struct CellRef {
  std::uint32_t column = 0;
  std::uint32_t row = 0;
  friend auto operator<=>(const CellRef& a, const CellRef& b) {
    return a.row != b.row ? a.row <=> b.row : a.column <=> b.column;
  }
  friend bool operator==(const CellRef&, const CellRef&) = default;
};

// Excel's grid: columns A to XFD, rows 1 to 1,048,576.
inline constexpr std::uint32_t k_max_columns = 16384;
inline constexpr std::uint32_t k_max_rows = 1048576;

// "A" for 0, "Z" for 25, "AA" for 26, "XFD" for 16383 (any column, even past the grid).
std::string column_name(std::uint32_t column);
// "F12" for {5, 11}.
std::string format_cell_ref(CellRef ref);
// Parses an A1 reference as cells carry them ("F12", upper-case letters, no
// '$', no leading zero) inside Excel's grid; nullopt for anything else.
std::optional<CellRef> parse_cell_ref(std::string_view text);

// Where a cell is, for messages: "plan.xlsx:Tasks!F12". A sheet name other
// than letters, digits, '_' and '.' (or starting with a digit) is quoted as
// Excel quotes it: "plan.xlsx:'Q1 plan'!A1", an apostrophe doubled.
std::string cell_location(std::string_view file_name, std::string_view sheet, CellRef ref);

// What a cell holds. Text of every kind is in Cell::text.
enum class CellType {
  empty,           // no value: a formula that was never calculated
  number,          // Cell::number (a date or time when Cell::date_style)
  shared_string,   // text from the workbook's shared strings (t="s")
  inline_string,   // text written in the cell (t="inlineStr")
  formula_string,  // text a formula calculated (t="str")
  boolean,         // Cell::number is 1 (TRUE) or 0 (FALSE)
  error,           // Cell::text is the error, "#DIV/0!"
};

struct Cell {
  CellRef ref;
  CellType type = CellType::empty;
  // The cell's number format shows a date or time (is_builtin_date_format,
  // is_date_format_code); set for numbers only. A t="d" cell (ISO 8601 text)
  // becomes a number of this kind.
  bool date_style = false;
  // number: the value; boolean: 1 or 0.
  double number = 0;
  // The value as text: strings resolved (rich text runs joined, _xHHHH_
  // escapes decoded), a number's or boolean's digits as written ("46363",
  // "1"), an error's code.
  std::string text;
  // The formula without its '=' ("B2*2") when the cell has one, with the
  // value above its last calculated result. Empty text for a cell that shares
  // another's formula (t="shared" without text).
  std::optional<std::string> formula;

  bool is_text() const {
    return type == CellType::shared_string || type == CellType::inline_string ||
           type == CellType::formula_string;
  }
};

enum class SheetState { visible, hidden, very_hidden };

struct Sheet {
  std::string name;
  SheetState state = SheetState::visible;
  std::string part;  // its zip entry, "xl/worksheets/sheet1.xml"
  // false when ReadOptions::sheets left this sheet out: it has no cells then.
  bool loaded = false;
  // Every cell that has a value or a formula, ordered by row, then column;
  // no two at one place. Cells with only a style are left out.
  std::vector<Cell> cells;

  // The cell at `ref`, or nullptr when the sheet has none there.
  const Cell* find(CellRef ref) const;
};

// Which day serial 0 counts from: 1900 (Excel on Windows, LibreOffice, almost
// every file) or 1904 (workbookPr date1904, old Excel for Mac).
enum class DateSystem { from_1900, from_1904 };

struct Workbook {
  DateSystem date_system = DateSystem::from_1900;
  std::vector<Sheet> sheets;  // in the workbook's tab order, hidden ones included

  // The sheet named `name` (exactly), or nullptr.
  const Sheet* sheet(std::string_view name) const;
};

// Limits that bound what a workbook may cost to read. A workbook past one is
// refused (rplan::DiagnosticsError, exit 65) naming the limit; memory never
// grows with what a file merely declares. The defaults take rplan's own
// export of 300,000 tasks (49 MB, 330 MB of XML) with room to spare.
struct ReadLimits {
  std::uint64_t max_file_bytes = 256ull << 20;    // the .xlsx file itself
  std::uint64_t max_part_bytes = 512ull << 20;    // one part, uncompressed
  std::uint64_t max_total_bytes = 1024ull << 20;  // every part read, uncompressed
  std::uint64_t max_entries = 10000;              // zip entries
  std::uint64_t max_cells = 10000000;             // cells kept, all sheets together
  std::uint64_t max_shared_strings = 5000000;
  std::uint32_t max_xml_depth = 64;  // nested elements in a part
  // One tag, comment or processing instruction (text is not held whole:
  // expat hands it over as it comes).
  std::uint64_t max_xml_token_bytes = 16ull << 20;
};

struct ReadOptions {
  ReadLimits limits;
  // The sheets whose cells to read (exact names); empty reads every sheet.
  // Every sheet is listed in the workbook either way. A name the workbook
  // lacks is not an error here: look it up with Workbook::sheet.
  std::vector<std::string> sheets;
};

// Reads the workbook in `bytes`; `file_name` names it in messages. Problems
// are thrown together as one rplan::DiagnosticsError (exit 65), each a line:
//   plan.xlsx: error: not an Excel workbook (.xlsx): not a zip archive
//   plan.xlsx:Tasks!F12: error: shared string 7 does not exist (the workbook has 5)
// The whole file is refused for a file that is not a zip, a damaged zip, a
// part that is missing or is not well-formed XML (or declares a DOCTYPE:
// no entity is ever expanded), an encrypted entry, and a limit passed.
// Cells at fault are collected (up to 100) and thrown after reading.
Workbook read_workbook(std::string_view bytes, std::string_view file_name,
                       const ReadOptions& options = {});

// read_workbook on the file at `path` (named as given in messages). A file
// that is missing or unreadable throws rplan::MissingInputError (exit 66); one
// past max_file_bytes is refused before it is read.
Workbook read_workbook_file(const std::filesystem::path& path, const ReadOptions& options = {});

// The day a serial shows (its fraction, the time of day, dropped). In the
// 1900 system serial 1 is 1900-01-01 and 60 the 1900-02-29 that Lotus 1-2-3
// invented and Excel keeps: it has no date (nullopt), and 61 is 1900-03-01;
// serial 0 is 1899-12-31 ("1900-01-00"). In the 1904 system serial 0 is
// 1904-01-01. nullopt for negative serials, past 9999-12-31, or not finite.
std::optional<util::Date> serial_to_date(double serial, DateSystem system);
// The date and time a serial shows, to the nearest second, as an instant as
// though the workbook's clock were UTC (a workbook has no time zones: the
// caller knows whose local time it is). The same days as serial_to_date.
std::optional<util::Instant> serial_to_date_time(double serial, DateSystem system);
// The serial of a date and time (the inverse of serial_to_date_time);
// nullopt for a moment before the system's serial 0 or past 9999-12-31.
std::optional<double> date_time_to_serial(util::Instant when, DateSystem system);

// Whether a built-in number format (one styles.xml need not define) shows a
// date or time: ids 14-22, 45-47 and the East Asian 27-36 and 50-58.
bool is_builtin_date_format(std::uint32_t num_fmt_id);
// Whether a format code shows a date or time: in its first section, outside
// quoted text, escaped characters and brackets ([Red], [$-409]; the elapsed
// [h], [m], [s] count), one of d, m, y, h, s in either case. "yyyy-mm-dd",
// "h:mm AM/PM", "[h]:mm" do; "General", "0.00", "#,##0 \d\a\y\s" do not.
bool is_date_format_code(std::string_view format_code);

}  // namespace rplan::parse::xlsx
