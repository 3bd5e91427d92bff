#pragma once

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "planner/util/error.hpp"

namespace rplan::store::detail {

// Rewords an SQLite failure as the rplan error a user can act on, naming the
// database file: busy -> BusyError (75), read-only -> OutputError (73), a
// full disk or I/O error -> OutputError, the rest -> Error (1).
[[noreturn]] inline void rethrow(const SQLite::Exception& e, const std::filesystem::path& path) {
  const int code = e.getErrorCode();
  const std::string where = path.string();
  switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw BusyError("database " + where +
                      " is busy: another rplan is writing it; try again in a moment");
    case SQLITE_READONLY:
      throw OutputError("database " + where + " is read-only: " + e.what());
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      throw OutputError("cannot write database " + where + ": " + e.what());
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      throw InputError(where + " is not a usable rplan database: " + e.what());
    default:
      throw Error("database " + where + ": " + e.what());
  }
}

// Runs f, rewording any SQLite exception it throws.
template <class F>
auto guarded(const std::filesystem::path& path, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const SQLite::Exception& e) {
    rethrow(e, path);
  }
}

}  // namespace rplan::store::detail
