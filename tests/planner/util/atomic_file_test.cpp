#include "planner/util/atomic_file.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <barrier>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "planner/util/error.hpp"

namespace rplan::util {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("rplan-atomic-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(m_dir), {}));
  }
  fs::path m_dir;
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

}  // namespace
}  // namespace rplan::util
