#include "planner/util/atomic_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

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

}  // namespace
}  // namespace rplan::util
