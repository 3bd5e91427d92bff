#include "planner/util/atomic_file.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "planner/util/error.hpp"
#include "tests/support/files.hpp"

namespace rplan::util {
namespace {

namespace fs = std::filesystem;
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

}  // namespace
}  // namespace rplan::util
