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
// function (the next definition, RTLD_NEXT) with the fast level instead of
// the default one. Nothing else changes: the same method, window, memory
// level and strategy. Where libxlsxwriter carries a private minizip that
// binds its own calls, the call never comes here and the workbook is written
// at the default level, as before (the xlsx tests would say so). See
// docs/architecture.md ("The workbook's compression").
//
// Linked as an object into every program that links rplan_export_xlsx (a
// member of a static library would not be pulled in: nothing of ours calls
// it) and into the benchmark's xlsx floor, which must do the same work.

#include <dlfcn.h>
#include <minizip/zip.h>
#include <zlib.h>

extern "C" int zipOpenNewFileInZip4_64(zipFile file, const char* filename,
                                       const zip_fileinfo* zipfi, const void* extrafield_local,
                                       uInt size_extrafield_local, const void* extrafield_global,
                                       uInt size_extrafield_global, const char* comment, int method,
                                       int level, int raw, int windowBits, int memLevel,
                                       int strategy, const char* password, uLong crcForCrypting,
                                       uLong versionMadeBy, uLong flagBase, int zip64) {
  using Open = decltype(&zipOpenNewFileInZip4_64);
  static const Open minizip_open =
      reinterpret_cast<Open>(dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64"));
  if (minizip_open == nullptr) return ZIP_INTERNALERROR;  // the writer reports the failure
  if (method == Z_DEFLATED && level == Z_DEFAULT_COMPRESSION) level = Z_BEST_SPEED;
  return minizip_open(file, filename, zipfi, extrafield_local, size_extrafield_local,
                      extrafield_global, size_extrafield_global, comment, method, level, raw,
                      windowBits, memLevel, strategy, password, crcForCrypting, versionMadeBy,
                      flagBase, zip64);
}
