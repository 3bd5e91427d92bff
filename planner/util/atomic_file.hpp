#pragma once

#include <filesystem>
#include <fstream>

namespace rplan::util {

// Writes a file so that readers see the old content or the complete new
// content, never a mix: data goes to a temporary file beside the target, and
// commit() flushes, fsyncs and renames it over the target. Destroying an
// uncommitted AtomicFile removes the temporary file and leaves the target as
// it was. The temporary file (and so the result) has mode 0666 less the
// umask, as any new file. Throws rplan::OutputError (exit 73) naming the target when the
// folder is missing or not writable, or a write fails.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // The stream to write to (binary mode: "\r\n" is written as given).
  std::ostream& stream() { return m_out; }
  // For libraries that write by file name themselves (libxlsxwriter): the
  // temporary path. Close nothing; commit() checks the file exists.
  const std::filesystem::path& temp_path() const { return m_temp; }
  const std::filesystem::path& target() const { return m_target; }

  void commit();

 private:
  std::filesystem::path m_target;
  std::filesystem::path m_temp;
  std::ofstream m_out;
  bool m_committed = false;
};

}  // namespace rplan::util
