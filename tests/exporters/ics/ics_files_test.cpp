// --per-assignee: safe file names and the folder of per-person calendars.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "exporters/ics_export.hpp"
#include "ics_fixture.hpp"
#include "ics_test_support.hpp"
#include "planner/util/error.hpp"
#include "tests/support/files.hpp"

namespace rplan::exporters::testing {
namespace {

namespace fs = std::filesystem;

TEST(IcsFileNameTest, SlugsKeepLettersDigitsDashDotAndUnderscore) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"Ada Lovelace", "ada-lovelace"},
      {"Zoë Müller", "zoe-muller"},
      {"Łukasz Żółć", "lukasz-zolc"},
      {"Straße Æsir Œuvre", "strasse-aesir-oeuvre"},
      {"o'brien_jr.", "o-brien_jr"},
      {"  --Dr. Who?!  ", "dr.-who"},
      {"../../etc/passwd", "etc-passwd"},
      {"..", ""},
      {"李雷", ""},
      {"🚀", ""},
      {"C:\\Users\\x", "c-users-x"},
      {std::string(100, 'a'), std::string(60, 'a')},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(file_slug(c.in), c.out);
  }
}

TEST(IcsFileNameTest, FallsBackToTheEmailThenPersonAndAddsSuffixes) {
  const std::vector<model::Assignee> people = {
      person("李雷", "UTC", "li.lei@example.cn"),
      person("🚀"),
      person("🛸"),
      person("Ada"),
      person("ADA"),
      person("ada!"),
      person("Ada 2"),
      person("Con"),
      person("lpt1"),
      person("../x"),
  };
  EXPECT_EQ(
      calendar_file_names(people),
      (std::vector<std::string>{"li.lei.ics", "person.ics", "person-2.ics", "ada.ics", "ada-2.ics",
                                "ada-3.ics", "ada-2-2.ics", "con-2.ics", "lpt1-2.ics", "x.ics"}));
}

TEST(IcsFileNameTest, OnlyPeopleWithPlannedWorkGetAFile) {
  const auto files = calendar_files(sample_project());
  std::vector<std::string> got;
  for (const auto& f : files) got.push_back(f.assignee + " -> " + f.file_name);
  EXPECT_EQ(got, (std::vector<std::string>{
                     "Ada Lovelace -> ada-lovelace.ics", "Grace Hopper -> grace-hopper.ics",
                     "Linus Pauling -> linus-pauling.ics",
                     "Mere \"Kiwi\" Ngata -> mere-kiwi-ngata.ics", "李雷 -> li.lei.ics"}))
      << "Zoë has no work";
}

class IcsFolderTest : public ::testing::Test {
 protected:
  rplan::testing::TempDir m_temp;
  const fs::path m_dir = m_temp.path();
};

TEST_F(IcsFolderTest, WritesOneFilePerPersonIntoAFolderItCreates) {
  const auto p = sample_project();
  const fs::path folder = m_dir / "calendars";
  const auto written = write_ics_per_assignee(p, ics_options(IcsMode::events), folder);
  ASSERT_EQ(written.size(), 5u);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"ada-lovelace.ics", "grace-hopper.ics", "li.lei.ics",
                                             "linus-pauling.ics", "mere-kiwi-ngata.ics"}));
  EXPECT_EQ(slurp(folder / "ada-lovelace.ics"), ics(p, IcsMode::events, "Ada Lovelace"));
  // Again into the existing folder: the same bytes.
  write_ics_per_assignee(p, ics_options(IcsMode::events), folder);
  EXPECT_EQ(slurp(folder / "ada-lovelace.ics"), ics(p, IcsMode::events, "Ada Lovelace"));
}

TEST_F(IcsFolderTest, AMissingParentOrAFileInTheWayIsAnOutputError) {
  const auto p = sample_project();
  try {
    write_ics_per_assignee(p, ics_options(IcsMode::todos), m_dir / "no" / "such");
    ADD_FAILURE() << "expected an OutputError";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::cant_create);
    EXPECT_NE(std::string(e.what()).find("no/such"), std::string::npos) << e.what();
  }
  std::ofstream(m_dir / "plan.ics") << "x";
  try {
    write_ics_per_assignee(p, ics_options(IcsMode::todos), m_dir / "plan.ics");
    ADD_FAILURE() << "expected an OutputError";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::cant_create);
    EXPECT_NE(std::string(e.what()).find("is not a folder"), std::string::npos) << e.what();
  }
  EXPECT_EQ(slurp(m_dir / "plan.ics"), "x");
}

}  // namespace
}  // namespace rplan::exporters::testing
