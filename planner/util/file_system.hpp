#pragma once

#include <cstddef>
#include <filesystem>

namespace rplan::util {

// The file operations util::AtomicFile needs, behind one interface so that
// tests can make any of them fail (as leveldb's Env and ninja's
// DiskInterface). Every call returns 0 on success or the errno value of the
// system call that failed, and never throws. real_file_system() does the real
// thing; implementations must allow calls from several threads at once.
class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Creates `path` for writing, failing (EEXIST) when anything is there; the
  // new file's mode is 0666 less the process umask, applied by the system.
  virtual int create(const std::filesystem::path& path, int& fd) = 0;
  // Opens an existing file for reading (to sync what a library wrote by name).
  virtual int open(const std::filesystem::path& path, int& fd) = 0;
  // Writes all `size` bytes, going on after short writes and interruptions.
  virtual int write(int fd, const char* data, std::size_t size) = 0;
  virtual int fsync(int fd) = 0;
  virtual int close(int fd) = 0;
  // Replaces `to` by `from` in one step (rename(2)).
  virtual int rename(const std::filesystem::path& from, const std::filesystem::path& to) = 0;
  virtual int unlink(const std::filesystem::path& path) = 0;
  // Makes the folder's entries (a rename into it) durable.
  virtual int fsync_dir(const std::filesystem::path& folder) = 0;
};

// The system's file operations (POSIX calls); one instance for the process.
FileSystem& real_file_system();

}  // namespace rplan::util
