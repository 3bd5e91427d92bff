// The workbook's smaller parts: relationships, workbook.xml, styles.xml and
// sharedStrings.xml.

#include <charconv>
#include <map>

#include "planner/parse/xlsx_internal.hpp"

namespace rplan::parse::xlsx::detail {

namespace {

std::optional<std::uint32_t> parse_index(std::string_view text) {
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

bool xsd_true(std::optional<std::string_view> value) {
  return value && (*value == "1" || *value == "true");
}

std::string_view folder_of(std::string_view part) {
  const auto slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : part.substr(0, slash + 1);
}

// The part a relationship's target names: relative to the source part's
// folder ("worksheets/sheet1.xml" from xl/workbook.xml, as Excel and
// LibreOffice write it) or absolute ("/xl/worksheets/sheet1.xml", as openpyxl
// does); "." and ".." resolved. nullopt for a target that climbs out of the
// package or names no file.
std::optional<std::string> resolve_target(std::string_view source, std::string_view target) {
  if (const auto hash = target.find('#'); hash != std::string_view::npos) {
    target = target.substr(0, hash);
  }
  std::string path = target.starts_with('/') ? std::string(target.substr(1))
                                             : std::string(folder_of(source)) + std::string(target);
  std::vector<std::string_view> segments;
  std::string_view rest = path;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (segments.empty()) return std::nullopt;
      segments.pop_back();
    } else {
      segments.push_back(segment);
    }
  }
  if (segments.empty()) return std::nullopt;
  std::string out;
  for (const auto segment : segments) {
    if (!out.empty()) out += '/';
    out += segment;
  }
  return out;
}

class RelationshipsHandler : public XmlHandler {
 public:
  RelationshipsHandler(std::string_view source, std::vector<Relationship>& out)
      : m_source(source), m_out(out) {}

  void start(std::string_view ns, std::string_view local, const XmlAttributes& attrs) override {
    if (ns != k_package_rels_ns || local != "Relationship") return;
    Relationship r;
    r.id = attrs.get("Id").value_or("");
    const std::string_view type = attrs.get("Type").value_or("");
    r.type = type.substr(type.rfind('/') + 1);
    if (attrs.get("TargetMode").value_or("Internal") != "External") {
      r.target = resolve_target(m_source, attrs.get("Target").value_or("")).value_or("");
    }
    m_out.push_back(std::move(r));
  }
  void end(std::string_view, std::string_view) override {}
  void text(std::string_view) override {}

 private:
  std::string_view m_source;
  std::vector<Relationship>& m_out;
};

class WorkbookHandler : public XmlHandler {
 public:
  WorkbookHandler(WorkbookPart& out, Problems& problems, const std::string& part)
      : m_out(out), m_problems(problems), m_part(part) {}

  void start(std::string_view ns, std::string_view local, const XmlAttributes& attrs) override {
    if (!is_main_ns(ns)) return;
    if (local == "workbookPr") {
      if (xsd_true(attrs.get("date1904"))) m_out.date_system = DateSystem::from_1904;
    } else if (local == "sheet") {
      WorkbookPart::SheetEntry sheet;
      const auto name = attrs.get("name");
      std::optional<std::string_view> id;
      for (const auto rel_ns :
           {"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            "http://purl.oclc.org/ooxml/officeDocument/relationships"}) {
        if (!id) id = attrs.get(rel_ns, "id");
      }
      if (!name || name->empty() || !id) {
        m_problems.fatal(clip(m_part) + ": a sheet without a name or a relationship id (r:id)");
      }
      sheet.name = *name;
      sheet.relationship = *id;
      const std::string_view state = attrs.get("state").value_or("visible");
      if (state == "hidden") {
        sheet.state = SheetState::hidden;
      } else if (state == "veryHidden") {
        sheet.state = SheetState::very_hidden;
      } else if (state != "visible") {
        m_problems.sheet(sheet.name, "unknown sheet state \"" + clip(state) +
                                         "\" (visible, hidden or veryHidden); read as visible");
      }
      m_out.sheets.push_back(std::move(sheet));
    }
  }
  void end(std::string_view, std::string_view) override {}
  void text(std::string_view) override {}

 private:
  WorkbookPart& m_out;
  Problems& m_problems;
  const std::string& m_part;
};

// numFmts (custom formats by id) and cellXfs (the formats cells refer to by
// their s attribute); cellStyleXfs, the named styles' formats, are not
// referred to by cells.
class StylesHandler : public XmlHandler {
 public:
  void start(std::string_view ns, std::string_view local, const XmlAttributes& attrs) override {
    if (!is_main_ns(ns)) return;
    if (local == "numFmt" && m_in_num_fmts) {
      if (const auto id = parse_index(attrs.get("numFmtId").value_or(""))) {
        m_custom[*id] = is_date_format_code(attrs.get("formatCode").value_or(""));
      }
    } else if (local == "xf" && m_in_cell_xfs) {
      // A missing or malformed numFmtId is format 0, General.
      m_xf_formats.push_back(parse_index(attrs.get("numFmtId").value_or("0")).value_or(0));
    } else if (local == "numFmts") {
      m_in_num_fmts = true;
    } else if (local == "cellXfs") {
      m_in_cell_xfs = true;
    }
  }
  void end(std::string_view ns, std::string_view local) override {
    if (!is_main_ns(ns)) return;
    if (local == "numFmts") m_in_num_fmts = false;
    if (local == "cellXfs") m_in_cell_xfs = false;
  }
  void text(std::string_view) override {}

