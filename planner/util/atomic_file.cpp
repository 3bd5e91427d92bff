#include "planner/util/atomic_file.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "planner/util/error.hpp"

namespace rplan::util {

namespace {
[[noreturn]] void fail(const std::filesystem::path& target, const std::string& what, int err) {
  throw OutputError("cannot write " + target.string() + ": " + what +
                    (err != 0 ? std::string(" (") + std::strerror(err) + ")" : std::string()));
}
}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : m_target(std::move(target)) {
  std::filesystem::path folder = m_target.parent_path();
  if (folder.empty()) folder = ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) fail(m_target, "the folder does not exist", 0);
  std::string pattern = (folder / ("." + m_target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) fail(m_target, "cannot create a temporary file", errno);
  ::close(fd);
  m_temp = pattern;
  m_out.open(m_temp, std::ios::binary | std::ios::trunc);
  if (!m_out) {
    const int err = errno;
    std::filesystem::remove(m_temp, ec);
    fail(m_target, "cannot open a temporary file", err);
  }
}

AtomicFile::~AtomicFile() {
  if (!m_committed) {
    m_out.close();
    std::error_code ec;
    std::filesystem::remove(m_temp, ec);
  }
}

void AtomicFile::commit() {
  if (m_out.is_open()) {
    m_out.flush();
    if (!m_out) fail(m_target, "write failed", errno);
    m_out.close();
  }
  const int fd = ::open(m_temp.c_str(), O_RDONLY);
  if (fd < 0) fail(m_target, "the temporary file vanished", errno);
  const int sync_rc = ::fsync(fd);
  const int sync_err = errno;
  ::close(fd);
  if (sync_rc != 0) fail(m_target, "fsync failed", sync_err);
  // mkstemp creates 0600; give the result the usual permissions of a new file.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::chmod(m_temp.c_str(), 0666 & ~mask);
  if (::rename(m_temp.c_str(), m_target.c_str()) != 0) fail(m_target, "rename failed", errno);
  m_committed = true;
}

}  // namespace rplan::util
