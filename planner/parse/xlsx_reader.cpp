#include "planner/parse/xlsx_reader.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <set>
#include <system_error>

#include "planner/parse/xlsx_internal.hpp"

namespace rplan::parse::xlsx {

using namespace detail;

const Cell* Sheet::find(CellRef ref) const {
  const auto it = std::lower_bound(cells.begin(), cells.end(), ref,
                                   [](const Cell& c, CellRef r) { return c.ref < r; });
  return it != cells.end() && it->ref == ref ? &*it : nullptr;
}

const Sheet* Workbook::sheet(std::string_view name) const {
  for (const auto& s : sheets) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

namespace {

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The workbook part the package's relationships name (officeDocument),
// else xl/workbook.xml where a package has no _rels/.rels.
std::string find_workbook_part(ZipArchive& zip, const ReadLimits& limits, Problems& problems) {
  std::optional<std::string> part;
  if (const auto rels = zip.find("_rels/.rels")) {
    for (const auto& r : read_relationships(zip, *rels, "", limits, problems)) {
      if (r.type == "officeDocument" && !r.target.empty()) {
        part = r.target;
        break;
      }
    }
  }
  if (part && part->ends_with(".bin")) {
    problems.fatal("a binary workbook (.xlsb) cannot be read; save it as .xlsx");
  }
  if (const auto found = zip.find(part.value_or("xl/workbook.xml"))) return *found;
  if (zip.find("content.xml") && zip.find("mimetype")) {
    problems.fatal("not an Excel workbook (.xlsx): an OpenDocument file (.ods?); save it as .xlsx");
  }
  problems.fatal("not an Excel workbook (.xlsx): the zip archive has no " +
                 clip(part.value_or("xl/workbook.xml")));
}

// The zip entry of a relationship's target, or fatal naming what needs it.
std::string target_entry(ZipArchive& zip, const Relationship& r, const std::string& what,
                         Problems& problems) {
  if (r.target.empty()) problems.fatal(what + " has no part inside the workbook");
  const auto entry = zip.find(r.target);
  if (!entry) problems.fatal(what + " is missing: the workbook has no part " + clip(r.target));
  return *entry;
}

}  // namespace

Workbook read_workbook(std::string_view bytes, std::string_view file_name,
                       const ReadOptions& options) {
  const ReadLimits& limits = options.limits;
  Problems problems{std::string(file_name)};
  ZipArchive zip(bytes, limits, problems);

  const std::string workbook_part = find_workbook_part(zip, limits, problems);
  const WorkbookPart book = read_workbook_part(zip, workbook_part, limits, problems);
  const std::string rels_part = relationships_part(workbook_part);
  const auto rels_entry = zip.find(rels_part);
  if (!rels_entry) {
    problems.fatal("part " + rels_part + " is missing: the workbook's sheets cannot be found");
  }
  const auto relationships = read_relationships(zip, *rels_entry, workbook_part, limits, problems);
  const auto related = [&](std::string_view type) -> const Relationship* {
    for (const auto& r : relationships) {
      if (r.type == type) return &r;
    }
    return nullptr;
  };

  std::vector<bool> date_styles;
  if (const auto* styles = related("styles")) {
    date_styles = read_date_styles(zip, target_entry(zip, *styles, "the styles part", problems),
                                   limits, problems);
  }
  std::vector<std::string> shared_strings;
  if (const auto* strings = related("sharedStrings")) {
    shared_strings = read_shared_strings(
        zip, target_entry(zip, *strings, "the shared strings part", problems), limits, problems);
  }

  Workbook out;
  out.date_system = book.date_system;
  std::set<std::string> names;
  std::set<std::string> parts;
  std::uint64_t cells_left = limits.max_cells;
  for (const auto& entry : book.sheets) {
    const std::string what = "sheet \"" + clip(entry.name) + "\"";
    if (!names.insert(lower_ascii(entry.name)).second) {
      problems.fatal("two sheets are named \"" + clip(entry.name) + "\"");
    }
    const auto r = std::find_if(relationships.begin(), relationships.end(),
                                [&](const Relationship& x) { return x.id == entry.relationship; });
    if (r == relationships.end()) {
      problems.fatal(what + " refers to relationship " + clip(entry.relationship) + ", which " +
                     rels_part + " does not have");
    }
    Sheet sheet;
    sheet.name = entry.name;
    sheet.state = entry.state;
    sheet.part = target_entry(zip, *r, what, problems);
    if (!parts.insert(sheet.part).second) {
      problems.fatal(what + " shares part " + clip(sheet.part) + " with another sheet");
    }
    sheet.loaded = options.sheets.empty() || std::find(options.sheets.begin(), options.sheets.end(),
                                                       entry.name) != options.sheets.end();
    if (sheet.loaded) {
      const SheetContext context{sheet.name,       shared_strings,   date_styles,
                                 book.date_system, limits.max_cells, cells_left};
      sheet.cells = read_sheet_cells(zip, sheet.part, context, limits, problems);
    }
    out.sheets.push_back(std::move(sheet));
  }
  problems.throw_if_any();
  return out;
}

Workbook read_workbook_file(const std::filesystem::path& path, const ReadOptions& options) {
  const std::string name = path.string();
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw MissingInputError("cannot read " + name + ": it is a folder");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MissingInputError("cannot read " + name + ": " + std::strerror(errno));
  std::string bytes;
  // One byte past the limit is enough to refuse the file.
  const std::uint64_t limit = options.limits.max_file_bytes;
  char buffer[1 << 16];
  while (in && bytes.size() <= limit) {
    const std::uint64_t room = limit - bytes.size();
    in.read(buffer, room >= sizeof buffer ? std::streamsize{sizeof buffer}
                                          : static_cast<std::streamsize>(room + 1));
    bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw MissingInputError("cannot read " + name + ": " + std::strerror(errno));
  return read_workbook(bytes, name, options);
}

}  // namespace rplan::parse::xlsx
