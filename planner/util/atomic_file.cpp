#include "planner/util/atomic_file.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <random>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

#include "planner/util/error.hpp"

namespace rplan::util {

// The stream's buffer: bytes collect in memory and each full buffer is one
// FileSystem::write. The first failure is kept (its errno) and every later
// write fails, so the stream turns bad and commit() reports it.
class AtomicFile::Buffer : public std::streambuf {
 public:
  Buffer(FileSystem& fs, int fd) : m_fs(fs), m_fd(fd), m_data(k_size) {
    setp(m_data.data(), m_data.data() + m_data.size());
  }

  // Writes what is buffered; 0 or the errno of the first failed write.
  int drain() {
    if (m_error == 0 && pptr() != pbase()) {
      put(pbase(), static_cast<std::size_t>(pptr() - pbase()));
      setp(m_data.data(), m_data.data() + m_data.size());
    }
    return m_error;
  }
  // Whether anything was written to the stream (an empty string counts not).
  bool used() const { return m_used; }

 protected:
  int_type overflow(int_type c) override {
    m_used = true;
    if (drain() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    const auto count = static_cast<std::size_t>(n);
    m_used = m_used || count > 0;
    if (count <= static_cast<std::size_t>(epptr() - pptr())) {
      std::memcpy(pptr(), s, count);
      pbump(static_cast<int>(n));
      return n;
    }
    // Larger than the room left: drain, then keep a small rest or write a large one as is.
    if (drain() != 0) return 0;
    if (count < m_data.size()) return xsputn(s, n);
    put(s, count);
    return m_error == 0 ? n : 0;
  }
  int sync() override { return drain() == 0 ? 0 : -1; }

 private:
  static constexpr std::size_t k_size = std::size_t{1} << 16;

  void put(const char* s, std::size_t n) { m_error = m_fs.write(m_fd, s, n); }

  FileSystem& m_fs;
  int m_fd;
  std::vector<char> m_data;
  int m_error = 0;
  bool m_used = false;
};

namespace {

std::string with_reason(const std::string& what, int err) {
  return err != 0 ? what + " (" + std::strerror(err) + ")" : what;
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

std::filesystem::path folder_of(const std::filesystem::path& target) {
  const std::filesystem::path folder = target.parent_path();
  return folder.empty() ? std::filesystem::path(".") : folder;
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target, FileSystem& fs)
    : m_fs(fs), m_target(std::move(target)), m_out(nullptr) {
  const std::filesystem::path folder = folder_of(m_target);
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) fail("the folder does not exist", 0);
  int err = EEXIST;
  for (int attempt = 0; attempt < 100 && err == EEXIST; ++attempt) {
    m_temp = folder / ("." + m_target.filename().string() + ".tmp-" + temp_suffix());
    err = m_fs.create(m_temp, m_fd);
  }
  if (err != 0) {
    m_fd = -1;
    m_temp.clear();
    fail("cannot create a temporary file", err);
  }
  m_buffer = std::make_unique<Buffer>(m_fs, m_fd);
  m_out.rdbuf(m_buffer.get());
}

AtomicFile::~AtomicFile() {
  if (m_committed) return;
  if (m_fd >= 0) m_fs.close(m_fd);
  if (!m_temp.empty()) m_fs.unlink(m_temp);
}

void AtomicFile::fail(const std::string& what, int err) {
  if (!m_committed) {  // leave nothing behind, now rather than in the destructor
    if (m_fd >= 0) m_fs.close(std::exchange(m_fd, -1));
    if (!m_temp.empty()) m_fs.unlink(m_temp);
    m_temp.clear();
  }
  m_out.setstate(std::ios::badbit);
  throw OutputError("cannot write " + m_target.string() + ": " + with_reason(what, err));
}

void AtomicFile::sync_and_close() {
  if (!m_buffer->used()) {
    // Nothing came through stream(): a library wrote the file by name, and
    // may have replaced it. Sync the file that is there now.
    m_fs.close(std::exchange(m_fd, -1));
    if (const int err = m_fs.open(m_temp, m_fd); err != 0) {
      m_fd = -1;
      fail("the temporary file vanished", err);
    }
  } else if (const int err = m_buffer->drain(); err != 0) {
    fail("write failed", err);
  }
  if (const int err = m_fs.fsync(m_fd); err != 0) fail("fsync failed", err);
  // close(2) can report a failed write (NFS); the descriptor is gone either way.
  if (const int err = m_fs.close(std::exchange(m_fd, -1)); err != 0) fail("close failed", err);
}

void AtomicFile::commit() {
  if (m_committed) return;
  if (m_temp.empty()) fail("it was given up after an earlier failure", 0);
  sync_and_close();
  if (const int err = m_fs.rename(m_temp, m_target); err != 0) fail("rename failed", err);
  m_committed = true;
  // The rename is durable once the folder is synced. A file system that
  // cannot sync folders (EINVAL, ENOTSUP) or a folder that may not be opened
  // for reading (EACCES) is taken as it is.
  const int err = m_fs.fsync_dir(folder_of(m_target));
  if (err != 0 && err != EINVAL && err != ENOTSUP && err != EACCES) {
    throw OutputError("cannot write " + m_target.string() +
                      ": the file was replaced but its folder could not be synced to disk (" +
                      std::strerror(err) + ")");
  }
}

}  // namespace rplan::util
