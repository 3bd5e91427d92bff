// The workbook's parts are deflated at zlib's fastest level.
//
// libxlsxwriter packs the workbook with minizip and always asks for zlib's
// default level (6); it has no option for it. At 300,000 tasks that deflate
// is the largest single cost of `rplan run` (3.3 of the xlsx export's 6.7 s).
// Level 1 takes a third of the time for a file about a third larger (37 to
// 49 MB there; a few KB more for a plan of a hundred tasks).
//
// So this program defines minizip's zipOpenNewFileInZip4_64 itself: the
// definition in the executable comes first in the dynamic linker's search,
// libxlsxwriter's call lands here, and this passes it on to minizip's own
// function with the fast level instead of the default one. Nothing else
// changes: the same method, window, memory level and strategy.
//
// Reaching into a dependency like this is allowed only where it is proven
// and cannot fail a workbook (docs/architecture.md, "The workbook's
// compression"):
// - Proven: the configure step builds cmake/probe_xlsx_zip_level.cpp with
//   this file and libxlsxwriter, as rplan links them, runs it, and links this
//   file only when every part of the probe's workbook came out deflated at
//   level 1. Anywhere else (a static or private minizip, another libxlsxwriter)
//   it is left out and workbooks keep the default level.
// - Never fails a workbook: the function called is the one libxlsxwriter's
//   call would reach if this program did not define it. The dynamic linker
//   binds that call to the first definition in the global lookup order; the
//   program is first in that order, and dlsym(RTLD_NEXT) from here returns
//   the first definition after it, which is that same function. Failing that
//   (the override in a module loaded apart), the definition among
//   libxlsxwriter's own dependencies is taken. A call can come here with
//   neither found only in a process where, without this file, the call had
//   no definition to reach at all (the program would not have started);
//   ZIP_INTERNALERROR then makes the writer report it. The xlsx tests check
//   that both lookups find minizip's function, and the level, through the
//   zip's flags.
//
// Linked as an object into every program that links rplan_export_xlsx (a
// member of a static library would not be pulled in: nothing of ours calls
// it) and into the benchmark's xlsx floor, which must do the same work.

#include "exporters/xlsx_zip_level.hpp"

#include <dlfcn.h>
#include <minizip/zip.h>
#include <zlib.h>

#include <initializer_list>

namespace {

using Open = decltype(&zipOpenNewFileInZip4_64);
constexpr const char* k_name = "zipOpenNewFileInZip4_64";

void* self() { return reinterpret_cast<void*>(&zipOpenNewFileInZip4_64); }

void* next_definition() { return dlsym(RTLD_NEXT, k_name); }

// The definition libxlsxwriter's own dependencies hold (found through one of
// its functions), never this program's.
void* dependency_definition() {
  void* const writer_function = dlsym(RTLD_DEFAULT, "workbook_new");
  Dl_info info{};
  if (writer_function == nullptr || dladdr(writer_function, &info) == 0 ||
      info.dli_fname == nullptr) {
    return nullptr;
  }
  void* const writer = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
  if (writer == nullptr) return nullptr;
  void* const definition = dlsym(writer, k_name);
  dlclose(writer);
  return definition;
}

Open resolve() {
  for (void* candidate : {next_definition(), dependency_definition()}) {
    if (candidate != nullptr && candidate != self()) return reinterpret_cast<Open>(candidate);
  }
  return nullptr;
}

Open minizip_open() {
  static const Open open = resolve();
  return open;
}

}  // namespace

extern "C" int zipOpenNewFileInZip4_64(zipFile file, const char* filename,
                                       const zip_fileinfo* zipfi, const void* extrafield_local,
                                       uInt size_extrafield_local, const void* extrafield_global,
                                       uInt size_extrafield_global, const char* comment, int method,
                                       int level, int raw, int windowBits, int memLevel,
                                       int strategy, const char* password, uLong crcForCrypting,
                                       uLong versionMadeBy, uLong flagBase, int zip64) {
  const Open open = minizip_open();
  if (open == nullptr) return ZIP_INTERNALERROR;  // see above: no definition to reach at all
  if (method == Z_DEFLATED && level == Z_DEFAULT_COMPRESSION) level = Z_BEST_SPEED;
  return open(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
              size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy,
              password, crcForCrypting, versionMadeBy, flagBase, zip64);
}

namespace rplan::exporters::xlsx_zip_level {

Forwarding forwarding() {
  return {self(), next_definition(), dependency_definition(),
          reinterpret_cast<const void*>(minizip_open())};
}

}  // namespace rplan::exporters::xlsx_zip_level
