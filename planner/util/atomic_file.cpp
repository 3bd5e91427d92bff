#include "planner/util/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>

#include "planner/util/error.hpp"

namespace rplan::util {

namespace {
[[noreturn]] void fail(const std::filesystem::path& target, const std::string& what, int err) {
  throw OutputError("cannot write " + target.string() + ": " + what +
                    (err != 0 ? std::string(" (") + std::strerror(err) + ")" : std::string()));
}

// Six letters or digits for a temporary name, different in every call of
// every thread and process (the file is created exclusively all the same).
std::string temp_suffix() {
  static const std::uint64_t k_seed = std::random_device{}();
  static std::atomic<std::uint64_t> counter{0};
  std::uint64_t x = k_seed ^ (static_cast<std::uint64_t>(::getpid()) << 32) ^
                    (counter.fetch_add(1) * 0x9E3779B97F4A7C15ull);
  x = (x ^ (x >> 31)) * 0xBF58476D1CE4E5B9ull;  // splitmix64's finaliser
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  x ^= x >> 31;
  static constexpr char k_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string s;
  for (int i = 0; i < 6; ++i, x /= 36) s += k_chars[x % 36];
  return s;
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : m_target(std::move(target)) {
  std::filesystem::path folder = m_target.parent_path();
  if (folder.empty()) folder = ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) fail(m_target, "the folder does not exist", 0);
  // Created with mode 0666 and the process umask applied by the system, as
  // any new file: reading the umask (umask(0) and back) races with other
  // threads committing, and one of them could leave it at 0.
  const std::string prefix = (folder / ("." + m_target.filename().string() + ".tmp-")).string();
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    m_temp = prefix + temp_suffix();
    fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) fail(m_target, "cannot create a temporary file", errno);
  ::close(fd);
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
  if (::rename(m_temp.c_str(), m_target.c_str()) != 0) fail(m_target, "rename failed", errno);
  m_committed = true;
}

}  // namespace rplan::util
