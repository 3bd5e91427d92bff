#pragma once

// The workbook reader's parts, shared by its files only (not an API):
// the problems of one read, the zip archive (minizip inside), the XML driver
// (expat inside), and the handlers of each kind of part. Problems is also
// used by workbook_edits.cpp, so that sync reports cells as the reader does.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/parse/xlsx_reader.hpp"
#include "planner/util/error.hpp"

namespace rplan::parse::xlsx::detail {

// "512 MiB", "10,000": limits as messages give them.
std::string format_bytes(std::uint64_t bytes);
std::string format_count(std::uint64_t count);
// The file's text as a message quotes it: at most 60 bytes (cut on a
// character boundary, then "…").
std::string clip(std::string_view text);

// The problems of one read. Cell and sheet problems are collected; a problem
// with the whole file throws them all, itself last. Past k_max_problems
// collected, reading stops with a line saying so. Every problem is one line:
// control characters and bytes that are not UTF-8 in what it quotes are
// written as escapes (\n, \x01).
class Problems {
 public:
  static constexpr std::size_t k_max_problems = 100;

  explicit Problems(std::string file_name) : m_file(std::move(file_name)) {}
  const std::string& file_name() const { return m_file; }

  // "FILE:Sheet!F12: error: MESSAGE"
  void cell(std::string_view sheet, CellRef ref, std::string message);
  // "FILE:Sheet: error: MESSAGE"
  void sheet(std::string_view sheet, std::string message);
  // "FILE: error: MESSAGE", thrown with everything collected before it.
  [[noreturn]] void fatal(std::string message);
  // Throws what was collected, if anything.
  void throw_if_any();
  std::size_t count() const { return m_found.size(); }

 private:
  void add(std::string location, std::string message);

  std::string m_file;
  std::vector<Diagnostic> m_found;
};

// A zip archive in memory (minizip, through in-memory file functions).
// Opening checks the central directory: an archive it cannot read, more than
// max_entries entries, or two entries of one name are fatal problems.
class ZipArchive {
 public:
  ZipArchive(std::string_view bytes, const ReadLimits& limits, Problems& problems);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // The entry stored for part `name` (no leading '/'): the exact name, else
  // one that differs in ASCII case only (part names ignore case); nullopt.
  std::optional<std::string> find(std::string_view name) const;

  // Starts reading entry `name` (as find returned it); one entry at a time.
  // Refused (fatal): an encrypted entry, a method other than stored or
  // deflated, a declared size past max_part_bytes.
  void open(const std::string& name);
  // Up to `size` more bytes of the open entry; 0 at its end, once its CRC
  // has been checked. Fatal: damaged data, a CRC that does not match, or
  // more bytes than max_part_bytes (this entry) or max_total_bytes (every
  // entry read so far) allow: inflating stops there, whatever the entry
  // declared.
  std::size_t read(char* buffer, std::size_t size);
  const std::string& open_name() const { return m_open; }

 private:
  struct Memory;
  struct Position {
    std::uint64_t directory_offset;
    std::uint64_t file_number;
  };
  void close_entry();

  // Closes the archive (and its open entry): a member, so that a problem
  // thrown by the constructor, after opening, closes it too.
  struct Closer {
    void operator()(void* zip) const;
  };

  const ReadLimits& m_limits;
  Problems& m_problems;
  std::unique_ptr<Memory> m_memory;
  std::unique_ptr<void, Closer> m_owner;
  void* m_zip = nullptr;  // unzFile, owned by m_owner
  std::map<std::string, Position, std::less<>> m_entries;
  std::map<std::string, std::string> m_folded;  // ASCII lower case -> entry
  std::string m_open;
  bool m_entry_open = false;
  std::uint64_t m_part_read = 0;
  std::uint64_t m_declared = 0;
  std::uint64_t m_total_read = 0;
};

// An element's attributes as expat hands them over (name, value, ..., null);
// namespaced names read "URI\x01local".
class XmlAttributes {
 public:
  explicit XmlAttributes(const char** pairs) : m_pairs(pairs) {}
  // The value of attribute `local` in no namespace (how most OOXML
  // attributes come), or in namespace `ns`.
  std::optional<std::string_view> get(std::string_view local) const;
  std::optional<std::string_view> get(std::string_view ns, std::string_view local) const;

