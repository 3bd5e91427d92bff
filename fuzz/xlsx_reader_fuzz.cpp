// libFuzzer target: the .xlsx workbook reader.
//
// An input starting with "PK" is read as it is: a zip archive, for minizip
// and the reader's checks of the archive. Any other input is a list of parts,
// each "NAME\nCONTENT", separated by NUL bytes, packed into a valid zip
// (stored, with correct checksums) first: mutations of a part's XML then
// reach the XML and cell handling instead of failing the zip's checksum.
// Limits are small so that a run explores instead of inflating. A workbook
// that reads is then read as `rplan sync` reads one (parse/workbook_edits).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "planner/parse/workbook_edits.hpp"
#include "planner/parse/xlsx_reader.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"
#include "tests/planner/parse/zip_builder.hpp"

namespace {

std::string pack_parts(std::string_view input) {
  rplan::testing::ZipBuilder zip;
  while (!input.empty()) {
    const auto end = input.find('\0');
    const std::string_view record = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    const auto newline = record.find('\n');
    if (newline == std::string_view::npos) continue;
    rplan::testing::ZipEntry entry(std::string(record.substr(0, newline)),
                                   std::string(record.substr(newline + 1)));
    entry.deflate = false;
    zip.add(std::move(entry));
  }
  return zip.bytes();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string bytes = input.starts_with("PK") ? std::string(input) : pack_parts(input);
  rplan::parse::xlsx::ReadOptions options;
  options.limits.max_part_bytes = 1u << 20;
  options.limits.max_total_bytes = 4u << 20;
  options.limits.max_cells = 20000;
  options.limits.max_shared_strings = 20000;
  options.limits.max_xml_token_bytes = 64u << 10;
  try {
    const auto workbook = rplan::parse::xlsx::read_workbook(bytes, "fuzz.xlsx", options);
    for (const auto& sheet : workbook.sheets) {
      if (sheet.name.empty() || rplan::util::find_invalid_utf8(sheet.name)) __builtin_trap();
      for (std::size_t i = 0; i < sheet.cells.size(); ++i) {
        const auto& cell = sheet.cells[i];
        if (i > 0 && !(sheet.cells[i - 1].ref < cell.ref)) __builtin_trap();
        if (cell.ref.column >= rplan::parse::xlsx::k_max_columns ||
            cell.ref.row >= rplan::parse::xlsx::k_max_rows) {
          __builtin_trap();
        }
        if (rplan::util::find_invalid_utf8(cell.text)) __builtin_trap();
        if (sheet.find(cell.ref) != &cell) __builtin_trap();
        if (cell.type == rplan::parse::xlsx::CellType::number && cell.date_style) {
          // Any serial either converts or says it cannot.
          (void)rplan::parse::xlsx::serial_to_date_time(cell.number, workbook.date_system);
        }
      }
    }
    const auto edits = rplan::parse::read_workbook_edits(workbook, "fuzz.xlsx");
    if (edits.rows.size() > edits.exported_tasks) __builtin_trap();  // one row per exported id
    for (const auto& row : edits.rows) {
      if (row.id.empty() || rplan::util::find_invalid_utf8(row.edited.assignee)) __builtin_trap();
    }
  } catch (const rplan::DiagnosticsError& e) {
    if (e.diagnostics().empty()) __builtin_trap();
    for (const auto& d : e.diagnostics()) {
      if (d.message.empty() || d.to_string().find('\n') != std::string::npos) {
        // One line per problem: a message may quote the file's text, never its line breaks.
        __builtin_trap();
      }
    }
  }
  return 0;
}
