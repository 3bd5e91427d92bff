#pragma once

#include <filesystem>
#include <memory>
#include <ostream>

#include "planner/util/file_system.hpp"

namespace rplan::util {

// Writes a file so that readers see the old content or the complete new
// content, never a mix: data goes to a temporary file beside the target
// (created with mode 0666 less the umask, as any new file), and commit()
// writes out the rest, fsyncs it, renames it over the target and fsyncs the
// folder. Destroying an uncommitted AtomicFile removes the temporary file and
// leaves the target as it was. Throws rplan::OutputError (exit 73) naming the
// target when the folder is missing or not writable, or a write, fsync or
// rename fails; the target then stays as it was and the temporary file is
// removed. Every file operation goes through `fs` (tests pass one that
// fails); AtomicFiles may be used from several threads at once, one each.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target, FileSystem& fs = real_file_system());
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // The stream to write to (binary: "\r\n" is written as given). It is
  // buffered; each full buffer is one FileSystem::write. After a failed
  // write the stream is bad and commit() throws.
  std::ostream& stream() { return m_out; }
  // For libraries that write by file name themselves (libxlsxwriter): the
  // temporary path. Use this or stream(), not both; commit() then syncs the
  // file found under this name and fails when there is none.
  const std::filesystem::path& temp_path() const { return m_temp; }
  const std::filesystem::path& target() const { return m_target; }

  void commit();

 private:
  class Buffer;
  [[noreturn]] void fail(const std::string& what, int err);
  void sync_and_close();

  FileSystem& m_fs;
  std::filesystem::path m_target;
  std::filesystem::path m_temp;
  int m_fd = -1;
  std::unique_ptr<Buffer> m_buffer;
  std::ostream m_out;
  bool m_committed = false;
};

}  // namespace rplan::util