 private:
  const char** m_pairs;
};

// Receives one part's elements and text. `ns` is the element's namespace URI
// ("" for none). Handlers may throw; the parse stops and rethrows.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view ns, std::string_view local, const XmlAttributes& attrs) = 0;
  virtual void end(std::string_view ns, std::string_view local) = 0;
  virtual void text(std::string_view chars) = 0;
};

// Streams zip entry `entry` through expat into `handler`. Fatal,
// naming the part, line and column: XML that is not well-formed, a DOCTYPE
// (refused outright: no entity is ever declared, so none is expanded, and no
// external one fetched), elements nested deeper than max_xml_depth.
void parse_part(ZipArchive& zip, const std::string& entry, XmlHandler& handler,
                const ReadLimits& limits, Problems& problems);

// Namespaces of the parts: SpreadsheetML as Excel writes it (transitional)
// and in ISO 29500 strict form.
bool is_main_ns(std::string_view ns);
inline constexpr std::string_view k_xml_ns = "http://www.w3.org/XML/1998/namespace";
inline constexpr std::string_view k_package_rels_ns =
    "http://schemas.openxmlformats.org/package/2006/relationships";

// One relationship of a .rels part, its target resolved to a part name.
struct Relationship {
  std::string id;
  std::string type;    // the last segment of its Type URI: "worksheet", "officeDocument"
  std::string target;  // "xl/worksheets/sheet1.xml"; empty for an external or unusable target
};
// Reads .rels part `entry`, which holds the relationships of part `source`
// ("xl/workbook.xml"; "" for the package): targets relative to the source's
// folder or absolute ("/xl/…").
std::vector<Relationship> read_relationships(ZipArchive& zip, const std::string& entry,
                                             std::string_view source, const ReadLimits& limits,
                                             Problems& problems);
// The .rels part that holds the relationships of `part`: "xl/_rels/workbook.xml.rels".
std::string relationships_part(std::string_view part);

// What workbook.xml says.
struct WorkbookPart {
  DateSystem date_system = DateSystem::from_1900;
  struct SheetEntry {
    std::string name;
    SheetState state = SheetState::visible;
    std::string relationship;  // r:id
  };
  std::vector<SheetEntry> sheets;
};
WorkbookPart read_workbook_part(ZipArchive& zip, const std::string& entry, const ReadLimits& limits,
                                Problems& problems);

// styles.xml: whether each cell format (cellXfs, by index) shows dates.
std::vector<bool> read_date_styles(ZipArchive& zip, const std::string& entry,
                                   const ReadLimits& limits, Problems& problems);

// sharedStrings.xml: every string item, rich text runs joined. Fatal past
// max_shared_strings.
std::vector<std::string> read_shared_strings(ZipArchive& zip, const std::string& entry,
                                             const ReadLimits& limits, Problems& problems);

// Text of a <t>: its _xHHHH_ escapes decoded (UTF-16 code units, surrogate
// pairs joined, a lone surrogate U+FFFD) and, unless xml:space="preserve",
// leading and trailing XML white space dropped (as Excel does).
std::string element_text(std::string_view raw, bool preserve_space);
// Decodes _xHHHH_ escapes alone.
std::string decode_escapes(std::string_view raw);

// What a sheet's cells are read against.
struct SheetContext {
  std::string_view name;
  const std::vector<std::string>& shared_strings;
  const std::vector<bool>& date_styles;
  DateSystem date_system;
  std::uint64_t cells_limit;  // max_cells
  std::uint64_t& cells_left;  // of max_cells, for the whole workbook
};
// Reads worksheet part `entry`: its cells sorted, no two at one place
// (the second is reported and skipped). Fatal past max_cells.
std::vector<Cell> read_sheet_cells(ZipArchive& zip, const std::string& entry,
                                   const SheetContext& context, const ReadLimits& limits,
                                   Problems& problems);

}  // namespace rplan::parse::xlsx::detail