  std::vector<bool> date_styles() const {
    std::vector<bool> out;
    out.reserve(m_xf_formats.size());
    for (const auto id : m_xf_formats) {
      const auto custom = m_custom.find(id);
      out.push_back(custom != m_custom.end() ? custom->second : is_builtin_date_format(id));
    }
    return out;
  }

 private:
  bool m_in_num_fmts = false;
  bool m_in_cell_xfs = false;
  std::map<std::uint32_t, bool> m_custom;
  std::vector<std::uint32_t> m_xf_formats;
};

// <si> items: plain (<si><t>) or rich text (<si><r><rPr/><t>…</t></r>…),
// whose runs' text is joined. Phonetic runs (<rPh><t>), the reading of East
// Asian text, are not part of the text.
class SharedStringsHandler : public XmlHandler {
 public:
  SharedStringsHandler(std::vector<std::string>& out, const ReadLimits& limits, Problems& problems)
      : m_out(out), m_limits(limits), m_problems(problems) {}

  void start(std::string_view ns, std::string_view local, const XmlAttributes& attrs) override {
    if (!is_main_ns(ns)) return;
    if (local == "si") {
      m_in_item = true;
      m_item.clear();
    } else if (local == "rPh") {
      ++m_in_phonetic;
    } else if (local == "t" && m_in_item && m_in_phonetic == 0) {
      m_in_text = true;
      m_preserve = attrs.get(k_xml_ns, "space") == "preserve";
      m_raw.clear();
    }
  }
  void end(std::string_view ns, std::string_view local) override {
    if (!is_main_ns(ns)) return;
    if (local == "t" && m_in_text) {
      m_in_text = false;
      m_item += element_text(m_raw, m_preserve);
    } else if (local == "rPh") {
      --m_in_phonetic;
    } else if (local == "si" && m_in_item) {
      m_in_item = false;
      if (m_out.size() >= m_limits.max_shared_strings) {
        m_problems.fatal("the workbook has more shared strings than the limit of " +
                         format_count(m_limits.max_shared_strings));
      }
      m_out.push_back(std::move(m_item));
      m_item.clear();
    }
  }
  void text(std::string_view chars) override {
    if (m_in_text) m_raw += chars;
  }

 private:
  std::vector<std::string>& m_out;
  const ReadLimits& m_limits;
  Problems& m_problems;
  bool m_in_item = false;
  bool m_in_text = false;
  bool m_preserve = false;
  int m_in_phonetic = 0;
  std::string m_item;
  std::string m_raw;
};

}  // namespace

std::string relationships_part(std::string_view part) {
  const std::string_view folder = folder_of(part);
  return std::string(folder) + "_rels/" + std::string(part.substr(folder.size())) + ".rels";
}

std::vector<Relationship> read_relationships(ZipArchive& zip, const std::string& entry,
                                             std::string_view source, const ReadLimits& limits,
                                             Problems& problems) {
  std::vector<Relationship> out;
  RelationshipsHandler handler(source, out);
  parse_part(zip, entry, handler, limits, problems);
  return out;
}

WorkbookPart read_workbook_part(ZipArchive& zip, const std::string& entry, const ReadLimits& limits,
                                Problems& problems) {
  WorkbookPart out;
  WorkbookHandler handler(out, problems, entry);
  parse_part(zip, entry, handler, limits, problems);
  return out;
}

std::vector<bool> read_date_styles(ZipArchive& zip, const std::string& entry,
                                   const ReadLimits& limits, Problems& problems) {
  StylesHandler handler;
  parse_part(zip, entry, handler, limits, problems);
  return handler.date_styles();
}

std::vector<std::string> read_shared_strings(ZipArchive& zip, const std::string& entry,
                                             const ReadLimits& limits, Problems& problems) {
  std::vector<std::string> out;
  SharedStringsHandler handler(out, limits, problems);
  parse_part(zip, entry, handler, limits, problems);
  return out;
}

}  // namespace rplan::parse::xlsx::detail
