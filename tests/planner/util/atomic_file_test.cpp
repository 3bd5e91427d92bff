#include "planner/util/atomic_file.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <barrier>
#include <cerrno>
#include <fstream>
#include <map>
#include <thread>
#include <vector>

#include "planner/util/error.hpp"
#include "tests/support/files.hpp"

namespace rplan::util {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;
using rplan::testing::slurp;

class AtomicFileTest : public ::testing::Test {
 protected:
  std::size_t entries() const { return m_temp.entries(); }
  rplan::testing::TempDir m_temp;
  const fs::path m_dir = m_temp.path();
};

TEST_F(AtomicFileTest, CommitReplacesTheTarget) {
  const fs::path target = m_dir / "plan.ics";
  std::ofstream(target) << "old";
  {
    AtomicFile file(target);
    file.stream() << "new\r\n";
    EXPECT_EQ(slurp(target), "old");  // not visible before commit
    file.commit();
  }
  EXPECT_EQ(slurp(target), "new\r\n");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFileTest, AnUncommittedFileLeavesTheTargetAndNoTemporary) {
  const fs::path target = m_dir / "plan.ics";
  std::ofstream(target) << "old";
  {
    AtomicFile file(target);
    file.stream() << "half";
  }
  EXPECT_EQ(slurp(target), "old");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFileTest, AMissingFolderIsAnOutputError) {
  try {
    AtomicFile file(m_dir / "missing" / "plan.ics");
    FAIL() << "expected an error";
  } catch (const OutputError& e) {
    EXPECT_EQ(e.code(), ExitCode::cant_create);
    EXPECT_NE(std::string(e.what()).find("missing/plan.ics"), std::string::npos) << e.what();
  }
}

// Sets the process umask for one test and puts the previous one back.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : m_previous(::umask(mask)) {}
  ~ScopedUmask() { ::umask(m_previous); }
  ScopedUmask(const ScopedUmask&) = delete;
  ScopedUmask& operator=(const ScopedUmask&) = delete;

 private:
  mode_t m_previous;
};

mode_t current_umask() {
  // Reading the umask means setting it; this test runs no other thread now.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

TEST_F(AtomicFileTest, ANewFileHasTheUsualModeOfANewFile) {
  for (const mode_t mask : {mode_t{022}, mode_t{027}, mode_t{077}}) {
    SCOPED_TRACE(mask);
    const ScopedUmask scoped(mask);
    const fs::path target = m_dir / ("mode-" + std::to_string(mask));
    AtomicFile file(target);
    file.stream() << "x";
    file.commit();
    EXPECT_EQ(mode_of(target), 0666 & ~mask);
  }
}

// `run` commits its exports from several threads released together. Every
// file gets 0666 less the umask, and the umask is the same afterwards.
TEST_F(AtomicFileTest, ManyThreadsCommittingAtOnceKeepTheUmask) {
  const ScopedUmask scoped(022);
  constexpr int k_threads = 8;
  constexpr int k_rounds = 150;
  std::barrier start(k_threads);
  std::vector<std::thread> threads;
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < k_rounds; ++round) {
        const fs::path target =
            m_dir / ("export-" + std::to_string(t) + "-" + std::to_string(round));
        AtomicFile file(target);
        file.stream() << "round " << round;
        start.arrive_and_wait();
        file.commit();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(current_umask(), mode_t{022});
  int wrong = 0;
  for (const auto& entry : fs::directory_iterator(m_dir)) {
    if (mode_of(entry.path()) != 0644) ++wrong;
  }
  EXPECT_EQ(wrong, 0) << "files whose mode ignores the umask";
  EXPECT_EQ(entries(), std::size_t{k_threads * k_rounds});
}

// The real file system, with one operation made to fail and every call logged.
class FaultyFileSystem : public FileSystem {
 public:
  // Makes the `nth` call (from 1) of `op`, and every later one, return `err`.
  void fail(std::string op, int err, int nth = 1) {
    m_fail_op = std::move(op);
    m_fail_err = err;
    m_fail_nth = nth;
  }
  // The operations called, in order; repeated writes are logged once.
  std::vector<std::string> log() const { return m_log; }
  int writes() const { return m_writes; }

  int create(const fs::path& path, int& fd) override {
    return call("create", [&] { return real().create(path, fd); });
  }
  int open(const fs::path& path, int& fd) override {
    return call("open", [&] { return real().open(path, fd); });
  }
  int write(int fd, const char* data, std::size_t size) override {
    ++m_writes;
    return call("write", [&] { return real().write(fd, data, size); });
  }
  int fsync(int fd) override {
    return call("fsync", [&] { return real().fsync(fd); });
  }
  int close(int fd) override {
    return call("close", [&] { return real().close(fd); });
  }
  int rename(const fs::path& from, const fs::path& to) override {
    return call("rename", [&] { return real().rename(from, to); });
  }
  int unlink(const fs::path& path) override {
    return call("unlink", [&] { return real().unlink(path); });
  }
  int fsync_dir(const fs::path& folder) override {
    return call("fsync_dir", [&] { return real().fsync_dir(folder); });
  }

 private:
  static FileSystem& real() { return real_file_system(); }
  template <class F>
  int call(const std::string& op, F&& f) {
    if (m_log.empty() || m_log.back() != op || op != "write") m_log.push_back(op);
    if (op == m_fail_op && ++m_seen[op] >= m_fail_nth) {
      // A failed close still releases the descriptor, as close(2) does.
      if (op == "close") f();
      return m_fail_err;
    }
    return f();
  }
  std::string m_fail_op;
  int m_fail_err = 0;
  int m_fail_nth = 1;
  std::map<std::string, int> m_seen;
  std::vector<std::string> m_log;
  int m_writes = 0;
};

TEST_F(AtomicFileTest, CommitSyncsTheFileThenRenamesThenSyncsTheFolder) {
  FaultyFileSystem disk;
  {
    AtomicFile file(m_dir / "plan.ics", disk);
    file.stream() << "BEGIN:VCALENDAR\r\n";
    file.commit();
  }
  const std::vector<std::string> expected = {"create", "write",  "fsync",
                                             "close",  "rename", "fsync_dir"};
  EXPECT_EQ(disk.log(), expected);
}

// A failed write, fsync, close or rename leaves the previous file byte for
// byte, no temporary file, and an error naming the file with the reason the
// failing call gave (not whatever errno held).
TEST_F(AtomicFileTest, AFailureBeforeTheRenameKeepsThePreviousFile) {
  struct Case {
    std::string op;
    int err;
    std::string reason;
  };
  const Case cases[] = {
      {"write", ENOSPC, "No space left on device"},
      {"fsync", EIO, "Input/output error"},
      {"close", EDQUOT, "Disk quota exceeded"},
      {"rename", EXDEV, "Invalid cross-device link"},
  };
  const fs::path target = m_dir / "plan.json";
  const std::string old = "{\"old\": true}\n\0binary\xff"s;
  std::ofstream(target, std::ios::binary) << old;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.op);
    FaultyFileSystem disk;
    disk.fail(c.op, c.err);
    errno = 0;
    try {
      AtomicFile file(target, disk);
      file.stream() << std::string(300000, 'n');  // more than one buffer
      file.commit();
      FAIL() << "expected an error";
    } catch (const OutputError& e) {
      EXPECT_EQ(e.code(), ExitCode::cant_create);
      const std::string message = e.what();
      EXPECT_NE(message.find("cannot write " + target.string()), std::string::npos) << message;
      EXPECT_NE(message.find(c.reason), std::string::npos) << message;
    }
    EXPECT_EQ(slurp(target), old);
    EXPECT_EQ(entries(), 1u) << "a temporary file was left behind";
  }
}

