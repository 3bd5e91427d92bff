#include "exporters/xlsx_writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "planner/util/error.hpp"
#include "tests/exporters/xlsx/xlsx_fixtures.hpp"
#include "tests/support/files.hpp"

namespace rplan::exporters {
namespace {

namespace fs = std::filesystem;
using rplan::testing::slurp;

class XlsxWriterTest : public ::testing::Test {
 protected:
  std::size_t entries() const { return m_temp.entries(); }
  rplan::testing::TempDir m_temp;
  const fs::path m_dir = m_temp.path();
};

TEST_F(XlsxWriterTest, WritesAZipWithFiveSheetsAChartNotesAndNoScratchFiles) {
  const fs::path out = m_dir / "plan.xlsx";
  write_xlsx(xlsx::testing::sample_project(), out);
  const std::string bytes = slurp(out);
  ASSERT_GE(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  // Zip entry names are stored uncompressed.
  // Four sheets and the hidden one sync reads; notes on the Tasks headers.
  for (const char* part : {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet5.xml",
                           "xl/charts/chart1.xml", "xl/comments1.xml", "docProps/core.xml"}) {
    EXPECT_NE(bytes.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(entries(), 1u);  // neither the temporary file nor libxlsxwriter's scratch files
}

TEST_F(XlsxWriterTest, ReplacesAPreviousFile) {
  const fs::path out = m_dir / "plan.xlsx";
  std::ofstream(out) << "old";
  write_xlsx(xlsx::testing::sample_project(), out);
  EXPECT_EQ(slurp(out).substr(0, 2), "PK");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(XlsxWriterTest, AnUnchangedPlanWritesTheSameBytes) {
  // The creation date comes from the plan, and libxlsxwriter stamps zip
  // entries with a fixed date: nothing depends on the wall clock.
  const model::Project project = xlsx::testing::sample_project();
  write_xlsx(project, m_dir / "a.xlsx");
  write_xlsx(project, m_dir / "b.xlsx");
  EXPECT_EQ(slurp(m_dir / "a.xlsx"), slurp(m_dir / "b.xlsx"));
}

TEST_F(XlsxWriterTest, AMissingFolderIsAnOutputErrorNamingTheFile) {
  const fs::path out = m_dir / "missing" / "plan.xlsx";
  try {
    write_xlsx(xlsx::testing::sample_project(), out);
    FAIL() << "no error";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find(out.string()), std::string::npos) << e.what();
    EXPECT_EQ(e.code(), ExitCode::cant_create);
  }
}

TEST_F(XlsxWriterTest, AFailedWriteLeavesThePreviousFile) {
  // The target is a folder: the workbook is written, the rename fails.
  const fs::path out = m_dir / "plan.xlsx";
  fs::create_directories(out / "inside");
  EXPECT_THROW(write_xlsx(xlsx::testing::sample_project(), out), OutputError);
  EXPECT_TRUE(fs::is_directory(out / "inside"));
  EXPECT_EQ(entries(), 1u);
}

TEST_F(XlsxWriterTest, AnEmptyProjectStillMakesAWorkbook) {
  const fs::path out = m_dir / "plan.xlsx";
  write_xlsx(model::Project{}, out);
  EXPECT_EQ(slurp(out).substr(0, 2), "PK");
}

}  // namespace
}  // namespace rplan::exporters
