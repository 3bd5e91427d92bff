#pragma once

// Where exporters/xlsx_zip_level.cpp passes libxlsxwriter's calls on (for its
// tests). Linked only where the configure step proved the arrangement
// (RPLAN_XLSX_FAST_DEFLATE is then defined to 1 for the users of
// rplan_export_xlsx).
namespace rplan::exporters::xlsx_zip_level {

struct Forwarding {
  const void* self = nullptr;        // the override, zipOpenNewFileInZip4_64 in this program
  const void* next = nullptr;        // dlsym(RTLD_NEXT): the next definition after this program
  const void* dependency = nullptr;  // the definition among libxlsxwriter's own dependencies
  const void* used = nullptr;        // what the override calls: the first of those two found
};

Forwarding forwarding();

}  // namespace rplan::exporters::xlsx_zip_level
