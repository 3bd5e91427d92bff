#pragma once

// Minimal workbooks made part by part, shaped as Excel writes them, for the
// workbook reader's tests and fuzz seeds: change one part to test one thing.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/planner/parse/zip_builder.hpp"

namespace rplan::testing {

inline const std::string k_main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
inline const std::string k_relationship_ns =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline const std::string k_package_rels_ns =
    "http://schemas.openxmlformats.org/package/2006/relationships";

struct SheetSpec {
  std::string name = "Sheet1";
  std::string state;  // the state attribute, none when empty
  std::string data;   // what <sheetData> holds
};

struct BookSpec {
  std::vector<SheetSpec> sheets = {SheetSpec{}};
  std::vector<std::string> shared;           // each <si>'s content; no sharedStrings.xml when empty
  std::vector<std::uint32_t> formats = {0};  // cellXfs: each xf's numFmtId
  std::string num_fmts;                      // <numFmt numFmtId="164" formatCode="…"/> elements
  bool date1904 = false;
};

inline std::string xml_head() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
}

inline std::string relationship(const std::string& id, const std::string& type,
                                const std::string& target) {
  return "<Relationship Id=\"" + id + "\" Type=\"" + k_relationship_ns + "/" + type +
         "\" Target=\"" + target + "\"/>";
}

inline std::string relationships(const std::string& inside) {
  return xml_head() + "<Relationships xmlns=\"" + k_package_rels_ns + "\">" + inside +
         "</Relationships>";
}

inline std::string package_rels(const std::string& workbook = "xl/workbook.xml") {
  return relationships(relationship("rId1", "officeDocument", workbook));
}

inline std::string workbook_xml(const BookSpec& spec) {
  std::string out =
      xml_head() + "<workbook xmlns=\"" + k_main_ns + "\" xmlns:r=\"" + k_relationship_ns + "\">";
  if (spec.date1904) out += "<workbookPr date1904=\"1\"/>";
  out += "<sheets>";
  for (std::size_t i = 0; i < spec.sheets.size(); ++i) {
    out += "<sheet name=\"" + spec.sheets[i].name + "\" sheetId=\"" + std::to_string(i + 1) + "\"";
    if (!spec.sheets[i].state.empty()) out += " state=\"" + spec.sheets[i].state + "\"";
    out += " r:id=\"rId" + std::to_string(i + 1) + "\"/>";
  }
  return out + "</sheets></workbook>";
}

inline std::string workbook_rels(const BookSpec& spec) {
  std::string inside;
  for (std::size_t i = 0; i < spec.sheets.size(); ++i) {
    inside += relationship("rId" + std::to_string(i + 1), "worksheet",
                           "worksheets/sheet" + std::to_string(i + 1) + ".xml");
  }
  inside += relationship("rIdStyles", "styles", "styles.xml");
  if (!spec.shared.empty())
    inside += relationship("rIdStrings", "sharedStrings", "sharedStrings.xml");
  return relationships(inside);
}

inline std::string sheet_xml(const std::string& data) {
  return xml_head() + "<worksheet xmlns=\"" + k_main_ns + "\"><sheetData>" + data +
         "</sheetData></worksheet>";
}

inline std::string styles_xml(const BookSpec& spec) {
  std::string out = xml_head() + "<styleSheet xmlns=\"" + k_main_ns + "\">";
  if (!spec.num_fmts.empty()) out += "<numFmts>" + spec.num_fmts + "</numFmts>";
  out += "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>";
  for (const auto id : spec.formats) {
    out += "<xf numFmtId=\"" + std::to_string(id) + "\" xfId=\"0\"><alignment/></xf>";
  }
  return out + "</cellXfs></styleSheet>";
}

inline std::string shared_strings_xml(const BookSpec& spec) {
  std::string out = xml_head() + "<sst xmlns=\"" + k_main_ns + "\">";
  for (const auto& item : spec.shared) out += "<si>" + item + "</si>";
  return out + "</sst>";
}

// Every part of the workbook, in the order Excel writes them.
inline std::vector<ZipEntry> book_entries(const BookSpec& spec) {
  std::vector<ZipEntry> out;
  out.push_back({"[Content_Types].xml", xml_head() + "<Types/>"});
  out.push_back({"_rels/.rels", package_rels()});
  out.push_back({"xl/workbook.xml", workbook_xml(spec)});
  out.push_back({"xl/_rels/workbook.xml.rels", workbook_rels(spec)});
  out.push_back({"xl/styles.xml", styles_xml(spec)});
  if (!spec.shared.empty()) out.push_back({"xl/sharedStrings.xml", shared_strings_xml(spec)});
  for (std::size_t i = 0; i < spec.sheets.size(); ++i) {
    out.push_back(
        {"xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", sheet_xml(spec.sheets[i].data)});
  }
  return out;
}

inline std::string zip_of(const std::vector<ZipEntry>& entries) {
  ZipBuilder zip;
  for (const auto& e : entries) zip.add(e);
  return zip.bytes();
}

// The entry named `name` (which must be there).
inline ZipEntry& entry(std::vector<ZipEntry>& entries, const std::string& name) {
  for (auto& e : entries) {
    if (e.name == name) return e;
  }
  throw std::runtime_error("no entry " + name);
}

inline std::string book(const BookSpec& spec) { return zip_of(book_entries(spec)); }

// A workbook of one sheet, Sheet1, holding `data` in its <sheetData>.
inline std::string one_sheet(const std::string& data, std::vector<std::string> shared = {}) {
  BookSpec spec;
  spec.sheets[0].data = data;
  spec.shared = std::move(shared);
  return book(spec);
}

}  // namespace rplan::testing
