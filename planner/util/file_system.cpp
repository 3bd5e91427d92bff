#include "planner/util/file_system.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace rplan::util {

namespace {

class PosixFileSystem final : public FileSystem {
 public:
  int create(const std::filesystem::path& path, int& fd) override {
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    return fd < 0 ? errno : 0;
  }
  int open(const std::filesystem::path& path, int& fd) override {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    return fd < 0 ? errno : 0;
  }
  int write(int fd, const char* data, std::size_t size) override {
    while (size > 0) {
      const ssize_t n = ::write(fd, data, size);
      if (n < 0) {
        if (errno == EINTR) continue;
        return errno;
      }
      data += n;
      size -= static_cast<std::size_t>(n);
    }
    return 0;
  }
  int fsync(int fd) override { return ::fsync(fd) != 0 ? errno : 0; }
  // close(2) is not retried after EINTR: on Linux the descriptor is gone.
  int close(int fd) override { return ::close(fd) != 0 ? errno : 0; }
  int rename(const std::filesystem::path& from, const std::filesystem::path& to) override {
    return std::rename(from.c_str(), to.c_str()) != 0 ? errno : 0;
  }
  int unlink(const std::filesystem::path& path) override {
    return ::unlink(path.c_str()) != 0 ? errno : 0;
  }
  int fsync_dir(const std::filesystem::path& folder) override {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return errno;
    const int err = ::fsync(fd) != 0 ? errno : 0;
    ::close(fd);
    return err;
  }
};

}  // namespace

FileSystem& real_file_system() {
  static PosixFileSystem fs;
  return fs;
}

}  // namespace rplan::util