TEST_F(AtomicFileTest, AFailedWriteTurnsTheStreamBad) {
  FaultyFileSystem disk;
  disk.fail("write", ENOSPC);
  AtomicFile file(m_dir / "plan.csv", disk);
  file.stream() << std::string(1 << 20, 'x');
  EXPECT_TRUE(file.stream().bad());
  EXPECT_THROW(file.commit(), OutputError);
  EXPECT_EQ(entries(), 0u);
}

TEST_F(AtomicFileTest, ATemporaryFileThatCannotBeCreatedIsAnOutputError) {
  FaultyFileSystem disk;
  disk.fail("create", EACCES);
  try {
    AtomicFile file(m_dir / "report.html", disk);
    FAIL() << "expected an error";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("report.html"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("Permission denied"), std::string::npos) << e.what();
  }
  EXPECT_EQ(entries(), 0u);
}

// After the rename the new file is in place; a folder that will not sync is
// still an error (the file may not survive a power cut), saying so.
TEST_F(AtomicFileTest, AFolderThatWillNotSyncIsReportedAfterTheRename) {
  const fs::path target = m_dir / "plan.ics";
  FaultyFileSystem disk;
  disk.fail("fsync_dir", EIO);
  AtomicFile file(target, disk);
  file.stream() << "new";
  try {
    file.commit();
    FAIL() << "expected an error";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find(target.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("folder could not be synced"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(slurp(target), "new");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFileTest, AFileSystemThatCannotSyncFoldersIsNoError) {
  FaultyFileSystem disk;
  disk.fail("fsync_dir", EINVAL);
  AtomicFile file(m_dir / "plan.ics", disk);
  file.stream() << "new";
  EXPECT_NO_THROW(file.commit());
  EXPECT_EQ(slurp(m_dir / "plan.ics"), "new");
}

// The seam costs one call per buffer, not per byte.
TEST_F(AtomicFileTest, TheStreamWritesWholeBuffers) {
  FaultyFileSystem disk;
  constexpr int k_bytes = 1 << 20;
  {
    AtomicFile file(m_dir / "checklist.md", disk);
    for (int i = 0; i < k_bytes; ++i) file.stream().put(static_cast<char>('a' + i % 26));
    file.commit();
  }
  EXPECT_EQ(fs::file_size(m_dir / "checklist.md"), std::uintmax_t{k_bytes});
  EXPECT_LE(disk.writes(), 32);
}

// libxlsxwriter writes the temporary file by name, replacing it: commit()
// syncs and renames what is there, and fails when nothing is.
TEST_F(AtomicFileTest, AFileWrittenByNameIsSyncedAndRenamed) {
  FaultyFileSystem disk;
  const fs::path target = m_dir / "plan.xlsx";
  {
    AtomicFile file(target, disk);
    fs::remove(file.temp_path());
    std::ofstream(file.temp_path(), std::ios::binary) << "PK";
    file.commit();
  }
  EXPECT_EQ(slurp(target), "PK");
  EXPECT_EQ(entries(), 1u);
  const std::vector<std::string> expected = {"create", "close",  "open",     "fsync",
                                             "close",  "rename", "fsync_dir"};
  EXPECT_EQ(disk.log(), expected);

  AtomicFile gone(target, disk);
  fs::remove(gone.temp_path());
  try {
    gone.commit();
    FAIL() << "expected an error";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("plan.xlsx"), std::string::npos) << e.what();
  }
  EXPECT_EQ(slurp(target), "PK");
}

}  // namespace
}  // namespace rplan::util
